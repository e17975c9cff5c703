/**
 * The `aws-credentials-doctor` executable (dist/cli.js): loads the command line (dist/cli-main.js)
 * through V8's code cache, so that a run after the first one neither parses nor compiles it again.
 * Half of what the command adds to a bare `node` start is that compilation (`npm run bench`).
 * The cache lives in ~/.cache/aws-credentials-doctor (XDG_CACHE_HOME), mode 0700, keyed by the command
 * (each compiles different functions), the Node version and the bundle's size and time; AWS_CREDENTIALS_DOCTOR_NO_CACHE=1 turns it off. Any
 * failure of the cache falls back to a plain run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

const file = path.join(__dirname, 'cli-main.js');
let cacheFile: string | undefined;
let cached: Buffer | undefined;
if (!process.env.AWS_CREDENTIALS_DOCTOR_NO_CACHE) {
  try {
    const st = fs.statSync(file);
    const dir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'aws-credentials-doctor');
    const command = /^[a-z]+$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
    cacheFile = path.join(
      dir,
      `cli-${command}-${process.version}-${process.arch}-${st.size}-${Math.round(st.mtimeMs)}.v8`,
    );
    cached = fs.existsSync(cacheFile) ? fs.readFileSync(cacheFile) : undefined;
  } catch {
    cacheFile = undefined;
  }
}
// The bundle's text only inside the wrapper: V8 keeps the wrapped source, no second copy is held.
const script = new vm.Script(
  `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, 'utf8')}\n})`,
  {
    filename: file,
    cachedData: cached,
  },
);
const mod = { exports: {} as { main(): Promise<number>; v8FlagsChanged: boolean } };
(script.runInThisContext() as (...a: unknown[]) => void)(mod.exports, require, mod, file, __dirname);
void mod.exports.main().finally(() => {
  // A run that tuned V8 for large files reads the cache but writes none: V8 rejects a cache made with other flags.
  if (!cacheFile || mod.exports.v8FlagsChanged || (cached && !script.cachedDataRejected)) return;
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
    fs.writeFileSync(cacheFile, script.createCachedData(), { mode: 0o600 });
  } catch {
    // A read-only or missing home: run without the cache next time too.
  }
});
