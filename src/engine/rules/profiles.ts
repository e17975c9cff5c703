/** Profiles that cannot resolve: role chains, SSO settings, credential_process, web identity, MFA, mixed types. */
import type { DiagnosisBase } from '../findings/diagnosis';
import type { Fix } from '../findings/findings';
import type { PySetting, Setting, ToolId } from '../core/model';
import { CREDENTIAL_SOURCES, TOOL_IDS } from '../core/model';
import { checkProgram } from '../resolve/programs';
import type { ProgramCheck } from '../resolve/programCheck';
import { BOTOCORE_MAX_ROLE_CHAIN } from '../resolve/resolveBotocore';
import type { Check, RuleContext } from './kit';
import { closest, declareCodes, orAll, ruleModule, severityForProfile, toolList, toolsUsingProfile } from './kit';
import { shellOnlySyntax, shlexSplit, shortList } from '../core/text';
import { profilesWith } from '../files/views';

const CODES = declareCodes({
  SOURCE_PROFILE_MISSING: {
    severity: 'error',
    cause: '`source_profile` names a profile that does not exist.',
    fix: 'Fix the name.',
    messages: {
      main: 'Profile "{profile}" takes its credentials from source_profile = {sourceProfile}, which does not exist. botocore and the AWS CLI fail ("The source_profile ... does not exist"); the JavaScript SDK skips the profile and ends with "Could not load credentials from any providers".',
      didYouMean:
        'Profile "{profile}" takes its credentials from source_profile = {sourceProfile}, which does not exist (did you mean "{meant}"?). botocore and the AWS CLI fail ("The source_profile ... does not exist"); the JavaScript SDK skips the profile and ends with "Could not load credentials from any providers".',
    },
  },
  SOURCE_PROFILE_CYCLE: {
    severity: 'error',
    cause:
      'Profiles name each other as `source_profile` with no credentials at the end, or a profile names itself and has no keys of its own (with keys, every tool assumes its role with them).',
    fix: 'Give one profile in the chain real credentials.',
    messages: {
      itself:
        'Profile "{profile}" names itself as source_profile and has no keys of its own to assume its role with. botocore and the AWS CLI fail ("Infinite loop in credential configuration detected"); the JavaScript SDK gives up on the profile ("Detected a cycle"). Give it static keys (a profile naming itself assumes its role with its own keys), or name a profile that has credentials.',
      cycle:
        'Profiles {cycle} → "{first}" name each other as source_profile: a cycle with no credentials at its end. botocore and the AWS CLI fail ("Infinite loop in credential configuration detected"); the JavaScript SDK gives up on the profile ("Detected a cycle"). One profile in the chain needs static keys, SSO or credential_source.',
    },
  },
  ROLE_CHAIN_TOO_DEEP: {
    severity: 'error',
    cause:
      "A chain of more than 135 roles, each the `source_profile` of the next: botocore and the AWS CLI exceed Python's recursion limit, the JavaScript SDK makes one AssumeRole call per role.",
    fix: 'Let the role trust the base identity directly.',
    messages: {
      main: 'Profile "{profile}" is the head of a chain of {depth} roles, each the source_profile of the one before. botocore and the AWS CLI recurse once per role and fail past about {maxDepth} ("maximum recursion depth exceeded"); the JavaScript SDK makes {depth} AssumeRole calls one after another. A role can trust the base profile\'s identity directly: shorten the chain.',
      stackOverflow:
        'Profile "{profile}" is the head of a chain of {depth} roles, each the source_profile of the one before. botocore and the AWS CLI recurse once per role and fail past about {maxDepth} ("maximum recursion depth exceeded"); the JavaScript SDK makes {depth} AssumeRole calls one after another and may overflow its stack ("Maximum call stack size exceeded"). A role can trust the base profile\'s identity directly: shorten the chain.',
    },
  },
  SOURCE_PROFILE_WITHOUT_CREDENTIALS: {
    severity: 'error',
    cause: 'The `source_profile` has no credentials of any kind.',
    fix: 'Add credentials to it or pick another.',
    messages: {
      main: 'Profile "{profile}" takes its credentials from source_profile = {sourceProfile}, but profile "{sourceProfile}" has none (no keys, role, SSO, credential_process or web identity). botocore and the AWS CLI fail ("The source profile "{sourceProfile}" must have credentials"); the JavaScript SDK skips the profile.',
    },
  },
  ROLE_SOURCE_CONFLICT: {
    severity: 'error',
    cause: 'A role profile has both `source_profile` and `credential_source`.',
    fix: 'Keep one.',
    messages: {
      main: 'Profile "{profile}" has both source_profile and credential_source. botocore and the AWS CLI refuse it ("contains both source_profile and credential_source"); the JavaScript SDK does not treat it as a role profile at all. Keep one of the two.',
      withKeys:
        'Profile "{profile}" has both source_profile and credential_source. botocore and the AWS CLI refuse it ("contains both source_profile and credential_source"); the JavaScript SDK does not treat it as a role profile at all and signs with its static keys. Keep one of the two.',
    },
  },
  ROLE_WITHOUT_SOURCE: {
    severity: 'error',
    cause:
      'A role profile has neither `source_profile` nor `credential_source` (with static keys, the tools disagree).',
    fix: 'Add `source_profile`.',
    messages: {
      withKeys:
        'Profile "{profile}" has role_arn and static keys but neither source_profile nor credential_source. The tools disagree: the JavaScript SDK ignores role_arn and signs with the static keys (without assuming the role); botocore and the AWS CLI fail ("Partial credentials found in assume-role, missing: source_profile or credential_source"). Add source_profile = {profile} to assume the role with these keys.',
      noKeys:
        'Profile "{profile}" has role_arn but neither source_profile nor credential_source: there are no credentials to assume the role with. botocore and the AWS CLI fail ("missing: source_profile or credential_source"); the JavaScript SDK finds no credentials.',
    },
  },
  UNSUPPORTED_CREDENTIAL_SOURCE: {
    severity: 'error',
    cause: '`credential_source` is not `Environment`, `EcsContainer` or `Ec2InstanceMetadata` (case-sensitive).',
    fix: 'Use one of those.',
    messages: {
      main: 'credential_source = {value} in profile "{profile}" is not one of {sources} (the check is case-sensitive in every tool). botocore and the AWS CLI refuse the profile; the JavaScript SDK skips it ("Unsupported credential source").',
      didYouMean:
        'credential_source = {value} in profile "{profile}" is not one of {sources} (the check is case-sensitive in every tool): did you mean {meant}? botocore and the AWS CLI refuse the profile; the JavaScript SDK skips it ("Unsupported credential source").',
    },
  },
  MIXED_CREDENTIAL_TYPES: {
    severity: 'warning',
    cause: 'Static keys mixed with SSO, `credential_process` or a role in one profile: the tools choose differently.',
    fix: 'Keep one kind per profile.',
    messages: {
      same: 'Profile "{profile}" mixes static keys with {others}. The JavaScript SDK uses {choice}; botocore and the AWS CLI use {choice}. Keep one kind of credentials per profile.',
      differ:
        'Profile "{profile}" mixes static keys with {others}. The JavaScript SDK uses {jsChoice}; botocore and the AWS CLI use {pyChoice}: the same profile gives two identities. Keep one kind of credentials per profile.',
    },
  },
  SSO_SESSION_NOT_FOUND: {
    severity: 'error',
    cause: '`sso_session` names a missing `[sso-session]` section.',
    fix: 'Fix the name or add the section.',
    messages: {
      main: 'Profile "{profile}" names sso_session = {session}, but the config file has no [sso-session {session}] section. botocore and the AWS CLI fail ("The specified sso-session does not exist"); the JavaScript SDK crashes with "Cannot read properties of undefined (reading \'sso_region\')".',
      didYouMean:
        'Profile "{profile}" names sso_session = {session}, but the config file has no [sso-session {session}] section (did you mean "{meant}"?). botocore and the AWS CLI fail ("The specified sso-session does not exist"); the JavaScript SDK crashes with "Cannot read properties of undefined (reading \'sso_region\')".',
    },
  },
  SSO_INCOMPLETE: {
    severity: 'error',
    cause: 'An SSO profile lacks `sso_account_id`, `sso_role_name`, `sso_start_url` or `sso_region`.',
    fix: 'Add the missing settings.',
    messages: {
      main: 'SSO profile "{profile}" lacks {missing}. botocore and the AWS CLI fail ("is configured to use SSO but is missing required configuration"); the JavaScript SDK fails ("Profile is configured with invalid SSO credentials").',
      withSession:
        'SSO profile "{profile}" lacks {missing} (looked in the profile and in [sso-session {session}]). botocore and the AWS CLI fail ("is configured to use SSO but is missing required configuration"); the JavaScript SDK fails ("Profile is configured with invalid SSO credentials").',
    },
  },
  SSO_TOKEN_ONLY_PROFILE: {
    severity: 'error',
    cause: 'A profile with only `sso_session`: botocore skips it, the JavaScript SDK fails hard.',
    fix: 'Add account and role, or do not select it for credentials.',
    messages: {
      main: 'Profile "{profile}" has SSO login settings but no sso_account_id or sso_role_name: it can sign in (aws sso login) but gives no AWS credentials. botocore and the AWS CLI skip it and look further; the JavaScript SDK fails hard ("Profile is configured with invalid SSO credentials"). Add the account and role to use it for credentials.',
    },
  },
  CREDENTIAL_PROCESS_NOT_FOUND: {
    severity: 'error',
    cause: 'The `credential_process` program does not exist or is not executable.',
    fix: 'Install it or fix the path.',
    // What the JavaScript SDK's chain ends with after it moves past the profile is said only when it uses the profile (main, relative: it does not).
    messages: {
      main: 'credential_process of profile "{profile}" cannot run: {reason}. Every tool fails to get credentials from it (botocore and the AWS CLI with "{error}"; the JavaScript SDK moves on to the rest of its chain). Install the program or fix the path.',
      jsNoCredentials:
        'credential_process of profile "{profile}" cannot run: {reason}. Every tool fails to get credentials from it (botocore and the AWS CLI with "{error}"; the JavaScript SDK moves on to the rest of its chain, which ends with "Could not load credentials from any providers"). Install the program or fix the path.',
      jsFails:
        'credential_process of profile "{profile}" cannot run: {reason}. Every tool fails to get credentials from it (botocore and the AWS CLI with "{error}"; the JavaScript SDK moves on to the rest of its chain, which fails ("{failure}")). Install the program or fix the path.',
      jsUses:
        'credential_process of profile "{profile}" cannot run: {reason}. Every tool fails to get credentials from it (botocore and the AWS CLI with "{error}"; the JavaScript SDK moves on to the rest of its chain, which ends with {source} credentials). Install the program or fix the path.',
      relative:
        'credential_process of profile "{profile}" cannot run: {reason}, the directory this diagnosis runs in. A relative path is looked for in the directory the program runs in: run from a directory that has it, it works. Every tool fails to get credentials from it (botocore and the AWS CLI with "{error}"; the JavaScript SDK moves on to the rest of its chain). Install the program or fix the path.',
      relativeJsNoCredentials:
        'credential_process of profile "{profile}" cannot run: {reason}, the directory this diagnosis runs in. A relative path is looked for in the directory the program runs in: run from a directory that has it, it works. Every tool fails to get credentials from it (botocore and the AWS CLI with "{error}"; the JavaScript SDK moves on to the rest of its chain, which ends with "Could not load credentials from any providers"). Install the program or fix the path.',
      relativeJsFails:
        'credential_process of profile "{profile}" cannot run: {reason}, the directory this diagnosis runs in. A relative path is looked for in the directory the program runs in: run from a directory that has it, it works. Every tool fails to get credentials from it (botocore and the AWS CLI with "{error}"; the JavaScript SDK moves on to the rest of its chain, which fails ("{failure}")). Install the program or fix the path.',
      relativeJsUses:
        'credential_process of profile "{profile}" cannot run: {reason}, the directory this diagnosis runs in. A relative path is looked for in the directory the program runs in: run from a directory that has it, it works. Every tool fails to get credentials from it (botocore and the AWS CLI with "{error}"; the JavaScript SDK moves on to the rest of its chain, which ends with {source} credentials). Install the program or fix the path.',
    },
  },
  CREDENTIAL_PROCESS_SHELL: {
    severity: 'warning',
    cause:
      '`credential_process` needs /bin/sh: the JavaScript SDK runs it through /bin/sh, botocore and the AWS CLI split it (shlex) and run it without a shell. Raised only where the two really run different commands (`$VAR`, `~`, an unquoted `|`, `*`, …), never for quotes or the script of `sh -c "…"`.',
    fix: 'Use an absolute path and plain arguments.',
    messages: {
      needsShell:
        'credential_process of profile "{profile}" needs a shell: the JavaScript SDK runs it through /bin/sh (which expands variables, ~, pipes and quotes), but botocore and the AWS CLI run it without a shell, and there {reason}. Write the program\'s absolute path and plain arguments, or wrap it in a script.',
      needsCmd:
        'credential_process of profile "{profile}" needs cmd.exe: the JavaScript SDK runs it through cmd.exe (which expands %VARIABLES% and tries every PATHEXT extension), but botocore and the AWS CLI start it without a shell, and {reason}. Write the program\'s full name with its extension (.exe, .cmd), or its absolute path.',
      cmdSyntax:
        'credential_process of profile "{profile}" uses shell syntax ({syntax}). The JavaScript SDK runs it through cmd.exe; botocore and the AWS CLI split it themselves and do not interpret {syntax}, so the two run different commands.',
      shellSyntax:
        'credential_process of profile "{profile}" uses {construct}, which /bin/sh interprets and a plain split does not. The JavaScript SDK runs the line through /bin/sh; botocore and the AWS CLI run {words} without a shell, so the two run different commands.',
      assignment:
        'credential_process of profile "{profile}" uses a variable assignment ({assignment}…) before the command, which /bin/sh interprets and a plain split does not. The JavaScript SDK runs the line through /bin/sh; botocore and the AWS CLI run {words} without a shell, so the two run different commands.',
    },
  },
  CREDENTIAL_PROCESS_RELATIVE_PATH: {
    severity: 'info',
    cause:
      '`credential_process` names its program by a relative path: every tool looks for it in the directory the program runs in, so it works from some directories only.',
    fix: 'Use the absolute path.',
    messages: {
      anyDirectory:
        'credential_process of profile "{profile}" names its program by a relative path ({program}): every tool looks for it in the directory the program runs in, so whether it runs depends on that directory. From a directory without it, botocore and the AWS CLI fail ("No such file or directory") and the JavaScript SDK moves on to the rest of its chain.',
      foundHere:
        'credential_process of profile "{profile}" names its program by a relative path ({program}), found from {cwd}, the directory this diagnosis runs in. Every tool looks for it in the directory the program runs in: from a directory without it, botocore and the AWS CLI fail ("No such file or directory") and the JavaScript SDK moves on to the rest of its chain.',
    },
  },
  WEB_IDENTITY_TOKEN_FILE_MISSING: {
    severity: 'error',
    cause: 'The web identity token file does not exist.',
    fix: 'Fix the path, or unset the IRSA variables outside the pod.',
    messages: {
      profile:
        'Profile "{profile}" reads its web identity token from {path}, which does not exist: every tool fails before calling STS (ENOENT / "No such file or directory").',
      env: 'AWS_WEB_IDENTITY_TOKEN_FILE={path} does not exist. Outside the pod or runner that projected the token, unset AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN.',
      envFailing:
        'AWS_WEB_IDENTITY_TOKEN_FILE={path} does not exist: {tools} fail before calling STS. Outside the pod or runner that projected the token, unset AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN.',
    },
  },
  MFA_REQUIRES_CALLBACK: {
    severity: 'warning',
    cause: 'A role with `mfa_serial`: the CLI prompts, a Node.js program needs `mfaCodeProvider`.',
    fix: 'Pass an MFA callback, or use cached credentials.',
    messages: {
      main: 'Profile "{profile}" needs an MFA code (mfa_serial). The AWS CLI and boto3 prompt for it in a terminal; a Node.js program fails ("requires multi-factor authentication, but no MFA code callback was provided") unless it passes mfaCodeProvider to fromIni/fromNodeProviderChain. Editors and other non-interactive processes cannot answer the prompt either.',
    },
  },
});

type Report = RuleContext<typeof CODES>['report'];

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
  return {
    title,
    action: {
      kind: 'replaceText',
      path: file.path,
      line: s.line,
      column: s.valueColumn,
      endColumn: s.valueColumn + s.value.length,
      text,
    },
    preferred: true,
  };
}

const hasStatic = (p: AnyProfile) => p.has('aws_access_key_id') || p.has('aws_secret_access_key');
const hasAnyCredentials = (p: AnyProfile) =>
  hasStatic(p) ||
  p.has('role_arn') ||
  p.has('credential_process') ||
  p.has('sso_account_id') ||
  p.has('sso_role_name') ||
  p.has('web_identity_token_file') ||
  p.has('credential_source');

const roles: Check<typeof CODES> = ({ d, report }) => {
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
    /** Where a finding about this profile's setting `s` is, and for whom. */
    const at = (s: Setting) => ({ severity, tools: orAll(tools), ...place(d, s) });
    if (sp && cs) {
      report('ROLE_SOURCE_CONFLICT', hasStatic(p) ? 'withKeys' : 'main', () => ({
        data: { profile: name },
        ...at(cs),
        related: [{ ...pathOf(d, sp), message: 'source_profile' }],
        fixes: [
          {
            title: 'Delete the credential_source line',
            action: { kind: 'deleteLine', path: place(d, cs).file, line: cs.line },
            preferred: true,
          },
        ],
      }));
      continue;
    }
    if (!sp && !cs) {
      report('ROLE_WITHOUT_SOURCE', hasStatic(p) ? 'withKeys' : 'noKeys', () => ({
        data: { profile: name },
        ...at(roleArn),
      }));
      continue;
    }
    if (cs && !CREDENTIAL_SOURCES.includes(cs.value)) {
      const meant =
        CREDENTIAL_SOURCES.find((c) => c.toLowerCase() === cs.value.toLowerCase()) ??
        closest(cs.value, CREDENTIAL_SOURCES, 4);
      const data = { value: cs.value, profile: name, sources: CREDENTIAL_SOURCES.join(', ') };
      if (meant)
        report('UNSUPPORTED_CREDENTIAL_SOURCE', 'didYouMean', () => ({
          data: { ...data, meant },
          ...at(cs),
          fixes: [replaceValue(d, cs, meant, `Change credential_source to ${meant}`)],
        }));
      else report('UNSUPPORTED_CREDENTIAL_SOURCE', 'main', () => ({ data, ...at(cs) }));
    }
    if (sp) {
      const src = profiles.get(sp.value);
      if (!src) {
        const meant = closest(
          sp.value,
          [...profiles.keys()].filter((k) => k !== name),
          3,
        );
        const data = { profile: name, sourceProfile: sp.value };
        if (meant)
          report('SOURCE_PROFILE_MISSING', 'didYouMean', () => ({
            data: { ...data, meant },
            ...at(sp),
            fixes: [replaceValue(d, sp, meant, `Change source_profile to ${meant}`)],
          }));
        else report('SOURCE_PROFILE_MISSING', 'main', () => ({ data, ...at(sp) }));
        continue;
      }
      const cycleAt = cycles.get(name);
      if (cycleAt) {
        if (!reportedCycles.has(cycleAt.id)) {
          reportedCycles.add(cycleAt.id);
          const cycle = [...cycleAt.members.slice(cycleAt.start), ...cycleAt.members.slice(0, cycleAt.start)];
          // A profile that names itself with keys of its own assumes its role with them (every tool): only one without keys loops.
          if (cycle.length === 1)
            report('SOURCE_PROFILE_CYCLE', 'itself', () => ({ data: { profile: name }, ...at(sp) }));
          else
            report('SOURCE_PROFILE_CYCLE', 'cycle', () => ({
              data: {
                cycle: shortList(
                  cycle.map((c) => `"${c}"`),
                  ' → ',
                ),
                first: cycle[0],
              },
              ...at(sp),
            }));
        }
        continue;
      }
      if (!hasAnyCredentials(src) && sp.value !== name) {
        report('SOURCE_PROFILE_WITHOUT_CREDENTIALS', 'main', () => ({
          data: { profile: name, sourceProfile: sp.value },
          ...at(sp),
        }));
      }
    }
    const mfa = p.get('mfa_serial');
    if (mfa) {
      report('MFA_REQUIRES_CALLBACK', 'main', () => ({
        data: { profile: name },
        severity: tools.includes('node') ? 'warning' : 'info',
        tools: ['node'],
        ...place(d, mfa),
      }));
    }
  }
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
      else if (withKeys.length === 1 && members.length > 1)
        out.set(withKeys[0], { id: cycleId, members, start: members.indexOf(withKeys[0]) });
    }
    for (const n of walk) state.set(n, 2);
  }
  return out;
}

const isRoleHead = (p: AnyProfile | undefined) =>
  !!p && p.has('role_arn') && !p.has('web_identity_token_file') && p.has('source_profile');

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

const chainDepth: Check<typeof CODES> = ({ d, report }) => {
  const profiles = allProfiles(d);
  const depths = roleChainDepths(profiles);
  const named = new Set<string>();
  for (const name of profilesWith(profiles, 'source_profile'))
    named.add(profiles.get(name)!.get('source_profile')!.value);
  for (const [name, depth] of depths) {
    // One finding per chain, at its head (the role no other profile takes its credentials from).
    if (depth <= BOTOCORE_MAX_ROLE_CHAIN || named.has(name)) continue;
    const sp = profiles.get(name)!.get('source_profile')!;
    const tools = toolsUsingProfile(d, name);
    report('ROLE_CHAIN_TOO_DEEP', depth > 1000 ? 'stackOverflow' : 'main', () => ({
      data: { profile: name, depth, maxDepth: BOTOCORE_MAX_ROLE_CHAIN },
      severity: tools.length ? 'error' : 'warning',
      tools: orAll(tools),
      ...place(d, sp),
    }));
  }
};

const sso: Check<typeof CODES> = ({ d, report }) => {
  const sessions = d.pyView.parseError ? new Map([...d.nodeView.ssoSessions]) : d.pyView.ssoSessions;
  for (const [name, p] of having(d, 'sso_session', 'sso_start_url', 'sso_account_id', 'sso_role_name', 'sso_region'))
    ssoProfile(d, report, sessions, name, p);
};

/** The SSO findings of one profile that has SSO settings. */
function ssoProfile(
  d: DiagnosisBase,
  report: Report,
  sessions: ReadonlyMap<string, ReadonlyMap<string, Setting>>,
  name: string,
  p: AnyProfile,
): void {
  const tools = toolsUsingProfile(d, name);
  const severity = severityForProfile(d, name);
  const sessionSetting = p.get('sso_session');
  let session: ReadonlyMap<string, Setting> | undefined;
  if (sessionSetting) {
    session = sessions.get(sessionSetting.value);
    if (!session) {
      const meant = closest(sessionSetting.value, sessions.keys(), 3);
      const data = { profile: name, session: sessionSetting.value };
      const at = () => ({ severity, tools: orAll(tools), ...place(d, sessionSetting) });
      if (meant)
        report('SSO_SESSION_NOT_FOUND', 'didYouMean', () => ({
          data: { ...data, meant },
          ...at(),
          fixes: [replaceValue(d, sessionSetting, meant, `Change sso_session to ${meant}`)],
        }));
      else report('SSO_SESSION_NOT_FOUND', 'main', () => ({ data, ...at() }));
      return;
    }
  }
  const isSso =
    sessionSetting ||
    p.has('sso_start_url') ||
    p.has('sso_account_id') ||
    p.has('sso_role_name') ||
    p.has('sso_region');
  if (!isSso) return;
  const anchor =
    sessionSetting ??
    p.get('sso_start_url') ??
    p.get('sso_account_id') ??
    p.get('sso_role_name') ??
    p.get('sso_region')!;
  if (!p.has('sso_account_id') && !p.has('sso_role_name')) {
    if (hasStatic(p) || p.has('role_arn') || p.has('credential_process')) return;
    report('SSO_TOKEN_ONLY_PROFILE', 'main', () => ({
      data: { profile: name },
      severity: tools.includes('node') ? 'error' : 'warning',
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
    const at = () => ({ severity, tools: orAll(tools), ...place(d, anchor) });
    if (sessionSetting)
      report('SSO_INCOMPLETE', 'withSession', () => ({
        data: { profile: name, missing: missing.join(', '), session: sessionSetting.value },
        ...at(),
      }));
    else report('SSO_INCOMPLETE', 'main', () => ({ data: { profile: name, missing: missing.join(', ') }, ...at() }));
  }
}

/** What might be shell syntax (a quick test before shellOnlySyntax looks closer). */
const SHELL_SYNTAX = /[$`|&;<>*~()#=]/;
/** What each construct shellOnlySyntax finds is, in a message (a variable assignment `NAME=` is none of these). */
const CONSTRUCTS: Readonly<Record<string, string>> = {
  '|': 'a pipe (|)',
  '&': 'a background or "and" operator (&)',
  ';': 'a command separator (;)',
  '<': 'a redirection (<)',
  '>': 'a redirection (>)',
  '(': 'a subshell ( … )',
  ')': 'a subshell ( … )',
  $: 'an expansion ($)',
  '`': 'a command substitution (`…`)',
  '\\$': 'an escaped $ inside double quotes (\\$)',
  '\\`': 'an escaped ` inside double quotes (\\`)',
  '*': 'a glob (*), which /bin/sh replaces with the file names it matches',
  '#': 'a comment (#)',
  '~': 'a ~ for the home directory',
};
/** What cmd.exe interprets and botocore's Windows split does not (`%VAR%`, operators, escapes); backslashes are paths there. */
const CMD_SYNTAX = /[%&|<>^()]/;

const processes: Check<typeof CODES> = ({ d, report }) => {
  // Profiles often share one command: each is looked for once.
  const checked = new Map<string, [ProgramCheck, ProgramCheck]>();
  for (const [name, p] of having(d, 'credential_process')) {
    const proc = p.get('credential_process')!;
    let both = checked.get(proc.value);
    if (!both)
      checked.set(
        proc.value,
        (both = [
          checkProgram(proc.value, d.input, d.cache, true, d.nodeView.paths.home),
          checkProgram(proc.value, d.input, d.cache, false, d.pyView.paths.home),
        ]),
      );
    processFindings(d, report, name, proc, both[0], both[1]);
  }
};

/** The findings about one profile's credential_process (`js`, `py`: the program as each SDK family would find it). */
function processFindings(
  d: DiagnosisBase,
  report: Report,
  name: string,
  proc: Setting,
  js: ProgramCheck,
  py: ProgramCheck,
): void {
  if (js.ok && py.ok && (js.relative || py.relative)) relativeProgram(d, report, name, proc, js.path);
  if (js.ok && py.ok && !(d.input.platform === 'win32' ? CMD_SYNTAX : SHELL_SYNTAX).test(proc.value)) return;
  const tools = toolsUsingProfile(d, name);
  const severity = severityForProfile(d, name);
  const windows = d.input.platform === 'win32';
  if (!js.ok && !py.ok) {
    const error = windows
      ? 'The system cannot find the file specified'
      : py.pythonError
        ? py.pythonError
        : py.denied
          ? 'Permission denied'
          : 'No such file or directory';
    const data = { profile: name, reason: js.reason, error };
    const at = () => ({ severity, tools: orAll(tools), ...place(d, proc) });
    // Where the JavaScript SDK's chain ends once it has moved past the profile (here and now), said when it uses the profile.
    const r = d.tools.node;
    const relative = !!js.relative;
    if (!tools.includes('node'))
      report('CREDENTIAL_PROCESS_NOT_FOUND', relative ? 'relative' : 'main', () => ({ data, ...at() }));
    else if (r.source === 'none')
      report('CREDENTIAL_PROCESS_NOT_FOUND', relative ? 'relativeJsNoCredentials' : 'jsNoCredentials', () => ({
        data,
        ...at(),
      }));
    else if (r.source === 'error')
      report('CREDENTIAL_PROCESS_NOT_FOUND', relative ? 'relativeJsFails' : 'jsFails', () => ({
        data: { ...data, failure: String(r.failure) },
        ...at(),
      }));
    else
      report('CREDENTIAL_PROCESS_NOT_FOUND', relative ? 'relativeJsUses' : 'jsUses', () => ({
        data: { ...data, source: r.source },
        ...at(),
      }));
  } else if (js.ok && !py.ok) {
    report('CREDENTIAL_PROCESS_SHELL', windows ? 'needsCmd' : 'needsShell', () => ({
      data: { profile: name, reason: py.reason },
      severity: tools.some((t) => t !== 'node') ? 'error' : 'warning',
      tools: ['python', 'cli'],
      ...place(d, proc),
    }));
  } else if (windows) {
    const uses = proc.value.match(CMD_SYNTAX)?.[0];
    if (uses === undefined) return;
    report('CREDENTIAL_PROCESS_SHELL', 'cmdSyntax', () => ({
      data: { profile: name, syntax: uses },
      tools: ['python', 'cli'],
      ...place(d, proc),
    }));
  } else {
    // Only what /bin/sh interprets and a shlex split does not: quotes, backslashes and the script of `sh -c "…"` run alike.
    const uses = shellOnlySyntax(proc.value);
    if (uses === undefined) return;
    const construct = CONSTRUCTS[uses];
    const at = () => ({ tools: ['python', 'cli'] as ToolId[], ...place(d, proc) });
    const words = () => JSON.stringify(shlexSplit(proc.value));
    if (construct !== undefined)
      report('CREDENTIAL_PROCESS_SHELL', 'shellSyntax', () => ({
        data: { profile: name, construct, words: words() },
        ...at(),
      }));
    else
      report('CREDENTIAL_PROCESS_SHELL', 'assignment', () => ({
        data: { profile: name, assignment: uses, words: words() },
        ...at(),
      }));
  }
}

/**
 * A program found through a relative path: found here (or the directory is unknown), but only
 * from a directory that has it. The fix writes the path found here, when it needs no quoting.
 */
function relativeProgram(d: DiagnosisBase, report: Report, name: string, proc: Setting, found: string): void {
  const cwd = d.input.cwd;
  const word = proc.value.split(/\s/, 1)[0];
  const program = shlexSplit(proc.value)?.[0] ?? word;
  // A plain word (no quote, variable or ~) replaced by a path that needs no quoting either.
  const fixable = cwd !== undefined && /^[\w./+@:,-]+$/.test(word) && /^\/[\w./+@:,-]+$/.test(found);
  const at = () => ({
    tools: toolsUsingProfile(d, name),
    ...place(d, proc),
    ...(fixable
      ? {
          fixes: [
            {
              title: `Use the absolute path ${found}`,
              action: {
                kind: 'replaceText' as const,
                path: place(d, proc).file,
                line: proc.line,
                column: proc.valueColumn,
                endColumn: proc.valueColumn + word.length,
                text: found,
              },
              preferred: true,
            },
          ],
        }
      : {}),
  });
  if (cwd === undefined)
    report('CREDENTIAL_PROCESS_RELATIVE_PATH', 'anyDirectory', () => ({ data: { profile: name, program }, ...at() }));
  else
    report('CREDENTIAL_PROCESS_RELATIVE_PATH', 'foundHere', () => ({ data: { profile: name, program, cwd }, ...at() }));
}

/** Whether a web identity token file is missing (one that is there but not read has its own finding: NOT_A_REGULAR_FILE, FILE_UNREADABLE). */
function tokenFileMissing(d: DiagnosisBase, path: string): boolean {
  return d.cache.text(path, 'web-identity-token') === undefined && d.cache.failure(path)?.code === 'ENOENT';
}

const webIdentity: Check<typeof CODES> = ({ d, report }) => {
  for (const [name, p] of having(d, 'web_identity_token_file')) {
    const f = p.get('web_identity_token_file')!;
    if (!p.has('role_arn')) continue;
    if (!tokenFileMissing(d, f.value)) continue;
    const tools = toolsUsingProfile(d, name);
    report('WEB_IDENTITY_TOKEN_FILE_MISSING', 'profile', () => ({
      data: { profile: name, path: f.value },
      severity: severityForProfile(d, name),
      tools: orAll(tools),
      ...place(d, f),
    }));
  }
  const envFile = d.input.env.AWS_WEB_IDENTITY_TOKEN_FILE;
  if (envFile && d.input.env.AWS_ROLE_ARN && tokenFileMissing(d, envFile)) {
    const tools: ToolId[] = TOOL_IDS.filter(
      (t) => d.tools[t].source === 'error' && (d.tools[t].failure ?? '').includes(envFile),
    );
    const at = () => ({
      tools: orAll(tools),
      env: 'AWS_WEB_IDENTITY_TOKEN_FILE',
      fixes: [
        {
          title: 'Unset AWS_WEB_IDENTITY_TOKEN_FILE',
          action: { kind: 'unsetEnv' as const, name: 'AWS_WEB_IDENTITY_TOKEN_FILE' },
          preferred: true,
        },
      ],
    });
    if (tools.length)
      report('WEB_IDENTITY_TOKEN_FILE_MISSING', 'envFailing', () => ({
        data: { path: envFile, tools: toolList(tools) },
        ...at(),
      }));
    else report('WEB_IDENTITY_TOKEN_FILE_MISSING', 'env', () => ({ data: { path: envFile }, ...at() }));
  }
};

/** What a profile resolves to for each SDK family, by the precedence each applies (semantics §1.6, §2.1). */
function jsChoice(p: AnyProfile): string | undefined {
  if (p.has('role_arn') && p.has('source_profile') !== p.has('credential_source')) return 'the role (role_arn)';
  if (p.has('aws_access_key_id') && p.has('aws_secret_access_key')) return 'the static keys';
  if (p.has('web_identity_token_file') && p.has('role_arn')) return 'web identity';
  if (p.has('credential_process')) return 'credential_process';
  if (['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'].some((k) => p.has(k)))
    return 'SSO';
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

const mixedTypes: Check<typeof CODES> = ({ d, report }) => {
  // The profiles with another kind of credentials, then those of them with keys too.
  for (const [name, p] of having(
    d,
    'credential_process',
    'sso_account_id',
    'sso_role_name',
    'sso_session',
    'sso_start_url',
    'role_arn',
  )) {
    const key = p.get('aws_access_key_id');
    if (!key) continue;
    const others = [
      p.has('credential_process') ? 'credential_process' : undefined,
      p.has('sso_account_id') || p.has('sso_role_name') || p.has('sso_session') || p.has('sso_start_url')
        ? 'SSO settings'
        : undefined,
      p.has('role_arn') && (p.has('source_profile') || p.has('credential_source')) ? 'role_arn' : undefined,
    ].filter((x): x is string => !!x);
    if (!others.length) continue;
    const js = jsChoice(p) ?? 'nothing';
    const py = botocoreChoice(d, name, p) ?? 'nothing';
    const data = { profile: name, others: others.join(' and ') };
    if (js !== py)
      report('MIXED_CREDENTIAL_TYPES', 'differ', () => ({
        data: { ...data, jsChoice: js, pyChoice: py },
        ...place(d, key),
      }));
    else
      report('MIXED_CREDENTIAL_TYPES', 'same', () => ({
        data: { ...data, choice: js },
        severity: 'info',
        ...place(d, key),
      }));
  }
};

export const PROFILE_RULES = ruleModule(CODES, [roles, chainDepth, sso, processes, webIdentity, mixedTypes]);
