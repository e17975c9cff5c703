/**
 * The finding fixtures (test/support/findingFixtures.ts, written for an in-memory home at
 * /home/u) as scenarios the real tools can run: files under the home, absolute fixture paths
 * moved into it (`/tmp/pipe` becomes `{HOME}/.abs/tmp/pipe`, in the files, the texts and the
 * variables alike), so that nothing outside the scenario's home is read or written.
 */
import type { FindingFixture } from '../support/findingFixtures';
import { FIXTURE_HOME } from '../support/findingFixtures';
import type { Scenario, ScenarioFile } from './scenario';

/** Where the fixtures' absolute paths live (each mapped into the home; none of them is read on this machine). */
const OUTSIDE_ROOTS = ['/tmp/', '/nowhere/', '/opt/nowhere/', '/var/run/secrets/'];

function relocate(text: string): string {
  let t = text.split(`${FIXTURE_HOME}/`).join('{HOME}/');
  for (const root of OUTSIDE_ROOTS)
    t = t.replace(new RegExp(`(^|[\\s=:"'])${root.replace(/\//g, '\\/')}`, 'g'), `$1{HOME}/.abs${root}`);
  return t;
}

/** A stable, file-name-safe id for a fixture. */
export function fixtureId(fx: FindingFixture): string {
  return `${fx.expect.code}--${fx.name}`.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 100);
}

export function fixtureScenario(fx: FindingFixture): Scenario {
  const files: Record<string, ScenarioFile> = {};
  for (const [p, f] of Object.entries(fx.files ?? {})) {
    const rel = p.startsWith(`${FIXTURE_HOME}/`)
      ? p.slice(FIXTURE_HOME.length + 1)
      : p.startsWith('/')
        ? `.abs${p}`
        : p;
    if (typeof f === 'string') {
      files[rel] = { text: relocate(f) };
      continue;
    }
    if (f.errno === 'ELOOP') {
      files[rel] = { text: '', type: 'symlink-loop' };
      continue;
    }
    if (f.errno) throw new Error(`fixture ${fx.name}: ${p} fails with ${f.errno}, which a scenario cannot make`);
    if (typeof f.content !== 'string')
      throw new Error(`fixture ${fx.name}: ${p} has binary content, which a scenario cannot carry`);
    if (f.type && f.type !== 'file' && f.type !== 'fifo')
      throw new Error(`fixture ${fx.name}: ${p} is a ${f.type}, which a scenario cannot make`);
    files[rel] = {
      text: relocate(f.content),
      ...(f.mode !== undefined ? { mode: f.mode } : {}),
      ...(f.type === 'fifo' ? { type: 'fifo' as const } : {}),
    };
  }
  const env = Object.fromEntries(Object.entries(fx.env ?? {}).map(([k, v]) => [k, relocate(v)]));
  const cwd =
    fx.cwd === undefined
      ? {}
      : { cwd: fx.cwd.startsWith(`${FIXTURE_HOME}/`) ? fx.cwd.slice(FIXTURE_HOME.length + 1) : fx.cwd };
  return {
    id: fixtureId(fx),
    files,
    env,
    ...(fx.explicit !== undefined ? { explicitProfile: fx.explicit } : {}),
    ...cwd,
  };
}
