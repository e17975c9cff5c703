/**
 * What the live check's parent (the command line, the extension) and its child process
 * (dist/live.js, the one place the AWS SDK runs) say to each other over the IPC channel: a request
 * per profile to check, a few progress events and one outcome for each, as plain JSON, every child
 * message carrying its request's id (a check of many profiles runs several at once in the one
 * child). The child masks the access key id before sending it; the parent redacts every other text
 * before passing it on. The child never exits on its own: the parent ends it (its process group).
 */

/** Parent → child, once per check. */
export interface LiveRequest {
  readonly type: 'check';
  /** Names this check in the child's messages. */
  readonly id: number;
  /** The profile to check (explicit); otherwise the SDK's own selection from the environment. */
  readonly profile?: string;
  /** The region STS is called in (decided by the parent from the diagnosis). */
  readonly region: string;
  /** STS endpoint override: GetCallerIdentity and the chain's own AssumeRole / AssumeRoleWithWebIdentity. */
  readonly endpointUrl?: string;
  /** Whether instance metadata may be contacted (also through `credential_source = Ec2InstanceMetadata`). */
  readonly allowImds: boolean;
  /** The most bytes of a response body the child reads. */
  readonly maxBodyBytes: number;
  /** A backstop for the child's own sockets; the parent's deadline is the one that counts. */
  readonly timeoutMs: number;
}

/** What the child learnt about an error: enough for the pure classification, nothing more. */
export interface ErrorInfo {
  /** The AWS error code (InvalidClientTokenId), else Node's code (ECONNREFUSED), else the error's name. */
  readonly code: string;
  readonly message: string;
  readonly httpStatus?: number;
  /** A network-level cause somewhere in the error's `cause` chain (ECONNREFUSED, ERR_TLS_…, TimeoutError). */
  readonly networkCode?: string;
}

export type Stage = 'credentials' | 'call';

/** Child → parent, each about the check `id`. */
export type ChildMessage = { readonly id: number } &
  /** The request arrived and the SDK is loaded: the parent's deadline starts now. */
  (
    | { readonly type: 'started' }
    /** The chain resolved credentials (the key id masked). */
    | { readonly type: 'credentials'; readonly keyId: string; readonly expiration?: string }
    /** The URL GetCallerIdentity is sent to. */
    | { readonly type: 'endpoint'; readonly url: string }
    | { readonly type: 'done'; readonly outcome: LiveOutcome }
  );

export interface LiveOutcome {
  /** What STS answered, unvalidated (the parent checks the shape), or the error and where it happened. */
  readonly result:
    | { readonly kind: 'identity'; readonly account?: string; readonly arn?: string; readonly userId?: string }
    | { readonly kind: 'error'; readonly stage: Stage; readonly error: ErrorInfo };
  /** The HTTP status and Date header of STS's response, when there was one. */
  readonly response?: { readonly status: number; readonly date?: string; readonly contentType?: string };
  /** The body was cut off at `maxBodyBytes`. */
  readonly bodyTooLarge?: boolean;
  /** Instance metadata hosts the child refused to connect to (instance metadata not allowed). */
  readonly refusedMetadata?: readonly string[];
  /** The credential chain's debug trace (unredacted: the parent redacts what it uses). */
  readonly debug: readonly string[];
  /** The child's peak resident set size, in bytes. */
  readonly maxRssBytes: number;
}
