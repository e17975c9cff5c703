/**
 * Paths the diagnosis met that are there but were not read: not a regular file (a FIFO, a device,
 * a socket, a directory), larger than the engine's cap, or unreadable (permission denied, a loop of
 * symbolic links, an I/O error, a path through a file). The engine never opens the first kind; the
 * tools do, and a FIFO makes them wait for a writer forever. Runs last, after every rule that reads.
 */
import type { FilePurpose, UnreadFile } from '../files/awsFiles';
import type { DiagnosisBase } from '../findings/diagnosis';
import { filesOf } from '../findings/diagnosis';
import type { Fix } from '../findings/findings';
import type { FileType } from '../core/host';
import { MAX_FILE_BYTES } from '../core/host';
import type { FileKind, ToolId } from '../core/model';
import { TOOL_IDS } from '../core/model';
import type { Check, RuleContext } from './kit';
import { declareCodes, ruleModule, toolList } from './kit';
import { readErrorText, unreadReason } from '../resolve/toolReads';

const CODES = declareCodes({
  NOT_A_REGULAR_FILE: {
    severity: 'error',
    cause:
      'An AWS file (config, credentials, SSO login cache, web identity token) is a FIFO, a device, a socket or a directory: the JavaScript SDK hangs on a FIFO or a device, botocore treats it as missing.',
    fix: 'Point the variable at a regular file, or remove what is at that path.',
    messages: {
      // A config or credentials file: what the JavaScript SDK does, then what botocore and the AWS CLI do when they read it too.
      nodeWaitsForWriter:
        'The {kinds} {file} is {type}, not a regular file: the JavaScript SDK opens it and waits for a writer, forever: every Node.js program using the SDK hangs. This diagnosis does not open it and treats it as missing. Point it at a regular file or remove it.',
      nodeWaitsForWriterBotocoreMissing:
        'The {kinds} {file} is {type}, not a regular file: the JavaScript SDK opens it and waits for a writer, forever: every Node.js program using the SDK hangs; botocore and the AWS CLI check that it is a regular file and treat it as missing. This diagnosis does not open it and treats it as missing. Point it at a regular file or remove it.',
      nodeReadsDevice:
        'The {kinds} {file} is {type}, not a regular file: the JavaScript SDK opens it and reads without end (a device such as /dev/zero): every Node.js program using the SDK hangs. This diagnosis does not open it and treats it as missing. Point it at a regular file or remove it.',
      nodeReadsDeviceBotocoreMissing:
        'The {kinds} {file} is {type}, not a regular file: the JavaScript SDK opens it and reads without end (a device such as /dev/zero): every Node.js program using the SDK hangs; botocore and the AWS CLI check that it is a regular file and treat it as missing. This diagnosis does not open it and treats it as missing. Point it at a regular file or remove it.',
      nodeCannotRead:
        'The {kinds} {file} is {type}, not a regular file: the JavaScript SDK cannot read it ({errno}) and treats it as empty. This diagnosis does not open it and treats it as missing. Point it at a regular file or remove it.',
      nodeCannotReadBotocoreMissing:
        'The {kinds} {file} is {type}, not a regular file: the JavaScript SDK cannot read it ({errno}) and treats it as empty; botocore and the AWS CLI check that it is a regular file and treat it as missing. This diagnosis does not open it and treats it as missing. Point it at a regular file or remove it.',
      botocoreMissing:
        'The {kinds} {file} is {type}, not a regular file: botocore and the AWS CLI check that it is a regular file and treat it as missing. This diagnosis does not open it and treats it as missing. Point it at a regular file or remove it.',
      // An SSO login cache file, an AWS CLI cache file, a web identity token file.
      cliWaitsForWriter:
        'The {kinds} {file} is {type}, not a regular file: the AWS CLI opens it and waits for a writer, forever: the command hangs. This diagnosis does not open it and treats it as missing. Point it at a regular file or remove it.',
      everyToolWaitsForWriter:
        'The {kinds} {file} is {type}, not a regular file: every tool opens it and waits for a writer, forever: the command hangs. This diagnosis does not open it and treats it as missing. Point it at a regular file or remove it.',
      cliReadsDevice:
        'The {kinds} {file} is {type}, not a regular file: the AWS CLI opens it and reads without end (a device such as /dev/zero): the command hangs. This diagnosis does not open it and treats it as missing. Point it at a regular file or remove it.',
      everyToolReadsDevice:
        'The {kinds} {file} is {type}, not a regular file: every tool opens it and reads without end (a device such as /dev/zero): the command hangs. This diagnosis does not open it and treats it as missing. Point it at a regular file or remove it.',
      tokenUnreadable:
        'The {kinds} {file} is {type}, not a regular file: every tool fails to read it ("{nodeError}" / "{botocoreError}"). This diagnosis does not open it and treats it as missing. Point it at a regular file or remove it.',
      cliMissing:
        'The {kinds} {file} is {type}, not a regular file: the AWS CLI treats it as missing. This diagnosis does not open it and treats it as missing. Point it at a regular file or remove it.',
      everyToolMissing:
        'The {kinds} {file} is {type}, not a regular file: every tool treats it as missing. This diagnosis does not open it and treats it as missing. Point it at a regular file or remove it.',
    },
  },
  FILE_TOO_LARGE: {
    severity: 'error',
    cause:
      'An AWS file is larger than 32 MB: it is not read, and the report treats it as empty (the tools would read it all).',
    fix: 'Find what wrote to it; restore the file from a backup.',
    messages: {
      // A config or credentials file is treated as empty, any other as missing.
      empty:
        'The {kinds} {file} is {size} MB, more than the {maxSize} MB this diagnosis reads: it was not read, and everything in this report treats it as empty. {tools} would read it all. An AWS file is a few kilobytes: something wrote to this one by mistake.',
      missing:
        'The {kinds} {file} is {size} MB, more than the {maxSize} MB this diagnosis reads: it was not read, and everything in this report treats it as missing. {tools} would read it all. An AWS file is a few kilobytes: something wrote to this one by mistake.',
      emptySizeUnknown:
        'The {kinds} {file} is too large, more than the {maxSize} MB this diagnosis reads: it was not read, and everything in this report treats it as empty. {tools} would read it all. An AWS file is a few kilobytes: something wrote to this one by mistake.',
      missingSizeUnknown:
        'The {kinds} {file} is too large, more than the {maxSize} MB this diagnosis reads: it was not read, and everything in this report treats it as missing. {tools} would read it all. An AWS file is a few kilobytes: something wrote to this one by mistake.',
    },
  },
  FILE_UNREADABLE: {
    severity: 'error',
    cause:
      'An AWS file is there but cannot be read (permission denied, a loop of symbolic links, an I/O error, a path through a file): every tool treats it as missing or empty without a word.',
    fix: 'Make it readable by you (a file written with sudo belongs to root), or point the variable at another file.',
    messages: {
      // A config or credentials file: what the JavaScript SDK does, then what botocore and the AWS CLI do when they read it too;
      // and, when some do, which tools end without credentials for it.
      nodeIgnores:
        'The {kinds} {file} {reason}. No tool says so: the JavaScript SDK ignores a file it cannot read, so none of its profiles or keys count. This diagnosis treats it the same way. Make it readable by you (a file written with sudo belongs to root), or point the variable at another file.',
      nodeIgnoresBotocoreMissing:
        'The {kinds} {file} {reason}. No tool says so: the JavaScript SDK ignores a file it cannot read; botocore and the AWS CLI treat it as missing (os.path.isfile is false), so none of its profiles or keys count. This diagnosis treats it the same way. Make it readable by you (a file written with sudo belongs to root), or point the variable at another file.',
      nodeIgnoresBotocoreEmpty:
        'The {kinds} {file} {reason}. No tool says so: the JavaScript SDK ignores a file it cannot read; botocore and the AWS CLI see a file but read nothing from it (configparser skips a file it cannot read), so none of its profiles or keys count. This diagnosis treats it the same way. Make it readable by you (a file written with sudo belongs to root), or point the variable at another file.',
      botocoreMissing:
        'The {kinds} {file} {reason}. No tool says so: botocore and the AWS CLI treat it as missing (os.path.isfile is false), so none of its profiles or keys count. This diagnosis treats it the same way. Make it readable by you (a file written with sudo belongs to root), or point the variable at another file.',
      botocoreEmpty:
        'The {kinds} {file} {reason}. No tool says so: botocore and the AWS CLI see a file but read nothing from it (configparser skips a file it cannot read), so none of its profiles or keys count. This diagnosis treats it the same way. Make it readable by you (a file written with sudo belongs to root), or point the variable at another file.',
      nodeIgnoresNoCredentials:
        'The {kinds} {file} {reason}. No tool says so: the JavaScript SDK ignores a file it cannot read, so none of its profiles or keys count, and {tools} end without credentials. This diagnosis treats it the same way. Make it readable by you (a file written with sudo belongs to root), or point the variable at another file.',
      nodeIgnoresBotocoreMissingNoCredentials:
        'The {kinds} {file} {reason}. No tool says so: the JavaScript SDK ignores a file it cannot read; botocore and the AWS CLI treat it as missing (os.path.isfile is false), so none of its profiles or keys count, and {tools} end without credentials. This diagnosis treats it the same way. Make it readable by you (a file written with sudo belongs to root), or point the variable at another file.',
      nodeIgnoresBotocoreEmptyNoCredentials:
        'The {kinds} {file} {reason}. No tool says so: the JavaScript SDK ignores a file it cannot read; botocore and the AWS CLI see a file but read nothing from it (configparser skips a file it cannot read), so none of its profiles or keys count, and {tools} end without credentials. This diagnosis treats it the same way. Make it readable by you (a file written with sudo belongs to root), or point the variable at another file.',
      botocoreMissingNoCredentials:
        'The {kinds} {file} {reason}. No tool says so: botocore and the AWS CLI treat it as missing (os.path.isfile is false), so none of its profiles or keys count, and {tools} end without credentials. This diagnosis treats it the same way. Make it readable by you (a file written with sudo belongs to root), or point the variable at another file.',
      botocoreEmptyNoCredentials:
        'The {kinds} {file} {reason}. No tool says so: botocore and the AWS CLI see a file but read nothing from it (configparser skips a file it cannot read), so none of its profiles or keys count, and {tools} end without credentials. This diagnosis treats it the same way. Make it readable by you (a file written with sudo belongs to root), or point the variable at another file.',
      // A web identity token file, an SSO login cache file, an AWS CLI cache file.
      tokenUnreadable:
        'The {kinds} {file} {reason}. Every tool fails before calling STS: the JavaScript SDK with "{nodeError}", botocore and the AWS CLI with "{botocoreError}". This diagnosis treats it the same way. Make it readable by you (a file written with sudo belongs to root), or point the variable at another file.',
      ssoLoginMissing:
        'The {kinds} {file} {reason}. Every tool treats the SSO login as missing (botocore and the AWS CLI: "Token for … does not exist"; the JavaScript SDK: "The SSO session token … was not found or is invalid"). This diagnosis treats it the same way. Make it readable by you (a file written with sudo belongs to root), or point the variable at another file.',
      cliCacheIgnored:
        'The {kinds} {file} {reason}. The AWS CLI ignores it, as if nothing were cached. This diagnosis treats it the same way. Make it readable by you (a file written with sudo belongs to root), or point the variable at another file.',
    },
  },
});

type Codes = typeof CODES;
type Report = RuleContext<Codes>['report'];

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

/**
 * One unread path: what it is for, the tools that read it (for a config or credentials file, the
 * tools whose files it is: never none), how every message names it ("The config file and
 * credentials file /home/me/.aws/shared"), and where the finding sits.
 */
interface Unread {
  readonly u: UnreadFile;
  readonly purpose: FilePurpose;
  readonly readers: readonly ToolId[];
  readonly named: { readonly kinds: string; readonly file: string };
  readonly at: {
    readonly tools: readonly ToolId[];
    readonly file: string;
    readonly fileKind?: FileKind;
    readonly env?: string;
    readonly fixes: Fix[];
  };
}

const isShared = (purpose: FilePurpose) => purpose === 'config' || purpose === 'credentials';

/** What the tools do with a path that is not a regular file, by what it is for and what it is. */
function notRegular(report: Report, { u, purpose, readers, named, at }: Unread): void {
  const fifo = u.type === 'fifo';
  const endless = fifo || u.type === 'character-device' || u.type === 'block-device';
  const data = { ...named, type: TYPE_LABELS[u.type] };
  if (isShared(purpose)) {
    const js = readers.includes('node');
    const py = readers.some((t) => t !== 'node');
    // A JavaScript SDK that hangs is an error; botocore and the AWS CLI only treat it as missing.
    const severity = js && endless ? 'error' : 'warning';
    if (!js) report('NOT_A_REGULAR_FILE', 'botocoreMissing', () => ({ data, severity, ...at }));
    else if (!endless)
      report('NOT_A_REGULAR_FILE', py ? 'nodeCannotReadBotocoreMissing' : 'nodeCannotRead', () => ({
        data: { ...data, errno: u.type === 'directory' ? 'EISDIR' : 'ENXIO' },
        severity,
        ...at,
      }));
    else if (fifo)
      report('NOT_A_REGULAR_FILE', py ? 'nodeWaitsForWriterBotocoreMissing' : 'nodeWaitsForWriter', () => ({
        data,
        severity,
        ...at,
      }));
    else
      report('NOT_A_REGULAR_FILE', py ? 'nodeReadsDeviceBotocoreMissing' : 'nodeReadsDevice', () => ({
        data,
        severity,
        ...at,
      }));
    return;
  }
  const cli = purpose === 'cli-cache';
  if (endless)
    report(
      'NOT_A_REGULAR_FILE',
      fifo ? (cli ? 'cliWaitsForWriter' : 'everyToolWaitsForWriter') : cli ? 'cliReadsDevice' : 'everyToolReadsDevice',
      () => ({ data, severity: 'error', ...at }),
    );
  else if (purpose === 'web-identity-token') {
    const errors =
      u.type === 'directory'
        ? { nodeError: 'EISDIR', botocoreError: 'Is a directory' }
        : { nodeError: 'ENXIO', botocoreError: 'No such device or address' };
    report('NOT_A_REGULAR_FILE', 'tokenUnreadable', () => ({ data: { ...data, ...errors }, severity: 'error', ...at }));
  } else
    report('NOT_A_REGULAR_FILE', cli ? 'cliMissing' : 'everyToolMissing', () => ({ data, severity: 'warning', ...at }));
}

const WITHOUT_CREDENTIALS = {
  nodeIgnores: 'nodeIgnoresNoCredentials',
  nodeIgnoresBotocoreMissing: 'nodeIgnoresBotocoreMissingNoCredentials',
  nodeIgnoresBotocoreEmpty: 'nodeIgnoresBotocoreEmptyNoCredentials',
  botocoreMissing: 'botocoreMissingNoCredentials',
  botocoreEmpty: 'botocoreEmptyNoCredentials',
} as const;

/**
 * What the tools do with a file they cannot read. The JavaScript SDK swallows the error of the
 * config and credentials files (an empty file); botocore checks os.path.isfile first (false for a
 * loop of links or a path through a file: missing) and configparser skips a file it cannot open or
 * read (empty). The SSO cache loaders turn any error into "no token"; a web identity token fails.
 */
function unreadable(d: DiagnosisBase, report: Report, { u, purpose, readers, named, at }: Unread): void {
  const data = { ...named, reason: unreadReason(u) };
  if (isShared(purpose)) {
    const missing = u.errno === 'ELOOP' || u.errno === 'ENOTDIR';
    const botocore = readers.some((t) => t !== 'node') ? (missing ? 'BotocoreMissing' : 'BotocoreEmpty') : '';
    const name = readers.includes('node')
      ? (`nodeIgnores${botocore}` as const)
      : missing
        ? 'botocoreMissing'
        : 'botocoreEmpty';
    // Nothing is said by any tool: what it costs shows only when a tool that reads it finds no credentials.
    const without = readers.filter((t) => d.tools[t].source === 'none' || d.tools[t].source === 'error');
    // A path through a file (~/.aws itself a file) holds nothing a tool could read: a stray file, said, not an error.
    const severity = without.length > 0 && u.errno !== 'ENOTDIR' ? 'error' : 'warning';
    if (without.length)
      report('FILE_UNREADABLE', WITHOUT_CREDENTIALS[name], () => ({
        data: { ...data, tools: toolList(without) },
        severity,
        ...at,
      }));
    else report('FILE_UNREADABLE', name, () => ({ data, severity, ...at }));
  } else if (purpose === 'web-identity-token') {
    report('FILE_UNREADABLE', 'tokenUnreadable', () => ({
      data: {
        ...data,
        nodeError: readErrorText(u, u.path, 'node'),
        botocoreError: readErrorText(u, u.path, 'botocore'),
      },
      severity: 'error',
      ...at,
    }));
  } else
    report('FILE_UNREADABLE', purpose === 'sso-token' ? 'ssoLoginMissing' : 'cliCacheIgnored', () => ({
      data,
      severity: 'warning',
      ...at,
    }));
}

function tooLarge(report: Report, { u, purpose, named, readers, at }: Unread): void {
  const empty = isShared(purpose);
  const data = { ...named, maxSize: megabytes(MAX_FILE_BYTES), tools: toolList(readers) };
  const size = u.size;
  if (size === undefined)
    report('FILE_TOO_LARGE', empty ? 'emptySizeUnknown' : 'missingSizeUnknown', () => ({ data, ...at }));
  else
    report('FILE_TOO_LARGE', empty ? 'empty' : 'missing', () => ({ data: { ...data, size: megabytes(size) }, ...at }));
}

/** The variable that points at the path, when one does. */
function variableFor(d: DiagnosisBase, u: UnreadFile): string | undefined {
  const env = d.input.env;
  if (u.purposes.includes('web-identity-token') && env.AWS_WEB_IDENTITY_TOKEN_FILE === u.path)
    return 'AWS_WEB_IDENTITY_TOKEN_FILE';
  for (const [name, kind] of [
    ['AWS_CONFIG_FILE', 'config'],
    ['AWS_SHARED_CREDENTIALS_FILE', 'credentials'],
  ] as const) {
    if (env[name] && u.purposes.includes(kind) && (d.nodeView[kind].path === u.path || d.pyView[kind].path === u.path))
      return name;
  }
  return undefined;
}

function fileKindOf(u: UnreadFile): FileKind | undefined {
  return u.purposes.includes('config') ? 'config' : u.purposes.includes('credentials') ? 'credentials' : undefined;
}

const unreadFiles: Check<Codes> = ({ d, report }) => {
  const shared = filesOf(d);
  for (const u of d.cache.unreadFiles()) {
    const purpose = u.purposes[0];
    if (!purpose) continue;
    const readers: ToolId[] = fileKindOf(u)
      ? [...new Set(shared.filter((f) => f.path === u.path).flatMap((f) => f.tools))]
      : [...TOOL_IDS];
    const env = variableFor(d, u);
    const fixes = env
      ? [{ title: `Unset ${env}`, action: { kind: 'unsetEnv' as const, name: env }, preferred: true }]
      : [];
    const named = { kinds: u.purposes.map((p) => PURPOSE_LABELS[p]).join(' and '), file: u.path };
    const unread: Unread = {
      u,
      purpose,
      readers,
      named,
      at: { tools: readers, file: u.path, fileKind: fileKindOf(u), env, fixes },
    };
    if (u.code === 'EFBIG') tooLarge(report, unread);
    else if (u.code === 'EACCES' || u.code === 'EOTHER') unreadable(d, report, unread);
    else notRegular(report, unread);
  }
};

/** Megabytes to one decimal. */
function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}

export const UNREAD_FILE_RULES = ruleModule(CODES, [unreadFiles]);
