/**
 * The home of the Profiles view's suites (the extension host's and the workbench's): the
 * benchmarks' large home (test/bench/largeHome.ts: 2,000 config profiles of every kind and 1,500
 * credentials-only sections) with three profiles for a real moto STS: `alice` (an IAM user's key),
 * `broken` (a well-formed key moto does not know) and `stale` (alice's key with a session token
 * left in the profile).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnose } from '../../src/engine/diagnose';
import { buildReport } from '../../src/engine/output/report';
import { nodeFileSystem } from '../../src/nodeHost/fileSystem';
import { writeHome } from '../bench/largeHome';

export const STALE_TOKEN =
  'FwoGZXIvYXdzELR//////////wEaDLeftOverFromAnEarlierMfaSessionXyzAbc123+/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789==';

export interface ProfilesHome {
  readonly home: string;
  readonly config: string;
  readonly credentials: string;
  /** Profiles in the home, as the AWS CLI lists them. */
  readonly total: number;
}

export function writeProfilesHome(root: string, alice: { id: string; secret: string }, profiles = 2000): ProfilesHome {
  const home = writeHome(root, profiles);
  const config = path.join(home, '.aws', 'config');
  const credentials = path.join(home, '.aws', 'credentials');
  const keys = (name: string, id: string, secret: string, extra = '') =>
    `[${name}]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n${extra}\n`;
  fs.appendFileSync(
    credentials,
    [
      '',
      keys('alice', alice.id, alice.secret),
      keys('broken', 'AKIAFAKEKEYDOCTORTWO', 'FAKEsecretKEYforTESTStwo'.padEnd(40, '0')),
      keys('stale', alice.id, alice.secret, `aws_session_token = ${STALE_TOKEN}\n`),
    ].join('\n'),
  );
  const d = diagnose({ env: { HOME: home }, fs: nodeFileSystem, now: Date.now(), fallbackHomeDir: home });
  return { home, config, credentials, total: buildReport(d).profiles.length };
}
