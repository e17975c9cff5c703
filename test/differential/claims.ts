/**
 * What each finding's message claims about the real tools, as checks against what the real tools
 * did (runOracles.ts): which tool fails and with what words, which one ignores a line, reads what
 * value, uses which credentials, calls which endpoint. Every finding code is here (CLAIMS), or in
 * UNTESTABLE with the reason no tool run here can show it.
 *
 * General on purpose: the checks take their parameters from the finding itself (its tools, its
 * line, the profile and values its message names) and from the scenario's files and variables, not
 * from a particular fixture, so any home can be checked:
 *
 *   const d = diagnose(...);                                 // the engine on a scenario's home
 *   const runs = await runOracles(claimScenarios(scenario, d.findings));
 *   const verdicts = checkClaims(scenario, d, runs);         // one verdict per finding
 *
 * test/differential/claims.test.ts runs it over every finding fixture.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { Diagnosis } from '../../src/engine/findings/diagnosis';
import type { Finding } from '../../src/engine/findings/findings';
import { FINDING_DOCS } from '../../src/engine/findings/findingDocs';
import { FindingCode as C } from '../../src/engine/findings/findings';
import type { ToolId } from '../../src/engine/core/model';
import { TOOL_IDS, TOOL_LABELS } from '../../src/engine/core/model';
import { KNOWN_KEY_READERS, NESTED_KEY_READERS } from '../../src/engine/core/knownKeys.generated';
import { shellOnlySyntax } from '../../src/engine/core/text';
import { sectionAt } from '../../src/extension/presentation/findingScope';
import { diagnose } from '../../src/engine/diagnose';
import type { ToolVersions } from '../../src/engine/core/toolVersions';
import { parseToolVersions } from '../../src/engine/core/toolVersions';
import { engineInput, materialise } from '../support/fixtureHome';
import { oracleToolVersions, runOracles } from './runOracles';
import type { OracleResult, ParsedFile, ProbeValue, Scenario, ScenarioProbe } from './scenario';
import { SECRET_KEY_NAME } from './scenario';

export type ToolRuns = Partial<Record<ToolId, OracleResult>>;

/** One claim of a message, and whether the real tools bore it out. */
export interface ClaimCheck {
  readonly claim: string;
  readonly ok: boolean;
  /** What the tool really did (its words, the value it read), when that says more than ok. */
  readonly evidence: string;
}

export interface ClaimVerdict {
  readonly finding: Finding;
  readonly checks: readonly ClaimCheck[];
  /** Set when the code's claims cannot be tested here (UNTESTABLE). */
  readonly untestable?: string;
}

/** sha256:<16 hex>, as the oracles show a secret (jsOracle.cjs, oracle_common.py). */
export function fingerprint(value: string): string {
  return `sha256:${createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 16)}`;
}

const SECRET_KEY = new RegExp(SECRET_KEY_NAME, 'i');
/** A value as a probe shows it for `key`. */
export function shown(key: string, value: string): string {
  return SECRET_KEY.test(key) ? fingerprint(value) : value;
}

/** The line a finding sits on, as written: its section and, for an entry, its key and value. */
interface FindingLine {
  readonly text: string;
  /** The section header's inner text (`profile dev`, `default`, `sso-session corp`). */
  readonly section?: string;
  readonly key?: string;
  readonly value?: string;
  readonly delimiter?: '=' | ':';
}

/** The section name a probe uses for a section header of a file of this kind. */
function probeSection(kind: 'config' | 'credentials', tool: ToolId, inner: string): string {
  if (kind === 'credentials') {
    // The JavaScript SDK's parser turns "[profile x]" into "profile.x" in any file.
    const m = /^(profile|sso-session|services)\s+(\S+)$/.exec(inner);
    return tool === 'node' && m ? `${m[1]}.${m[2]}` : inner;
  }
  const m = /^profile\s+(.+)$/.exec(inner.trim());
  if (m) return m[1];
  const s = /^(sso-session|services)\s+(.+)$/.exec(inner.trim());
  return s ? `${s[1]}.${s[2]}` : inner.trim();
}

class Run {
  readonly checks: ClaimCheck[] = [];
  constructor(
    readonly f: Finding,
    readonly d: Diagnosis,
    readonly scenario: Scenario,
    readonly base: ToolRuns,
    private readonly variants: ReadonlyMap<string, ToolRuns>,
  ) {}

  /** The variables the engine saw (the scenario's, with the engine's home filled in). */
  get env(): Readonly<Record<string, string | undefined>> {
    return this.d.input.env;
  }

  variant(name: string): ToolRuns {
    const v = this.variants.get(name);
    if (!v) throw new Error(`claims: no results for variant ${name} of ${this.f.code}`);
    return v;
  }

  expect(claim: string, ok: boolean, evidence = ''): void {
    this.checks.push({ claim, ok, evidence });
  }

  /** The message names these tools ("botocore and the AWS CLI", …): the finding's own tools among them. */
  among(tools: readonly ToolId[]): ToolId[] {
    return tools.filter((t) => this.f.tools.includes(t));
  }

  line(): FindingLine {
    if (!this.f.file || this.f.line === null) throw new Error(`claims: ${this.f.code} has no line`);
    const lines = fs
      .readFileSync(this.f.file, 'utf8')
      .replace(/^\ufeff/, '')
      .split(/\r?\n/);
    const text = lines[this.f.line - 1] ?? '';
    let section: string | undefined;
    for (let i = this.f.line - 1; i >= 0; i--) {
      const h = /^\s*\[([^\]]*)\]/.exec(lines[i]);
      if (h && i < this.f.line - 1) {
        section = h[1].trim();
        break;
      }
      if (h && i === this.f.line - 1) {
        section = h[1].trim();
        return { text, section };
      }
    }
    const e = /^\s*([^=:\s[][^=:]*?)\s*([=:])\s*(.*?)\s*$/.exec(text);
    return e ? { text, section, key: e[1], value: e[3], delimiter: e[2] as '=' | ':' } : { text, section };
  }

  fileKind(): 'config' | 'credentials' {
    return (
      this.f.fileKind ??
      (this.f.file === this.d.pyView.credentials.path || this.f.file === this.d.nodeView.credentials.path
        ? 'credentials'
        : 'config')
    );
  }

  /** What a tool read in a file: its sections, or the error that kept it from reading the file. */
  parsed(runs: ToolRuns, tool: ToolId, kind: 'config' | 'credentials'): ParsedFile | { error: string } | undefined {
    return runs[tool]?.probe?.[kind];
  }

  /** The value a tool read for `key` in the section of the finding's line, `undefined` when it has none, or the file's error. */
  read(
    runs: ToolRuns,
    tool: ToolId,
    key: string,
    section = this.line().section ?? '',
    kind = this.fileKind(),
  ): ProbeValue | undefined | { error: string } {
    const p = this.parsed(runs, tool, kind);
    if (!p) return { error: 'no probe' };
    if ('error' in p && typeof p.error === 'string') return { error: p.error };
    const s = (p as ParsedFile)[probeSection(kind, tool, section)];
    return s?.[key];
  }

  // ------------------------------------------------------------------ what the tools did

  /** Each tool fails, in words matching `words`. */
  fails(tools: readonly ToolId[], words: RegExp, runs = this.base, claim = `fails with ${words.source}`): void {
    for (const t of tools) {
      const r = runs[t];
      this.expect(`${TOOL_LABELS[t]} ${claim}`, r?.source === 'error' && words.test(r.error ?? ''), describeRun(r));
    }
  }

  /** Each tool ends with no credentials at all (the JavaScript SDK's "Could not load credentials from any providers"). */
  findsNothing(tools: readonly ToolId[], runs = this.base, claim = 'finds no credentials'): void {
    for (const t of tools) this.expect(`${TOOL_LABELS[t]} ${claim}`, runs[t]?.source === 'none', describeRun(runs[t]));
  }

  uses(tools: readonly ToolId[], source: string | RegExp, runs = this.base, claim = `uses ${String(source)}`): void {
    for (const t of tools) {
      const s = runs[t]?.source ?? '';
      this.expect(
        `${TOOL_LABELS[t]} ${claim}`,
        typeof source === 'string' ? s === source : source.test(s),
        describeRun(runs[t]),
      );
    }
  }

  signsWith(
    tools: readonly ToolId[],
    keyId: string,
    runs = this.base,
    claim = `signs with the access key …${keyId.slice(-4)}`,
  ): void {
    for (const t of tools) {
      const shownKey = keyLast4(runs[t]);
      this.expect(`${TOOL_LABELS[t]} ${claim}`, shownKey !== null && keyId.endsWith(shownKey), describeRun(runs[t]));
    }
  }

  jsLog(words: RegExp, runs = this.base): boolean {
    const log = (runs.node?.detail as { log?: string[] } | undefined)?.log ?? [];
    return log.some((l) => words.test(l));
  }
}

function keyLast4(r: OracleResult | undefined): string | null {
  const k = (r?.detail as { accessKeyIdLast4?: string | null } | undefined)?.accessKeyIdLast4 ?? null;
  return k === null ? null : k.replace(/^\*+/, '').trim();
}

function describeRun(r: OracleResult | undefined): string {
  if (!r) return 'not run';
  const key = keyLast4(r);
  return `profile ${JSON.stringify(r.profile)}, ${r.source}${key ? ` …${key}` : ''}, region ${JSON.stringify(r.region)}${r.error ? `: ${r.error.split('\n').filter(Boolean).pop()}` : ''}`;
}

const BOTOCORE: readonly ToolId[] = ['python', 'cli'];
const LOCAL_URL = /^[a-z]+:\/\/(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])(?::\d+)?(?:\/|$)/i;
const PROFILE_NAME = /[Pp]rofile "([^"]*)"/;
const quoted = (message: string, after: RegExp): string | undefined =>
  new RegExp(`${after.source}\\s*\\(?"([^"]+)"`).exec(message)?.[1];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const words = (s: string) => new RegExp(escape(s));

/** A part of the scenario to change for a variant (files are added or replaced; env replaces). */
export interface VariantChange {
  readonly env?: Readonly<Record<string, string>>;
  readonly files?: Scenario['files'];
  readonly explicitProfile?: string;
  readonly probe?: ScenarioProbe;
  /** The directory the tools run in, relative to HOME; null: an empty directory outside HOME. */
  readonly cwd?: string | null;
}

export interface ClaimSpec {
  /** Probes the check needs beside the base ones (files; endpoints of services the finding names). */
  readonly probe?: (f: Finding, d: Diagnosis) => ScenarioProbe;
  /** Other runs the claims need, by name: the same home with something changed. */
  readonly variants?: (f: Finding, d: Diagnosis, s: Scenario) => Record<string, VariantChange>;
  readonly check: (r: Run) => void;
}

const toolsNamed = (message: string): ToolId[] => TOOL_IDS.filter((t) => message.includes(TOOL_LABELS[t]));
const envKeys = (key = 'AKIAIOSFODNN7CLAIMSX', secret = 'claimsVariantSecretKey000000000000000000') => ({
  AWS_ACCESS_KEY_ID: key,
  AWS_SECRET_ACCESS_KEY: secret,
});

/** What a profile resolves to, in the words of MIXED_CREDENTIAL_TYPES and LOGIN_MIXED_CREDENTIALS, as an oracle source. */
const SOURCE_WORDS: Readonly<Record<string, RegExp>> = {
  'the static keys': /^static$/,
  'the role (role_arn)': /^assume-role$/,
  SSO: /^sso$/,
  credential_process: /^process$/,
  'web identity': /^web-identity$/,
  nothing: /^(none|error)$/,
  fails: /^error$/,
};

export const CLAIMS: Partial<Record<C, ClaimSpec>> = {
  // ------------------------------------------------------------------ session tokens
  [C.StaleSessionToken]: {
    check: (r) => {
      const name = r.f.env!;
      for (const t of r.among(TOOL_IDS)) {
        // The JavaScript SDK reads only AWS_SESSION_TOKEN.
        const token = name === 'AWS_SESSION_TOKEN' || t !== 'node' ? r.env[name] : undefined;
        r.signsWith([t], r.env.AWS_ACCESS_KEY_ID!);
        r.expect(
          `${TOOL_LABELS[t]} sends ${name} with the long-term key`,
          token !== undefined && r.base[t]?.probe?.token === fingerprint(token),
          `token ${r.base[t]?.probe?.token}`,
        );
      }
    },
  },
  [C.ProfileStaleSessionToken]: {
    check: (r) => {
      const { key, value } = r.line();
      const users = r.f.severity === 'error' ? r.f.tools : [];
      for (const t of users)
        r.expect(
          `${TOOL_LABELS[t]} signs with the AKIA key and sends ${key}`,
          r.base[t]?.probe?.token === fingerprint(value!),
          `token ${r.base[t]?.probe?.token}`,
        );
      for (const t of TOOL_IDS)
        r.expect(
          `${TOOL_LABELS[t]} reads ${key}`,
          r.read(r.base, t, key!.toLowerCase()) === fingerprint(value!) ||
            (t === 'node' && r.read(r.base, t, key!) === fingerprint(value!)),
          JSON.stringify(r.read(r.base, t, key!)),
        );
    },
  },
  [C.SessionTokenWithoutKeys]: {
    variants: () => ({ keys: { env: envKeys() } }),
    check: (r) => {
      const name = r.f.env!;
      for (const t of TOOL_IDS)
        r.expect(
          `${TOOL_LABELS[t]} ignores the lone ${name}`,
          r.base[t]?.source !== 'env' && r.base[t]?.source !== 'error',
          describeRun(r.base[t]),
        );
      const keys = r.variant('keys');
      for (const t of TOOL_IDS) {
        if (t === 'node' && name !== 'AWS_SESSION_TOKEN') continue;
        r.expect(
          `${TOOL_LABELS[t]} sends ${name} with the next long-term keys exported`,
          keys[t]?.source === 'env' && keys[t]?.probe?.token === fingerprint(r.env[name]!),
          `${describeRun(keys[t])}, token ${keys[t]?.probe?.token}`,
        );
      }
    },
  },
  [C.TemporaryKeyWithoutToken]: {
    check: (r) => {
      if (r.f.env) {
        r.signsWith(r.f.tools, r.env.AWS_ACCESS_KEY_ID!);
        for (const t of r.f.tools)
          r.expect(
            `${TOOL_LABELS[t]} sends no session token`,
            r.base[t]?.probe?.token === null,
            `token ${r.base[t]?.probe?.token}`,
          );
        return;
      }
      const { value } = r.line();
      const users = r.f.severity === 'error' ? r.f.tools : [];
      r.signsWith(users, value!);
      for (const t of users)
        r.expect(
          `${TOOL_LABELS[t]} sends no session token`,
          r.base[t]?.probe?.token === null,
          `token ${r.base[t]?.probe?.token}`,
        );
    },
  },
  [C.SecurityTokenMismatch]: {
    check: (r) => {
      if (r.f.env) {
        for (const t of BOTOCORE)
          r.expect(
            `${TOOL_LABELS[t]} sends AWS_SECURITY_TOKEN`,
            r.base[t]?.probe?.token === fingerprint(r.env.AWS_SECURITY_TOKEN!),
            `token ${r.base[t]?.probe?.token}`,
          );
        r.expect(
          'the JavaScript SDK sends AWS_SESSION_TOKEN',
          r.base.node?.probe?.token === fingerprint(r.env.AWS_SESSION_TOKEN!),
          `token ${r.base.node?.probe?.token}`,
        );
        return;
      }
      const security = r.line().value!;
      const profile = PROFILE_NAME.exec(r.f.message)![1];
      const session = r.read(r.base, 'python', 'aws_session_token');
      const used = r.f.severity === 'error';
      for (const t of BOTOCORE)
        if (used)
          r.expect(
            `${TOOL_LABELS[t]} sends aws_security_token of profile ${profile}`,
            r.base[t]?.probe?.token === fingerprint(security),
            `token ${r.base[t]?.probe?.token}`,
          );
      if (used)
        r.expect(
          'the JavaScript SDK sends aws_session_token',
          r.base.node?.probe?.token === session,
          `token ${r.base.node?.probe?.token}, aws_session_token ${JSON.stringify(session)}`,
        );
    },
  },
  // ------------------------------------------------------------------ environment
  [C.EnvKeysShadowProfile]: {
    check: (r) => {
      const node = r.base.node;
      r.expect(
        'the JavaScript SDK uses the profile, not the environment keys',
        node?.source !== 'env' &&
          node?.profile === r.env.AWS_PROFILE &&
          keyLast4(node) !== r.env.AWS_ACCESS_KEY_ID!.slice(-4),
        describeRun(node),
      );
      if (/which gives it no credentials/.test(r.f.message)) r.findsNothing(['node']);
      const envTools = r
        .among(['python', 'cli'])
        .filter(() => !/the other tools do not use the keys either/.test(r.f.message));
      r.uses(envTools, 'env');
      r.signsWith(envTools, r.env.AWS_ACCESS_KEY_ID!);
      const profileRegion = r.read(r.base, 'python', 'region', `profile ${r.env.AWS_PROFILE}`, 'config');
      if (typeof profileRegion === 'string' && !r.env.AWS_REGION && !r.env.AWS_DEFAULT_REGION) {
        for (const t of envTools)
          r.expect(
            `${TOOL_LABELS[t]} takes the region from the profile`,
            r.base[t]?.region === profileRegion,
            describeRun(r.base[t]),
          );
      }
    },
  },
  [C.DefaultProfileVariable]: {
    check: (r) => {
      for (const m of r.f.message.matchAll(
        /(JavaScript SDK v3|botocore \(boto3, AWS CLI v1\)|AWS CLI v2) uses "([^"]*)"/g,
      )) {
        const t = TOOL_IDS.find((x) => TOOL_LABELS[x] === m[1])!;
        r.expect(`${m[1]} uses profile "${m[2]}"`, r.base[t]?.profile === m[2], describeRun(r.base[t]));
      }
      const dp = r.env.AWS_DEFAULT_PROFILE!;
      r.expect('botocore uses AWS_DEFAULT_PROFILE', r.base.python?.profile === dp, describeRun(r.base.python));
      r.expect(
        'the JavaScript SDK never reads AWS_DEFAULT_PROFILE',
        r.base.node?.profile === (r.env.AWS_PROFILE || 'default'),
        describeRun(r.base.node),
      );
      r.expect(
        `AWS CLI v2 uses ${r.env.AWS_PROFILE ? 'AWS_PROFILE' : 'AWS_DEFAULT_PROFILE'}`,
        r.base.cli?.profile === (r.env.AWS_PROFILE || dp),
        describeRun(r.base.cli),
      );
    },
  },
  [C.RegionVariablesDisagree]: {
    check: (r) => {
      const ar = r.env.AWS_REGION!;
      const dr = r.env.AWS_DEFAULT_REGION;
      for (const t of ['node', 'cli'] as const)
        r.expect(`${TOOL_LABELS[t]} uses AWS_REGION`, r.base[t]?.region === ar, describeRun(r.base[t]));
      r.expect(
        `botocore ignores AWS_REGION${dr ? ' and uses AWS_DEFAULT_REGION' : ''}`,
        dr ? r.base.python?.region === dr : r.base.python?.region !== ar,
        describeRun(r.base.python),
      );
    },
  },
  [C.ProfileNotFound]: {
    variants: () => ({ keys: { env: envKeys() } }),
    check: (r) => {
      const name = PROFILE_NAME.exec(r.f.message)![1];
      for (const runs of [r.base, r.variant('keys')]) {
        const also = runs === r.base ? '' : ', even with environment keys set';
        r.fails(
          r.among(BOTOCORE),
          words(`The config profile (${name}) could not be found`),
          runs,
          `stops: profile not found${also}`,
        );
        if (r.f.tools.includes('node'))
          r.findsNothing(['node'], runs, `skips its environment keys and finds no credentials${also}`);
      }
    },
  },
  [C.EmptyProfileVariable]: {
    check: (r) => {
      r.expect('the JavaScript SDK uses "default"', r.base.node?.profile === 'default', describeRun(r.base.node));
      r.fails(r.f.tools, /The config profile \(\) could not be found/);
    },
  },
  [C.PartialEnvKeys]: {
    check: (r) => {
      if (r.f.env === 'AWS_ACCESS_KEY_ID') {
        if (r.f.severity === 'error')
          r.fails(r.f.tools, /Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY/);
        r.expect(
          'the JavaScript SDK skips the environment and goes on',
          r.base.node?.source !== 'env' && r.base.node?.source !== 'error',
          describeRun(r.base.node),
        );
      } else {
        for (const t of TOOL_IDS)
          r.expect(
            `${TOOL_LABELS[t]} ignores AWS_SECRET_ACCESS_KEY`,
            r.base[t]?.source !== 'env' && !/Partial credentials/.test(r.base[t]?.error ?? ''),
            describeRun(r.base[t]),
          );
      }
    },
  },
  [C.FileVariableMissingFile]: {
    variants: (f) => {
      const file =
        f.env === 'AWS_CONFIG_FILE'
          ? ['.aws/config', '[default]\nregion = ap-south-2\n']
          : [
              '.aws/credentials',
              `[default]\naws_access_key_id = ${envKeys().AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${envKeys().AWS_SECRET_ACCESS_KEY}\n`,
            ];
      return { home: { files: { [file[0]]: { text: file[1] } } } };
    },
    check: (r) => {
      const kind = r.f.env === 'AWS_CONFIG_FILE' ? 'config' : 'credentials';
      const home = r.variant('home');
      for (const t of TOOL_IDS) {
        const p = r.parsed(r.base, t, kind);
        r.expect(
          `${TOOL_LABELS[t]} reads no ${kind} file`,
          !!p &&
            (('error' in p && /could not be found|ConfigNotFound/.test(String(p.error))) ||
              Object.keys(p).length === 0),
          JSON.stringify(p),
        );
        r.expect(
          `${TOOL_LABELS[t]} ignores ~/.aws/${kind}`,
          kind === 'config'
            ? home[t]?.region !== 'ap-south-2'
            : keyLast4(home[t]) !== envKeys().AWS_ACCESS_KEY_ID.slice(-4),
          describeRun(home[t]),
        );
      }
    },
  },
  [C.FileVariableNotExpanded]: {
    check: (r) => {
      const kind = r.f.env === 'AWS_CONFIG_FILE' ? 'config' : 'credentials';
      const jsMissing = /the JavaScript SDK[^;]*\(missing\)/.test(r.f.message);
      const pyMissing = /botocore and the AWS CLI[^.]*\(missing\)/.test(r.f.message);
      const empty = (p: ParsedFile | { error: string } | undefined) =>
        !p || 'error' in p || Object.keys(p).length === 0;
      r.expect(
        `the JavaScript SDK opens another ${kind} file${jsMissing ? ', which is missing' : ''}`,
        jsMissing === empty(r.parsed(r.base, 'node', kind)),
        JSON.stringify(r.parsed(r.base, 'node', kind)),
      );
      for (const t of BOTOCORE)
        r.expect(
          `${TOOL_LABELS[t]} expands the variable${pyMissing ? '' : ' and reads the file'}`,
          pyMissing === empty(r.parsed(r.base, t, kind)),
          JSON.stringify(r.parsed(r.base, t, kind)),
        );
    },
  },
  // ------------------------------------------------------------------ expiry
  [C.SsoTokenExpired]: {
    check: (r) => {
      for (const [t, q] of toolQuotes(r.f.message, /fail before sending a request \(/))
        r.fails([t], words(q), r.base, `fails: "${q}"`);
    },
  },
  [C.SsoTokenExpiring]: {
    check: (r) => r.uses(r.f.tools, 'sso', r.base, 'still uses the SSO login'),
  },
  [C.SsoTokenTooCloseToRefresh]: {
    check: (r) => {
      r.fails(['node'], words(quoted(r.f.message, /already refuses it/)!));
      r.uses(['python', 'cli'], 'sso', r.base, 'still uses the login');
    },
  },
  [C.SsoExpiredCachedRoleValid]: {
    check: (r) => {
      r.uses(['cli'], 'sso', r.base, 'keeps working from its cached role credentials');
      r.uses(['node', 'python'], 'error', r.base, 'fails now');
    },
  },
  [C.SsoCacheTooDeep]: {
    check: (r) => {
      const said = /RecursionError "([^"]+)"/.exec(r.f.message)![1];
      r.fails(r.among(BOTOCORE), words(said), r.base, `stops with RecursionError "${said}"`);
      if (/the JavaScript SDK reads it/.test(r.f.message)) r.uses(r.among(['node']), 'sso', r.base, 'reads it');
    },
  },
  [C.SsoTokenExpiryUnparseable]: {
    check: (r) => {
      const dateutil = /dateutil: "([^"]+)"/.exec(r.f.message)![1];
      r.fails(r.among(BOTOCORE), words(dateutil), r.base, `fails: "${dateutil}"`);
      if (/tries to refresh the token/.test(r.f.message))
        r.fails(['node'], /[Rr]efresh/, r.base, 'tries to refresh the token (and fails)');
      if (/sends the token as if it never expired/.test(r.f.message))
        r.uses(['node'], 'sso', r.base, 'uses the token as if it never expired');
    },
  },
  [C.SsoTokenMissing]: {
    check: (r) => {
      for (const [t, q] of toolQuotes(r.f.message, /fail before sending anything \(/))
        r.fails([t], words(q), r.base, `fails: "${q}"`);
    },
  },
  [C.EnvCredentialsExpired]: {
    check: (r) => {
      r.fails(r.among(BOTOCORE), /refreshed credentials are still expired/);
      r.uses(r.among(['node']), 'env', r.base, 'sends them anyway');
    },
  },
  [C.EnvExpirationUnparseable]: {
    check: (r) => {
      r.fails(BOTOCORE, /Unknown string format/);
      r.uses(['node'], 'env', r.base, 'ignores it and uses the keys');
    },
  },
  [C.ProfileCredentialsExpired]: {
    check: (r) => {
      const { key } = r.line();
      r.expect(
        `no tool reads ${key}`,
        (KNOWN_KEY_READERS[key!.toLowerCase()] ?? []).length === 0,
        JSON.stringify(KNOWN_KEY_READERS[key!.toLowerCase()]),
      );
      if (r.f.severity === 'error')
        r.uses(r.f.tools, /^(static|env|assume-role)$/, r.base, 'still sends the credentials');
    },
  },
  [C.CredentialsExpiring]: {
    check: (r) => {
      const at = Date.parse(/expire in .*?, at (\S+) \(from/.exec(r.f.message)![1]);
      for (const t of r.f.tools) {
        const e = r.base[t]?.probe?.expiry;
        r.expect(
          `${TOOL_LABELS[t]} holds credentials that expire at ${new Date(at).toISOString()}`,
          !!e && Math.abs(Date.parse(e) - at) < 1000,
          `expiry ${e}`,
        );
      }
    },
  },
  // ------------------------------------------------------------------ how the files are written
  [C.ProfilePrefixInCredentials]: {
    check: (r) => {
      const name = /is not the profile "([^"]*)"/.exec(r.f.message)![1];
      const js = r.parsed(r.base, 'node', 'credentials') as ParsedFile;
      r.expect(
        `the JavaScript SDK sees a section "profile.${name}", none named "${name}"`,
        !!js?.[`profile.${name}`] && !js[name],
        Object.keys(js ?? {}).join(', '),
      );
      for (const t of BOTOCORE) {
        const p = r.parsed(r.base, t, 'credentials') as ParsedFile;
        r.expect(
          `${TOOL_LABELS[t]} sees a profile "profile ${name}", none named "${name}"`,
          !!p?.[`profile ${name}`] && !p[name],
          Object.keys(p ?? {}).join(', '),
        );
      }
    },
  },
  [C.MissingProfilePrefix]: {
    check: (r) => {
      const name = r.line().section!;
      for (const t of TOOL_IDS) {
        const p = r.parsed(r.base, t, 'config') as ParsedFile;
        r.expect(
          `${TOOL_LABELS[t]} has no profile "${name}"`,
          !!p && !('error' in p) && !p[name],
          Object.keys(p ?? {}).join(', '),
        );
      }
    },
  },
  [C.DefaultProfileTwice]: {
    check: (r) => {
      const later = r.line();
      const text = fs.readFileSync(r.f.file!, 'utf8');
      const sections = sectionsOf(text);
      const profileDefault = sections.find((s) => /^profile\s+default$/.test(s.name));
      const plain = sections.find((s) => s.name === 'default');
      const pick = (want: typeof plain) => (p: ParsedFile | { error: string } | undefined) =>
        !!p && !('error' in p) && Object.entries(want!.entries).every(([k, v]) => p.default?.[k] === shown(k, v));
      r.expect(
        'the JavaScript SDK uses [profile default]',
        pick(profileDefault)(r.parsed(r.base, 'node', 'config')),
        JSON.stringify(r.parsed(r.base, 'node', 'config')),
      );
      const last = later.section === 'default' ? plain : profileDefault;
      for (const t of BOTOCORE)
        r.expect(
          `${TOOL_LABELS[t]} use the section that comes last ([${last!.name}])`,
          pick(last)(r.parsed(r.base, t, 'config')),
          JSON.stringify(r.parsed(r.base, t, 'config')),
        );
    },
  },
  [C.DuplicateSection]: {
    check: (r) => {
      r.expect(
        'botocore rejects the whole file',
        botocoreRejects(r, r.fileKind()),
        JSON.stringify(r.parsed(r.base, 'python', r.fileKind())),
      );
      const sections = sectionsOf(fs.readFileSync(r.f.file!, 'utf8')).filter((s) => s.name === r.line().section);
      const merged: Record<string, string> = {};
      for (const s of sections) Object.assign(merged, s.entries);
      const js =
        (r.parsed(r.base, 'node', r.fileKind()) as ParsedFile)?.[
          probeSection(r.fileKind(), 'node', r.line().section!)
        ] ?? {};
      r.expect(
        'the JavaScript SDK merges both sections, the later value winning',
        Object.entries(merged).every(([k, v]) => js[k] === shown(k, v)),
        `${JSON.stringify(js)} vs ${JSON.stringify(merged)}`,
      );
    },
  },
  [C.DuplicateKey]: {
    check: (r) => {
      const { key, value } = r.line();
      r.expect(
        'botocore rejects the whole file',
        botocoreRejects(r, r.fileKind()),
        JSON.stringify(r.parsed(r.base, 'python', r.fileKind())),
      );
      const lines = fs.readFileSync(r.f.file!, 'utf8').split(/\r?\n/);
      const valueOn = (n: number) => /^\s*[^=:\s]+\s*[=:]\s*(.*?)\s*$/.exec(lines[n - 1])![1];
      const lower = key!.toLowerCase();
      const js =
        /the JavaScript SDK (uses the later value|uses the value on line (\d+)|uses this value|reads neither)/.exec(
          r.f.message,
        )![1];
      const expected = js.startsWith('reads neither')
        ? undefined
        : js.includes('on line')
          ? shown(lower, valueOn(Number(/on line (\d+)/.exec(js)![1])))
          : shown(lower, value!);
      const got = r.read(r.base, 'node', lower);
      r.expect(`the JavaScript SDK ${js}`, got === expected, JSON.stringify(got));
    },
  },
  [C.UnknownKey]: {
    check: (r) => {
      const { key, value } = r.line();
      const lower = key!.toLowerCase();
      const meant = /[Dd]id you mean ([\w.-]+)/.exec(r.f.message)?.[1];
      if (/is written in upper case/.test(r.f.message)) {
        const lowering = toolsNamed(/upper case\. (.*?) lowercase keys/.exec(r.f.message)?.[1] ?? '');
        for (const t of lowering)
          r.expect(
            `${TOOL_LABELS[t]} read it as ${lower}`,
            r.read(r.base, t, lower) === shown(lower, value!),
            JSON.stringify(r.read(r.base, t, lower)),
          );
        r.expect(
          `the JavaScript SDK ignores ${key} (no ${lower} from this line)`,
          r.read(r.base, 'node', lower) !== shown(lower, value!) && r.read(r.base, 'node', key!) !== undefined,
          JSON.stringify(r.read(r.base, 'node', lower)),
        );
        return;
      }
      const block = /in the (\S+) block of/.exec(r.f.message)?.[1];
      const table = block ? NESTED_KEY_READERS[block.toLowerCase()] : KNOWN_KEY_READERS;
      const readers = table[lower] ?? [];
      r.expect(
        `no tool reads ${key}${block ? ` in a ${block} block` : ''}`,
        readers.length === 0 && (!block || table !== undefined),
        readers.join(', '),
      );
      if (meant) {
        const who = /\((every tool reads it|only (.*) reads it|(.*) read it)\)\?/.exec(r.f.message);
        const named = who?.[1] === 'every tool reads it' ? [...TOOL_IDS] : toolsNamed(who?.[2] ?? who?.[3] ?? '');
        r.expect(
          `${meant} is read by ${who?.[1] ?? '?'}`,
          JSON.stringify(table[meant] ?? []) === JSON.stringify(named),
          JSON.stringify(table[meant]),
        );
        // The block as each tool that reads it holds it: the key as written, not the one meant.
        if (block)
          for (const t of table[meant] ?? [])
            r.expect(
              `${TOOL_LABELS[t]} holds ${key}, not ${meant}, in the ${block} block`,
              JSON.stringify(r.read(r.base, t, block.toLowerCase())).includes(`"${lower}"`) &&
                !JSON.stringify(r.read(r.base, t, block.toLowerCase())).includes(`"${meant}"`),
              JSON.stringify(r.read(r.base, t, block.toLowerCase())),
            );
        const lacks = new RegExp(`lacks ${meant}`).test(r.f.message);
        // "As written it is ignored": none of the tools reads the meant key from this section.
        if (lacks)
          for (const t of TOOL_IDS)
            r.expect(
              `${TOOL_LABELS[t]} has no ${meant} in this section`,
              r.read(r.base, t, meant) === undefined,
              JSON.stringify(r.read(r.base, t, meant)),
            );
      }
      const only = /only (.*) reads? it/.exec(r.f.message);
      if (only) r.expect(`only ${only[1]} read it`, readers.length > 0, readers.join(', '));
    },
  },
  [C.InlineComment]: {
    check: (r) => {
      const { key, value } = r.line();
      const kept = /The JavaScript SDK cuts it and reads "([^"]*)"/.exec(r.f.message)![1];
      r.expect(
        `the JavaScript SDK reads "${kept}"`,
        r.read(r.base, 'node', key!) === shown(key!, kept),
        JSON.stringify(r.read(r.base, 'node', key!)),
      );
      for (const t of r.f.tools)
        r.expect(
          `${TOOL_LABELS[t]} keeps the comment in the value`,
          r.read(r.base, t, key!.toLowerCase()) === shown(key!, value!),
          JSON.stringify(r.read(r.base, t, key!.toLowerCase())),
        );
    },
  },
  [C.ColonDelimiter]: {
    check: (r) => {
      const { key, value } = r.line();
      r.expect(
        `the JavaScript SDK ignores the line (no ${key})`,
        r.read(r.base, 'node', key!) === undefined,
        JSON.stringify(r.read(r.base, 'node', key!)),
      );
      for (const t of BOTOCORE)
        r.expect(
          `${TOOL_LABELS[t]} accepts it`,
          r.read(r.base, t, key!.toLowerCase()) === shown(key!, value!),
          JSON.stringify(r.read(r.base, t, key!.toLowerCase())),
        );
    },
  },
  [C.ContinuationLine]: {
    check: (r) => {
      const parentLine = Number(/\(line (\d+)\)/.exec(r.f.message)![1]);
      const lines = fs.readFileSync(r.f.file!, 'utf8').split(/\r?\n/);
      const parent = /^\s*([^=:\s]+)\s*[=:]\s*(.*?)\s*$/.exec(lines[parentLine - 1])!;
      const key = parent[1].toLowerCase();
      const continued = [parent[2], ...lines.slice(parentLine, r.f.line!).map((l) => l.trim())]
        .filter((x, i) => i === 0 || x !== '')
        .join('\n');
      for (const t of BOTOCORE)
        r.expect(
          `${TOOL_LABELS[t]} append the line to ${key} with a newline`,
          r.read(r.base, t, key) === shown(key, continued),
          JSON.stringify(r.read(r.base, t, key)),
        );
      r.expect(
        `the JavaScript SDK reads ${key} without it`,
        r.read(r.base, 'node', parent[1]) === shown(key, parent[2]),
        JSON.stringify(r.read(r.base, 'node', parent[1])),
      );
    },
  },
  [C.QuotedValue]: {
    check: (r) => {
      const { key, value } = r.line();
      for (const t of r.f.tools) {
        const got = r.read(r.base, t, t === 'node' ? key! : key!.toLowerCase());
        r.expect(`${TOOL_LABELS[t]} keeps the quotes in ${key}`, got === shown(key!, value!), JSON.stringify(got));
      }
    },
  },
  [C.WhitespaceInValue]: {
    check: (r) => {
      const { key, value } = r.line();
      for (const t of r.f.tools) {
        const got = r.read(r.base, t, t === 'node' ? key! : key!.toLowerCase());
        r.expect(
          `${TOOL_LABELS[t]} reads the value with its whitespace`,
          got === shown(key!, value!),
          JSON.stringify(got),
        );
      }
    },
  },
  [C.EmptyValue]: {
    check: (r) => {
      const { key } = r.line();
      for (const t of r.among(BOTOCORE))
        r.expect(
          `${TOOL_LABELS[t]} reads an empty ${key}`,
          r.read(r.base, t, key!.toLowerCase()) === shown(key!, ''),
          JSON.stringify(r.read(r.base, t, key!.toLowerCase())),
        );
      r.expect(
        `the JavaScript SDK drops ${key}`,
        r.read(r.base, 'node', key!) === undefined,
        JSON.stringify(r.read(r.base, 'node', key!)),
      );
    },
  },
  [C.ByteOrderMark]: {
    check: (r) => {
      r.expect(
        'botocore rejects the file',
        botocoreRejects(r, r.fileKind()),
        JSON.stringify(r.parsed(r.base, 'python', r.fileKind())),
      );
      const js = r.parsed(r.base, 'node', r.fileKind());
      r.expect(
        'the JavaScript SDK reads the file',
        !!js && !('error' in js) && Object.keys(js).length > 0,
        JSON.stringify(js),
      );
    },
  },
  [C.DefaultSection]: {
    check: (r) => {
      const kind = r.fileKind();
      const sections = sectionsOf(fs.readFileSync(r.f.file!, 'utf8'));
      const defaults = sections.find((s) => s.name === 'DEFAULT')!.entries;
      const js = r.parsed(r.base, 'node', kind) as ParsedFile;
      r.expect(
        'the JavaScript SDK sees an ordinary section "DEFAULT"',
        !!js?.DEFAULT,
        Object.keys(js ?? {}).join(', '),
      );
      for (const t of r.among(BOTOCORE)) {
        const p = r.parsed(r.base, t, kind) as ParsedFile;
        const every =
          !!p &&
          !('error' in p) &&
          Object.keys(p).length > 0 &&
          Object.values(p).every((s) =>
            Object.entries(defaults).every(
              ([k, v]) =>
                k.toLowerCase() in s &&
                (s[k.toLowerCase()] === shown(k, v) ||
                  sections.some((x) => x.entries[k] !== undefined && x.name !== 'DEFAULT')),
            ),
          );
        r.expect(`${TOOL_LABELS[t]} copy its keys into every profile of the file`, every, JSON.stringify(p));
      }
    },
  },
  [C.ConfigParseError]: {
    variants: () => ({ keys: { env: envKeys() } }),
    check: (r) => {
      r.fails(r.f.tools, /Unable to parse config file/);
      r.fails(r.f.tools, /Unable to parse config file/, r.variant('keys'), 'stops even when environment keys are set');
      const js = r.parsed(r.base, 'node', r.fileKind());
      r.expect(
        'the JavaScript SDK skips the line and reads the rest',
        !!js && !('error' in js) && Object.keys(js).length > 0,
        JSON.stringify(js),
      );
    },
  },
  [C.ProtoSection]: {
    check: (r) => {
      const kind = r.fileKind();
      const js = r.parsed(r.base, 'node', kind);
      r.expect(
        `the JavaScript SDK reads the ${kind} file as empty`,
        !!js && !('error' in js) && Object.keys(js).length === 0,
        JSON.stringify(js),
      );
      if (/and find no credentials/.test(r.f.message)) r.findsNothing(['node']);
      for (const t of BOTOCORE) {
        const p = r.parsed(r.base, t, kind) as ParsedFile;
        r.expect(
          `${TOOL_LABELS[t]} read it as an ordinary section`,
          !!p && !('error' in p) && Object.keys(p).some((s) => s.includes('__proto__')),
          Object.keys(p ?? {}).join(', '),
        );
      }
    },
  },
  [C.CredentialsFilePermissions]: {
    check: (r) => {
      const mode = fs.statSync(r.f.file!).mode & 0o777;
      r.expect(
        `the file's mode is ${mode.toString(8).padStart(4, '0')}, readable by others`,
        (mode & 0o077) !== 0 && r.f.message.includes(mode.toString(8).padStart(4, '0')),
        mode.toString(8),
      );
    },
  },
  [C.NotARegularFile]: {
    check: (r) => {
      if (/every Node\.js program using the SDK hangs/.test(r.f.message))
        r.expect('the JavaScript SDK hangs', /oracle timeout/.test(r.base.node?.error ?? ''), describeRun(r.base.node));
      if (/botocore and the AWS CLI check that it is a regular file and treat it as missing/.test(r.f.message)) {
        const kind = r.f.fileKind!;
        for (const t of BOTOCORE)
          r.expect(
            `${TOOL_LABELS[t]} treat it as missing`,
            r.base[t]?.source !== 'error' && /could not be found/.test(JSON.stringify(r.parsed(r.base, t, kind))),
            `${describeRun(r.base[t])}; ${JSON.stringify(r.parsed(r.base, t, kind))}`,
          );
      }
    },
  },
  [C.FileUnreadable]: {
    check: (r) => {
      const kind = r.f.fileKind;
      if (!kind || !/^.*No tool says so/.test(r.f.message)) return;
      for (const t of r.f.tools)
        r.expect(
          `${TOOL_LABELS[t]} says nothing about the file`,
          !(r.base[t]?.error ?? '').includes(r.f.file!),
          describeRun(r.base[t]),
        );
      if (/botocore and the AWS CLI treat it as missing/.test(r.f.message)) {
        for (const t of r.among(BOTOCORE))
          r.expect(
            `${TOOL_LABELS[t]} treat it as missing`,
            /could not be found/.test(JSON.stringify(r.parsed(r.base, t, kind))),
            JSON.stringify(r.parsed(r.base, t, kind)),
          );
      }
      const without = /, and (.*) end without credentials/.exec(r.f.message)?.[1];
      for (const t of TOOL_IDS.filter((t) => without?.includes(TOOL_LABELS[t]))) {
        r.expect(
          `${TOOL_LABELS[t]} ends without credentials`,
          r.base[t]?.source === 'none' || r.base[t]?.source === 'error',
          describeRun(r.base[t]),
        );
      }
    },
  },
  [C.FileTooLarge]: {
    check: (r) => {
      const kind = r.f.fileKind!;
      for (const t of r.f.tools) {
        const p = r.parsed(r.base, t, kind);
        r.expect(
          `${TOOL_LABELS[t]} reads it all`,
          !!p && !('error' in p) && Object.keys(p).length > 0,
          JSON.stringify(p).slice(0, 200),
        );
      }
    },
  },
  // ------------------------------------------------------------------ key shape
  [C.MalformedAccessKeyId]: { check: (r) => signsWithLine(r) },
  [C.UniqueIdAsAccessKey]: { check: (r) => signsWithLine(r) },
  [C.MalformedSecretKey]: { check: (r) => signsWithLine(r) },
  [C.ExampleKeys]: { check: (r) => signsWithLine(r) },
  [C.PlaceholderKeys]: {
    probe: () => ({ endpoints: ['dynamodb', 'sts'] }),
    check: (r) => {
      signsWithLine(r);
      for (const t of r.f.tools) {
        const e = r.base[t]?.probe?.endpoints?.dynamodb;
        r.expect(
          `${TOOL_LABELS[t]} sends requests to AWS (no local endpoint)`,
          e === null || (typeof e === 'string' && /amazonaws\.com/.test(e)),
          JSON.stringify(e),
        );
      }
    },
  },
  // ------------------------------------------------------------------ profiles that cannot resolve
  [C.SourceProfileMissing]: {
    check: (r) => {
      const sp = /source_profile = (\S+), which does not exist/.exec(r.f.message)![1];
      r.fails(r.among(BOTOCORE), words(`The source_profile "${sp}" referenced in the profile`));
      if (r.f.severity === 'error')
        r.findsNothing(r.among(['node']), r.base, 'skips the profile and finds no credentials');
    },
  },
  [C.SourceProfileCycle]: {
    check: (r) => {
      const used = r.f.severity === 'error';
      if (!used) return;
      r.fails(r.among(BOTOCORE), /Infinite loop in credential configuration detected/);
      if (r.f.tools.includes('node')) {
        r.findsNothing(['node'], r.base, 'gives up on the profile');
        r.expect('the JavaScript SDK says "Detected a cycle"', r.jsLog(/Detected a cycle/), '');
      }
      const self = /Profile "([^"]+)" names itself as source_profile/.exec(r.f.message);
      if (self) r.expect('the profile names itself', r.line().value === self[1], r.line().text);
    },
  },
  [C.RoleChainTooDeep]: {
    check: (r) => {
      if (r.f.severity !== 'error') return;
      r.fails(r.among(BOTOCORE), /maximum recursion depth exceeded/);
      if (r.f.tools.includes('node'))
        r.uses(['node'], 'assume-role', r.base, 'makes every AssumeRole call and gets credentials');
    },
  },
  [C.SourceProfileWithoutCredentials]: {
    check: (r) => {
      if (r.f.severity !== 'error') return;
      const sp = /source_profile = (\S+), but/.exec(r.f.message)![1];
      r.fails(r.among(BOTOCORE), words(`The source profile "${sp}" must have credentials`));
      r.findsNothing(r.among(['node']), r.base, 'skips the profile');
    },
  },
  [C.RoleSourceConflict]: {
    check: (r) => {
      if (r.f.severity !== 'error') return;
      r.fails(r.among(BOTOCORE), /contains both source_profile and credential_source/);
      if (r.f.tools.includes('node'))
        r.uses(
          ['node'],
          /and signs with its static keys/.test(r.f.message) ? 'static' : 'none',
          r.base,
          'does not assume the role',
        );
    },
  },
  [C.RoleWithoutSource]: {
    check: (r) => {
      if (r.f.severity !== 'error') return;
      if (/and static keys/.test(r.f.message)) {
        r.uses(['node'], 'static', r.base, 'ignores role_arn and signs with the static keys');
        r.fails(BOTOCORE, /Partial credentials found in assume-role, missing: source_profile or credential_source/);
      } else {
        r.fails(r.among(BOTOCORE), /missing: source_profile or credential_source/);
        r.findsNothing(r.among(['node']));
      }
    },
  },
  [C.UnsupportedCredentialSource]: {
    check: (r) => {
      if (r.f.severity !== 'error') return;
      const value = /credential_source = (\S+) in profile/.exec(r.f.message)![1];
      r.fails(
        r.among(BOTOCORE),
        words(`The credential source "${value}" referenced in profile`),
        r.base,
        'refuses the profile',
      );
      if (r.f.tools.includes('node')) {
        r.findsNothing(['node'], r.base, 'skips the profile');
        r.expect(
          'the JavaScript SDK says "Unsupported credential source"',
          r.jsLog(/Unsupported credential source/),
          '',
        );
      }
    },
  },
  [C.MixedCredentialTypes]: {
    variants: (f) => ({ selected: { explicitProfile: PROFILE_NAME.exec(f.message)![1] } }),
    check: (r) => {
      const m = /The JavaScript SDK uses (.+?); botocore and the AWS CLI use (.+?)(?::|\.)/.exec(r.f.message)!;
      const sel = r.variant('selected');
      for (const [tools, kind, verb] of [
        [['node'], m[1], 'uses'],
        [BOTOCORE, m[2], 'use'],
      ] as const) {
        // Going for SSO without a login is still choosing SSO: the tool fails in the SSO token cache.
        if (kind === 'SSO')
          for (const t of r.among(tools))
            r.expect(
              `${TOOL_LABELS[t]} ${verb} SSO`,
              sel[t]?.source === 'sso' || (sel[t]?.source === 'error' && /SSO/.test(sel[t]?.error ?? '')),
              describeRun(sel[t]),
            );
        else r.uses(tools, SOURCE_WORDS[kind], sel, `${verb} ${kind}`);
      }
    },
  },
  [C.SsoSessionNotFound]: {
    check: (r) => {
      if (r.f.severity !== 'error') return;
      r.fails(r.among(BOTOCORE), /The specified sso-session does not exist/);
      r.fails(r.among(['node']), words(quoted(r.f.message, /crashes with/)!));
    },
  },
  [C.SsoIncomplete]: {
    check: (r) => {
      if (r.f.severity !== 'error') return;
      r.fails(r.among(BOTOCORE), /is configured to use SSO but is missing required configuration/);
      r.fails(r.among(['node']), /Profile is configured with invalid SSO credentials/);
    },
  },
  [C.SsoTokenOnlyProfile]: {
    check: (r) => {
      if (r.f.severity !== 'error') return;
      r.fails(['node'], /Profile is configured with invalid SSO credentials/, r.base, 'fails hard');
      for (const t of BOTOCORE)
        r.expect(`${TOOL_LABELS[t]} skip it and look further`, r.base[t]?.source !== 'error', describeRun(r.base[t]));
    },
  },
  [C.CredentialProcessNotFound]: {
    check: (r) => {
      if (r.f.severity !== 'error') return;
      const q = /botocore and the AWS CLI with "([^"]+)"/.exec(r.f.message)![1];
      r.fails(r.among(BOTOCORE), words(q));
      if (!r.f.tools.includes('node')) return;
      const ending =
        /the JavaScript SDK moves on to the rest of its chain, which ends with (\w[\w-]*) credentials/.exec(
          r.f.message,
        );
      if (ending)
        r.uses(['node'], new RegExp(`^${ending[1]}$`), r.base, `moves on and ends with ${ending[1]} credentials`);
      else if (/Could not load credentials from any providers/.test(r.f.message))
        r.findsNothing(['node'], r.base, 'moves on and finds no credentials');
      else
        r.expect(
          'the JavaScript SDK moves on (does not run the program)',
          r.base.node?.source !== 'process',
          describeRun(r.base.node),
        );
    },
  },
  [C.CredentialProcessRelativePath]: {
    variants: () => ({ elsewhere: { cwd: null } }),
    check: (r) => {
      if (/, found from /.test(r.f.message))
        r.uses(r.f.tools, /^process$/, r.base, 'run it from the directory this diagnosis runs in');
      const elsewhere = r.variant('elsewhere');
      r.fails(
        r.among(BOTOCORE),
        /No such file or directory/,
        elsewhere,
        'fail from a directory without it ("No such file or directory")',
      );
      for (const t of r.among(['node']))
        r.expect(
          'the JavaScript SDK moves on to the rest of its chain from a directory without it',
          elsewhere[t]?.source !== 'process',
          describeRun(elsewhere[t]),
        );
    },
  },
  [C.CredentialProcessShell]: {
    probe: () => ({ collect: ['.argv'] }),
    check: (r) => processClaims(r),
  },
  [C.WebIdentityTokenFileMissing]: {
    check: (r) => {
      if (r.f.severity !== 'error') return;
      r.fails(
        r.f.tools,
        /ENOENT|No such file or directory|EACCES|Permission denied/,
        r.base,
        'fails reading the token file',
      );
    },
  },
  [C.MfaRequiresCallback]: {
    check: (r) => {
      const profile = PROFILE_NAME.exec(r.f.message)![1];
      if (r.f.severity !== 'warning') return;
      r.fails(['node'], /requires multi-factor authentication, but no MFA code callback was provided/);
      for (const t of BOTOCORE) {
        const prompts = (r.base[t]?.detail as { mfaPrompts?: string[] } | undefined)?.mfaPrompts ?? [];
        r.expect(
          `${TOOL_LABELS[t]} prompts for the code`,
          prompts.some((p) => p.includes('MFA')),
          `${JSON.stringify(prompts)} for ${profile}`,
        );
      }
    },
  },
  // ------------------------------------------------------------------ region and endpoints
  [C.RegionMissing]: {
    check: (r) => {
      for (const t of r.f.tools)
        r.expect(`${TOOL_LABELS[t]} has no region`, r.base[t]?.region === null, describeRun(r.base[t]));
      if (r.f.tools.includes('node'))
        r.expect(
          'the JavaScript SDK fails with "Region is missing"',
          /Region is missing/.test(r.base.node?.probe?.clientError ?? ''),
          String(r.base.node?.probe?.clientError),
        );
      for (const t of r.among(BOTOCORE))
        r.expect(
          `${TOOL_LABELS[t]} raises NoRegionError ("You must specify a region")`,
          /You must specify a region/.test(r.base[t]?.probe?.clientError ?? ''),
          String(r.base[t]?.probe?.clientError),
        );
    },
  },
  [C.RegionMalformed]: {
    // A region in a file is about its profile: the tools are run with that profile selected.
    variants: (f, _d, s): Record<string, VariantChange> => {
      const profile = profileOfLine(f, s);
      return profile === undefined ? {} : { own: { explicitProfile: profile } };
    },
    check: (r) => {
      const runs = r.f.file ? r.variant('own') : r.base;
      if (r.f.tools.includes('node'))
        r.expect(
          'the JavaScript SDK refuses it ("Region not accepted")',
          /Region not accepted/.test(runs.node?.probe?.clientError ?? ''),
          String(runs.node?.probe?.clientError),
        );
      for (const t of r.among(BOTOCORE))
        r.expect(
          `${TOOL_LABELS[t]} raises InvalidRegionError`,
          /InvalidRegionError/.test(runs[t]?.probe?.clientError ?? ''),
          String(runs[t]?.probe?.clientError),
        );
    },
  },
  [C.RegionUnknown]: {
    check: (r) => {
      const value = /^"([^"]+)"/.exec(r.f.message)![1];
      for (const t of r.f.tools)
        if (/Used by/.test(r.f.message))
          r.expect(`${TOOL_LABELS[t]} uses ${value}`, r.base[t]?.region === value, describeRun(r.base[t]));
    },
  },
  [C.LocalEndpointRealKeys]: {
    probe: (f) => ({ endpoints: [serviceOf(f)] }),
    check: (r) => {
      const service = serviceOf(r.f);
      // The harness may put its own loopback server in an STS variable: "local" is what is claimed.
      const local = (e: unknown) => typeof e === 'string' && LOCAL_URL.test(e);
      for (const t of r.f.tools) {
        r.expect(
          `${TOOL_LABELS[t]} sends ${service} requests to the local endpoint`,
          local(r.base[t]?.probe?.endpoints?.[service]),
          JSON.stringify(r.base[t]?.probe?.endpoints),
        );
        r.uses([t], /^(static|env|assume-role|sso|process|login)$/, r.base, 'signs them with the real keys');
      }
      for (const t of TOOL_IDS.filter(
        (x) => !r.f.tools.includes(x) && /^(static|env)$/.test(r.base[x]?.source ?? ''),
      )) {
        r.expect(
          `${TOOL_LABELS[t]} (not named) does not send ${service} requests there`,
          !local(r.base[t]?.probe?.endpoints?.[service]),
          JSON.stringify(r.base[t]?.probe?.endpoints),
        );
      }
    },
  },
  [C.EndpointWithoutRegion]: {
    probe: () => ({ ownEndpoints: true }),
    check: (r) => {
      r.fails(r.f.tools, /You must specify a region/);
      for (const t of BOTOCORE.filter((x) => !r.f.tools.includes(x)))
        r.expect(
          `${TOOL_LABELS[t]} (not named) does not fail for the region`,
          !/You must specify a region/.test(r.base[t]?.error ?? ''),
          describeRun(r.base[t]),
        );
    },
  },
  // ------------------------------------------------------------------ whole-machine outcomes
  [C.NoCredentials]: {
    check: (r) => {
      r.findsNothing(r.f.tools);
      // "would fall back to EC2 instance metadata": the SDK's chain reaches it last (disabled here).
      if (r.f.tools.includes('node'))
        r.expect('the JavaScript SDK gets as far as instance metadata', r.jsLog(/Instance Metadata/i), '');
    },
  },
  [C.CredentialResolutionFails]: {
    check: (r) => {
      const t = r.f.tools[0];
      const failure = r.d.tools[t].failure ?? '';
      const last = failure.split('\n').filter(Boolean).pop() ?? '';
      r.fails([t], words(last.replace(/^\w+Error: /, '').slice(0, 60)), r.base, `fails: ${last.slice(0, 60)}`);
    },
  },
  [C.ToolsDisagree]: {
    check: (r) => {
      for (const m of r.f.message.matchAll(
        /(JavaScript SDK v3|botocore \(boto3, AWS CLI v1\)|AWS CLI v2): profile "([^"]*)", ([\w-]+)/g,
      )) {
        const t = TOOL_IDS.find((x) => TOOL_LABELS[x] === m[1])!;
        r.expect(
          `${m[1]} uses profile "${m[2]}", ${m[3]}`,
          r.base[t]?.profile === m[2] && r.base[t]?.source === m[3],
          describeRun(r.base[t]),
        );
      }
    },
  },
  // ------------------------------------------------------------------ versions
  [C.ToolTooOld]: {
    check: (r) => {
      for (const t of r.f.tools)
        r.expect(
          `${TOOL_LABELS[t]} ignores login_session`,
          r.base[t]?.source !== 'login' && !/login/i.test(r.base[t]?.error ?? ''),
          describeRun(r.base[t]),
        );
    },
  },
  [C.BotocoreCrtMissing]: {
    check: (r) => r.fails(['python'], words(quoted(r.f.message, /it stops with/)!)),
  },
  // ------------------------------------------------------------------ brokers
  [C.BrokerMarkersContradict]: {
    check: (r) => {
      const m = /the tools use (nothing|what profile (\S+) gives) instead/.exec(r.f.message);
      if (m)
        for (const t of TOOL_IDS)
          r.expect(
            `${TOOL_LABELS[t]} uses ${m[1]}`,
            m[1] === 'nothing'
              ? r.base[t]?.source === 'none'
              : r.base[t]?.source !== 'env' && r.base[t]?.profile === m[2],
            describeRun(r.base[t]),
          );
      const p = /the JavaScript SDK uses profile (\S+), botocore and the AWS CLI the exported keys/.exec(r.f.message);
      if (p) {
        r.expect(
          `the JavaScript SDK uses profile ${p[1]}`,
          r.base.node?.profile === p[1] && r.base.node?.source !== 'env',
          describeRun(r.base.node),
        );
        r.uses(BOTOCORE, 'env', r.base, 'use the exported keys');
      }
    },
  },
  // ------------------------------------------------------------------ aws login
  [C.LoginNotSignedIn]: {
    check: (r) => r.fails(r.f.tools, /Failed to load token|re-authenticate|aws login/),
  },
  [C.LoginCacheInvalid]: {
    check: (r) => r.fails(r.f.tools, /Failed to load token|Invalid|JSON|missing/i),
  },
  [C.LoginCachePermissions]: {
    check: (r) => {
      const path = /token cache (\S+) is readable/.exec(r.f.message)![1];
      const mode = fs.statSync(path).mode & 0o777;
      r.expect(`the token cache is readable by others (${mode.toString(8)})`, (mode & 0o077) !== 0, mode.toString(8));
      r.uses(r.f.tools, 'login', r.base, 'signs in with it');
    },
  },
  [C.LoginMixedCredentials]: {
    check: (r) => {
      const now = /Now: (.*?)\. Keep one/.exec(r.f.message);
      for (const part of now?.[1].split('; ') ?? []) {
        const m = /^(.*): (\S+)$/.exec(part)!;
        const t = TOOL_IDS.find((x) => TOOL_LABELS[x] === m[1])!;
        r.uses([t], SOURCE_WORDS[m[2]] ?? new RegExp(`^${m[2]}$`), r.base, `uses ${m[2]}`);
      }
    },
  },
};

/**
 * The codes whose claims no run of the tools here can show. Why is in each one's docs entry
 * (FindingDoc.untestable, also in the README's list of what the tests cannot prove).
 */
export const UNTESTABLE: readonly C[] = [
  C.IdentityConfirmed,
  C.LiveInvalidClientToken,
  C.LiveExpiredToken,
  C.LiveSignatureMismatch,
  C.LiveMissingAuthenticationToken,
  C.LiveRegionDisabled,
  C.LiveSsoTokenError,
  C.LiveNoCredentials,
  C.LiveNetworkError,
  C.LiveAccessDenied,
  C.LiveUnexpectedError,
  C.ClockSkew,
  C.StsGlobalEndpoint,
  C.BrokerNestedSession,
];

// ------------------------------------------------------------------ helpers of the checks

/** `Tool ("quote")` or `("quote" / "quote")` after `after`: which tool says what, in the message's order. */
function toolQuotes(message: string, after: RegExp): [ToolId, string][] {
  const start = message.search(after);
  if (start < 0) return [];
  const tail = message.slice(start);
  const out: [ToolId, string][] = [];
  for (const m of tail.matchAll(/(the JavaScript SDK|botocore and the AWS CLI|botocore|the AWS CLI)[^"]*?"([^"]+)"/g)) {
    const tools: ToolId[] =
      m[1] === 'the JavaScript SDK'
        ? ['node']
        : m[1] === 'botocore'
          ? ['python']
          : m[1] === 'the AWS CLI'
            ? ['cli']
            : ['python', 'cli'];
    for (const t of tools) out.push([t, m[2]]);
  }
  return out;
}

function botocoreRejects(r: Run, kind: 'config' | 'credentials'): boolean {
  return BOTOCORE.every(
    (t) =>
      /Unable to parse config file|ConfigParseError/.test(JSON.stringify(r.parsed(r.base, t, kind))) ||
      /Unable to parse config file/.test(r.base[t]?.error ?? ''),
  );
}

/** The sections of a file as written, in order (a section that appears twice is listed twice). */
function sectionsOf(text: string): { name: string; entries: Record<string, string> }[] {
  const out: { name: string; entries: Record<string, string> }[] = [];
  for (const line of text.replace(/^\ufeff/, '').split(/\r?\n/)) {
    const h = /^\s*\[([^\]]*)\]/.exec(line);
    if (h) out.push({ name: h[1].trim(), entries: {} });
    else {
      const e = /^([^\s=:#;][^=:]*?)\s*=\s*(.*?)\s*$/.exec(line);
      if (e && out.length) out[out.length - 1].entries[e[1]] = e[2];
    }
  }
  return out;
}

/**
 * The tools sign with the key id (or secret) of the finding's line or variable: the value each one
 * reads (the engine's prediction, which for botocore includes a continuation line), proven by what it
 * really signed with.
 */
function signsWithLine(r: Run): void {
  if (r.f.severity !== 'error') return;
  const isId = r.f.env ? r.f.env === 'AWS_ACCESS_KEY_ID' : /access_key_id/i.test(r.line().key!);
  const written = r.f.env ? r.env[r.f.env]! : r.line().value!;
  for (const t of r.f.tools) {
    const predicted =
      (isId ? r.d.tools[t].credentials.accessKeyId : r.d.tools[t].credentials.secretAccessKey)?.value ?? written;
    r.expect(
      `${TOOL_LABELS[t]} reads the ${isId ? 'key id' : 'secret'} this finding is about`,
      predicted.startsWith(written),
      `predicted ${isId ? predicted : fingerprint(predicted)}`,
    );
    if (isId) r.signsWith([t], predicted);
    else
      r.expect(
        `${TOOL_LABELS[t]} signs with this secret`,
        r.base[t]?.probe?.secret === fingerprint(predicted),
        String(r.base[t]?.probe?.secret),
      );
  }
}

/** The service whose local endpoint LOCAL_ENDPOINT_REAL_KEYS names (botocore's name). */
function serviceOf(f: Finding): string {
  const env = /\(AWS_ENDPOINT_URL_(\w+)\)/.exec(f.message);
  if (env) return env[1].toLowerCase().replace(/_/g, '-');
  const section = /\(\[services [^\]]+\] ([\w-]+), line/.exec(f.message);
  if (section) return section[1].replace(/_/g, '-');
  return 'sts';
}

/**
 * CREDENTIAL_PROCESS_SHELL: botocore and the AWS CLI run the argv the message names (their own split,
 * shown by the tools), keeping literally what /bin/sh would interpret; the JavaScript SDK runs
 * something else: another outcome, or (with a helper that records its arguments in ~/.argv)
 * another argument list.
 */
function processClaims(r: Run): void {
  const profile = PROFILE_NAME.exec(r.f.message)![1];
  const home = r.env.HOME ?? '';
  const claimed = /botocore and the AWS CLI run (\[.*?\]) without a shell/.exec(r.f.message)?.[1];
  const value =
    r.d.pyView.profiles.get(profile)?.get('credential_process')?.value ??
    r.d.nodeView.merged.get(profile)?.get('credential_process')?.value ??
    '';
  const construct = shellOnlySyntax(value);
  for (const t of BOTOCORE) {
    const split = r.base[t]?.probe?.processSplit as Record<string, unknown> | undefined;
    const argv = split?.[profile];
    if (claimed)
      r.expect(
        `${TOOL_LABELS[t]} run ${claimed}`,
        JSON.stringify(argv) === claimed.split(home).join('{HOME}'),
        JSON.stringify(argv),
      );
    if (claimed && construct)
      r.expect(
        `${TOOL_LABELS[t]} keep ${construct} as it is written`,
        Array.isArray(argv) && argv.some((a: string) => a.includes(construct.replace(/^\\/, ''))),
        JSON.stringify(argv),
      );
  }
  const argvOf = (t: ToolId) => r.base[t]?.probe?.collected?.['.argv'];
  if (argvOf('node') != null && argvOf('python') != null) {
    r.expect(
      'the JavaScript SDK runs the helper with other arguments than botocore',
      argvOf('node') !== argvOf('python'),
      `${JSON.stringify(argvOf('node'))} / ${JSON.stringify(argvOf('python'))}`,
    );
  } else if (/needs a shell/.test(r.f.message)) {
    r.expect(
      'the JavaScript SDK runs it, botocore cannot',
      r.base.node?.source !== 'error' &&
        r.base.python?.source === 'error' &&
        /No such file|not found|Permission denied/.test(r.base.python?.error ?? ''),
      `${describeRun(r.base.node)} / ${describeRun(r.base.python)}`,
    );
  }
}

// ------------------------------------------------------------------ running the checks

const variantId = (scenario: Scenario, f: Finding, index: number, name: string) =>
  `${scenario.id}~${index}-${f.code}~${name}`;
const BASE_PROBE: ScenarioProbe = { files: true };

/** The profile whose section holds the finding's line, read from the scenario's own file text. */
function profileOfLine(f: Finding, s: Scenario): string | undefined {
  if (!f.file || f.line === null || (f.fileKind !== 'config' && f.fileKind !== 'credentials')) return undefined;
  const rel = Object.keys(s.files).find((k) => f.file!.endsWith(`/${k}`));
  return rel === undefined ? undefined : sectionAt(s.files[rel].text, f.line, f.fileKind);
}

function mergeProbes(a: ScenarioProbe, b: ScenarioProbe | undefined): ScenarioProbe {
  if (!b) return a;
  return {
    files: a.files || b.files,
    ...(a.endpoints || b.endpoints
      ? { endpoints: [...new Set([...(a.endpoints ?? []), ...(b.endpoints ?? [])])] }
      : {}),
    ...(a.collect || b.collect ? { collect: [...new Set([...(a.collect ?? []), ...(b.collect ?? [])])] } : {}),
    ...(a.ownEndpoints || b.ownEndpoints ? { ownEndpoints: true } : {}),
  };
}

/**
 * The scenarios the tools must run to check the claims of `d`'s findings on `scenario`'s home: the
 * home itself with the probes the claims need, and the variants they ask for.
 */
export function claimScenarios(scenario: Scenario, d: Diagnosis): Scenario[] {
  let probe = mergeProbes(BASE_PROBE, scenario.probe);
  const variants: Scenario[] = [];
  d.findings.forEach((f, i) => {
    const spec = CLAIMS[f.code];
    if (!spec) return;
    probe = mergeProbes(probe, spec.probe?.(f, d));
    for (const [name, change] of Object.entries(spec.variants?.(f, d, scenario) ?? {})) {
      variants.push({
        id: variantId(scenario, f, i, name),
        files: { ...scenario.files, ...(change.files ?? {}) },
        env: { ...scenario.env, ...(change.env ?? {}) },
        ...((change.explicitProfile ?? scenario.explicitProfile)
          ? { explicitProfile: change.explicitProfile ?? scenario.explicitProfile }
          : {}),
        ...((change.cwd === undefined ? scenario.cwd : change.cwd) != null
          ? { cwd: (change.cwd === undefined ? scenario.cwd : change.cwd)! }
          : {}),
        probe: mergeProbes(mergeProbes(BASE_PROBE, spec.probe?.(f, d)), change.probe),
      });
    }
  });
  return [{ ...scenario, probe }, ...variants];
}

/** Each finding of `d` with the checks of its claims against what the tools did (`results` of runOracles on claimScenarios). */
export function checkClaims(scenario: Scenario, d: Diagnosis, results: ReadonlyMap<string, ToolRuns>): ClaimVerdict[] {
  const base = results.get(scenario.id) ?? {};
  return d.findings.map((f, i) => {
    const spec = CLAIMS[f.code];
    if (!spec)
      return { finding: f, checks: [], untestable: FINDING_DOCS[f.code].untestable ?? 'no claim check for this code' };
    const variants = new Map<string, ToolRuns>();
    for (const name of Object.keys(spec.variants?.(f, d, scenario) ?? {}))
      variants.set(name, results.get(variantId(scenario, f, i, name)) ?? {});
    const run = new Run(f, d, scenario, base, variants);
    try {
      spec.check(run);
    } catch (e) {
      run.expect('the claim can be read from the finding', false, (e as Error).stack ?? String(e));
    }
    return { finding: f, checks: run.checks };
  });
}

/**
 * Each scenario written under `root` and diagnosed with the installed tools' versions, then the real
 * tools run on it and on every variant its findings' claims need.
 */
export async function diagnoseAndRun(
  scenarios: readonly Scenario[],
  root: string,
): Promise<{ diagnoses: Diagnosis[]; results: Map<string, ToolRuns> }> {
  const toolVersions = parseToolVersions(oracleToolVersions()) as ToolVersions;
  const now = Date.now();
  const diagnoses = scenarios.map((s) => diagnose({ ...engineInput(s, materialise(s, root), now), toolVersions }));
  const results = await runOracles(
    scenarios.flatMap((s, i) => claimScenarios(s, diagnoses[i])),
    { scenarioTimeoutMs: 30_000 },
  );
  return { diagnoses, results };
}
