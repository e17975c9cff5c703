/**
 * Finds which AWS tools are installed here, and their versions, by READING their installations'
 * own files: nothing is ever executed (not `aws --version` either: "without --live nothing runs").
 *
 * - The `aws` on PATH, as a shell would find it (a pyenv shim followed to the version pyenv would
 *   choose), resolved through its symbolic links: AWS CLI v2's installer puts it in
 *   `<dir>/v2/<version>/dist/aws` (the install script names the directory after the version),
 *   Homebrew in `Cellar/awscli/<version>/`; a Python script (pip, pipx, Debian's `awscli`, Homebrew's
 *   wrapper) names its interpreter on its `#!` line, whose `awscli/__init__.py` holds `__version__`.
 * - The `python3` on PATH: its import path found from files alone (PYTHONPATH, a virtual
 *   environment's pyvenv.cfg, the user site, `lib/pythonX.Y/site-packages` beside the resolved
 *   binary, Debian's dist-packages), then botocore's `__version__` (or its dist-info METADATA) and
 *   whether `awscrt.crypto` defines `EC` (botocore's `aws login` needs it), in the first directory
 *   of that path that holds each package, as `import` would find it.
 *
 * What files cannot tell (the AWS CLI v2 of the macOS .pkg and the Windows .msi keep their version
 * inside the PyInstaller archive) stays unknown: the newest behaviour is assumed and the report
 * names the executable; `--tool-versions` pins it. Not modelled: `.pth` files, sitecustomize, the
 * interpreter's compiled-in prefix when the binary was moved.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Environment } from '../engine/core/host';
import type { ToolVersions } from '../engine/core/toolVersions';

/** The most read of any one file here (a script's first lines, an `__init__.py`, a METADATA). */
const MAX_READ = 256 * 1024;

interface Options {
  readonly platform?: NodeJS.Platform;
  /** Where pyenv starts looking for `.python-version` (the directory the tools would run in). */
  readonly cwd?: string;
}

/** The first executable `name` on PATH (with PATHEXT on Windows), as a shell would find it. */
export function whichOnPath(
  name: string,
  env: Environment,
  platform: NodeJS.Platform = process.platform,
  skipDir?: string,
): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  for (const dir of dirs) {
    if (skipDir !== undefined && path.resolve(dir) === path.resolve(skipDir)) continue;
    for (const ext of exts) {
      const file = path.join(dir, name + ext);
      if (isExecutableFile(file, platform)) return file;
    }
  }
  return undefined;
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    const st = fs.statSync(file);
    return st.isFile() && (platform === 'win32' || (st.mode & 0o111) !== 0);
  } catch {
    return false;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** The start of a regular file as text (never a FIFO or a device), or undefined. */
function readText(file: string, max = MAX_READ): string | undefined {
  let fd: number | undefined;
  try {
    if (!fs.statSync(file).isFile()) return undefined;
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    if (!fs.fstatSync(fd).isFile()) return undefined;
    const buf = Buffer.alloc(max);
    const n = fs.readSync(fd, buf, 0, max, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function realpath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * The versions pyenv would choose, in order (pyenv-version-name): PYENV_VERSION (split at ":"), else
 * the first word of each line of the first `.python-version` from PYENV_DIR (or the working
 * directory) up to the root, else of `$PYENV_ROOT/version`; nothing chosen is "system".
 */
function pyenvVersions(env: Environment, root: string, cwd: string): string[] {
  if (env.PYENV_VERSION) return env.PYENV_VERSION.split(':').filter(Boolean);
  const words = (text: string) =>
    text
      .split(/\r?\n|\r/)
      .map((l) => l.trim().split(/\s+/)[0])
      .filter((w) => w && !w.startsWith('#'));
  const starts = [...new Set([env.PYENV_DIR || cwd, cwd])];
  for (const start of starts) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const text = readText(path.join(dir, '.python-version'), 64 * 1024);
      if (text !== undefined) return words(text).length ? words(text) : ['system'];
      if (path.dirname(dir) === dir) break;
    }
  }
  const global = readText(path.join(root, 'version'), 64 * 1024);
  return global !== undefined && words(global).length ? words(global) : ['system'];
}

/** `versions/<name>`, or for a prefix such as `3.11` the newest installed `3.11.x` (pyenv-latest). */
function pyenvVersionDir(root: string, name: string): string | undefined {
  const dir = path.join(root, 'versions', name);
  if (isDirectory(dir)) return dir;
  const matches = listDir(path.join(root, 'versions')).filter((v) => v.startsWith(`${name}.`) && /^[\d.]+$/.test(v));
  if (!matches.length) return undefined;
  matches.sort((a, b) => compareDotted(b, a));
  return path.join(root, 'versions', matches[0]);
}

function compareDotted(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++)
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/**
 * What a pyenv shim (`$PYENV_ROOT/shims/NAME`, a bash script that runs `pyenv exec NAME`) would run
 * (pyenv-which): NAME in the first chosen version that has it, then the next NAME on PATH after the
 * shims ("system"). Undefined when `file` is no shim; null when the shim would fail ("command not found").
 */
function followPyenvShim(
  file: string,
  name: string,
  env: Environment,
  cwd: string,
  platform: NodeJS.Platform,
): string | null | undefined {
  const text = readText(file, 4096);
  if (text === undefined || !text.startsWith('#!') || !/pyenv"? exec /.test(text)) return undefined;
  const root = /export PYENV_ROOT="([^"]+)"/.exec(text)?.[1] ?? env.PYENV_ROOT ?? path.dirname(path.dirname(file));
  // pyenv-which tries "system" last, whatever was chosen.
  for (const version of [...pyenvVersions(env, root, cwd), 'system']) {
    if (version === 'system') {
      const system = whichOnPath(name, env, platform, path.dirname(file));
      if (system) return system;
      continue;
    }
    const dir = pyenvVersionDir(root, version);
    const candidate = dir && path.join(dir, 'bin', name);
    if (candidate && isExecutableFile(candidate, platform)) return candidate;
  }
  return null;
}

/** The executable a name on PATH stands for: pyenv shims followed. */
function findExecutable(name: string, env: Environment, cwd: string, platform: NodeJS.Platform): string | undefined {
  const found = whichOnPath(name, env, platform);
  if (!found) return undefined;
  const shim = followPyenvShim(found, name, env, cwd, platform);
  return shim === undefined ? found : (shim ?? undefined);
}

/** `#!/usr/bin/python3`, `#!/usr/bin/env python3`: the interpreter a script names (only Python ones). */
function pythonOfScript(file: string, env: Environment, cwd: string, platform: NodeJS.Platform): string | undefined {
  const first = readText(file, 1024)?.split('\n', 1)[0];
  if (!first?.startsWith('#!')) return undefined;
  const words = first.slice(2).trim().split(/\s+/);
  let interpreter = words[0];
  if (path.basename(interpreter) === 'env') {
    const name = words.slice(1).find((w) => !w.startsWith('-'));
    if (!name) return undefined;
    interpreter = findExecutable(name, env, cwd, platform) ?? name;
  }
  return /^python[\d.]*$/.test(path.basename(interpreter)) ? interpreter : undefined;
}

/** A pyvenv.cfg as key → value. */
function readPyvenvCfg(file: string): Map<string, string> | undefined {
  const text = readText(file, 64 * 1024);
  if (text === undefined) return undefined;
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq > 0) out.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return out;
}

/** The directories `import` searches for third-party packages, in order, and the X.Y version. */
export interface PythonPath {
  readonly executable: string;
  readonly dirs: readonly string[];
}

/** "3.11" from a binary's name (python3.11), or from the one lib/python3.* beside it. */
function majorMinor(real: string, prefix: string, platform: NodeJS.Platform): string | undefined {
  const named = /^python(\d+\.\d+)/.exec(path.basename(real))?.[1];
  if (named) return named;
  if (platform === 'win32') return undefined;
  const libs = listDir(path.join(prefix, 'lib'))
    .map((n) => /^python(\d+\.\d+)$/.exec(n)?.[1])
    .filter((v): v is string => !!v && isFile(path.join(prefix, 'lib', `python${v}`, 'os.py')));
  return libs.length === 1 ? libs[0] : undefined;
}

/** The site directories of an installation (not a virtual environment) at `prefix`. */
function siteDirs(
  prefix: string,
  version: string | undefined,
  env: Environment,
  platform: NodeJS.Platform,
  userSite: boolean,
): string[] {
  if (platform === 'win32') {
    const user =
      userSite && version && env.APPDATA
        ? [path.join(env.APPDATA, 'Python', `Python${version.replace('.', '')}`, 'site-packages')]
        : [];
    return [...user, path.join(prefix, 'Lib', 'site-packages')];
  }
  if (!version) return [];
  const dirs: string[] = [];
  if (userSite && env.HOME && !env.PYTHONNOUSERSITE) {
    // macOS framework builds keep the user site under ~/Library; every other POSIX build under ~/.local.
    dirs.push(
      prefix.includes('.framework/')
        ? path.join(env.HOME, 'Library', 'Python', version, 'lib', 'python', 'site-packages')
        : path.join(env.PYTHONUSERBASE || path.join(env.HOME, '.local'), 'lib', `python${version}`, 'site-packages'),
    );
  }
  if (isDirectory(path.join(prefix, 'lib', 'python3', 'dist-packages'))) {
    // Debian and Ubuntu patch site.py: /usr/local's dist-packages, then the distribution's.
    dirs.push(
      path.join('/usr/local/lib', `python${version}`, 'dist-packages'),
      path.join(prefix, 'lib', 'python3', 'dist-packages'),
      path.join(prefix, 'lib', `python${version}`, 'dist-packages'),
    );
  } else {
    dirs.push(path.join(prefix, 'lib', `python${version}`, 'site-packages'));
  }
  return dirs;
}

/**
 * The import path of a Python interpreter, from files only. A virtual environment is recognised by
 * the pyvenv.cfg next to (or one directory above) the executable as it was found, before its
 * symbolic links are followed, as Python itself does.
 */
export function pythonImportPath(
  executable: string,
  env: Environment,
  platform: NodeJS.Platform = process.platform,
): PythonPath {
  const fromEnv = (env.PYTHONPATH ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const dir = path.dirname(executable);
  const cfgFile = [path.join(dir, 'pyvenv.cfg'), path.join(path.dirname(dir), 'pyvenv.cfg')].find(isFile);
  const cfg = cfgFile ? readPyvenvCfg(cfgFile) : undefined;
  if (cfgFile && cfg) {
    const venv = path.dirname(cfgFile);
    const version =
      /^(\d+\.\d+)/.exec(cfg.get('version_info') ?? cfg.get('version') ?? '')?.[1] ??
      majorMinor(realpath(executable), venv, platform);
    const own =
      platform === 'win32'
        ? [path.join(venv, 'Lib', 'site-packages')]
        : version
          ? [path.join(venv, 'lib', `python${version}`, 'site-packages')]
          : [];
    let base: string[] = [];
    if (cfg.get('include-system-site-packages')?.toLowerCase() === 'true' && cfg.get('home')) {
      const home = cfg.get('home')!;
      base = siteDirs(platform === 'win32' ? home : path.dirname(home), version, env, platform, true);
    }
    return { executable, dirs: [...fromEnv, ...own, ...base] };
  }
  const real = realpath(executable);
  const bin = path.dirname(real);
  // Windows keeps python.exe in the prefix itself (Scripts\ holds pip's launchers); POSIX in prefix/bin.
  const prefix =
    platform === 'win32'
      ? path.basename(bin).toLowerCase() === 'scripts'
        ? path.dirname(bin)
        : bin
      : path.dirname(bin);
  return {
    executable: real,
    dirs: [...fromEnv, ...siteDirs(prefix, majorMinor(real, prefix, platform), env, platform, true)],
  };
}

/** The directory of the first `name/__init__.py` on the import path, as `import name` finds it. */
function findPackage(p: PythonPath, name: string): { site: string; dir: string } | undefined {
  for (const site of p.dirs) {
    const dir = path.join(site, name);
    if (isFile(path.join(dir, '__init__.py'))) return { site, dir };
  }
  return undefined;
}

const VERSION_ASSIGNMENT = /^__version__\s*=\s*['"](\d+(?:\.\d+){1,3})['"]/m;

/** A package's version: its `__version__` line, else its dist-info METADATA (or egg-info PKG-INFO) in the same site directory. */
function packageVersion(found: { site: string; dir: string }, name: string): string | null {
  const own = VERSION_ASSIGNMENT.exec(readText(path.join(found.dir, '__init__.py')) ?? '')?.[1];
  if (own) return own;
  for (const entry of listDir(found.site)) {
    const m = new RegExp(`^${name}-(\\d+(?:\\.\\d+){1,3})\\.(dist-info|egg-info)$`, 'i').exec(entry);
    if (!m) continue;
    const meta = readText(path.join(found.site, entry, m[2] === 'dist-info' ? 'METADATA' : 'PKG-INFO'), 64 * 1024);
    const v = meta && /^Version:\s*(\d+(?:\.\d+){1,3})\s*$/m.exec(meta)?.[1];
    if (v) return v;
  }
  return null;
}

/** botocore's version and whether `from awscrt.crypto import EC` would succeed, in that interpreter. */
function pythonPackages(p: PythonPath): { botocore: string | null; awscrt: boolean } {
  const botocore = findPackage(p, 'botocore');
  const awscrt = findPackage(p, 'awscrt');
  return {
    botocore: botocore ? packageVersion(botocore, 'botocore') : null,
    awscrt: !!awscrt && /^class EC\b/m.test(readText(path.join(awscrt.dir, 'crypto.py')) ?? ''),
  };
}

/** The AWS CLI's version from the resolved executable's place or from the `awscli` package its interpreter imports. */
function awsCliVersion(executable: string, env: Environment, cwd: string, platform: NodeJS.Platform): string | null {
  const real = realpath(executable).split(path.sep).join('/');
  // The installer: <install-dir>/v2/<version>/dist/aws (bin/aws and v2/current are links to it).
  const installer = /\/v2\/(\d+\.\d+\.\d+)\/(?:dist|bin)\/aws(?:\.exe)?$/.exec(real)?.[1];
  if (installer) return installer;
  const cellar = /\/Cellar\/awscli(?:@\d+)?\/(\d+\.\d+\.\d+)(?:_\d+)?\//.exec(real)?.[1];
  if (cellar) return cellar;
  let python = pythonOfScript(executable, env, cwd, platform);
  // pip's launchers on Windows (Scripts\aws.exe, aws.cmd) sit beside the interpreter's Scripts folder.
  if (!python && platform === 'win32' && path.basename(path.dirname(executable)).toLowerCase() === 'scripts')
    python = path.join(path.dirname(path.dirname(executable)), 'python.exe');
  if (!python) return null;
  const awscli = findPackage(pythonImportPath(python, env, platform), 'awscli');
  return awscli ? packageVersion(awscli, 'awscli') : null;
}

/**
 * The versions of the `aws` and the botocore of the `python3` on PATH, read from files. `paths`
 * names what was found, so that "not installed" and "installed, version unknown" differ.
 */
export function readToolVersions(env: Environment, options: Options = {}): ToolVersions {
  const platform = options.platform ?? process.platform;
  const cwd = options.cwd ?? process.cwd();
  const aws = findExecutable('aws', env, cwd, platform);
  const python = findExecutable('python3', env, cwd, platform);
  const packages = python ? pythonPackages(pythonImportPath(python, env, platform)) : undefined;
  return {
    awsCli: aws ? awsCliVersion(aws, env, cwd, platform) : null,
    botocore: packages?.botocore ?? null,
    awscrt: packages ? packages.awscrt : null,
    jsSdk: null,
    from: 'detected',
    paths: { aws: aws ?? null, python: python ?? null },
  };
}
