/**
 * Paths the diagnosis met that are there but were not read: not a regular file (a FIFO, a device,
 * a socket, a directory), larger than the engine's cap, or unreadable (permission denied, a loop of
 * symbolic links, an I/O error, a path through a file). The engine never opens the first kind; the
 * tools do, and a FIFO makes them wait for a writer forever. Runs last, after every rule that reads.
 */
import type { FilePurpose, UnreadFile } from '../awsFiles';
import type { DiagnosisBase } from '../diagnosis';
import { filesOf } from '../diagnosis';
import type { Finding } from '../findings';
import { FindingCode } from '../findings';
import type { FileType } from '../host';
import { MAX_FILE_BYTES } from '../host';
import type { FileKind, ToolId } from '../model';
import { TOOL_IDS } from '../model';
import type { Rule } from './kit';
import { emit, toolList } from './kit';
import { readErrorText, unreadReason } from '../toolReads';

const TYPE_LABELS: Readonly<Record<FileType, string>> = {
  file: 'a file',
  directory: 'a directory',
  fifo: 'a named pipe (FIFO)',
  'character-device': 'a character device',
  'block-device': 'a block device',
  socket: 'a socket',
  other: 'not a regular file',
};

const PURPOSE_LABELS: Readonly<Record<FilePurpose, string>> = {
  config: 'config file',
  credentials: 'credentials file',
  'sso-token': 'SSO login cache file',
  'cli-cache': 'AWS CLI credential cache file',
  'web-identity-token': 'web identity token file',
};

/** What the tools do with it, by what it is for and what it is. */
function consequence(purpose: FilePurpose, type: FileType, readers: readonly ToolId[]): { text: string; hangs: boolean; fails: boolean } {
  const endless = type === 'fifo' || type === 'character-device' || type === 'block-device';
  const how = type === 'fifo' ? 'waits for a writer, forever' : 'reads without end (a device such as /dev/zero)';
  if (purpose === 'config' || purpose === 'credentials') {
    const js = readers.includes('node');
    const py = readers.some((t) => t !== 'node');
    const parts: string[] = [];
    if (js) parts.push(endless ? `the JavaScript SDK opens it and ${how}: every Node.js program using the SDK hangs` : `the JavaScript SDK cannot read it (${type === 'directory' ? 'EISDIR' : 'ENXIO'}) and treats it as empty`);
    if (py) parts.push('botocore and the AWS CLI check that it is a regular file and treat it as missing');
    return { text: parts.join('; '), hangs: js && endless, fails: false };
  }
  const who = purpose === 'cli-cache' ? 'the AWS CLI' : 'every tool';
  if (endless) return { text: `${who} opens it and ${how}: the command hangs`, hangs: true, fails: true };
  if (purpose === 'web-identity-token') return { text: `every tool fails to read it (${type === 'directory' ? '"EISDIR" / "Is a directory"' : '"ENXIO" / "No such device or address"'})`, hangs: false, fails: true };
  return { text: `${who} treats it as missing`, hangs: false, fails: false };
}

/**
 * What the tools do with a file they cannot read. The JavaScript SDK swallows the error of the
 * config and credentials files (an empty file); botocore checks os.path.isfile first (false for a
 * loop of links or a path through a file: missing) and configparser skips a file it cannot open or
 * read (empty). The SSO cache loaders turn any error into "no token"; a web identity token fails.
 */
function unreadable(d: DiagnosisBase, u: UnreadFile, purpose: FilePurpose, readers: readonly ToolId[]): { text: string; fails: boolean } {
  if (purpose === 'config' || purpose === 'credentials') {
    const parts: string[] = [];
    if (readers.includes('node')) parts.push('the JavaScript SDK ignores a file it cannot read');
    if (readers.some((t) => t !== 'node')) parts.push(`botocore and the AWS CLI ${u.errno === 'ELOOP' || u.errno === 'ENOTDIR' ? 'treat it as missing (os.path.isfile is false)' : 'see a file but read nothing from it (configparser skips a file it cannot read)'}`);
    // Nothing is said by any tool: what it costs shows only when a tool that reads it finds no credentials.
    const without = readers.filter((t) => d.tools[t].source === 'none' || d.tools[t].source === 'error');
    // A path through a file (~/.aws itself a file) holds nothing a tool could read: a stray file, said, not an error.
    return { text: `No tool says so: ${parts.join('; ')}, so none of its profiles or keys count${without.length ? `, and ${toolList(without)} end without credentials` : ''}`, fails: without.length > 0 && u.errno !== 'ENOTDIR' };
  }
  if (purpose === 'web-identity-token') return { text: `Every tool fails before calling STS: the JavaScript SDK with "${readErrorText(u, u.path, 'node')}", botocore and the AWS CLI with "${readErrorText(u, u.path, 'botocore')}"`, fails: true };
  if (purpose === 'sso-token') return { text: 'Every tool treats the SSO login as missing (botocore and the AWS CLI: "Token for … does not exist"; the JavaScript SDK: "The SSO session token … was not found or is invalid")', fails: false };
  return { text: 'The AWS CLI ignores it, as if nothing were cached', fails: false };
}

/** The variable that points at the path, when one does. */
function variableFor(d: DiagnosisBase, u: UnreadFile): string | undefined {
  const env = d.input.env;
  if (u.purposes.includes('web-identity-token') && env.AWS_WEB_IDENTITY_TOKEN_FILE === u.path) return 'AWS_WEB_IDENTITY_TOKEN_FILE';
  for (const [name, kind] of [['AWS_CONFIG_FILE', 'config'], ['AWS_SHARED_CREDENTIALS_FILE', 'credentials']] as const) {
    if (env[name] && u.purposes.includes(kind) && (d.nodeView[kind].path === u.path || d.pyView[kind].path === u.path)) return name;
  }
  return undefined;
}

function fileKindOf(u: UnreadFile): FileKind | undefined {
  return u.purposes.includes('config') ? 'config' : u.purposes.includes('credentials') ? 'credentials' : undefined;
}

const unreadFiles: Rule = (d) => {
  const out: Finding[] = [];
  const shared = filesOf(d);
  for (const u of d.cache.unreadFiles()) {
    const purpose = u.purposes[0];
    if (!purpose) continue;
    const readers: ToolId[] = fileKindOf(u) ? [...new Set(shared.filter((f) => f.path === u.path).flatMap((f) => f.tools))] : [...TOOL_IDS];
    const what = `The ${u.purposes.map((p) => PURPOSE_LABELS[p]).join(' and ')} ${u.path}`;
    const env = variableFor(d, u);
    const fixes = env ? [{ title: `Unset ${env}`, action: { kind: 'unsetEnv' as const, name: env }, preferred: true }] : [];
    const common = { file: u.path, fileKind: fileKindOf(u), env, fixes };
    if (u.code === 'EFBIG') {
      emit(d, out, FindingCode.FileTooLarge, () => ({
        severity: 'error',
        message: `${what} is ${megabytes(u.size)}, more than the ${megabytes(MAX_FILE_BYTES)} this diagnosis reads: it was not read, and everything in this report treats it as ${purpose === 'config' || purpose === 'credentials' ? 'empty' : 'missing'}. ${toolList(readers)} would read it all. An AWS file is a few kilobytes: something wrote to this one by mistake.`,
        tools: readers,
        ...common,
      }));
      continue;
    }
    if (u.code === 'EACCES' || u.code === 'EOTHER') {
      const c = unreadable(d, u, purpose, readers);
      emit(d, out, FindingCode.FileUnreadable, () => ({
        severity: c.fails ? 'error' : 'warning',
        message: `${what} ${unreadReason(u)}. ${c.text}. This diagnosis treats it the same way. Make it readable by you (a file written with sudo belongs to root), or point the variable at another file.`,
        tools: readers,
        ...common,
      }));
      continue;
    }
    const c = consequence(purpose, u.type, readers);
    emit(d, out, FindingCode.NotARegularFile, () => ({
      severity: c.hangs || c.fails ? 'error' : 'warning',
      message: `${what} is ${TYPE_LABELS[u.type]}, not a regular file: ${c.text}. This diagnosis does not open it and treats it as missing. Point it at a regular file or remove it.`,
      tools: readers,
      ...common,
    }));
  }
  return out;
};

function megabytes(bytes: number | undefined): string {
  return bytes === undefined ? 'too large' : `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

export const UNREAD_FILE_RULES: readonly Rule[] = [unreadFiles];
