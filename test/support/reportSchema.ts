/**
 * A validator of the JSON report's documented contract (README, "The JSON report (schemaVersion
 * 1)"): every field, its type and its vocabulary, the summary counting the findings, no unknown
 * top-level key. Returns the problems found (none: valid). Hand-written on purpose: the contract
 * is small and a schema library would be a dependency for one test.
 */
import { FindingCode } from '../../src/engine/findings/findings';
import type { FixAction } from '../../src/engine/findings/findings';

const TOOLS = ['node', 'python', 'cli'];
const SOURCES = ['env', 'static', 'assume-role', 'web-identity', 'sso', 'process', 'container', 'none', 'error'];
const PROFILE_FROM = ['--profile', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'default'];
const FILE_KINDS = ['config', 'credentials'];
const PROFILE_KINDS = ['static', 'role', 'sso', 'process', 'web-identity', 'settings-only'];
const SEVERITIES = ['error', 'warning', 'info'];
const CODES = new Set<string>(Object.values(FindingCode));
/** Every FixAction kind's fields: a Record over the kinds, so a new kind fails to compile until its shape is here. */
const FIX_KINDS: Record<FixAction['kind'], Record<string, string>> = {
  deleteLine: { path: 'string', line: 'line' },
  replaceText: { path: 'string', line: 'line', column: 'line', endColumn: 'line', text: 'string' },
  unsetEnv: { name: 'string' },
  setEnv: { name: 'string', value: 'string' },
  runCommand: { command: 'string' },
  chmod: { path: 'string', mode: 'int' },
  switchProfile: { profile: 'string' },
  setRegion: { profile: 'string', path: 'string', afterLine: 'int' },
  removeBom: { path: 'string' },
};
const TOP = [
  'schemaVersion',
  'generatedAt',
  'profile',
  'files',
  'tools',
  'profiles',
  'findings',
  'summary',
  'brokers',
  'toolVersions',
  'noSetup',
  'live',
];
/** The last four characters of whatever the key id is (a malformed one too), or a mask alone. */
const MASKED_KEY = /^(?:\*{16}[^]{1,4}|\*{4})$/;

type Obj = Record<string, unknown>;

export function validateReport(report: unknown): string[] {
  const problems: string[] = [];
  const bad = (where: string, what: string) => problems.push(`${where}: ${what}`);
  const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
  const str = (v: unknown, where: string, nullable = false) => {
    if (!(typeof v === 'string' || (nullable && v === null)))
      bad(where, `expected a string${nullable ? ' or null' : ''}, got ${JSON.stringify(v)}`);
  };
  const int = (v: unknown, where: string, min: number, nullable = false) => {
    if (!((Number.isInteger(v) && (v as number) >= min) || (nullable && v === null)))
      bad(where, `expected an integer >= ${min}${nullable ? ' or null' : ''}, got ${JSON.stringify(v)}`);
  };
  const oneOf = (v: unknown, vocabulary: readonly string[], where: string, nullable = false) => {
    if (!((typeof v === 'string' && vocabulary.includes(v)) || (nullable && v === null)))
      bad(where, `expected one of ${vocabulary.join('|')}, got ${JSON.stringify(v)}`);
  };
  const iso = (v: unknown, where: string, nullable = false) => {
    if (nullable && v === null) return;
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v)) || new Date(Date.parse(v)).toISOString() !== v)
      bad(where, `expected an ISO 8601 time, got ${JSON.stringify(v)}`);
  };
  const strings = (v: unknown, where: string) => {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) bad(where, 'expected an array of strings');
  };
  const tools = (v: unknown, where: string) => {
    if (!Array.isArray(v) || v.some((x) => !TOOLS.includes(x as string)) || new Set(v).size !== v.length)
      bad(where, `expected distinct tool ids, got ${JSON.stringify(v)}`);
  };

  if (!isObj(report)) return ['report: not an object'];
  for (const k of Object.keys(report)) if (!TOP.includes(k)) bad('report', `unknown key ${k}`);
  if (report.schemaVersion !== 1) bad('schemaVersion', 'expected 1');
  iso(report.generatedAt, 'generatedAt');
  if (!isObj(report.profile)) bad('profile', 'expected an object');
  else {
    str(report.profile.name, 'profile.name');
    oneOf(report.profile.from, PROFILE_FROM, 'profile.from');
  }
  if (!Array.isArray(report.files)) bad('files', 'expected an array');
  else
    report.files.forEach((f: unknown, i) => {
      if (!isObj(f)) return bad(`files[${i}]`, 'expected an object');
      oneOf(f.kind, FILE_KINDS, `files[${i}].kind`);
      str(f.path, `files[${i}].path`);
      if (typeof f.exists !== 'boolean') bad(`files[${i}].exists`, 'expected a boolean');
      tools(f.tools, `files[${i}].tools`);
      if ('unread' in f) {
        str(f.unread, `files[${i}].unread`);
        if (f.exists) bad(`files[${i}].unread`, 'only for a file that was not read');
      }
    });
  if (!isObj(report.tools)) bad('tools', 'expected an object');
  else {
    if (Object.keys(report.tools).sort().join() !== [...TOOLS].sort().join())
      bad('tools', `expected exactly ${TOOLS.join(', ')}`);
    for (const t of TOOLS) {
      const r = report.tools[t];
      const w = `tools.${t}`;
      if (!isObj(r)) {
        bad(w, 'expected an object');
        continue;
      }
      str(r.profile, `${w}.profile`);
      oneOf(r.profileFrom, PROFILE_FROM, `${w}.profileFrom`);
      oneOf(r.source, SOURCES, `${w}.source`);
      str(r.method, `${w}.method`, true);
      oneOf(r.file, FILE_KINDS, `${w}.file`, true);
      str(r.path, `${w}.path`, true);
      int(r.line, `${w}.line`, 1, true);
      str(r.env, `${w}.env`, true);
      str(r.region, `${w}.region`, true);
      str(r.regionFrom, `${w}.regionFrom`, true);
      iso(r.expiresAt, `${w}.expiresAt`, true);
      str(r.expiresFrom, `${w}.expiresFrom`, true);
      str(r.failure, `${w}.failure`, true);
      if (r.source === 'error' && typeof r.failure !== 'string') bad(`${w}.failure`, 'a failing tool says why');
      if (!(r.accessKeyId === null || (typeof r.accessKeyId === 'string' && MASKED_KEY.test(r.accessKeyId))))
        bad(`${w}.accessKeyId`, `expected a masked key id or null, got ${JSON.stringify(r.accessKeyId)}`);
      strings(r.chain, `${w}.chain`);
      strings(r.steps, `${w}.steps`);
    }
  }
  if (!Array.isArray(report.profiles)) bad('profiles', 'expected an array');
  else
    report.profiles.forEach((p: unknown, i) => {
      const w = `profiles[${i}]`;
      if (!isObj(p)) return bad(w, 'expected an object');
      str(p.name, `${w}.name`);
      oneOf(p.kind, PROFILE_KINDS, `${w}.kind`);
      str(p.region, `${w}.region`, true);
      oneOf(p.file, FILE_KINDS, `${w}.file`);
      str(p.path, `${w}.path`);
      int(p.line, `${w}.line`, 1);
      if ('ssoTokenExpiresAt' in p) iso(p.ssoTokenExpiresAt, `${w}.ssoTokenExpiresAt`, true);
      if ('keysAt' in p) {
        if (!isObj(p.keysAt)) bad(`${w}.keysAt`, 'expected an object');
        else {
          oneOf(p.keysAt.file, FILE_KINDS, `${w}.keysAt.file`);
          str(p.keysAt.path, `${w}.keysAt.path`);
          int(p.keysAt.line, `${w}.keysAt.line`, 1);
        }
      }
    });
  const counts: Record<string, number> = { error: 0, warning: 0, info: 0 };
  if (!Array.isArray(report.findings)) bad('findings', 'expected an array');
  else
    report.findings.forEach((f: unknown, i) => {
      const w = `findings[${i}]`;
      if (!isObj(f)) return bad(w, 'expected an object');
      if (!CODES.has(f.code as string)) bad(`${w}.code`, `unknown code ${JSON.stringify(f.code)}`);
      oneOf(f.severity, SEVERITIES, `${w}.severity`);
      if (typeof f.severity === 'string' && f.severity in counts) counts[f.severity]++;
      if (typeof f.message !== 'string' || f.message.length === 0) bad(`${w}.message`, 'expected a message');
      str(f.file, `${w}.file`, true);
      oneOf(f.fileKind, FILE_KINDS, `${w}.fileKind`, true);
      int(f.line, `${w}.line`, 1, true);
      int(f.column, `${w}.column`, 1, true);
      str(f.env, `${w}.env`, true);
      tools(f.tools, `${w}.tools`);
      if (!Array.isArray(f.related)) bad(`${w}.related`, 'expected an array');
      else
        f.related.forEach((r: unknown, j) => {
          if (!isObj(r)) return bad(`${w}.related[${j}]`, 'expected an object');
          str(r.path, `${w}.related[${j}].path`);
          int(r.line, `${w}.related[${j}].line`, 1);
          int(r.column, `${w}.related[${j}].column`, 1);
          str(r.message, `${w}.related[${j}].message`);
        });
      if (!Array.isArray(f.fixes)) bad(`${w}.fixes`, 'expected an array');
      else
        f.fixes.forEach((x: unknown, j) => {
          const wx = `${w}.fixes[${j}]`;
          if (!isObj(x) || !isObj(x.action)) return bad(wx, 'expected { title, action }');
          str(x.title, `${wx}.title`);
          if ('preferred' in x && typeof x.preferred !== 'boolean') bad(`${wx}.preferred`, 'expected a boolean');
          const shape = (FIX_KINDS as Record<string, Record<string, string> | undefined>)[x.action.kind as string];
          if (!shape) return bad(`${wx}.action.kind`, `unknown kind ${JSON.stringify(x.action.kind)}`);
          for (const [k, type] of Object.entries(shape)) {
            if (type === 'string') str(x.action[k], `${wx}.action.${k}`);
            else int(x.action[k], `${wx}.action.${k}`, type === 'line' ? 1 : 0);
          }
        });
    });
  if (!isObj(report.summary)) bad('summary', 'expected an object');
  else
    for (const s of ['errors', 'warnings', 'infos'] as const) {
      const n = counts[s === 'errors' ? 'error' : s === 'warnings' ? 'warning' : 'info'];
      if (report.summary[s] !== n)
        bad(`summary.${s}`, `expected ${n} (the findings), got ${JSON.stringify(report.summary[s])}`);
    }
  if (!Array.isArray(report.brokers)) bad('brokers', 'expected an array');
  else
    report.brokers.forEach((b: unknown, i) => {
      const w = `brokers[${i}]`;
      if (!isObj(b)) return bad(w, 'expected an object');
      str(b.broker, `${w}.broker`);
      str(b.profile, `${w}.profile`, true);
      iso(b.expiresAt, `${w}.expiresAt`, true);
      str(b.expiresFrom, `${w}.expiresFrom`, true);
      strings(b.markers, `${w}.markers`);
    });
  if (!isObj(report.toolVersions)) bad('toolVersions', 'expected an object');
  else {
    const v = report.toolVersions;
    str(v.awsCli, 'toolVersions.awsCli', true);
    str(v.botocore, 'toolVersions.botocore', true);
    str(v.jsSdk, 'toolVersions.jsSdk', true);
    if (!(v.awscrt === null || typeof v.awscrt === 'boolean')) bad('toolVersions.awscrt', 'expected a boolean or null');
    oneOf(v.from, ['pinned', 'detected', 'assumed'], 'toolVersions.from');
    if ('paths' in v) {
      if (!isObj(v.paths)) bad('toolVersions.paths', 'expected an object');
      else {
        str(v.paths.aws, 'toolVersions.paths.aws', true);
        str(v.paths.python, 'toolVersions.paths.python', true);
      }
    }
  }
  if ('noSetup' in report) str(report.noSetup, 'noSetup');
  if ('live' in report && !isObj(report.live)) bad('live', 'expected an object');
  return problems;
}
