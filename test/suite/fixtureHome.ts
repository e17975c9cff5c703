/**
 * The fixture home the extension suites run against (never the real ~/.aws): a config file with a
 * static, an SSO (expired login) and an `aws login` (never signed in) profile; a CRLF credentials file with an expiry key, a
 * `[profile x]` header and a duplicate section; and the environment of a stale AWS_SESSION_TOKEN.
 * Only obviously fake, well-formed keys (not AWS's documented examples, which have findings of their own).
 */
import * as fs from 'fs';
import * as path from 'path';
import { sha1Hex } from '../../src/nodeHost/hash';
import { installRecordingTools } from '../support/recordingTools';

export const FAKE_KEY_ID = 'AKIAFAKEKEYDOCTORONE';
export const FAKE_SECRET = 'FAKEsecretKEYforTESTSonly'.padEnd(40, '0');
export const FAKE_KEY_ID_2 = 'AKIAFAKEKEYDOCTORTWO';
export const FAKE_SECRET_2 = 'FAKEsecretKEYforTESTStwo'.padEnd(40, '0');
export const FAKE_SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLE' + 'x'.repeat(60) + 'FAKETOKEN';

export const LOGIN_SESSION = 'arn:aws:iam::111122223333:user/doctor-test';

export const CONFIG = [
  '[default]',
  'region = eu-west-1',
  '',
  '[profile dev]',
  'region = eu-west-1',
  '',
  '[profile sso-dev]', // line 7
  'sso_session = corp',
  'sso_account_id = 111122223333',
  'sso_role_name = Developer',
  'region = eu-central-1',
  '',
  '[sso-session corp]',
  'sso_start_url = https://example.awsapps.com/start',
  'sso_region = eu-central-1',
  '',
  '[profile console]', // line 17: an `aws login` profile, never signed in (no ~/.aws/login/cache)
  `login_session = ${LOGIN_SESSION}`,
  'region = eu-west-1',
  '',
].join('\n');

/** CRLF on purpose: fixes must keep the line endings. `duplicate: false` leaves out the duplicate [dev]. */
export function credentials(devExpiresAt: string, options: { duplicate?: boolean } = {}): string {
  const lines = [
    '# kept by hand; the comment must survive fixes',
    '[default]',
    `aws_access_key_id = ${FAKE_KEY_ID}`,
    `aws_secret_access_key = ${FAKE_SECRET}`,
    '',
    '[dev]',
    `aws_access_key_id = ${FAKE_KEY_ID_2}`,
    `aws_secret_access_key = ${FAKE_SECRET_2}`,
    `x_security_token_expires = ${devExpiresAt}`,
    '',
    '[profile staging]', // line 11
    `aws_access_key_id = ${FAKE_KEY_ID_2}`,
    `aws_secret_access_key = ${FAKE_SECRET_2}`,
    '',
    '[dev]', // line 15: a duplicate section
    'region = us-east-1',
    '',
  ];
  return (options.duplicate === false ? [...lines.slice(0, 14), ''] : lines).join('\r\n');
}

export const LINES = { ssoDevHeader: 7, profilePrefix: 11, duplicateDev: 15, consoleLoginSession: 18 };

export interface FixtureHome {
  readonly root: string;
  readonly home: string;
  readonly workspace: string;
  readonly config: string;
  readonly credentials: string;
  /** The environment the extension host starts with. */
  readonly env: Record<string, string>;
}

/**
 * Creates the fixture home and workspace under a fresh temp folder. `recordingTools`: a recording
 * `aws` and `python3` first on PATH (test/support/recordingTools.ts), their record file named by
 * ACD_TEST_EXEC_RECORD, for the test that nothing is executed.
 */
export function createFixtureHome(
  root: string,
  now = Date.now(),
  options: { duplicate?: boolean; recordingTools?: boolean } = {},
): FixtureHome {
  const home = path.join(root, 'home');
  const workspace = path.join(root, 'workspace');
  const aws = path.join(home, '.aws');
  fs.mkdirSync(path.join(aws, 'sso', 'cache'), { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });
  const config = path.join(aws, 'config');
  const creds = path.join(aws, 'credentials');
  fs.writeFileSync(config, CONFIG);
  fs.writeFileSync(
    creds,
    credentials(new Date(now + 3 * 3600_000 + 30 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'), options),
    { mode: 0o600 },
  );
  fs.chmodSync(creds, 0o600);
  // An expired SSO login for the "corp" session.
  fs.writeFileSync(
    path.join(aws, 'sso', 'cache', `${sha1Hex('corp')}.json`),
    JSON.stringify({
      startUrl: 'https://example.awsapps.com/start',
      region: 'eu-central-1',
      accessToken: 'fake-expired-access-token',
      expiresAt: new Date(now - 3600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    }),
  );
  const tools = options.recordingTools ? installRecordingTools(root) : undefined;
  // VS Code gives the extension host the environment of a login shell (/etc/profile resets PATH):
  // the fixture's own profile puts the recording tools first there too, as a user's ~/.profile would.
  if (tools) fs.writeFileSync(path.join(home, '.profile'), `PATH="${tools.binDir}:$PATH"\nexport PATH\n`);
  return {
    root,
    home,
    workspace,
    config,
    credentials: creds,
    env: {
      HOME: home,
      AWS_ACCESS_KEY_ID: FAKE_KEY_ID,
      AWS_SECRET_ACCESS_KEY: FAKE_SECRET,
      AWS_SESSION_TOKEN: FAKE_SESSION_TOKEN,
      AWS_EC2_METADATA_DISABLED: 'true',
      ...(tools
        ? { PATH: `${tools.binDir}:${process.env.PATH ?? '/usr/bin:/bin'}`, ACD_TEST_EXEC_RECORD: tools.record }
        : {}),
    },
  };
}
