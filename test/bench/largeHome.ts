/** The benchmarks' large home: config profiles of every kind and as many credentials sections. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fakeKeyId, fakeSecret } from '../differential/generateScenarios';

/** A home with `profiles` config profiles (roles, SSO, static, processes) and as many credentials sections. */
export function writeHome(root: string, profiles: number): string {
  const home = path.join(root, `home-${profiles}`);
  fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
  const config: string[] = ['[default]', 'region = eu-west-1', ''];
  const credentials: string[] = [];
  config.push('[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', '');
  for (let i = 0; i < profiles; i++) {
    const name = `team-${i}`;
    const kind = i % 4;
    if (kind === 0) config.push(`[profile ${name}]`, 'role_arn = arn:aws:iam::123456789012:role/Dev', `source_profile = base-${i}`, `region = us-east-${1 + (i % 2)}`, '');
    else if (kind === 1) config.push(`[profile ${name}]`, 'sso_session = corp', 'sso_account_id = 123456789012', 'sso_role_name = Dev', 'region = eu-central-1', '');
    else if (kind === 2) config.push(`# ${name}: Sydney`, `[profile ${name}]`, 'region = ap-southeast-2', 'output = json', '');
    else config.push(`[profile ${name}]`, 'credential_process = /usr/bin/true', '');
    // Keys for the roles' source profiles, for the static profiles, and for key-only profiles.
    const section = kind === 0 ? `base-${i}` : kind === 2 ? name : `keys-${i}`;
    credentials.push(`[${section}]`, `aws_access_key_id = ${fakeKeyId('AKIA', name)}`, `aws_secret_access_key = ${fakeSecret(name)}`, '');
  }
  fs.writeFileSync(path.join(home, '.aws', 'config'), config.join('\n'));
  fs.writeFileSync(path.join(home, '.aws', 'credentials'), credentials.join('\n'), { mode: 0o600 });
  return home;
}
