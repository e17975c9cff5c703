/** How the two files are written: headers, duplicates, keys, delimiters, comments, quotes, encoding, mode. */
import type { AwsFile } from '../awsFiles';
import { isRegularFile } from '../host';
import type { DiagnosisBase } from '../diagnosis';
import type { Finding, Fix } from '../findings';
import { FindingCode } from '../findings';
import type { LexEntry, LexHeader, LexLine } from '../lexical';
import { entriesBySection } from '../lexical';
import type { ToolId } from '../model';
import { KNOWN_KEY_READERS, NESTED_KEY_READERS, SSO_SESSION_KEY_READERS } from '../knownKeys.generated';
import { KNOWN_KEYS, TOOL_IDS } from '../model';
import type { Rule } from './kit';
import { closest, emit, filesInPlay, toolList, toolsUsingProfile } from './kit';

/** Misspellings seen in the field, with the key meant. */
const MISSPELLINGS: Readonly<Record<string, string>> = {
  aws_access_key: 'aws_access_key_id', aws_access_id: 'aws_access_key_id', access_key_id: 'aws_access_key_id', aws_key_id: 'aws_access_key_id',
  aws_secret_key: 'aws_secret_access_key', aws_secret_key_id: 'aws_secret_access_key', secret_access_key: 'aws_secret_access_key', aws_secret: 'aws_secret_access_key',
  aws_session_tokn: 'aws_session_token', session_token: 'aws_session_token', aws_token: 'aws_session_token', aws_sessiontoken: 'aws_session_token',
  default_region: 'region', aws_region: 'region', aws_default_region: 'region', role: 'role_arn', rolearn: 'role_arn', source: 'source_profile',
};
const CREDENTIAL_KEYS = new Set(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token']);
const NO_SPACE_KEYS = new Set([...CREDENTIAL_KEYS, 'region', 'role_arn', 'source_profile', 'credential_source', 'sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name', 'sso_session', 'mfa_serial']);
const NON_PROFILE_SECTIONS = /^(?:default|profile\s.*|sso-session\s.*|services\s.*|DEFAULT|plugins|preview|cli|toplevel)$/;

const loc = (file: AwsFile, line: number, column: number) => ({ file: file.path, fileKind: file.kind, line, column });

function readers(d: DiagnosisBase, file: AwsFile): ToolId[] {
  return filesInPlay(d).find((x) => x.file === file)?.tools ?? [...TOOL_IDS];
}

function profileTools(d: DiagnosisBase, header: LexHeader | undefined): { profile?: string; tools: ToolId[] } {
  const profile = header?.profile;
  return { profile, tools: profile !== undefined ? toolsUsingProfile(d, profile) : [] };
}

// Built once, not once per header.
const PREFIXED_NAME = /^\s*profile\s+(\S.*?)\s*$/;
const QUOTED_NAME = /^["'](.*)["']$/;
const PROFILE_DEFAULT = /^profile\s+default$/;
const renameHeader = (file: AwsFile, l: LexHeader, text: string, title: string): Fix => ({ title, action: { kind: 'replaceText', path: file.path, line: l.line, column: l.column, endColumn: l.endColumn, text }, preferred: true });

const headers: Rule = (d) => {
  const out: Finding[] = [];
  for (const { file } of filesInPlay(d)) {
    const lines = file.lexical;
    // A file read in one pass has no duplicate section and no [DEFAULT] (simpleIni.ts): only the prefixes are checked.
    const plain = file.plain;
    const seen = new Map<string, LexHeader>();
    let plainDefault: LexHeader | undefined;
    let profileDefault: LexHeader | undefined;
    // Each section once: its header (entriesBySection is what the one pass found on the way).
    for (const { header: l } of entriesBySection(lines)) {
      const inner = l.inner;
      if (!plain && inner === 'DEFAULT') {
        emit(d, out, FindingCode.DefaultSection, () => ({
          severity: 'warning',
          message: `[DEFAULT] is special to botocore (configparser): its keys are copied into EVERY profile of the ${file.kind} file for boto3 and the AWS CLI, while the JavaScript SDK sees an ordinary profile named "DEFAULT". Move its keys into [default]${file.kind === 'config' ? '' : ''} or the profiles that need them.`,
          tools: readers(d, file),
          ...loc(file, l.line, l.column),
          fixes: [renameHeader(file, l, '[default]', 'Rename the section to [default]')],
        }));
      }
      const m = file.kind === 'credentials' && inner.includes('profile') ? PREFIXED_NAME.exec(inner) : null;
      if (m) {
        const name = m[1].replace(QUOTED_NAME, '$1');
        emit(d, out, FindingCode.ProfilePrefixInCredentials, () => ({
          severity: 'error',
          message: `[profile ${name}] in the credentials file is not the profile "${name}": the credentials file takes bare names. The JavaScript SDK sees a section "profile.${name}", botocore and the AWS CLI a profile literally named "profile ${name}", so none of them finds these keys under "${name}".`,
          tools: [...TOOL_IDS],
          ...loc(file, l.line, l.column),
          fixes: [renameHeader(file, l, `[${name}]`, `Rename the section header to [${name}]`)],
        }));
      }
      if (file.kind === 'config' && !inner.startsWith('profile ') && !NON_PROFILE_SECTIONS.test(inner)) {
        const name = inner.trim();
        const used = TOOL_IDS.some((t) => d.tools[t].profile === name);
        emit(d, out, FindingCode.MissingProfilePrefix, () => ({
          severity: used ? 'error' : 'warning',
          message: `[${name}] in the config file is not a profile: in the config file every profile but default is written [profile ${name}]. None of the tools sees "${name}" here${used ? ', yet it is the selected profile' : ''}.`,
          tools: [...TOOL_IDS],
          ...loc(file, l.line, l.column),
          fixes: [renameHeader(file, l, `[profile ${name}]`, `Rename the section header to [profile ${name}]`)],
        }));
      }
      if (file.kind === 'config' && inner === 'default') plainDefault ??= l;
      if (file.kind === 'config' && inner.endsWith('default') && PROFILE_DEFAULT.test(inner)) profileDefault ??= l;
      if (plain) continue;
      const first = seen.get(inner);
      if (first) {
        emit(d, out, FindingCode.DuplicateSection, () => ({
          severity: 'error',
          message: `[${inner}] appears a second time (first on line ${first.line}). botocore rejects the whole ${file.kind} file ("Unable to parse config file"), so boto3 and the AWS CLI stop before looking for credentials; the JavaScript SDK merges both, the later value winning. Merge the two sections.`,
          tools: ['python', 'cli'],
          ...loc(file, l.line, l.column),
          related: [{ path: file.path, line: first.line, column: first.column, message: 'first occurrence' }],
        }));
      } else seen.set(inner, l);
    }
    if (plainDefault && profileDefault) {
      const later = plainDefault.line > profileDefault.line ? plainDefault : profileDefault;
      const earlier = later === plainDefault ? profileDefault : plainDefault;
      emit(d, out, FindingCode.DefaultProfileTwice, () => ({
        severity: 'warning',
        message: `The config file has both [default] (line ${plainDefault.line}) and [profile default] (line ${profileDefault.line}). The JavaScript SDK always uses [profile default]; botocore and the AWS CLI use whichever comes last (line ${later.line}). Keep one.`,
        tools: [...TOOL_IDS],
        ...loc(file, later.line, later.column),
        related: [{ path: file.path, line: earlier.line, column: earlier.column, message: 'the other default section' }],
      }));
    }
  }
  return out;
};

const entries: Rule = (d) => {
  const out: Finding[] = [];
  for (const { file } of filesInPlay(d)) {
    const lines = file.lexical;
    // A file read in one pass has no duplicate key, and the pass found the entries that are not plain (simpleIni.ts).
    const unusual = file.unusualEntries;
    if (unusual) {
      for (const { section, entry: e } of unusual) if (!isPlain(e, e.lowerKey)) entryFindings(d, out, file, lines, section.header, section.entries, e, e.lowerKey);
    }
    // One map for the whole file, emptied per section: most sections have a handful of keys.
    const seen = new Map<string, LexEntry>();
    for (const { header, entries: list } of unusual ? [] : entriesBySection(lines)) {
      seen.clear();
      for (let i = 0; i < list.length; i++) {
        const e = list[i];
        const lower = e.lowerKey;
        const first = seen.get(lower);
        if (first) duplicateKey(d, out, file, header, e, first);
        else seen.set(lower, e);
        // Most lines are plain: the checks below (and their closures) only for the others.
        if (!isPlain(e, lower)) entryFindings(d, out, file, lines, header, list, e, lower);
      }
    }
    for (const l of file.continuations ?? lines) {
      if (l.kind === 'header' || l.kind === 'entry' || !l.continuationOf) continue;
      const parent = l.continuationOf;
      if (parent.value === '') {
        nestedKey(d, out, file, l, parent);
        continue;
      }
      emit(d, out, FindingCode.ContinuationLine, () => ({
        severity: CREDENTIAL_KEYS.has(parent.lowerKey) ? 'error' : 'warning',
        message: `This indented line continues ${parent.key} (line ${parent.line}) for botocore and the AWS CLI, which append it to the value with a newline; the JavaScript SDK reads it as a separate line. The tools end up with different values for ${parent.key}. Unindent it or join it to line ${parent.line}.`,
        tools: ['node', 'python', 'cli'],
        ...loc(file, l.line, 1),
        related: [{ path: file.path, line: parent.line, column: parent.keyColumn, message: `${parent.key}, which this line continues` }],
      }));
    }
  }
  return out;
};

/**
 * Whether no finding of `entryFindings` can apply to the entry: a known key, `=`, no comment
 * character, no quote, no whitespace where none belongs, a value. (Conservative: when in doubt,
 * the full checks run.)
 */
function isPlain(e: LexEntry, lower: string): boolean {
  const v = e.value;
  const c = v.charCodeAt(0);
  return (
    e.delimiter === '=' &&
    v !== '' &&
    c !== 34 /* " */ &&
    c !== 39 /* ' */ &&
    (KNOWN_KEYS.has(e.key) || e.key.includes('.')) &&
    !v.includes('#') &&
    !v.includes(';') &&
    !(NO_SPACE_KEYS.has(lower) && (v.includes(' ') || v.includes('\t')))
  );
}

function duplicateKey(d: DiagnosisBase, out: Finding[], file: AwsFile, header: LexHeader, e: LexEntry, first: LexEntry): void {
  // The JavaScript SDK is case-sensitive: two spellings are two keys to it, and it reads the lower-case one.
  const js = first.key === e.key ? 'uses the later value' : first.key === e.lowerKey ? `uses the value on line ${first.line} (to it, ${e.key} is another key)` : e.key === e.lowerKey ? `uses this value (to it, ${first.key} is another key)` : `reads neither (it only knows ${e.lowerKey})`;
  emit(d, out, FindingCode.DuplicateKey, () => ({
    severity: 'error',
    message: `${e.key} appears twice in [${header.inner}] (first on line ${first.line}${first.key === e.key ? '' : ` as ${first.key}`}). botocore lowercases keys and rejects the whole ${file.kind} file ("Unable to parse config file"), so boto3 and the AWS CLI stop; the JavaScript SDK ${js}.`,
    tools: ['python', 'cli'],
    ...loc(file, e.line, e.keyColumn),
    related: [{ path: file.path, line: first.line, column: first.keyColumn, message: 'first occurrence' }],
    fixes: [
      { title: `Delete the earlier ${first.key} (line ${first.line}), keeping this value`, action: { kind: 'deleteLine', path: file.path, line: first.line }, preferred: true },
      { title: `Delete this duplicate ${e.key}`, action: { kind: 'deleteLine', path: file.path, line: e.line } },
    ],
  }));
}

/** The findings about one entry's key, delimiter and value. */
function entryFindings(d: DiagnosisBase, out: Finding[], file: AwsFile, lines: readonly LexLine[], header: LexHeader, list: readonly LexEntry[], e: LexEntry, lower: string): void {
  const { profile, tools } = profileTools(d, header);
  const affected = (): ToolId[] => (tools.length ? tools : [...TOOL_IDS]);
  const sev = (usedIsError: boolean) => (usedIsError && tools.length ? 'error' : 'warning');
  const readTable = keysReadIn(header);
  if (readTable && !KNOWN_KEYS.has(e.key) && !e.key.includes('.')) {
    const readers = Object.hasOwn(readTable, lower) ? readTable[lower] : undefined;
    if (readers) {
      // Only the JavaScript SDK minds the case (botocore lowercases every key), and only for a key it
      // reads; when the section also has the key in lower case, DUPLICATE_KEY says what happens.
      if (readers.includes('node') && !list.some((x) => x.key === lower)) {
        const py = readers.filter((t) => t !== 'node');
        emit(d, out, FindingCode.UnknownKey, () => ({
          severity: sev(CREDENTIAL_KEYS.has(lower)),
          message: `${e.key} is written in upper case. ${py.length ? `${toolList(py)} lowercase keys and read it as ${lower}; ` : ''}the JavaScript SDK is case-sensitive and ignores it${CREDENTIAL_KEYS.has(lower) ? `, so profile "${profile}" has no ${lower} there` : ''}.`,
          tools: ['node'],
          ...loc(file, e.line, e.keyColumn),
          fixes: [replaceKey(file, e, lower, `Write the key as ${lower}`)],
        }));
      }
    } else if (!KNOWN_KEYS.has(lower)) {
      // Own keys only: a key named __proto__ or constructor must not find Object.prototype's. A
      // misspelling's key is suggested only where the tools read it (not `region` in [sso-session x]).
      const listed = Object.hasOwn(MISSPELLINGS, lower) ? MISSPELLINGS[lower] : undefined;
      const meant = (listed !== undefined && Object.hasOwn(readTable, listed) ? listed : undefined) ?? closest(lower, keyNames(readTable), lower.length > 8 ? 2 : 1);
      if (meant) {
        emit(d, out, FindingCode.UnknownKey, () => ({
          severity: sev(CREDENTIAL_KEYS.has(meant)),
          // No ":" after the key: "aws_secret_key: did …" would read as a secret to the redactor.
          message: `No tool reads the key ${e.key}. Did you mean ${meant} (${whoReads(readTable[meant])})? As written it is ignored${CREDENTIAL_KEYS.has(meant) ? `, so profile "${profile}" lacks ${meant}` : ''}.`,
          tools: affected(),
          ...loc(file, e.line, e.keyColumn),
          fixes: [replaceKey(file, e, meant, `Change the key to ${meant}`)],
        }));
      }
    }
  }
  if (e.delimiter === ':') {
    emit(d, out, FindingCode.ColonDelimiter, () => ({
      severity: sev(CREDENTIAL_KEYS.has(lower) || lower === 'region'),
      message: `"${e.key}: …" uses ":" as delimiter. botocore and the AWS CLI accept it; the JavaScript SDK only knows "=" and ignores the line, so the JavaScript SDK has no ${e.key} for [${header.inner}].`,
      tools: ['node'],
      ...loc(file, e.line, e.keyColumn),
      fixes: [{ title: 'Use "=" as delimiter', action: { kind: 'replaceText', path: file.path, line: e.line, column: e.keyColumn + e.key.length, endColumn: e.valueColumn, text: ' = ' }, preferred: true }],
    }));
  }
  const comment = e.value.includes('#') || e.value.includes(';') ? /\s[#;]/.exec(e.value) : null;
  if (comment) {
    const kept = e.value.slice(0, comment.index).trimEnd();
    emit(d, out, FindingCode.InlineComment, () => ({
      severity: sev(NO_SPACE_KEYS.has(lower)),
      message: `The value of ${e.key} has an inline comment. The JavaScript SDK cuts it and reads "${kept}"; botocore and the AWS CLI keep it as part of the value ("${e.value}")${NO_SPACE_KEYS.has(lower) ? ', which breaks it' : ''}. Put comments on their own line.`,
      tools: ['python', 'cli'],
      ...loc(file, e.line, e.valueColumn + comment.index),
      fixes: [{ title: 'Remove the inline comment', action: { kind: 'replaceText', path: file.path, line: e.line, column: e.valueColumn + kept.length, endColumn: e.valueEndColumn, text: '' }, preferred: true }],
    }));
  }
  const bare = comment ? e.value.slice(0, comment.index).trimEnd() : e.value;
  // credential_process is a command line: every tool removes its quotes as a shell would (programs.ts checks what it runs).
  const quoted = (bare[0] === '"' || bare[0] === "'") && lower !== 'credential_process' ? /^(["'])(.*)\1$/.exec(bare) : null;
  if (quoted) {
    emit(d, out, FindingCode.QuotedValue, () => ({
      severity: sev(NO_SPACE_KEYS.has(lower)),
      message: `The value of ${e.key} is in quotes. No tool removes them: the quotes become part of the ${e.key}${CREDENTIAL_KEYS.has(lower) ? ', and AWS rejects the credentials' : ''}.`,
      tools: affected(),
      ...loc(file, e.line, e.valueColumn),
      fixes: [{ title: 'Remove the quotes', action: { kind: 'replaceText', path: file.path, line: e.line, column: e.valueColumn, endColumn: e.valueColumn + bare.length, text: quoted[2] }, preferred: true }],
    }));
  } else if (NO_SPACE_KEYS.has(lower) && (bare.includes(' ') || bare.includes('\t'))) {
    emit(d, out, FindingCode.WhitespaceInValue, () => ({
      severity: sev(true),
      message: `The value of ${e.key} contains whitespace, which a ${lower === 'region' ? 'region name' : lower.includes('key') || lower.includes('token') ? 'key or token' : 'value of this key'} never does: it was probably pasted with a space or split.`,
      tools: affected(),
      ...loc(file, e.line, e.valueColumn),
      fixes: [{ title: 'Remove the whitespace', action: { kind: 'replaceText', path: file.path, line: e.line, column: e.valueColumn, endColumn: e.valueColumn + bare.length, text: bare.replace(/\s+/g, '') }, preferred: true }],
    }));
  }
  if (e.value === '' && lower === 'role_arn' && !opensBlock(lines, e)) {
    // An ARN wrapped onto the next, unindented line is a setting of its own there (`arn: aws:…`).
    const next = lineAfter(lines, e);
    const wrapped = next?.kind === 'entry' && next.lowerKey === 'arn' ? `arn${next.delimiter}${next.value}` : undefined;
    // A config file botocore cannot parse stops it earlier (CONFIG_PARSE_ERROR): then only the JavaScript SDK's part is true.
    const botocoreReadsIt = !d.pyView.parseError;
    emit(d, out, FindingCode.EmptyValue, () => ({
      severity: sev(true),
      message: `role_arn is empty${wrapped ? `: the ARN is on the next line, which is not indented and so is a setting of its own (${wrapped})` : ''}. ${botocoreReadsIt ? 'botocore and the AWS CLI assume a role with an empty ARN and fail ("Parameter validation failed: Invalid length for parameter RoleArn, value: 0, valid min length: 20"); t' : 'T'}he JavaScript SDK takes "role_arn =" as the start of a nested block and does not assume the role. Put the ARN on the role_arn line.`,
      tools: botocoreReadsIt ? affected() : affected().filter((t) => t === 'node'),
      ...loc(file, e.line, e.keyColumn),
    }));
  }
  if (e.value === '' && CREDENTIAL_KEYS.has(lower) && !opensBlock(lines, e)) {
    emit(d, out, FindingCode.EmptyValue, () => ({
      severity: 'warning',
      message: `${e.key} has no value. botocore reads it as an empty ${e.key}; the JavaScript SDK takes "${e.key} =" as the start of a nested block and drops it, and would fold the next indented lines into it. Delete the line or give it a value.`,
      tools: affected(),
      ...loc(file, e.line, e.keyColumn),
      fixes: [{ title: `Delete the empty ${e.key} line`, action: { kind: 'deleteLine', path: file.path, line: e.line }, preferred: true }],
    }));
  }
}

const NESTED_ENTRY = /^(\s*)([^\s=]+)\s*=/;
/** Each generated table's keys, listed once (a file of a thousand typos compares against the same array). */
const KEY_NAMES = new Map<object, string[]>();
const keyNames = (table: Readonly<Record<string, unknown>>): string[] => {
  let names = KEY_NAMES.get(table);
  if (!names) KEY_NAMES.set(table, (names = Object.keys(table)));
  return names;
};

/**
 * A misspelt key inside a block the tools read (`s3 =` then `  max_concurent_requests = 20`): said
 * only for a block of a profile that some tool reads, and only with a suggestion (as for the keys
 * of a profile); the keys of other blocks (`[services …]`, a block no tool knows) are left alone.
 */
function nestedKey(d: DiagnosisBase, out: Finding[], file: AwsFile, l: LexLine & { kind: 'other' }, parent: LexEntry): void {
  const table = parent.section?.profile !== undefined && Object.hasOwn(NESTED_KEY_READERS, parent.lowerKey) ? NESTED_KEY_READERS[parent.lowerKey] : undefined;
  const m = table ? NESTED_ENTRY.exec(l.text) : null;
  if (!table || !m) return;
  const key = m[2].toLowerCase();
  if (Object.hasOwn(table, key)) return;
  const meant = closest(key, keyNames(table), key.length > 8 ? 2 : 1);
  if (!meant) return;
  const column = m[1].length + 1;
  emit(d, out, FindingCode.UnknownKey, () => ({
    severity: 'warning',
    message: `No tool reads the key ${m[2]} in the ${parent.key} block of [${parent.section!.inner}]. Did you mean ${meant} (${whoReads(table[meant])})? As written it is ignored.`,
    tools: toolsUsingProfile(d, parent.section!.profile!).length ? toolsUsingProfile(d, parent.section!.profile!) : [...TOOL_IDS],
    ...loc(file, l.line, column),
    fixes: [{ title: `Change the key to ${meant}`, action: { kind: 'replaceText', path: file.path, line: l.line, column, endColumn: column + m[2].length, text: meant }, preferred: true }],
  }));
}

/** The keys the tools read in this section (generated from the tools), or undefined for a section whose keys are not settings ([services x] holds service names, [plugins] plugin names). */
function keysReadIn(header: LexHeader): Readonly<Record<string, readonly ToolId[]>> | undefined {
  if (header.profile !== undefined) return KNOWN_KEY_READERS;
  return SSO_SESSION_HEADER.test(header.inner) ? SSO_SESSION_KEY_READERS : undefined;
}
const SSO_SESSION_HEADER = /^sso-session\s/;

/** "every tool reads it", "only botocore (boto3, AWS CLI v1) reads it", "the JavaScript SDK v3 and AWS CLI v2 read it". */
function whoReads(readers: readonly ToolId[]): string {
  if (readers.length === TOOL_IDS.length) return 'every tool reads it';
  return readers.length === 1 ? `only ${toolList(readers)} reads it` : `${toolList(readers)} read it`;
}

const replaceKey = (file: AwsFile, e: LexEntry, text: string, title: string): Fix => ({ title, action: { kind: 'replaceText', path: file.path, line: e.line, column: e.keyColumn, endColumn: e.keyColumn + e.key.length, text }, preferred: true });

/** The line after `e`. Lines are in order: binary search. */
function lineAfter(lines: readonly LexLine[], e: LexEntry): LexLine | undefined {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid].line <= e.line) lo = mid + 1;
    else hi = mid - 1;
  }
  return lines[lo];
}

/** Whether the line after `e` continues it (`key =` opening a nested block). */
function opensBlock(lines: readonly LexLine[], e: LexEntry): boolean {
  const next = lineAfter(lines, e);
  return next !== undefined && next.kind !== 'header' && next.continuationOf === e;
}

/**
 * `[__proto__]` (or `[profile __proto__]`): the JavaScript SDK's parseIni throws "Found invalid
 * profile name", and loadSharedConfigFiles swallows the error and treats the whole file as empty.
 * botocore reads an ordinary section. Checked against @smithy/core's parseIni in node_modules.
 */
const jsRejectedFile: Rule = (d) => {
  const out: Finding[] = [];
  for (const file of new Set([d.nodeView.config, d.nodeView.credentials])) {
    const rejected = file.exists ? file.js.rejected : undefined;
    if (!rejected) continue;
    const lost = file.kind === 'config' ? d.nodeView.config.py.sections.size : d.nodeView.credentials.py.sections.size;
    emit(d, out, FindingCode.ProtoSection, () => ({
      severity: 'error',
      message: `Line ${rejected.line} of the ${file.kind} file is a section the JavaScript SDK refuses (${rejected.message}): it rejects the whole file and reads it as empty, so Node.js programs see none of its ${lost} section${lost === 1 ? '' : 's'}${d.tools.node.source === 'none' ? ' and find no credentials' : ''}. botocore and the AWS CLI read it as an ordinary section. Rename the section.`,
      tools: ['node'],
      ...loc(file, rejected.line, 1),
    }));
  }
  return out;
};

const encodingAndParse: Rule = (d) => {
  const out: Finding[] = [];
  for (const { file } of filesInPlay(d)) {
    if (file.hasBom) {
      emit(d, out, FindingCode.ByteOrderMark, () => ({
        severity: 'error',
        message: `The ${file.kind} file starts with a UTF-8 byte order mark (saved as "UTF-8 with BOM", common with Windows editors). botocore reads it as part of the first line and rejects the file ("Unable to parse config file"); the JavaScript SDK does not mind.`,
        tools: ['python', 'cli'],
        ...loc(file, 1, 1),
        fixes: [{ title: 'Remove the byte order mark', action: { kind: 'removeBom', path: file.path }, preferred: true }],
      }));
    }
    const err = file.py.error;
    if (!err || err.kind === 'DuplicateSectionError' || err.kind === 'DuplicateOptionError' || (file.hasBom && err.line === 1)) continue;
    if (err.kind === 'UnicodeDecodeError' && file.decodeError) {
      undecodable(d, out, file, file.decodeError);
      continue;
    }
    const what: Record<string, string> = {
      MissingSectionHeaderError: 'a key or line comes before the first [section] header',
      ParsingError: 'a line is neither a [section], a key = value, a comment nor a continuation',
      UnicodeDecodeError: 'the file is not valid UTF-8',
      ValueError: 'an indented line under "key =" has no "="',
    };
    emit(d, out, FindingCode.ConfigParseError, () => ({
      severity: 'error',
      message: `botocore cannot parse the ${file.kind} file at line ${err.line}: ${what[err.kind] ?? err.kind}. boto3 and the AWS CLI stop with "Unable to parse config file: ${file.path}" before looking for credentials, even when environment keys are set; the JavaScript SDK skips the line.`,
      tools: ['python', 'cli'],
      ...loc(file, err.line, 1),
    }));
  }
  return out;
};

/**
 * A byte botocore cannot decode, on its own line and column: configparser stops there with Python's
 * UnicodeDecodeError, which botocore reports as "Unable to parse config file". A UTF-16 file (a
 * Windows editor's "Unicode") fails at its first byte, and the JavaScript SDK finds nothing in it.
 */
function undecodable(d: DiagnosisBase, out: Finding[], file: AwsFile, e: NonNullable<AwsFile['decodeError']>): void {
  const hex = `0x${e.byte.toString(16).padStart(2, '0')}`;
  const stop = `boto3 and the AWS CLI stop with "Unable to parse config file: ${file.path}" (Python: ${e.python}) before looking for credentials, even when environment keys are set`;
  emit(d, out, FindingCode.ConfigParseError, () => (e.utf16 ? {
    severity: 'error',
    message: `The ${file.kind} file is UTF-16, not UTF-8: it starts with the UTF-16 byte order mark ${e.utf16} (saved as "Unicode" by Notepad, or written by PowerShell's Out-File or > redirection). ${stop}; the JavaScript SDK reads it as UTF-8 too, finds a NUL between every two characters and no profile at all. Save it as UTF-8.`,
    tools: [...TOOL_IDS],
    ...loc(file, 1, 1),
  } : {
    severity: 'error',
    message: `botocore cannot parse the ${file.kind} file at line ${e.line}: byte ${hex} (column ${e.column}) is not UTF-8; the file was probably saved in another encoding (Latin-1, Windows-1252). ${stop}; the JavaScript SDK reads the byte as U+FFFD and the rest of the file as usual. Retype the character or save the file as UTF-8.`,
    tools: ['python', 'cli'],
    ...loc(file, e.line, e.column),
  }));
}

const permissions: Rule = (d) => {
  const out: Finding[] = [];
  // POSIX modes mean nothing on Windows (ACLs decide; the tools create the files private there).
  if (d.input.platform === 'win32') return out;
  for (const { file } of filesInPlay(d)) {
    // Only a regular file's mode says who can read the keys: /dev/null is 0666 by design.
    if (file.kind !== 'credentials' || !file.exists || !isRegularFile(file.stat) || (file.stat!.mode & 0o077) === 0) continue;
    emit(d, out, FindingCode.CredentialsFilePermissions, () => ({
      severity: 'warning',
      message: `The credentials file is readable by ${file.stat!.mode & 0o007 ? 'every user on this machine' : 'its group'} (mode ${(file.stat!.mode & 0o777).toString(8).padStart(4, '0')}). It holds secret keys: make it 0600, readable by you only.`,
      tools: [...TOOL_IDS],
      ...loc(file, 1, 1),
      fixes: [{ title: 'Make the credentials file private (chmod 600)', action: { kind: 'chmod', path: file.path, mode: 0o600 }, preferred: true }],
    }));
  }
  return out;
};

export const FILE_RULES: readonly Rule[] = [headers, entries, jsRejectedFile, encodingAndParse, permissions];
