/**
 * Where launch configurations and tasks are written, as files the extension can read and point
 * into: each workspace folder's `.vscode/launch.json` and `.vscode/tasks.json`, and a
 * `.code-workspace` file's `launch` and `tasks`. (User settings can hold `launch` too; VS Code does
 * not tell extensions where that file is: those configurations still get the variables at launch,
 * but their findings have no line to sit on and are not shown.) Also: the few VS Code variables a
 * path or a value in them can use, and the safe reading of the files and of the envFiles they name.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { JSONPath } from 'jsonc-parser';
import type { DotEnvEntry } from './presentation/environment';
import { parseDotEnv } from './presentation/environment';

/** launch.json, tasks.json and envFiles larger than this are not read (a launch.json is a few kilobytes). */
export const MAX_CONFIG_BYTES = 256 * 1024;

export interface ConfigFile {
  readonly file: string;
  readonly kind: 'launch' | 'task';
  /** Where the launch or tasks object sits in the file: [] or ['launch'] / ['tasks'] in a .code-workspace file. */
  readonly prefix: JSONPath;
  /** The folder whose `${workspaceFolder}` it uses (none for a .code-workspace file). */
  readonly folder?: vscode.WorkspaceFolder;
}

export function configFiles(): ConfigFile[] {
  const out: ConfigFile[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    out.push({ file: path.join(folder.uri.fsPath, '.vscode', 'launch.json'), kind: 'launch', prefix: [], folder });
    out.push({ file: path.join(folder.uri.fsPath, '.vscode', 'tasks.json'), kind: 'task', prefix: [], folder });
  }
  const ws = vscode.workspace.workspaceFile;
  if (ws?.scheme === 'file' && ws.fsPath.endsWith('.code-workspace')) {
    out.push(
      { file: ws.fsPath, kind: 'launch', prefix: ['launch'] },
      { file: ws.fsPath, kind: 'task', prefix: ['tasks'] },
    );
  }
  return out;
}

/** The launch.json (or workspace file) a launch configuration of `folder` is read from. */
export function launchFileOf(folder: vscode.WorkspaceFolder | undefined): ConfigFile | undefined {
  return configFiles().find((c) => c.kind === 'launch' && c.folder?.uri.toString() === folder?.uri.toString());
}

/** A small regular file's text (never a FIFO or a device, which would block), or undefined. */
export function readSmallText(file: string, max = MAX_CONFIG_BYTES): string | undefined {
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > max) return undefined;
    const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    try {
      if (!fs.fstatSync(fd).isFile()) return undefined;
      const buf = Buffer.alloc(max + 1);
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      if (n > max) return undefined;
      const text = buf.subarray(0, n).toString('utf8');
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/**
 * The VS Code variables a launch configuration's path or value can use that are known without the
 * editor's state: `${workspaceFolder}`, `${workspaceFolder:name}`, `${workspaceFolderBasename}`,
 * `${userHome}`, `${env:NAME}`, `${pathSeparator}` / `${/}`. Undefined when the text uses any other
 * (`${input:…}`, `${command:…}`, `${file}`…): its value cannot be known before launch.
 */
export function substituteVariables(
  text: string,
  folder: vscode.WorkspaceFolder | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  let unknown = false;
  const out = text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
    if (name === 'workspaceFolder' && folder) return folder.uri.fsPath;
    if (name === 'workspaceFolderBasename' && folder) return path.basename(folder.uri.fsPath);
    if (name.startsWith('workspaceFolder:')) {
      const f = vscode.workspace.workspaceFolders?.find((x) => x.name === name.slice('workspaceFolder:'.length));
      if (f) return f.uri.fsPath;
    }
    if (name === 'userHome') return os.homedir();
    if (name.startsWith('env:')) return env[name.slice(4)] ?? '';
    if (name === 'pathSeparator' || name === '/') return path.sep;
    unknown = true;
    return whole;
  });
  return unknown ? undefined : out;
}

/** An envFile's variables with their lines, read as dotenv reads it, and its text; undefined when it cannot be read. */
export function readEnvFile(
  file: string,
): { readonly file: string; readonly entries: readonly DotEnvEntry[]; readonly text: string } | undefined {
  const text = readSmallText(file);
  return text === undefined ? undefined : { file, entries: parseDotEnv(text), text };
}

/** The envFile paths a configuration names (or its debugger reads by default), resolved against its folder. */
export function envFilePaths(written: readonly string[], folder: vscode.WorkspaceFolder | undefined): string[] {
  const out: string[] = [];
  for (const raw of written) {
    const p = substituteVariables(raw, folder);
    if (!p) continue;
    out.push(path.isAbsolute(p) || !folder ? p : path.join(folder.uri.fsPath, p));
  }
  return out;
}

/** A file as a title or a message names it: relative to its workspace folder. */
export function displayPath(file: string): string {
  return vscode.workspace.asRelativePath(file, false);
}
