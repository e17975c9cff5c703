/**
 * The real-world corpus (test/fixtures/real-world-homes): homes in the shapes people write, each a
 * directory laid out like a HOME (`.aws/config`, `.aws/credentials`, helper programs, caches) with a
 * `home.json` saying what it is, what it was modelled on, its environment and its variants (another
 * working directory). Each home becomes one scenario per profile (AWS_PROFILE set to it) and one
 * with no profile selected, so that every profile is compared, not only the default.
 *
 * File texts are taken byte for byte (CRLF, tabs, trailing blanks), with placeholders for what must
 * not sit in the repository as such: `{KEY:seed}` / `{ASIA:seed}` (a fake access key id),
 * `{SECRET:seed}`, `{TOKEN:seed}`; `{HOME}` is filled by whoever materialises the home.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Scenario, ScenarioFile } from './scenario';
import { fakeKeyId, fakeSecret, fakeSessionToken } from './generateScenarios';

export interface HomeManifest {
  /** What the home is. */
  readonly description: string;
  /** The public files or documentation its shapes come from. */
  readonly modelledOn: string;
  /** Environment variables besides AWS_PROFILE ("{HOME}" is filled). */
  readonly env?: Readonly<Record<string, string>>;
  /** The home again, run from another directory (relative to HOME). */
  readonly variants?: readonly { readonly id: string; readonly cwd?: string }[];
  /**
   * Every finding the engine raises on the home, in any of its scenarios ("CODE @ .aws/config:7",
   * "CODE @ $AWS_REGION", "CODE @ -"), with the verdict of its review against what the real tools
   * did: "true: …" or "false: …" (a false one names who fixes it).
   */
  readonly findings: Readonly<Record<string, string>>;
}

export interface RealWorldHome {
  readonly name: string;
  readonly manifest: HomeManifest;
  readonly files: Readonly<Record<string, ScenarioFile>>;
}

const PLACEHOLDER = /\{(KEY|ASIA|SECRET|TOKEN):([\w.-]+)\}/g;

function fillSecrets(text: string): string {
  return text.replace(PLACEHOLDER, (_, kind: string, seed: string) =>
    kind === 'KEY'
      ? fakeKeyId('AKIA', seed)
      : kind === 'ASIA'
        ? fakeKeyId('ASIA', seed)
        : kind === 'SECRET'
          ? fakeSecret(seed)
          : fakeSessionToken(seed),
  );
}

/** The homes under `dir`, in name order. */
export function realWorldHomes(dir: string): RealWorldHome[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const root = path.join(dir, name);
      const manifest = JSON.parse(fs.readFileSync(path.join(root, 'home.json'), 'utf8')) as HomeManifest;
      const files: Record<string, ScenarioFile> = {};
      const walk = (abs: string, rel: string) => {
        for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
          const a = path.join(abs, entry.name);
          const r = rel ? `${rel}/${entry.name}` : entry.name;
          if (entry.isDirectory()) walk(a, r);
          else if (r !== 'home.json')
            files[r] = {
              text: fillSecrets(fs.readFileSync(a, 'utf8')),
              mode: fs.statSync(a).mode & 0o111 ? 0o755 : 0o600,
            };
        }
      };
      walk(root, '');
      return { name, manifest, files };
    });
}

/**
 * The profile names in a home's two files, as a person reading them would list them (`[profile x]`,
 * `[profile "x"]` and `[x]` in the config file, `[x]` in the credentials file), without asking the
 * engine: a profile the engine failed to see is still compared.
 */
export function profileNames(home: RealWorldHome): string[] {
  const names = new Set<string>();
  const headers = (rel: string) =>
    [...(home.files[rel]?.text ?? '').matchAll(/^[ \t]*\[([^\]\r\n]*)\]/gm)].map((m) => m[1].trim());
  for (const h of headers('.aws/config')) {
    if (/^(sso-session|services)\s/.test(h)) continue;
    // botocore (shlex) and the JavaScript SDK both take `[profile "x"]` as x.
    names.add(h.replace(/^profile\s+/, '').replace(/^(["'])(.*)\1$/, '$2'));
  }
  for (const h of headers('.aws/credentials')) names.add(h);
  names.delete('default');
  return [...names].filter((n) => n !== '');
}

/** Every home as scenarios: with no profile selected, then each profile; then the same for each variant. */
export function realWorldCases(dir: string): { home: RealWorldHome; scenario: Scenario }[] {
  const out: { home: RealWorldHome; scenario: Scenario }[] = [];
  for (const home of realWorldHomes(dir)) {
    const env = home.manifest.env ?? {};
    for (const variant of [{ id: '', cwd: undefined as string | undefined }, ...(home.manifest.variants ?? [])]) {
      const prefix = `home-${home.name}${variant.id ? `@${variant.id}` : ''}`;
      const base = { files: home.files, ...(variant.cwd !== undefined ? { cwd: variant.cwd } : {}) };
      out.push({ home, scenario: { id: `${prefix}-no-profile`, ...base, env } });
      for (const profile of profileNames(home))
        out.push({ home, scenario: { id: `${prefix}-${profile}`, ...base, env: { ...env, AWS_PROFILE: profile } } });
    }
  }
  return out;
}

/** Where a finding points, as the reviewed list names it: a file relative to HOME and its line, a variable, or "-". */
export function findingKey(
  f: { code: string; file: string | null; line: number | null; env: string | null },
  home: string,
): string {
  const at =
    f.file !== null
      ? `${path.relative(home, f.file).split(path.sep).join('/')}:${f.line ?? 0}`
      : f.env !== null
        ? `$${f.env}`
        : '-';
  return `${f.code} @ ${at}`;
}
