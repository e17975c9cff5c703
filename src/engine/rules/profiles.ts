/** Profiles that cannot resolve: role chains, SSO settings, credential_process, web identity, MFA, mixed types. */
import type { DiagnosisBase } from '../diagnosis';
import type { Finding, Fix } from '../findings';
import { FindingCode } from '../findings';
import type { PySetting, Setting, ToolId } from '../model';
import { CREDENTIAL_SOURCES, TOOL_IDS } from '../model';
import { checkProgram } from '../programs';
import type { ProgramCheck } from '../programCheck';
import { BOTOCORE_MAX_ROLE_CHAIN } from '../resolveBotocore';
import type { Rule } from './kit';
import { closest, emit, severityForProfile, toolList, toolsUsingProfile } from './kit';
import { shellOnlySyntax, shlexSplit, shortList } from '../text';
import { profilesWith } from '../views';

type AnyProfile = ReadonlyMap<string, Setting | PySetting>;

/** All profiles by botocore's reading (what the AWS CLI lists), or the JavaScript SDK's when botocore cannot parse. */
function allProfiles(d: DiagnosisBase): ReadonlyMap<string, AnyProfile> {
  if (!d.pyView.parseError) return d.pyView.profiles;
  let js = jsProfiles.get(d);
  if (!js) jsProfiles.set(d, (js = new Map([...d.nodeView.merged].filter(([name]) => !name.includes('.')))));
  return js;
}

const jsProfiles = new WeakMap<DiagnosisBase, ReadonlyMap<string, AnyProfile>>();

/** The profiles that have one of the keys (by allProfiles' reading), in order, with their settings. */
function* having(d: DiagnosisBase, ...keys: string[]): Generator<[string, AnyProfile]> {
  const profiles = allProfiles(d);
  for (const name of profilesWith(profiles, ...keys)) yield [name, profiles.get(name)!];
}

function place(d: DiagnosisBase, s: Setting) {
  const file = s.file === 'config' ? d.pyView.config : d.pyView.credentials;
  return { file: file.path, fileKind: s.file, line: s.line, column: s.column };
}

function replaceValue(d: DiagnosisBase, s: Setting, text: string, title: string): Fix {
  const file = s.file === 'config' ? d.pyView.config : d.pyView.credentials;
  return { title, action: { kind: 'replaceText', path: file.path, line: s.line, column: s.valueColumn, endColumn: s.valueColumn + s.value.length, text }, preferred: true };
}

const hasStatic = (p: AnyProfile) => p.has('aws_access_key_id') || p.has('aws_secret_access_key');
const hasAnyCredentials = (p: AnyProfile) =>
  hasStatic(p) || p.has('role_arn') || p.has('credential_process') || p.has('sso_account_id') || p.has('sso_role_name') || p.has('web_identity_token_file') || p.has('credential_source');

const roles: Rule = (d) => {
  const out: Finding[] = [];
  const profiles = allProfiles(d);
  const cycles = sourceCycles(profiles);
  const reportedCycles = new Set<number>();
  for (const [name, p] of having(d, 'role_arn')) {
    const roleArn = p.get('role_arn');
    if (!roleArn || p.has('web_identity_token_file')) continue;
    const sp = p.get('source_profile');
    const cs = p.get('credential_source');
    const tools = toolsUsingProfile(d, name);
    const severity = severityForProfile(d, name);
    if (sp && cs) {
      emit(d, out, FindingCode.RoleSourceConflict, () => ({
        severity,
        message: `Profile "${name}" has both source_profile and credential_source. botocore and the AWS CLI refuse it ("contains both source_profile and credential_source"); the JavaScript SDK does not treat it as a role profile at all${hasStatic(p) ? ' and signs with its static keys' : ''}. Keep one of the two.`,
        tools: tools.length ? tools : [...TOOL_IDS],
        ...place(d, cs),
        related: [{ ...pathOf(d, sp), message: 'source_profile' }],
        fixes: [{ title: 'Delete the credential_source line', action: { kind: 'deleteLine', path: place(d, cs).file, line: cs.line }, preferred: true }],
      }));
      continue;
    }
    if (!sp && !cs) {
      const keys = hasStatic(p);
      emit(d, out, FindingCode.RoleWithoutSource, () => ({
        severity,
        message: keys
          ? `Profile "${name}" has role_arn and static keys but neither source_profile nor credential_source. The tools disagree: the JavaScript SDK ignores role_arn and signs with the static keys (without assuming the role); botocore and the AWS CLI fail ("Partial credentials found in assume-role, missing: source_profile or credential_source"). Add source_profile = ${name} to assume the role with these keys.`
          : `Profile "${name}" has role_arn but neither source_profile nor credential_source: there are no credentials to assume the role with. botocore and the AWS CLI fail ("missing: source_profile or credential_source"); the JavaScript SDK finds no credentials.`,
        tools: tools.length ? tools : [...TOOL_IDS],
        ...place(d, roleArn),
      }));
      continue;
    }
    if (cs && !CREDENTIAL_SOURCES.includes(cs.value)) {
      const meant = CREDENTIAL_SOURCES.find((c) => c.toLowerCase() === cs.value.toLowerCase()) ?? closest(cs.value, CREDENTIAL_SOURCES, 4);
      emit(d, out, FindingCode.UnsupportedCredentialSource, () => ({
        severity,
        message: `credential_source = ${cs.value} in profile "${name}" is not one of ${CREDENTIAL_SOURCES.join(', ')} (the check is case-sensitive in every tool)${meant ? `: did you mean ${meant}?` : '.'} botocore and the AWS CLI refuse the profile; the JavaScript SDK skips it ("Unsupported credential source").`,
        tools: tools.length ? tools : [...TOOL_IDS],
        ...place(d, cs),
        fixes: meant ? [replaceValue(d, cs, meant, `Change credential_source to ${meant}`)] : [],
      }));
    }
    if (sp) {
      const src = profiles.get(sp.value);
      if (!src) {
        const meant = closest(sp.value, [...profiles.keys()].filter((k) => k !== name), 3);
        emit(d, out, FindingCode.SourceProfileMissing, () => ({
          severity,
          message: `Profile "${name}" takes its credentials from source_profile = ${sp.value}, which does not exist${meant ? ` (did you mean "${meant}"?)` : ''}. botocore and the AWS CLI fail ("The source_profile ... does not exist"); the JavaScript SDK skips the profile and ends with "Could not load credentials from any providers".`,
          tools: tools.length ? tools : [...TOOL_IDS],
          ...place(d, sp),
          fixes: meant ? [replaceValue(d, sp, meant, `Change source_profile to ${meant}`)] : [],
        }));
        continue;
      }
      const at = cycles.get(name);
      if (at) {
        if (!reportedCycles.has(at.id)) {
          reportedCycles.add(at.id);
          const cycle = [...at.members.slice(at.start), ...at.members.slice(0, at.start)];
          // A profile that names itself with keys of its own assumes its role with them (every tool): only one without keys loops.
          const what = cycle.length === 1
            ? `Profile "${name}" names itself as source_profile and has no keys of its own to assume its role with`
            : `Profiles ${shortList(cycle.map((c) => `"${c}"`), ' → ')} → "${cycle[0]}" name each other as source_profile: a cycle with no credentials at its end`;
          const fix = cycle.length === 1 ? 'Give it static keys (a profile naming itself assumes its role with its own keys), or name a profile that has credentials.' : 'One profile in the chain needs static keys, SSO or credential_source.';
          emit(d, out, FindingCode.SourceProfileCycle, () => ({
            severity,
            message: `${what}. botocore and the AWS CLI fail ("Infinite loop in credential configuration detected"); the JavaScript SDK gives up on the profile ("Detected a cycle"). ${fix}`,
            tools: tools.length ? tools : [...TOOL_IDS],
            ...place(d, sp),
          }));
        }
        continue;
      }
      if (!hasAnyCredentials(src) && sp.value !== name) {
        emit(d, out, FindingCode.SourceProfileWithoutCredentials, () => ({
          severity,
          message: `Profile "${name}" takes its credentials from source_profile = ${sp.value}, but profile "${sp.value}" has none (no keys, role, SSO, credential_process or web identity). botocore and the AWS CLI fail ("The source profile "${sp.value}" must have credentials"); the JavaScript SDK skips the profile.`,
          tools: tools.length ? tools : [...TOOL_IDS],
          ...place(d, sp),
        }));
      }
    }
    const mfa = p.get('mfa_serial');
    if (mfa) {
      emit(d, out, FindingCode.MfaRequiresCallback, () => ({
        severity: tools.includes('node') ? 'warning' : 'info',
        message: `Profile "${name}" needs an MFA code (mfa_serial). The AWS CLI and boto3 prompt for it in a terminal; a Node.js program fails ("requires multi-factor authentication, but no MFA code callback was provided") unless it passes mfaCodeProvider to fromIni/fromNodeProviderChain. Editors and other non-interactive processes cannot answer the prompt either.`,
        tools: ['node'],
        ...place(d, mfa),
      }));
    }
  }
  return out;
};

function pathOf(d: DiagnosisBase, s: Setting) {
  const p = place(d, s);
  return { path: p.file, line: p.line, column: p.column };
}

/** A cycle of source_profile names; `start` is where a profile's own walk enters it. */
interface CycleAt {
  readonly id: number;
  readonly members: readonly string[];
  readonly start: number;
}

/**
 * For each profile whose source_profile walk comes back to it with no keys to stop at, its cycle;
 * computed for all profiles at once, in time linear in their number (each profile names at most
 * one source, so the walks form a functional graph).
 *
 * From a start, the walk follows source_profile and stops (no cycle) at a missing profile, at a
 * profile other than the start that has static keys, or at a start with static keys naming itself.
 */
function sourceCycles(profiles: ReadonlyMap<string, AnyProfile>): Map<string, CycleAt> {
  const out = new Map<string, CycleAt>();
  const state = new Map<string, 1 | 2>(); // 1: on the current walk, 2: done
  let id = 0;
  const walk: string[] = []; // reused: most walks are one profile long
  // A walk from a profile without source_profile ends where it starts: only the others are walked.
  for (const first of profilesWith(profiles, 'source_profile')) {
    if (state.has(first)) continue;
    walk.length = 0;
    let cur: string | undefined = first;
    while (cur !== undefined && !state.has(cur)) {
      state.set(cur, 1);
      walk.push(cur);
      const next: string | undefined = profiles.get(cur)?.get('source_profile')?.value;
      cur = next !== undefined && profiles.has(next) ? next : undefined;
    }
    if (cur !== undefined && state.get(cur) === 1) {
      const members = walk.slice(walk.indexOf(cur));
      const withKeys = members.filter((n) => hasStatic(profiles.get(n)!));
      // Only a start with keys (or every member, when none has keys) comes back to itself.
      const cycleId = id++;
      if (withKeys.length === 0) members.forEach((m, i) => out.set(m, { id: cycleId, members, start: i }));
      else if (withKeys.length === 1 && members.length > 1) out.set(withKeys[0], { id: cycleId, members, start: members.indexOf(withKeys[0]) });
    }
    for (const n of walk) state.set(n, 2);
  }
  return out;
}

const isRoleHead = (p: AnyProfile | undefined) => !!p && p.has('role_arn') && !p.has('web_identity_token_file') && p.has('source_profile');

/**
 * How many roles each profile's chain assumes one after another: a role with a source_profile
 * counts one, plus its source's count when the source is itself such a role without static keys
 * (botocore stops at a source with keys). Cycles count as nothing here (SOURCE_PROFILE_CYCLE says
 * them). Linear: each profile is counted once.
 */
function roleChainDepths(profiles: ReadonlyMap<string, AnyProfile>): Map<string, number> {
  const depth = new Map<string, number>();
  // Reused from walk to walk: most profiles are no role, and their walk ends before it starts.
  const walk: string[] = [];
  const onWalk = new Set<string>();
  // Only a profile with source_profile can head a chain: the others count nothing.
  for (const first of profilesWith(profiles, 'source_profile')) {
    if (depth.has(first)) continue;
    if (walk.length) {
      walk.length = 0;
      onWalk.clear();
    }
    let cur: string | undefined = first;
    let base = 0;
    let cyclic = false;
    while (cur !== undefined) {
      const p = profiles.get(cur);
      if (!isRoleHead(p) || (walk.length > 0 && hasStatic(p!))) break;
      if (onWalk.has(cur)) {
        cyclic = true;
        break;
      }
      if (depth.has(cur)) {
        base = depth.get(cur)!;
        break;
      }
      walk.push(cur);
      onWalk.add(cur);
      cur = p!.get('source_profile')!.value;
    }
    for (let i = walk.length - 1; i >= 0; i--) depth.set(walk[i], cyclic ? 0 : ++base);
  }
  return depth;
}

const chainDepth: Rule = (d) => {
  const out: Finding[] = [];
  const profiles = allProfiles(d);
  const depths = roleChainDepths(profiles);
  const named = new Set<string>();
  for (const name of profilesWith(profiles, 'source_profile')) named.add(profiles.get(name)!.get('source_profile')!.value);
  for (const [name, depth] of depths) {
    // One finding per chain, at its head (the role no other profile takes its credentials from).
    if (depth <= BOTOCORE_MAX_ROLE_CHAIN || named.has(name)) continue;
    const sp = profiles.get(name)!.get('source_profile')!;
    const tools = toolsUsingProfile(d, name);
    emit(d, out, FindingCode.RoleChainTooDeep, () => ({
      severity: tools.length ? 'error' : 'warning',
      message: `Profile "${name}" is the head of a chain of ${depth} roles, each the source_profile of the one before. botocore and the AWS CLI recurse once per role and fail past about ${BOTOCORE_MAX_ROLE_CHAIN} ("maximum recursion depth exceeded"); the JavaScript SDK makes ${depth} AssumeRole calls one after another${depth > 1000 ? ' and may overflow its stack ("Maximum call stack size exceeded")' : ''}. A role can trust the base profile's identity directly: shorten the chain.`,
      tools: tools.length ? tools : [...TOOL_IDS],
      ...place(d, sp),
    }));
  }
  return out;
};

const sso: Rule = (d) => {
  const out: Finding[] = [];
  const sessions = d.pyView.parseError ? new Map([...d.nodeView.ssoSessions]) : d.pyView.ssoSessions;
  for (const [name, p] of having(d, 'sso_session', 'sso_start_url', 'sso_account_id', 'sso_role_name', 'sso_region')) ssoProfile(d, out, sessions, name, p);
  return out;
};

/** The SSO findings of one profile that has SSO settings. */
function ssoProfile(d: DiagnosisBase, out: Finding[], sessions: ReadonlyMap<string, ReadonlyMap<string, Setting>>, name: string, p: AnyProfile): void {
  const tools = toolsUsingProfile(d, name);
  const severity = severityForProfile(d, name);
  const sessionSetting = p.get('sso_session');
  let session: ReadonlyMap<string, Setting> | undefined;
  if (sessionSetting) {
    session = sessions.get(sessionSetting.value);
    if (!session) {
      const meant = closest(sessionSetting.value, sessions.keys(), 3);
      emit(d, out, FindingCode.SsoSessionNotFound, () => ({
        severity,
        message: `Profile "${name}" names sso_session = ${sessionSetting.value}, but the config file has no [sso-session ${sessionSetting.value}] section${meant ? ` (did you mean "${meant}"?)` : ''}. botocore and the AWS CLI fail ("The specified sso-session does not exist"); the JavaScript SDK crashes with "Cannot read properties of undefined (reading 'sso_region')".`,
        tools: tools.length ? tools : [...TOOL_IDS],
        ...place(d, sessionSetting),
        fixes: meant ? [replaceValue(d, sessionSetting, meant, `Change sso_session to ${meant}`)] : [],
      }));
      return;
    }
  }
  const isSso = sessionSetting || p.has('sso_start_url') || p.has('sso_account_id') || p.has('sso_role_name') || p.has('sso_region');
  if (!isSso) return;
  const anchor = sessionSetting ?? p.get('sso_start_url') ?? p.get('sso_account_id') ?? p.get('sso_role_name') ?? p.get('sso_region')!;
  if (!p.has('sso_account_id') && !p.has('sso_role_name')) {
    if (hasStatic(p) || p.has('role_arn') || p.has('credential_process')) return;
    emit(d, out, FindingCode.SsoTokenOnlyProfile, () => ({
      severity: tools.includes('node') ? 'error' : 'warning',
      message: `Profile "${name}" has SSO login settings but no sso_account_id or sso_role_name: it can sign in (aws sso login) but gives no AWS credentials. botocore and the AWS CLI skip it and look further; the JavaScript SDK fails hard ("Profile is configured with invalid SSO credentials"). Add the account and role to use it for credentials.`,
      tools: ['node'],
      ...place(d, anchor),
    }));
    return;
  }
  const value = (k: string) => p.get(k)?.value ?? session?.get(k)?.value;
  // The usual profile has all four: no list built for it.
  if (value('sso_account_id') && value('sso_role_name') && value('sso_start_url') && value('sso_region')) return;
  const missing = ['sso_account_id', 'sso_role_name', 'sso_start_url', 'sso_region'].filter((k) => !value(k));
  if (missing.length) {
    emit(d, out, FindingCode.SsoIncomplete, () => ({
      severity,
      message: `SSO profile "${name}" lacks ${missing.join(', ')}${sessionSetting ? ` (looked in the profile and in [sso-session ${sessionSetting.value}])` : ''}. botocore and the AWS CLI fail ("is configured to use SSO but is missing required configuration"); the JavaScript SDK fails ("Profile is configured with invalid SSO credentials").`,
      tools: tools.length ? tools : [...TOOL_IDS],
      ...place(d, anchor),
    }));
  }
}

/** What might be shell syntax (a quick test before shellOnlySyntax looks closer). */
const SHELL_SYNTAX = /[$`|&;<>*~()#=]/;
/** What each construct shellOnlySyntax finds is, in a message. */
const CONSTRUCTS: Readonly<Record<string, string>> = {
  '|': 'a pipe (|)', '&': 'a background or "and" operator (&)', ';': 'a command separator (;)', '<': 'a redirection (<)', '>': 'a redirection (>)',
  '(': 'a subshell ( … )', ')': 'a subshell ( … )', '$': 'an expansion ($)', '`': 'a command substitution (`…`)', '\\$': 'an escaped $ inside double quotes (\\$)',
  '\\`': 'an escaped ` inside double quotes (\\`)', '*': 'a glob (*), which /bin/sh replaces with the file names it matches', '#': 'a comment (#)', '~': 'a ~ for the home directory',
};
/** What cmd.exe interprets and botocore's Windows split does not (`%VAR%`, operators, escapes); backslashes are paths there. */
const CMD_SYNTAX = /[%&|<>^()]/;

const processes: Rule = (d) => {
  const out: Finding[] = [];
  // Profiles often share one command: each is looked for once.
  const checked = new Map<string, [ProgramCheck, ProgramCheck]>();
  for (const [name, p] of having(d, 'credential_process')) {
    const proc = p.get('credential_process')!;
    let both = checked.get(proc.value);
    if (!both) checked.set(proc.value, (both = [checkProgram(proc.value, d.input, d.cache, true, d.nodeView.paths.home), checkProgram(proc.value, d.input, d.cache, false, d.pyView.paths.home)]));
    processFindings(d, out, name, proc, both[0], both[1]);
  }
  return out;
};

/** The findings about one profile's credential_process (`js`, `py`: the program as each SDK family would find it). */
function processFindings(d: DiagnosisBase, out: Finding[], name: string, proc: Setting, js: ProgramCheck, py: ProgramCheck): void {
  if (js.ok && py.ok && (js.relative || py.relative)) relativeProgram(d, out, name, proc, js.path);
  if (js.ok && py.ok && !(d.input.platform === 'win32' ? CMD_SYNTAX : SHELL_SYNTAX).test(proc.value)) return;
  const tools = toolsUsingProfile(d, name);
  const severity = severityForProfile(d, name);
  const windows = d.input.platform === 'win32';
  const shellName = windows ? 'cmd.exe' : '/bin/sh';
  if (!js.ok && !py.ok) {
    emit(d, out, FindingCode.CredentialProcessNotFound, () => ({
      severity,
      message: `credential_process of profile "${name}" cannot run: ${js.reason}${js.relative ? `, the directory this diagnosis runs in. A relative path is looked for in the directory the program runs in: run from a directory that has it, it works` : ''}. Every tool fails to get credentials from it (botocore and the AWS CLI with "${windows ? 'The system cannot find the file specified' : !py.ok && py.pythonError ? py.pythonError : !py.ok && py.denied ? 'Permission denied' : 'No such file or directory'}"; the JavaScript SDK moves on to the rest of its chain${tools.includes('node') ? jsEnding(d) : ''}). Install the program or fix the path.`,
      tools: tools.length ? tools : [...TOOL_IDS],
      ...place(d, proc),
    }));
  } else if (js.ok && !py.ok) {
    emit(d, out, FindingCode.CredentialProcessShell, () => ({
      severity: tools.some((t) => t !== 'node') ? 'error' : 'warning',
      message: windows
        ? `credential_process of profile "${name}" needs cmd.exe: the JavaScript SDK runs it through cmd.exe (which expands %VARIABLES% and tries every PATHEXT extension), but botocore and the AWS CLI start it without a shell, and ${py.reason}. Write the program's full name with its extension (.exe, .cmd), or its absolute path.`
        : `credential_process of profile "${name}" needs a shell: the JavaScript SDK runs it through /bin/sh (which expands variables, ~, pipes and quotes), but botocore and the AWS CLI run it without a shell, and there ${py.reason}. Write the program's absolute path and plain arguments, or wrap it in a script.`,
      tools: ['python', 'cli'],
      ...place(d, proc),
    }));
  } else if (windows) {
    const uses = proc.value.match(CMD_SYNTAX)?.[0];
    if (uses === undefined) return;
    emit(d, out, FindingCode.CredentialProcessShell, () => ({
      severity: 'warning',
      message: `credential_process of profile "${name}" uses shell syntax (${uses}). The JavaScript SDK runs it through ${shellName}; botocore and the AWS CLI split it themselves and do not interpret ${uses}, so the two run different commands.`,
      tools: ['python', 'cli'],
      ...place(d, proc),
    }));
  } else {
    // Only what /bin/sh interprets and a shlex split does not: quotes, backslashes and the script of `sh -c "…"` run alike.
    const uses = shellOnlySyntax(proc.value);
    if (uses === undefined) return;
    emit(d, out, FindingCode.CredentialProcessShell, () => ({
      severity: 'warning',
      message: `credential_process of profile "${name}" uses ${CONSTRUCTS[uses] ?? `a variable assignment (${uses}…) before the command`}, which /bin/sh interprets and a plain split does not. The JavaScript SDK runs the line through /bin/sh; botocore and the AWS CLI run ${JSON.stringify(shlexSplit(proc.value))} without a shell, so the two run different commands.`,
      tools: ['python', 'cli'],
      ...place(d, proc),
    }));
  }
}

/** Where the JavaScript SDK's chain ends once it has moved past a profile (here and now). */
function jsEnding(d: DiagnosisBase): string {
  const r = d.tools.node;
  return r.source === 'none' ? ', which ends with "Could not load credentials from any providers"' : r.source === 'error' ? `, which fails ("${r.failure}")` : `, which ends with ${r.source} credentials`;
}

/**
 * A program found through a relative path: found here (or the directory is unknown), but only
 * from a directory that has it. The fix writes the path found here, when it needs no quoting.
 */
function relativeProgram(d: DiagnosisBase, out: Finding[], name: string, proc: Setting, found: string): void {
  const cwd = d.input.cwd;
  const word = proc.value.split(/\s/, 1)[0];
  const program = shlexSplit(proc.value)?.[0] ?? word;
  // A plain word (no quote, variable or ~) replaced by a path that needs no quoting either.
  const fixable = cwd !== undefined && /^[\w./+@:,-]+$/.test(word) && /^\/[\w./+@:,-]+$/.test(found);
  emit(d, out, FindingCode.CredentialProcessRelativePath, () => ({
    severity: 'info',
    message: cwd === undefined
      ? `credential_process of profile "${name}" names its program by a relative path (${program}): every tool looks for it in the directory the program runs in, so whether it runs depends on that directory. From a directory without it, botocore and the AWS CLI fail ("No such file or directory") and the JavaScript SDK moves on to the rest of its chain.`
      : `credential_process of profile "${name}" names its program by a relative path (${program}), found from ${cwd}, the directory this diagnosis runs in. Every tool looks for it in the directory the program runs in: from a directory without it, botocore and the AWS CLI fail ("No such file or directory") and the JavaScript SDK moves on to the rest of its chain.`,
    tools: toolsUsingProfile(d, name),
    ...place(d, proc),
    ...(fixable ? { fixes: [{ title: `Use the absolute path ${found}`, action: { kind: 'replaceText' as const, path: place(d, proc).file, line: proc.line, column: proc.valueColumn, endColumn: proc.valueColumn + word.length, text: found }, preferred: true }] } : {}),
  }));
}

/** Why a web identity token file cannot be read, when it is missing or unreadable (not a regular file: NOT_A_REGULAR_FILE says it). */
function tokenFileProblem(d: DiagnosisBase, path: string): string | undefined {
  if (d.cache.text(path, 'web-identity-token') !== undefined) return undefined;
  const f = d.cache.failure(path);
  if (!f) return undefined;
  if (f.code === 'ENOENT') return 'does not exist';
  if (f.code === 'EACCES') return 'cannot be read (permission denied)';
  if (f.code === 'EOTHER') return 'cannot be read';
  return undefined;
}

const webIdentity: Rule = (d) => {
  const out: Finding[] = [];
  for (const [name, p] of having(d, 'web_identity_token_file')) {
    const f = p.get('web_identity_token_file')!;
    if (!p.has('role_arn')) continue;
    const problem = tokenFileProblem(d, f.value);
    if (!problem) continue;
    const tools = toolsUsingProfile(d, name);
    emit(d, out, FindingCode.WebIdentityTokenFileMissing, () => ({
      severity: severityForProfile(d, name),
      message: `Profile "${name}" reads its web identity token from ${f.value}, which ${problem}: every tool fails before calling STS (${problem === 'does not exist' ? 'ENOENT / "No such file or directory"' : 'EACCES / "Permission denied"'}).`,
      tools: tools.length ? tools : [...TOOL_IDS],
      ...place(d, f),
    }));
  }
  const envFile = d.input.env.AWS_WEB_IDENTITY_TOKEN_FILE;
  const problem = envFile && d.input.env.AWS_ROLE_ARN ? tokenFileProblem(d, envFile) : undefined;
  if (envFile && problem) {
    const tools: ToolId[] = TOOL_IDS.filter((t) => d.tools[t].source === 'error' && (d.tools[t].failure ?? '').includes(envFile));
    emit(d, out, FindingCode.WebIdentityTokenFileMissing, () => ({
      severity: 'error',
      message: `AWS_WEB_IDENTITY_TOKEN_FILE=${envFile} ${problem}${tools.length ? `: ${toolList(tools)} fail before calling STS` : ''}. Outside the pod or runner that projected the token, unset AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN.`,
      tools: tools.length ? tools : [...TOOL_IDS],
      env: 'AWS_WEB_IDENTITY_TOKEN_FILE',
      fixes: [{ title: 'Unset AWS_WEB_IDENTITY_TOKEN_FILE', action: { kind: 'unsetEnv', name: 'AWS_WEB_IDENTITY_TOKEN_FILE' }, preferred: true }],
    }));
  }
  return out;
};

/** What a profile resolves to for each SDK family, by the precedence each applies (semantics §1.6, §2.1). */
function jsChoice(p: AnyProfile): string | undefined {
  if (p.has('role_arn') && p.has('source_profile') !== p.has('credential_source')) return 'the role (role_arn)';
  if (p.has('aws_access_key_id') && p.has('aws_secret_access_key')) return 'the static keys';
  if (p.has('web_identity_token_file') && p.has('role_arn')) return 'web identity';
  if (p.has('credential_process')) return 'credential_process';
  if (['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'].some((k) => p.has(k))) return 'SSO';
  return undefined;
}

function botocoreChoice(d: DiagnosisBase, name: string, p: AnyProfile): string | undefined {
  if (p.has('role_arn') && !p.has('web_identity_token_file')) return 'the role (role_arn)';
  if (p.has('web_identity_token_file')) return 'web identity';
  if (p.has('sso_account_id') || p.has('sso_role_name')) return 'SSO';
  if (d.pyView.credentialsProfiles.get(name)?.has('aws_access_key_id')) return 'the static keys';
  if (p.has('credential_process')) return 'credential_process';
  if (d.pyView.configProfiles.get(name)?.has('aws_access_key_id')) return 'the static keys';
  return undefined;
}

const mixedTypes: Rule = (d) => {
  const out: Finding[] = [];
  // The profiles with another kind of credentials, then those of them with keys too.
  for (const [name, p] of having(d, 'credential_process', 'sso_account_id', 'sso_role_name', 'sso_session', 'sso_start_url', 'role_arn')) {
    const key = p.get('aws_access_key_id');
    if (!key) continue;
    const others = [
      p.has('credential_process') ? 'credential_process' : undefined,
      p.has('sso_account_id') || p.has('sso_role_name') || p.has('sso_session') || p.has('sso_start_url') ? 'SSO settings' : undefined,
      p.has('role_arn') && (p.has('source_profile') || p.has('credential_source')) ? 'role_arn' : undefined,
    ].filter((x): x is string => !!x);
    if (!others.length) continue;
    const js = jsChoice(p);
    const py = botocoreChoice(d, name, p);
    emit(d, out, FindingCode.MixedCredentialTypes, () => ({
      severity: js !== py ? 'warning' : 'info',
      message: `Profile "${name}" mixes static keys with ${others.join(' and ')}. The JavaScript SDK uses ${js ?? 'nothing'}; botocore and the AWS CLI use ${py ?? 'nothing'}${js !== py ? ': the same profile gives two identities' : ''}. Keep one kind of credentials per profile.`,
      tools: [...TOOL_IDS],
      ...place(d, key),
    }));
  }
  return out;
};

export const PROFILE_RULES: readonly Rule[] = [roles, chainDepth, sso, processes, webIdentity, mixedTypes];
