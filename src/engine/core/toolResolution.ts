/** What a resolver predicts for one tool: the source, the profile, the region, the keys, the expiry. */
import type { FileKind, Setting, ToolId } from './model';

export type SourceKind =
  'env' | 'static' | 'assume-role' | 'web-identity' | 'sso' | 'login' | 'process' | 'container' | 'none' | 'error';
export type ProfileOrigin = '--profile' | 'AWS_PROFILE' | 'AWS_DEFAULT_PROFILE' | 'default';

/** Where a credential value came from: an environment variable or a line of a file. */
export type ValueOrigin =
  | { readonly kind: 'env'; readonly name: string; readonly value: string }
  | {
      readonly kind: 'file';
      readonly path: string;
      readonly profile: string;
      readonly setting: Setting;
      readonly value: string;
    };

/** The credential values a tool will sign with, when they are known statically. */
export interface CredentialValues {
  readonly accessKeyId?: ValueOrigin;
  readonly secretAccessKey?: ValueOrigin;
  /** The session token the tool sends (botocore prefers the legacy security token). */
  readonly sessionToken?: ValueOrigin;
}

export interface Expiry {
  /** ISO 8601. */
  readonly at: string;
  /** Human-readable origin, e.g. "SSO token cache ~/.aws/sso/cache/0ad3….json (expiresAt)". */
  readonly from: string;
  readonly kind: 'sso-token' | 'env' | 'file-key' | 'cli-cache' | 'login-token';
}

export interface ToolResolution {
  readonly tool: ToolId;
  readonly profile: string;
  readonly profileFrom: ProfileOrigin;
  readonly source: SourceKind;
  /** The file and line that decided the source (the key that made the profile what it is). */
  readonly origin?:
    | { readonly file: FileKind; readonly path: string; readonly line: number; readonly column: number }
    | { readonly env: string };
  /** For botocore-based tools: the provider METHOD name (`shared-credentials-file`, `config-file`, …). */
  readonly method?: string;
  readonly region: string | null;
  readonly regionFrom: string | null;
  /** A region the tool found and refused, so that it has none (the JavaScript SDK: not a host label, "Region not accepted"). */
  readonly regionRefused?: { readonly value: string; readonly from: string };
  readonly expiry?: Expiry;
  /** Why the tool fails before sending a request (source "error"), in the tool's own words. */
  readonly failure: string | null;
  /** For "none": why every link was skipped; for role chains: the chain. Plain text, redacted. */
  readonly steps: readonly string[];
  /** Profiles walked for role chaining, the first being the selected one. */
  readonly chain: readonly string[];
  readonly credentials: CredentialValues;
  /** The access key id read from a token cache (`aws login`), which is neither a file line nor a variable. */
  readonly cacheKeyId?: { readonly path: string; readonly value: string };
}
