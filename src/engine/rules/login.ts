/** Rules about `aws login` profiles: never signed in, a broken or exposed token cache, mixed kinds. */
import type { DiagnosisBase } from '../diagnosis';
import { FindingCode } from '../findings';
import type { Finding } from '../findings';
import { loginCacheDirFor, missingLoginFields, readLoginToken } from '../loginCache';
import type { LoginTokenFile } from '../loginCache';
import type { Setting, ToolId } from '../model';
import { TOOL_IDS } from '../model';
import { hasBehaviour } from '../toolVersions';
import { signInFix } from '../fixCommands';
import type { Rule } from './kit';
import { finding, toolList, toolsUsingProfile } from './kit';
import { profilesWith } from '../views';
import { loginSessionOf } from './versions';

/** The tools that would read this login profile's token now: they walk the profile and support login. */
function loginTools(d: DiagnosisBase, profile: string): ToolId[] {
  const v = d.input.toolVersions;
  return toolsUsingProfile(d, profile).filter((t) => loginSessionOf(d, t, profile) && hasBehaviour(v, t, 'login') && !(t === 'python' && v?.awscrt === false));
}

function cacheDirFor(d: DiagnosisBase, tool: ToolId): string {
  return loginCacheDirFor(tool, d.input.env, d.input.fallbackHomeDir, d.pyView.paths.home, d.input.platform);
}

/** For each login profile in use, each distinct cache file and the tools reading it. */
function tokensInUse(d: DiagnosisBase): { profile: string; at: { setting: Setting; path: string }; file: LoginTokenFile; tools: ToolId[] }[] {
  const out: { profile: string; at: { setting: Setting; path: string }; file: LoginTokenFile; tools: ToolId[] }[] = [];
  const seen = new Set<string>();
  for (const tool of TOOL_IDS) for (const profile of d.tools[tool].chain) {
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

const notSignedIn: Rule = (d) => tokensInUse(d).filter((x) => x.file.state === 'missing').map((x) => finding({
  code: FindingCode.LoginNotSignedIn,
  severity: 'error',
  message: `Profile ${x.profile} signs in with \`aws login\` (login_session = ${x.at.setting.value}) but there is no token at ${x.file.path}${d.input.env.AWS_LOGIN_CACHE_DIRECTORY !== undefined ? ' (AWS_LOGIN_CACHE_DIRECTORY moves the cache)' : ''}: ${toolList(x.tools)} stop${x.tools.length === 1 ? 's' : ''} ("please re-authenticate using aws login"). Run aws login --profile ${x.profile}.`,
  tools: x.tools,
  file: x.at.path,
  fileKind: x.at.setting.file,
  line: x.at.setting.line,
  column: x.at.setting.column,
  fixes: [signInFix(d.input.platform, 'login', x.profile)],
}));

const cacheInvalid: Rule = (d) => {
  const out: Finding[] = [];
  for (const x of tokensInUse(d)) {
    let why: string | undefined;
    if (x.file.state === 'unreadable') why = 'cannot be read';
    else if (x.file.state === 'malformed') why = 'is not a JSON object';
    else if (x.file.token) {
      const missing = [...new Set(x.tools.flatMap((t) => missingLoginFields(x.file.token!, t === 'node' ? 'node' : 'botocore')))];
      if (missing.length) why = `lacks ${missing.join(', ')}`;
    }
    if (!why) continue;
    out.push(finding({
      code: FindingCode.LoginCacheInvalid,
      severity: 'error',
      message: `The \`aws login\` token of profile ${x.profile} (${x.file.path}) ${why}: ${toolList(x.tools)} stop${x.tools.length === 1 ? 's' : ''} before sending a request. Sign in again with aws login --profile ${x.profile}.`,
      tools: x.tools,
      file: x.at.path,
      fileKind: x.at.setting.file,
      line: x.at.setting.line,
      column: x.at.setting.column,
      related: [{ path: x.file.path, line: 1, column: 1, message: 'the token cache file' }],
      fixes: [signInFix(d.input.platform, 'login', x.profile)],
    }));
  }
  return out;
};

const cachePermissions: Rule = (d) => {
  if (d.input.platform === 'win32') return [];
  // A token cache that cannot be read (not a regular file, or refused) has no mode worth a fix: chmod follows links to devices.
  return tokensInUse(d).filter((x) => x.file.state !== 'unreadable' && x.file.mode !== undefined && (x.file.mode & 0o077) !== 0).map((x) => finding({
    code: FindingCode.LoginCachePermissions,
    severity: 'warning',
    message: `The \`aws login\` token cache ${x.file.path} is readable by others (mode ${(x.file.mode! & 0o777).toString(8)}): it holds a refresh token and the private key that signs refreshes, as sensitive as keys in the credentials file. The JavaScript SDK rewrites it with the default mode on every refresh. Make it private (chmod 600).`,
    tools: x.tools,
    file: x.at.path,
    fileKind: x.at.setting.file,
    line: x.at.setting.line,
    column: x.at.setting.column,
    fixes: [{ title: `Make the token cache private (chmod 600 ${x.file.path})`, action: { kind: 'chmod', path: x.file.path, mode: 0o600 }, preferred: true }],
  }));
};

/** What each tool takes from a profile holding login_session and other credentials (JS: static, web identity, process, SSO, login; botocore: web identity, SSO, credentials-file keys, login, process, config keys). */
const mixed: Rule = (d) => {
  const out: Finding[] = [];
  // The SDK's keys are case-sensitive: without the word in its two files, no profile has one (and
  // the thousands of profiles of a home without `aws login` need no index).
  if (!d.nodeView.config.text.includes('login_session') && !d.nodeView.credentials.text.includes('login_session')) return out;
  for (const name of profilesWith(d.nodeView.merged, 'login_session')) {
    const p = d.nodeView.merged.get(name)!;
    const login = p.get('login_session');
    if (!login?.value) continue;
    const others = ['aws_access_key_id', 'credential_process', 'sso_session', 'sso_start_url', 'sso_account_id', 'web_identity_token_file'].filter((k) => p.has(k));
    if (!others.length) continue;
    const users = toolsUsingProfile(d, name);
    const uses = TOOL_IDS.filter((t) => users.includes(t)).map((t) => `${toolList([t])}: ${d.tools[t].source === 'error' ? 'fails' : d.tools[t].source}`);
    out.push(finding({
      code: FindingCode.LoginMixedCredentials,
      severity: 'warning',
      message: `Profile ${name} has login_session next to ${others.join(', ')}: the tools take them in different orders (the JavaScript SDK prefers keys, web identity, credential_process and SSO to login; botocore and the AWS CLI take login before credential_process and keys in the config file)${uses.length ? `. Now: ${uses.join('; ')}` : ''}. Keep one kind of credentials per profile.`,
      tools: users.length ? users : [...TOOL_IDS],
      file: login.file === 'config' ? d.nodeView.config.path : d.nodeView.credentials.path,
      fileKind: login.file,
      line: login.line,
      column: login.column,
    }));
  }
  return out;
};

export const LOGIN_RULES: readonly Rule[] = [notSignedIn, cacheInvalid, cachePermissions, mixed];
