/** Rules about `aws login` profiles: never signed in, a broken or exposed token cache, mixed kinds. */
import type { DiagnosisBase } from '../findings/diagnosis';
import { loginCacheDirFor, missingLoginFields, readLoginToken } from '../files/loginCache';
import type { LoginTokenFile } from '../files/loginCache';
import type { Setting, ToolId } from '../core/model';
import { TOOL_IDS } from '../core/model';
import { hasBehaviour } from '../core/toolVersions';
import { signInFix } from '../findings/fixCommands';
import type { Check } from './kit';
import { declareCodes, orAll, ruleModule, toolList, toolsUsingProfile } from './kit';
import { profilesWith } from '../files/views';
import { loginSessionOf } from './versions';

/* A message that names the tools that stop has a template for one tool (`…OneTool`: "stops") and for several ("stop"). */
const CODES = declareCodes({
  LOGIN_NOT_SIGNED_IN: {
    severity: 'error',
    cause:
      'A `login_session` profile has no token in `~/.aws/login/cache` (never signed in, or the cache directory moved).',
    fix: 'Run `aws login --profile NAME`.',
    messages: {
      noToken:
        'Profile {profile} signs in with `aws login` (login_session = {loginSession}) but there is no token at {cacheFile}: {tools} stop ("please re-authenticate using aws login"). Run aws login --profile {profile}.',
      noTokenOneTool:
        'Profile {profile} signs in with `aws login` (login_session = {loginSession}) but there is no token at {cacheFile}: {tools} stops ("please re-authenticate using aws login"). Run aws login --profile {profile}.',
      noTokenMoved:
        'Profile {profile} signs in with `aws login` (login_session = {loginSession}) but there is no token at {cacheFile} (AWS_LOGIN_CACHE_DIRECTORY moves the cache): {tools} stop ("please re-authenticate using aws login"). Run aws login --profile {profile}.',
      noTokenMovedOneTool:
        'Profile {profile} signs in with `aws login` (login_session = {loginSession}) but there is no token at {cacheFile} (AWS_LOGIN_CACHE_DIRECTORY moves the cache): {tools} stops ("please re-authenticate using aws login"). Run aws login --profile {profile}.',
    },
  },
  LOGIN_CACHE_INVALID: {
    severity: 'error',
    cause: 'The `aws login` token cache file cannot be read, is not JSON or lacks a field the tools require.',
    fix: 'Run `aws login --profile NAME` again.',
    messages: {
      unreadable:
        'The `aws login` token of profile {profile} ({cacheFile}) cannot be read: {tools} stop before sending a request. Sign in again with aws login --profile {profile}.',
      unreadableOneTool:
        'The `aws login` token of profile {profile} ({cacheFile}) cannot be read: {tools} stops before sending a request. Sign in again with aws login --profile {profile}.',
      notObject:
        'The `aws login` token of profile {profile} ({cacheFile}) is not a JSON object: {tools} stop before sending a request. Sign in again with aws login --profile {profile}.',
      notObjectOneTool:
        'The `aws login` token of profile {profile} ({cacheFile}) is not a JSON object: {tools} stops before sending a request. Sign in again with aws login --profile {profile}.',
      lacks:
        'The `aws login` token of profile {profile} ({cacheFile}) lacks {fields}: {tools} stop before sending a request. Sign in again with aws login --profile {profile}.',
      lacksOneTool:
        'The `aws login` token of profile {profile} ({cacheFile}) lacks {fields}: {tools} stops before sending a request. Sign in again with aws login --profile {profile}.',
    },
  },
  LOGIN_CACHE_PERMISSIONS: {
    severity: 'warning',
    cause: 'The `aws login` token cache (refresh token and private key) is readable by other users.',
    fix: '`chmod 600` the file (the JavaScript SDK rewrites it with the default mode).',
    untestable:
      'That the JavaScript SDK rewrites the file on a refresh needs the real sign-in service; the tests show the mode and that the token is used.',
    messages: {
      main: 'The `aws login` token cache {cacheFile} is readable by others (mode {mode}): it holds a refresh token and the private key that signs refreshes, as sensitive as keys in the credentials file. The JavaScript SDK rewrites it with the default mode on every refresh. Make it private (chmod 600).',
    },
  },
  LOGIN_MIXED_CREDENTIALS: {
    severity: 'warning',
    cause:
      'A `login_session` profile also has keys, `credential_process` or SSO settings: the tools pick different ones.',
    fix: 'Keep one kind of credentials in the profile.',
    messages: {
      notInUse:
        'Profile {profile} has login_session next to {keys}: the tools take them in different orders (the JavaScript SDK prefers keys, web identity, credential_process and SSO to login; botocore and the AWS CLI take login before credential_process and keys in the config file). Keep one kind of credentials per profile.',
      // {uses}: each tool using the profile and the source it takes ("JavaScript SDK v3: sso; botocore (boto3, AWS CLI v1): fails").
      inUse:
        'Profile {profile} has login_session next to {keys}: the tools take them in different orders (the JavaScript SDK prefers keys, web identity, credential_process and SSO to login; botocore and the AWS CLI take login before credential_process and keys in the config file). Now: {uses}. Keep one kind of credentials per profile.',
    },
  },
});

/** The tools that would read this login profile's token now: they walk the profile and support login. */
function loginTools(d: DiagnosisBase, profile: string): ToolId[] {
  const v = d.input.toolVersions;
  return toolsUsingProfile(d, profile).filter(
    (t) => loginSessionOf(d, t, profile) && hasBehaviour(v, t, 'login') && !(t === 'python' && v?.awscrt === false),
  );
}

function cacheDirFor(d: DiagnosisBase, tool: ToolId): string {
  return loginCacheDirFor(tool, d.input.env, d.input.fallbackHomeDir, d.pyView.paths.home, d.input.platform);
}

/** For each login profile in use, each distinct cache file and the tools reading it. */
function tokensInUse(
  d: DiagnosisBase,
): { profile: string; at: { setting: Setting; path: string }; file: LoginTokenFile; tools: ToolId[] }[] {
  const out: { profile: string; at: { setting: Setting; path: string }; file: LoginTokenFile; tools: ToolId[] }[] = [];
  const seen = new Set<string>();
  for (const tool of TOOL_IDS)
    for (const profile of d.tools[tool].chain) {
      if (seen.has(`${tool}\u0000${profile}`)) continue;
      seen.add(`${tool}\u0000${profile}`);
      if (!loginTools(d, profile).includes(tool)) continue;
      const at = loginSessionOf(d, tool, profile)!;
      const file = readLoginToken(d.cache, cacheDirFor(d, tool), at.setting.value);
      const e = out.find((x) => x.profile === profile && x.file.path === file.path);
      if (e) e.tools.push(tool);
      else out.push({ profile, at, file, tools: [tool] });
    }
  return out;
}

type TokenInUse = ReturnType<typeof tokensInUse>[number];

/** Where a finding about a login token points: the profile's login_session line. */
const atSession = (x: TokenInUse) => ({
  file: x.at.path,
  fileKind: x.at.setting.file,
  line: x.at.setting.line,
  column: x.at.setting.column,
});

const notSignedIn: Check<typeof CODES> = ({ d, report }) => {
  const moved = d.input.env.AWS_LOGIN_CACHE_DIRECTORY !== undefined;
  for (const x of tokensInUse(d)) {
    if (x.file.state !== 'missing') continue;
    const one = x.tools.length === 1;
    report(
      'LOGIN_NOT_SIGNED_IN',
      moved ? (one ? 'noTokenMovedOneTool' : 'noTokenMoved') : one ? 'noTokenOneTool' : 'noToken',
      () => ({
        data: {
          profile: x.profile,
          loginSession: x.at.setting.value,
          cacheFile: x.file.path,
          tools: toolList(x.tools),
        },
        tools: x.tools,
        ...atSession(x),
        fixes: [signInFix(d.input.platform, 'login', x.profile)],
      }),
    );
  }
};

const cacheInvalid: Check<typeof CODES> = ({ d, report }) => {
  for (const x of tokensInUse(d)) {
    const one = x.tools.length === 1;
    const found = () => ({
      tools: x.tools,
      ...atSession(x),
      related: [{ path: x.file.path, line: 1, column: 1, message: 'the token cache file' }],
      fixes: [signInFix(d.input.platform, 'login', x.profile)],
    });
    const data = { profile: x.profile, cacheFile: x.file.path, tools: toolList(x.tools) };
    if (x.file.state === 'unreadable')
      report('LOGIN_CACHE_INVALID', one ? 'unreadableOneTool' : 'unreadable', () => ({ data, ...found() }));
    else if (x.file.state === 'malformed')
      report('LOGIN_CACHE_INVALID', one ? 'notObjectOneTool' : 'notObject', () => ({ data, ...found() }));
    else if (x.file.token) {
      const missing = [
        ...new Set(x.tools.flatMap((t) => missingLoginFields(x.file.token!, t === 'node' ? 'node' : 'botocore'))),
      ];
      if (missing.length)
        report('LOGIN_CACHE_INVALID', one ? 'lacksOneTool' : 'lacks', () => ({
          data: { ...data, fields: missing.join(', ') },
          ...found(),
        }));
    }
  }
};

const cachePermissions: Check<typeof CODES> = ({ d, report }) => {
  if (d.input.platform === 'win32') return;
  for (const x of tokensInUse(d)) {
    // A token cache that cannot be read (not a regular file, or refused) has no mode worth a fix: chmod follows links to devices.
    if (x.file.state === 'unreadable' || x.file.mode === undefined || (x.file.mode & 0o077) === 0) continue;
    const mode = x.file.mode;
    report('LOGIN_CACHE_PERMISSIONS', 'main', () => ({
      data: { cacheFile: x.file.path, mode: (mode & 0o777).toString(8) },
      tools: x.tools,
      ...atSession(x),
      fixes: [
        {
          title: `Make the token cache private (chmod 600 ${x.file.path})`,
          action: { kind: 'chmod', path: x.file.path, mode: 0o600 },
          preferred: true,
        },
      ],
    }));
  }
};

/** What each tool takes from a profile holding login_session and other credentials (JS: static, web identity, process, SSO, login; botocore: web identity, SSO, credentials-file keys, login, process, config keys). */
const mixed: Check<typeof CODES> = ({ d, report }) => {
  // The SDK's keys are case-sensitive: without the word in its two files, no profile has one (and
  // the thousands of profiles of a home without `aws login` need no index).
  if (!d.nodeView.config.text.includes('login_session') && !d.nodeView.credentials.text.includes('login_session'))
    return;
  for (const name of profilesWith(d.nodeView.merged, 'login_session')) {
    const p = d.nodeView.merged.get(name)!;
    const login = p.get('login_session');
    if (!login?.value) continue;
    const others = [
      'aws_access_key_id',
      'credential_process',
      'sso_session',
      'sso_start_url',
      'sso_account_id',
      'web_identity_token_file',
    ].filter((k) => p.has(k));
    if (!others.length) continue;
    const users = toolsUsingProfile(d, name);
    const uses = TOOL_IDS.filter((t) => users.includes(t)).map(
      (t) => `${toolList([t])}: ${d.tools[t].source === 'error' ? 'fails' : d.tools[t].source}`,
    );
    const found = () => ({
      tools: orAll(users),
      file: login.file === 'config' ? d.nodeView.config.path : d.nodeView.credentials.path,
      fileKind: login.file,
      line: login.line,
      column: login.column,
    });
    const data = { profile: name, keys: others.join(', ') };
    if (uses.length)
      report('LOGIN_MIXED_CREDENTIALS', 'inUse', () => ({ data: { ...data, uses: uses.join('; ') }, ...found() }));
    else report('LOGIN_MIXED_CREDENTIALS', 'notInUse', () => ({ data, ...found() }));
  }
};

export const LOGIN_RULES = ruleModule(CODES, [notSignedIn, cacheInvalid, cachePermissions, mixed]);
