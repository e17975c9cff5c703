/** Environment rules: variables that shadow, disagree, name nothing, or point at nothing. */
import type { ToolId } from '../core/model';
import { TOOL_IDS } from '../core/model';
import { maskAccessKeyId } from '../secrets/redact';
import type { Check } from './kit';
import { closest, copyable, declareCodes, orAll, ruleModule, toolList } from './kit';
import { checkRegionName } from './endpoints';

const CODES = declareCodes({
  ENV_KEYS_SHADOW_PROFILE: {
    severity: 'warning',
    cause:
      '`AWS_PROFILE` and environment keys are both set: the JavaScript SDK uses the profile, botocore and the CLIs the keys.',
    fix: 'Unset one of the two.',
    messages: {
      profileGivesNothing:
        'AWS_PROFILE={profile} is set together with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY ({accessKeyId}). The JavaScript SDK uses the profile (which gives it no credentials) and ignores the keys; {tools} use the environment keys and take only settings such as the region from the profile. The same machine talks to AWS as two identities.',
      profileGivesNothingKeysUnused:
        'AWS_PROFILE={profile} is set together with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY ({accessKeyId}). The JavaScript SDK uses the profile (which gives it no credentials) and ignores the keys; the other tools do not use the keys either. The same machine talks to AWS as two identities.',
      profileFails:
        'AWS_PROFILE={profile} is set together with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY ({accessKeyId}). The JavaScript SDK uses the profile (which fails before sending a request) and ignores the keys; {tools} use the environment keys and take only settings such as the region from the profile. The same machine talks to AWS as two identities.',
      profileFailsKeysUnused:
        'AWS_PROFILE={profile} is set together with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY ({accessKeyId}). The JavaScript SDK uses the profile (which fails before sending a request) and ignores the keys; the other tools do not use the keys either. The same machine talks to AWS as two identities.',
      profileSource:
        'AWS_PROFILE={profile} is set together with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY ({accessKeyId}). The JavaScript SDK uses the profile ({source}) and ignores the keys; {tools} use the environment keys and take only settings such as the region from the profile. The same machine talks to AWS as two identities.',
      profileSourceKeysUnused:
        'AWS_PROFILE={profile} is set together with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY ({accessKeyId}). The JavaScript SDK uses the profile ({source}) and ignores the keys; the other tools do not use the keys either. The same machine talks to AWS as two identities.',
    },
  },
  DEFAULT_PROFILE_VARIABLE: {
    severity: 'warning',
    cause:
      '`AWS_DEFAULT_PROFILE` is set: botocore prefers it, AWS CLI v2 reads it after `AWS_PROFILE`, the JavaScript SDK ignores it.',
    fix: 'Use `AWS_PROFILE` only.',
    // The tools' labels are model.ts's TOOL_LABELS, in TOOL_IDS order.
    messages: {
      disagree:
        'AWS_DEFAULT_PROFILE={defaultProfile} and AWS_PROFILE={profile} disagree: botocore (boto3, AWS CLI v1) prefers AWS_DEFAULT_PROFILE, AWS CLI v2 and the JavaScript SDK use AWS_PROFILE (the JavaScript SDK never reads AWS_DEFAULT_PROFILE). JavaScript SDK v3 uses "{nodeProfile}", botocore (boto3, AWS CLI v1) uses "{pythonProfile}", AWS CLI v2 uses "{cliProfile}".',
      withoutProfile:
        'AWS_DEFAULT_PROFILE={defaultProfile} is set without AWS_PROFILE: botocore and the AWS CLI use it, but the JavaScript SDK never reads AWS_DEFAULT_PROFILE and uses "default". JavaScript SDK v3 uses "{nodeProfile}", botocore (boto3, AWS CLI v1) uses "{pythonProfile}", AWS CLI v2 uses "{cliProfile}".',
    },
  },
  REGION_VARIABLES_DISAGREE: {
    severity: 'warning',
    cause: '`AWS_REGION` and `AWS_DEFAULT_REGION` differ (or only `AWS_REGION` is set, which botocore ignores).',
    fix: 'Set both to the same region.',
    messages: {
      regionOnly:
        'AWS_REGION={region} is set but AWS_DEFAULT_REGION is not: botocore (boto3, AWS CLI v1) ignores AWS_REGION and uses {botocoreRegion} from {regionFrom}, while the JavaScript SDK and AWS CLI v2 use {region}.',
      regionOnlyBotocoreNone:
        'AWS_REGION={region} is set but AWS_DEFAULT_REGION is not: botocore (boto3, AWS CLI v1) ignores AWS_REGION and uses no region at all, while the JavaScript SDK and AWS CLI v2 use {region}.',
      disagree:
        'AWS_REGION={region} and AWS_DEFAULT_REGION={defaultRegion} disagree: the JavaScript SDK and AWS CLI v2 use {region} (AWS_REGION), botocore (boto3, AWS CLI v1) uses {defaultRegion} (it ignores AWS_REGION). The same command talks to two regions depending on the tool.',
    },
  },
  PROFILE_NOT_FOUND: {
    severity: 'error',
    cause: 'The selected profile does not exist in either file.',
    fix: 'Switch to an existing profile or fix the name.',
    messages: {
      botocore:
        'Profile "{profile}" (from {origin}) does not exist in {configFile} or {credentialsFile}. botocore and the AWS CLI stop with "The config profile ({profile}) could not be found", even when environment keys are set.',
      node: 'Profile "{profile}" (from {origin}) does not exist in {configFile} or {credentialsFile}. The JavaScript SDK skips its environment keys for it and ends with "Could not load credentials from any providers".',
      all: 'Profile "{profile}" (from {origin}) does not exist in {configFile} or {credentialsFile}. botocore and the AWS CLI stop with "The config profile ({profile}) could not be found", even when environment keys are set; the JavaScript SDK skips its environment keys for it and ends with "Could not load credentials from any providers".',
      botocoreDidYouMean:
        'Profile "{profile}" (from {origin}) does not exist in {configFile} or {credentialsFile}. Did you mean "{suggestion}"? botocore and the AWS CLI stop with "The config profile ({profile}) could not be found", even when environment keys are set.',
      nodeDidYouMean:
        'Profile "{profile}" (from {origin}) does not exist in {configFile} or {credentialsFile}. Did you mean "{suggestion}"? The JavaScript SDK skips its environment keys for it and ends with "Could not load credentials from any providers".',
      allDidYouMean:
        'Profile "{profile}" (from {origin}) does not exist in {configFile} or {credentialsFile}. Did you mean "{suggestion}"? botocore and the AWS CLI stop with "The config profile ({profile}) could not be found", even when environment keys are set; the JavaScript SDK skips its environment keys for it and ends with "Could not load credentials from any providers".',
    },
  },
  EMPTY_PROFILE_VARIABLE: {
    severity: 'error',
    cause:
      '`AWS_PROFILE=""`: the JavaScript SDK treats it as unset, botocore and the CLIs look for a profile named "".',
    fix: 'Unset the variable.',
    messages: {
      main: '{variable} is set to an empty string. The JavaScript SDK treats that as unset and uses "default", but {tools} look for a profile named "" and fail: "The config profile () could not be found".',
    },
  },
  PARTIAL_ENV_KEYS: {
    severity: 'error',
    cause:
      'Only one of `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` is set: botocore stops with PartialCredentialsError.',
    fix: 'Set both or neither.',
    messages: {
      keyIdFails:
        'AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY. {tools} stop with "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY"; the JavaScript SDK silently skips the environment and uses the next source.',
      keyId:
        'AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY. botocore and the AWS CLI stop with "Partial credentials found in env" when they reach the environment; the JavaScript SDK silently skips the environment and uses the next source.',
      secretOnly:
        'AWS_SECRET_ACCESS_KEY is set without AWS_ACCESS_KEY_ID: every tool ignores it. It is probably left over, or the key id was lost.',
    },
  },
  FILE_VARIABLE_MISSING_FILE: {
    severity: 'warning',
    cause: '`AWS_CONFIG_FILE`/`AWS_SHARED_CREDENTIALS_FILE` points at a missing file.',
    fix: 'Fix the path or unset the variable.',
    messages: {
      main: '{variable} points at {file}, which does not exist: every tool reads no {kind} file at all, and ~/.aws/{kind} is ignored.',
    },
  },
  FILE_VARIABLE_NOT_EXPANDED: {
    severity: 'warning',
    cause: 'The file variable uses `$VAR` or `~user`: botocore expands it, the JavaScript SDK does not.',
    fix: 'Write an absolute path.',
    messages: {
      main: '{variable}={value} is read differently: the JavaScript SDK expands only a leading "~/" and opens {nodeFile}, botocore and the AWS CLI expand variables and open {botocoreFile}. Write the absolute path.',
      nodeFileMissing:
        '{variable}={value} is read differently: the JavaScript SDK expands only a leading "~/" and opens {nodeFile} (missing), botocore and the AWS CLI expand variables and open {botocoreFile}. Write the absolute path.',
      botocoreFileMissing:
        '{variable}={value} is read differently: the JavaScript SDK expands only a leading "~/" and opens {nodeFile}, botocore and the AWS CLI expand variables and open {botocoreFile} (missing). Write the absolute path.',
      bothFilesMissing:
        '{variable}={value} is read differently: the JavaScript SDK expands only a leading "~/" and opens {nodeFile} (missing), botocore and the AWS CLI expand variables and open {botocoreFile} (missing). Write the absolute path.',
    },
  },
});

type Codes = typeof CODES;

const envKeysShadowProfile: Check<Codes> = ({ d, report }) => {
  const { env } = d.input;
  if (!env.AWS_PROFILE || !env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY || d.input.explicitProfile) return;
  const node = d.tools.node;
  const envTools = TOOL_IDS.filter((t) => d.tools[t].source === 'env');
  const keys = { profile: env.AWS_PROFILE, accessKeyId: maskAccessKeyId(env.AWS_ACCESS_KEY_ID) };
  const at = {
    tools: ['node', ...envTools] as ToolId[],
    env: 'AWS_PROFILE',
    fixes: [
      {
        title: 'Unset AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (use the profile)',
        action: { kind: 'unsetEnv' as const, name: 'AWS_ACCESS_KEY_ID' },
        preferred: true,
      },
      {
        title: 'Unset AWS_PROFILE (use the environment keys)',
        action: { kind: 'unsetEnv' as const, name: 'AWS_PROFILE' },
      },
    ],
  };
  // What the JavaScript SDK makes of the profile: nothing, a failure, or a source of credentials.
  const noSource = node.source === 'none' || node.source === 'error';
  if (envTools.length) {
    const data = { ...keys, tools: toolList(envTools) };
    if (noSource)
      report('ENV_KEYS_SHADOW_PROFILE', node.source === 'none' ? 'profileGivesNothing' : 'profileFails', () => ({
        data,
        ...at,
      }));
    else report('ENV_KEYS_SHADOW_PROFILE', 'profileSource', () => ({ data: { ...data, source: node.source }, ...at }));
  } else if (noSource)
    report(
      'ENV_KEYS_SHADOW_PROFILE',
      node.source === 'none' ? 'profileGivesNothingKeysUnused' : 'profileFailsKeysUnused',
      () => ({ data: keys, ...at }),
    );
  else
    report('ENV_KEYS_SHADOW_PROFILE', 'profileSourceKeysUnused', () => ({
      data: { ...keys, source: node.source },
      ...at,
    }));
};

const defaultProfileVariable: Check<Codes> = ({ d, report }) => {
  const { env } = d.input;
  const dp = env.AWS_DEFAULT_PROFILE;
  if (dp === undefined || dp === '' || d.input.explicitProfile !== undefined) return;
  const p = env.AWS_PROFILE;
  if (p !== undefined && p !== '' && p === dp) return;
  const byTool = {
    nodeProfile: d.tools.node.profile,
    pythonProfile: d.tools.python.profile,
    cliProfile: d.tools.cli.profile,
  };
  // The profile to move to AWS_PROFILE: the value itself when it names a profile and is well formed,
  // else the profile it was meant to name ("dev\r" from a Windows-edited file, "prdo"), else none.
  const profiles = [...d.pyView.profiles.keys()].filter(copyable);
  const meant = copyable(dp) && d.pyView.profiles.has(dp) ? dp : closest(dp.trim(), profiles, 2);
  const at = {
    tools: ['node', 'python', 'cli'] as ToolId[],
    env: 'AWS_DEFAULT_PROFILE',
    fixes: [
      ...(meant
        ? [
            {
              title: `Set AWS_PROFILE=${meant} and unset AWS_DEFAULT_PROFILE`,
              action: { kind: 'setEnv' as const, name: 'AWS_PROFILE', value: meant },
              preferred: true,
            },
          ]
        : []),
      {
        title: 'Unset AWS_DEFAULT_PROFILE',
        action: { kind: 'unsetEnv' as const, name: 'AWS_DEFAULT_PROFILE' },
        preferred: !meant,
      },
    ],
  };
  if (p)
    report('DEFAULT_PROFILE_VARIABLE', 'disagree', () => ({
      data: { defaultProfile: dp, profile: p, ...byTool },
      ...at,
    }));
  else report('DEFAULT_PROFILE_VARIABLE', 'withoutProfile', () => ({ data: { defaultProfile: dp, ...byTool }, ...at }));
};

/** A region a fix may copy into the other variable: well formed and known (REGION_MALFORMED / REGION_UNKNOWN fix the others). */
const copyableRegion = (v: string) => copyable(v) && !checkRegionName(v);

const regionVariablesDisagree: Check<Codes> = ({ d, report }) => {
  const { env } = d.input;
  const r = env.AWS_REGION;
  const dr = env.AWS_DEFAULT_REGION;
  if (!r || !dr || r === dr) {
    const py = d.tools.python;
    if (r && !dr && py.region !== r) {
      const at = {
        tools: ['python'] as ToolId[],
        env: 'AWS_REGION',
        fixes: copyableRegion(r)
          ? [
              {
                title: `Also set AWS_DEFAULT_REGION=${r}`,
                action: { kind: 'setEnv' as const, name: 'AWS_DEFAULT_REGION', value: r },
                preferred: true,
              },
            ]
          : [],
      };
      if (py.region)
        report('REGION_VARIABLES_DISAGREE', 'regionOnly', () => ({
          data: { region: r, botocoreRegion: py.region!, regionFrom: py.regionFrom ?? '' },
          ...at,
        }));
      else report('REGION_VARIABLES_DISAGREE', 'regionOnlyBotocoreNone', () => ({ data: { region: r }, ...at }));
    }
    return;
  }
  report('REGION_VARIABLES_DISAGREE', 'disagree', () => ({
    data: { region: r, defaultRegion: dr },
    tools: ['node', 'python', 'cli'],
    env: 'AWS_REGION',
    // The well-formed one of the two is copied into the other: AWS_REGION's first (the JavaScript SDK and AWS CLI v2 use it).
    fixes: copyableRegion(r)
      ? [
          {
            title: `Set AWS_DEFAULT_REGION=${r}`,
            action: { kind: 'setEnv', name: 'AWS_DEFAULT_REGION', value: r },
            preferred: true,
          },
        ]
      : copyableRegion(dr)
        ? [
            {
              title: `Set AWS_REGION=${dr}`,
              action: { kind: 'setEnv', name: 'AWS_REGION', value: dr },
              preferred: true,
            },
          ]
        : [],
  }));
};

const emptyProfileVariable: Check<Codes> = ({ d, report }) => {
  for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const) {
    if (d.input.env[name] !== '' || d.input.explicitProfile !== undefined) continue;
    const tools = TOOL_IDS.filter((t) => d.tools[t].profile === '' && d.tools[t].source === 'error');
    if (!tools.length) continue;
    report('EMPTY_PROFILE_VARIABLE', 'main', () => ({
      data: { variable: name, tools: toolList(tools) },
      tools,
      env: name,
      fixes: [{ title: `Unset ${name}`, action: { kind: 'unsetEnv', name }, preferred: true }],
    }));
  }
};

const DID_YOU_MEAN = { botocore: 'botocoreDidYouMean', node: 'nodeDidYouMean', all: 'allDidYouMean' } as const;

const profileNotFound: Check<Codes> = ({ d, report }) => {
  const missing = new Map<string, ToolId[]>();
  for (const t of TOOL_IDS) {
    const r = d.tools[t];
    if (r.profile === '' || r.profileFrom === 'default') continue;
    // A config file botocore cannot parse stops it before any profile is looked for (CONFIG_PARSE_ERROR says so).
    if (t !== 'node' && d.pyView.parseError) continue;
    const exists = t === 'node' ? d.nodeView.merged.has(r.profile) : d.pyView.profiles.has(r.profile);
    if (!exists) missing.set(r.profile, [...(missing.get(r.profile) ?? []), t]);
  }
  for (const [name, tools] of missing) {
    const origin = d.tools[tools[0]].profileFrom;
    // Only names a fix may set AWS_PROFILE to (a name with a control character is shown, never
    // offered), and never the missing name itself (botocore's profile "profile x" in the
    // credentials file is not the JavaScript SDK's).
    const known = [...d.pyView.profiles.keys()].filter((k) => k !== name && copyable(k));
    const suggestion = closest(name, known, 3);
    // Who stops: botocore and the AWS CLI, the JavaScript SDK, or both.
    const who = !tools.includes('node') ? 'botocore' : tools.length > 1 ? 'all' : 'node';
    const data = {
      profile: name,
      origin,
      configFile: d.pyView.config.path,
      credentialsFile: d.pyView.credentials.path,
    };
    const at = {
      tools,
      env: origin === '--profile' || origin === 'default' ? undefined : origin,
      fixes: (suggestion ? [suggestion, ...known.filter((k) => k !== suggestion)] : known).slice(0, 5).map((p, i) => ({
        title: `Switch to profile "${p}"`,
        action: { kind: 'switchProfile' as const, profile: p },
        preferred: i === 0 && p === suggestion,
      })),
    };
    if (suggestion) report('PROFILE_NOT_FOUND', DID_YOU_MEAN[who], () => ({ data: { ...data, suggestion }, ...at }));
    else report('PROFILE_NOT_FOUND', who, () => ({ data, ...at }));
  }
};

const partialEnvKeys: Check<Codes> = ({ d, report }) => {
  const { env } = d.input;
  const id = !!env.AWS_ACCESS_KEY_ID;
  const secret = !!env.AWS_SECRET_ACCESS_KEY;
  if (id === secret) return;
  const present = id ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY';
  const failing = TOOL_IDS.filter((t) => d.tools[t].failure?.startsWith('Partial credentials found in env'));
  const at = {
    severity: failing.length ? ('error' as const) : ('warning' as const),
    tools: orAll(failing),
    env: present,
    fixes: [{ title: `Unset ${present}`, action: { kind: 'unsetEnv' as const, name: present }, preferred: true }],
  };
  if (!id) report('PARTIAL_ENV_KEYS', 'secretOnly', () => ({ data: {}, ...at }));
  else if (failing.length)
    report('PARTIAL_ENV_KEYS', 'keyIdFails', () => ({ data: { tools: toolList(failing) }, ...at }));
  else report('PARTIAL_ENV_KEYS', 'keyId', () => ({ data: {}, ...at }));
};

const fileVariables: Check<Codes> = ({ d, report }) => {
  const { env } = d.input;
  for (const [name, kind] of [
    ['AWS_CONFIG_FILE', 'config'],
    ['AWS_SHARED_CREDENTIALS_FILE', 'credentials'],
  ] as const) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const node = d.nodeView[kind];
    const py = d.pyView[kind];
    if (node.path !== py.path) {
      const message = node.exists
        ? py.exists
          ? 'main'
          : 'botocoreFileMissing'
        : py.exists
          ? 'nodeFileMissing'
          : 'bothFilesMissing';
      report('FILE_VARIABLE_NOT_EXPANDED', message, () => ({
        data: { variable: name, value: raw, nodeFile: node.path, botocoreFile: py.path },
        tools: ['node', 'python', 'cli'],
        env: name,
        fixes: copyable(py.path)
          ? [{ title: `Set ${name}=${py.path}`, action: { kind: 'setEnv', name, value: py.path }, preferred: true }]
          : [],
      }));
      continue;
    }
    // A file that is there but was not read has its own finding (NOT_A_REGULAR_FILE, FILE_TOO_LARGE, FILE_UNREADABLE).
    if (!py.exists && (py.readError ?? 'ENOENT') === 'ENOENT') {
      report('FILE_VARIABLE_MISSING_FILE', 'main', () => ({
        data: { variable: name, file: py.path, kind },
        tools: ['node', 'python', 'cli'],
        env: name,
        fixes: [{ title: `Unset ${name} (use ~/.aws/${kind})`, action: { kind: 'unsetEnv', name }, preferred: true }],
      }));
    }
  }
};

export const ENVIRONMENT_RULES = ruleModule(CODES, [
  envKeysShadowProfile,
  defaultProfileVariable,
  regionVariablesDisagree,
  emptyProfileVariable,
  profileNotFound,
  partialEnvKeys,
  fileVariables,
]);
