/** The benchmarks' large homes: config profiles of every kind and as many credentials sections. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fakeKeyId, fakeSecret } from '../differential/generateScenarios';

/**
 * `plain`: every line plain (headers, `key = value` at the start of the line in lowercase, whole-line
 * comments). `realistic`: the constructs measured in the AWS config files people committed publicly
 * (issue 21: about a quarter of 91 files have one), in proportions modelled on them: a nested `s3 =`
 * block in every fifth profile (indented two or four spaces, one with a comment inside), `cli_pager =`
 * in [default], an inline comment after a value in 1% of the profiles, and the keys written in upper
 * case in 0.5% of the credentials sections.
 */
export type HomeKind = 'plain' | 'realistic';

/** A home with `profiles` config profiles (roles, SSO, static, processes) and as many credentials sections. */
export function writeHome(root: string, profiles: number, kind: HomeKind = 'plain'): string {
  const realistic = kind === 'realistic';
  const home = path.join(root, `home-${kind}-${profiles}`);
  fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
  const config: string[] = [
    '[default]',
    'region = eu-west-1',
    ...(realistic ? ['output = json', 'cli_pager ='] : []),
    '',
  ];
  const credentials: string[] = [];
  config.push('[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', '');
  for (let i = 0; i < profiles; i++) {
    const name = `team-${i}`;
    const kind = i % 4;
    // An inline comment: on a value no tool misreads into a failure (output), in 1 profile in 100.
    const output = realistic && i % 100 === 2 ? 'output = json  # or text' : 'output = json';
    if (kind === 0)
      config.push(
        `[profile ${name}]`,
        'role_arn = arn:aws:iam::123456789012:role/Dev',
        `source_profile = base-${i}`,
        `region = us-east-${1 + (i % 2)}`,
      );
    else if (kind === 1)
      config.push(
        `[profile ${name}]`,
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = Dev',
        'region = eu-central-1',
      );
    else if (kind === 2) config.push(`# ${name}: Sydney`, `[profile ${name}]`, 'region = ap-southeast-2', output);
    else config.push(`[profile ${name}]`, 'credential_process = /usr/bin/true');
    // Every fifth profile (crossing the four kinds) tunes the S3 transfers in a nested block.
    if (realistic && i % 5 === 3) {
      const indent = i % 2 ? '    ' : '  ';
      config.push(
        's3 =',
        `${indent}max_concurrent_requests = 20`,
        ...(i % 50 === 3 ? [`${indent}# larger parts for the media bucket`] : []),
        `${indent}multipart_chunksize = 16MB`,
        `${indent}addressing_style = path`,
      );
    }
    config.push('');
    // Keys for the roles' source profiles, for the static profiles, and for key-only profiles.
    const section = kind === 0 ? `base-${i}` : kind === 2 ? name : `keys-${i}`;
    const upper = realistic && i % 200 === 5;
    credentials.push(
      `[${section}]`,
      `${upper ? 'AWS_ACCESS_KEY_ID' : 'aws_access_key_id'} = ${fakeKeyId('AKIA', name)}`,
      `${upper ? 'AWS_SECRET_ACCESS_KEY' : 'aws_secret_access_key'} = ${fakeSecret(name)}`,
    );
    credentials.push('');
  }
  fs.writeFileSync(path.join(home, '.aws', 'config'), config.join('\n'));
  fs.writeFileSync(path.join(home, '.aws', 'credentials'), credentials.join('\n'), { mode: 0o600 });
  return home;
}
