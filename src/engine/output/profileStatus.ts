/**
 * Every profile's state, as if each were chosen explicitly (`--profile NAME`, which is also what a
 * switch to it does for the JavaScript SDK): what each tool resolves for it, whether it works,
 * expires or fails, and which tool disagrees. For `diagnose --all-profiles` and the extension's
 * Profiles view. Linear: each profile is resolved once per tool, with the diagnosis' parsed files
 * and caches (about as long as the diagnosis itself on a home of thousands of profiles).
 */
import type { Diagnosis, DiagnosisBase } from '../findings/diagnosis';
import type { ToolId } from '../core/model';
import { TOOL_IDS } from '../core/model';
import { describeState, profileState } from './profileState';
import type { Finding } from '../findings/findings';
import { FindingCode } from '../findings/findings';
import { entriesBySection } from '../files/lexical';
import type { ProfileFinding, ProfileStatus, ProfileSummary, ProfileToolState } from '../findings/profiles';
import { maskAccessKeyId } from '../secrets/redact';
import type { Report } from './report';
import { CLI_V2, PYTHON, resolveBotocore } from '../resolve/resolveBotocore';
import { resolveNode } from '../resolve/resolveNode';
import type { ToolResolution } from '../core/toolResolution';

/** What each tool resolves for `profile` chosen explicitly, with the diagnosis' files and caches. */
export function resolveProfile(d: DiagnosisBase, profile: string): Record<ToolId, ToolResolution> {
  const input = { ...d.input, explicitProfile: profile };
  return {
    node: resolveNode(input, d.cache, d.nodeView),
    python: resolveBotocore(input, d.cache, d.pyView, PYTHON),
    cli: resolveBotocore(input, d.cache, d.pyView, CLI_V2),
  };
}

/**
 * The diagnosis as if `profile` had been chosen explicitly, for what reads one profile's resolution
 * (the live check's plan and classification): the tools resolved again, the findings and the
 * redactor of the whole diagnosis (they are about every profile). Costs three resolutions, not a diagnosis.
 */
export function profileDiagnosis(d: Diagnosis, profile: string): Diagnosis {
  return {
    ...d,
    input: { ...d.input, explicitProfile: profile },
    tools: resolveProfile(d, profile),
    profile: { name: profile, from: '--profile' },
  };
}

const ROLE_ARN = /^arn:[a-z-]+:iam::(\d{12}):role\/(.+)$/;

/** The report with each profile's status (`diagnose --all-profiles`; the Profiles view). */
export function withProfileStatuses(report: Report, d: DiagnosisBase): Report {
  return { ...report, profiles: profileStatuses(d, report.profiles, findingsByProfile(d, report.findings)) };
}

/** At most this many findings are kept per profile. */
const FINDINGS_KEPT = 10;

/**
 * The findings that say AWS rejects every request signed with the profile's credentials, whichever
 * tool sends it. Their rules make them errors only for a profile in use now ("warning: it will fail
 * once used"); a profile's state is about it being used, so on its own lines they count as errors.
 * Not EXAMPLE_KEYS (a local endpoint makes them fine, and the rule alone knows), nor what fails in
 * some tools only (SECURITY_TOKEN_MISMATCH, ROLE_CHAIN_TOO_DEEP): the resolutions say "disagree".
 */
const FAILS_WHEN_USED: ReadonlySet<FindingCode> = new Set([
  FindingCode.ProfileStaleSessionToken,
  FindingCode.TemporaryKeyWithoutToken,
  FindingCode.PlaceholderKeys,
  FindingCode.UniqueIdAsAccessKey,
  FindingCode.MalformedAccessKeyId,
  FindingCode.MalformedSecretKey,
  FindingCode.ProfileCredentialsExpired,
]);

/** Findings about a whole file, placed on its first line: about no profile in particular. */
const WHOLE_FILE: ReadonlySet<FindingCode> = new Set([
  FindingCode.CredentialsFilePermissions,
  FindingCode.NotARegularFile,
  FindingCode.FileTooLarge,
  FindingCode.ByteOrderMark,
]);

/**
 * The error and warning findings on a line of each profile's sections (headers found by the lexical
 * reading of both files, as botocore names their profiles): a binary search per finding. Their
 * severity is as if the profile were used (FAILS_WHEN_USED).
 */
function findingsByProfile(d: DiagnosisBase, findings: readonly Finding[]): Map<string, ProfileFinding[]> {
  const sections = new Map<string, { line: number; profile: string | undefined }[]>();
  for (const file of [d.pyView.config, d.pyView.credentials]) {
    if (!sections.has(file.path))
      sections.set(
        file.path,
        entriesBySection(file.lexical).map((s) => ({ line: s.header.line, profile: s.header.profile })),
      );
  }
  const out = new Map<string, ProfileFinding[]>();
  for (const f of findings) {
    if (f.severity === 'info' || f.file === null || f.line === null || WHOLE_FILE.has(f.code)) continue;
    const headers = sections.get(f.file);
    if (!headers?.length) continue;
    let lo = 0;
    let hi = headers.length - 1;
    if (headers[0].line > f.line) continue;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (headers[mid].line <= f.line) lo = mid;
      else hi = mid - 1;
    }
    const profile = headers[lo].profile;
    if (profile === undefined) continue;
    const list = out.get(profile) ?? out.set(profile, []).get(profile)!;
    const severity = FAILS_WHEN_USED.has(f.code) ? 'error' : f.severity;
    const kept: ProfileFinding = {
      code: f.code,
      severity,
      message: f.message,
      ...(f.template !== undefined ? { template: f.template, data: f.data } : {}),
      path: f.file,
      line: f.line,
    };
    if (list.length < FINDINGS_KEPT) list.push(kept);
    else if (severity === 'error') {
      // An error decides the state: it takes a warning's place.
      const w = list.findIndex((x) => x.severity === 'warning');
      if (w >= 0) list[w] = kept;
    }
  }
  return out;
}

function profileStatuses(
  d: DiagnosisBase,
  profiles: readonly ProfileSummary[],
  findings: ReadonlyMap<string, readonly ProfileFinding[]>,
): ProfileSummary[] {
  const settings = d.pyView.parseError ? d.nodeView.merged : d.pyView.profiles;
  const warningMs = d.input.expiryWarningMs ?? 15 * 60_000;
  const ssoSessions = d.pyView.parseError ? d.nodeView.ssoSessions : d.pyView.ssoSessions;
  return profiles.map((p) => {
    const s = settings.get(p.name);
    const value = (key: string) => s?.get(key)?.value;
    const roleArn = ROLE_ARN.exec(value('role_arn') ?? '');
    const session = value('sso_session');
    const tools = {} as Record<ToolId, ProfileToolState>;
    const resolved = resolveProfile(d, p.name);
    let previous: ProfileToolState | undefined;
    for (const t of TOOL_IDS) {
      const state = toolState(d, resolved[t]);
      // The tools mostly agree: one object for equal states keeps the summary small across the worker's port.
      tools[t] = previous && sameToolState(previous, state) ? previous : state;
      previous = tools[t];
    }
    const own = findings.get(p.name) ?? [];
    const facts = {
      ...p,
      tools,
      findings: own,
      ssoSessionDefined: session === undefined ? value('sso_start_url') !== undefined : ssoSessions.has(session),
    };
    const state = profileState(facts, d.input.now, warningMs, TOOL_IDS);
    const warning =
      state.state === 'ok' || state.state === 'expiring' ? own.find((f) => f.severity === 'warning') : undefined;
    const status: ProfileStatus = {
      state: state.state,
      detail: `${describeState(state, d.input.now)}${warning ? `; warning: ${warning.code}` : ''}`,
      account: value('sso_account_id') ?? roleArn?.[1] ?? value('aws_account_id') ?? null,
      ssoSession: session ?? value('sso_start_url') ?? null,
      ssoSessionDefined: facts.ssoSessionDefined,
      role: value('sso_role_name') ?? roleArn?.[2] ?? null,
      tools,
      findings: own,
    };
    return { ...p, status };
  });
}

function sameToolState(a: ProfileToolState, b: ProfileToolState): boolean {
  return (
    a.source === b.source &&
    a.region === b.region &&
    a.expiresAt === b.expiresAt &&
    a.expiresFrom === b.expiresFrom &&
    a.failure === b.failure &&
    a.accessKeyId === b.accessKeyId &&
    a.chain.length === b.chain.length &&
    a.chain.every((x, i) => x === b.chain[i])
  );
}

function toolState(d: DiagnosisBase, r: ToolResolution): ProfileToolState {
  const key = r.credentials.accessKeyId?.value ?? r.cacheKeyId?.value;
  return {
    source: r.source,
    region: r.region,
    expiresAt: r.expiry?.at ?? null,
    expiresFrom: r.expiry ? d.redactor.redact(r.expiry.from) : null,
    failure: r.failure === null ? null : d.redactor.redact(r.failure),
    accessKeyId: key ? maskAccessKeyId(key) : null,
    chain: r.chain,
  };
}
