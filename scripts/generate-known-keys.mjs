// Writes src/engine/core/knownKeys.generated.ts: the keys of a profile (and of its nested blocks and of
// [sso-session] sections) that the real tools read, with which tool reads each, taken from the tools
// themselves so that "No tool knows the key X" and "did you mean Y" are true of the installed tools:
//   node    the JavaScript SDK in node_modules (@aws-sdk/*, @smithy/*): every configFileSelector and
//           the keys the credential providers read from a profile
//   python  botocore (the python3 on PATH) and AWS CLI v1 beside it (scripts/known_keys.py botocore)
//   cli     AWS CLI v2 (/usr/bin/aws: Debian's python3 package and the botocore it bundles)
// Keys other tools write that no AWS tool reads (expiry times of saml2aws and similar) are not
// here: model.ts lists those itself. `--check` only compares (exit 1 when the file would change);
// test/unit/knownKeys.test.ts runs it.
//   node scripts/generate-known-keys.mjs [--check] [--file PATH]
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { check: { type: 'boolean' }, file: { type: 'string' } } });
const root = fileURLToPath(new URL('..', import.meta.url));
const target = values.file ?? join(root, 'src/engine/core/knownKeys.generated.ts');
const require = createRequire(import.meta.url);

// ------------------------------------------------------------------ the JavaScript SDK
const SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$|^[a-z]+$/;
/** Strings the credential providers read that are fields of cached tokens or grant types, not profile keys. */
const JS_NOT_KEYS = new Set(['refresh_token', 'client_credentials', 'authorization_code']);
/** Packages whose snake_case property reads and strings are profile keys (the credential providers). */
const CREDENTIAL_PACKAGES = /@aws-sdk\/(credential-provider-[\w-]+|token-providers)\//;

function* jsFiles(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'dist-es' || e.name === 'dist-types' || e.name === 'src') continue;
      yield* jsFiles(p);
    } else if (e.name.endsWith('.js') && p.includes('dist-cjs')) yield p;
  }
}

function jsKeys() {
  const profile = new Map();
  const add = (key, where) => {
    if (!SNAKE.test(key) || JS_NOT_KEYS.has(key)) return;
    if (!profile.has(key)) profile.set(key, new Set());
    profile.get(key).add(where);
  };
  const modules = join(root, 'node_modules');
  const scopes = ['@aws-sdk', '@smithy'].map((s) => join(modules, s));
  for (const scope of scopes) {
    for (const file of jsFiles(scope)) {
      const text = readFileSync(file, 'utf8');
      const rel = file.slice(modules.length + 1).replace(/\/dist-cjs\/.*/, '');
      const constants = new Map(
        [...text.matchAll(/\b(?:const|var|let) ([A-Z][A-Z0-9_]*) = "([a-z][a-z0-9_]*)"/g)].map((m) => [m[1], m[2]]),
      );
      // Every setting a client reads from a profile: configFileSelector: (profile, config) => …
      for (const m of text.matchAll(/configFileSelector:\s*\(profile[^)]*\)\s*=>/g)) {
        const body = text.slice(m.index, m.index + 1200).split(/\n\s{0,8}default:|\n\s{0,4}\};?\n/)[0];
        for (const x of body.matchAll(
          /profile\??\.([a-z][a-z0-9_]*)|profile\[\s*"([a-z][a-z0-9_]*)"\s*\]|profile\[\s*([A-Z][A-Z0-9_]*)\s*\]|Selector\(\s*profile,\s*([A-Z][A-Z0-9_]*)/g,
        )) {
          const key = x[1] ?? x[2] ?? constants.get(x[3] ?? x[4]);
          if (key) add(key, `${rel} configFileSelector`);
        }
      }
      // A profile's data read directly (e.g. @aws-sdk/core's sigv4a_signing_region_set).
      for (const x of text.matchAll(/\bprofile\??\.([a-z][a-z0-9]*_[a-z0-9_]+)\b/g)) add(x[1], `${rel} reads`);
      if (!CREDENTIAL_PACKAGES.test(file)) continue;
      // The credential providers: what they read from a profile's data.
      for (const x of text.matchAll(
        /\b(?:profile|profileData|arg|data|section|session|sourceProfile|ssoSession|profiles\[[^\]]+\])\??\.([a-z][a-z0-9]*_[a-z0-9_]+)\b/g,
      ))
        add(x[1], `${rel} reads`);
      for (const x of text.matchAll(/"([a-z][a-z0-9]*_[a-z0-9_]+)"/g)) add(x[1], `${rel} names`);
    }
  }
  const ini = require(join(modules, '@aws-sdk/credential-provider-ini/package.json')).version;
  const core = require(join(modules, '@smithy/core/package.json')).version;
  return { version: `@aws-sdk/credential-provider-ini ${ini}, @smithy/core ${core}`, profile };
}

// ------------------------------------------------------------------ botocore and the AWS CLI
function pythonKeys(python, mode) {
  const r = spawnSync(python, [join(root, 'scripts/known_keys.py'), mode], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PYTHONDONTWRITEBYTECODE: '1' },
  });
  if (r.status !== 0) throw new Error(`${python} scripts/known_keys.py ${mode}: ${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout);
}

const js = jsKeys();
const py = pythonKeys('python3', 'botocore');
const cli = pythonKeys('/usr/bin/python3', 'cli');

/** key → sorted tool ids, from { tool: Iterable<key> }. */
function readers(byTool) {
  const out = new Map();
  for (const [tool, keys] of Object.entries(byTool)) for (const k of keys) out.set(k, [...(out.get(k) ?? []), tool]);
  const order = ['node', 'python', 'cli'];
  return new Map(
    [...out].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, ts]) => [k, order.filter((t) => ts.includes(t))]),
  );
}

const profileReaders = readers({
  node: js.profile.keys(),
  python: Object.keys(py.profile),
  cli: Object.keys(cli.profile),
});
// The [sso-session] keys are read from that section, never from a profile by the JavaScript SDK's
// token provider: they are in both lists where a tool reads them in both places.
const ssoReaders = readers({
  node: [...js.profile.keys()].filter((k) => /^sso_(start_url|region|registration_scopes)$/.test(k)),
  python: Object.keys(py.ssoSession),
  cli: Object.keys(cli.ssoSession),
});
const blocks = [...new Set([...Object.keys(py.nested), ...Object.keys(cli.nested)])].sort();
const nestedReaders = new Map(
  blocks.map((b) => [b, readers({ python: Object.keys(py.nested[b] ?? {}), cli: Object.keys(cli.nested[b] ?? {}) })]),
);

const record = (m, indent = '') =>
  `{\n${[...m].map(([k, ts]) => `${indent}  ${JSON.stringify(k)}: ${JSON.stringify(ts)},`).join('\n')}\n${indent}}`;
const out = `// GENERATED by scripts/generate-known-keys.mjs from the JavaScript SDK (${js.version}),
// botocore ${py.version} and AWS CLI ${cli.version}: do not edit.
type Reader = 'node' | 'python' | 'cli';

/** The keys of a profile, each with the tools that read it (node: the JavaScript SDK; python: botocore, boto3, AWS CLI v1; cli: AWS CLI v2). */
export const KNOWN_KEY_READERS: Readonly<Record<string, readonly Reader[]>> = ${record(profileReaders)};

/** The keys of a nested block (\`s3 =\` followed by indented \`key = value\` lines), by block, with the tools that read them. */
export const NESTED_KEY_READERS: Readonly<Record<string, Readonly<Record<string, readonly Reader[]>>>> = {\n${[...nestedReaders].map(([b, m]) => `  ${JSON.stringify(b)}: ${record(m, '  ')},`).join('\n')}\n};

/** The keys of an [sso-session] section, with the tools that read them. */
export const SSO_SESSION_KEY_READERS: Readonly<Record<string, readonly Reader[]>> = ${record(ssoReaders)};
`;

const summary = `${profileReaders.size} profile keys, ${blocks.length} blocks, ${ssoReaders.size} sso-session keys`;
if (values.check) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* missing: differs */
  }
  if (current !== out) {
    console.error(
      `${target} differs from the keys the installed tools read (${summary}): run node scripts/generate-known-keys.mjs`,
    );
    process.exit(1);
  }
  console.log(`${target} matches the installed tools (${summary})`);
} else {
  writeFileSync(target, out);
  console.log(`wrote ${target} (${summary})`);
}
