/** How the two files are written: headers, duplicates, keys, delimiters, comments, quotes, encoding, mode. */
import type { AwsFile } from '../files/awsFiles';
import { isRegularFile } from '../core/host';
import type { DiagnosisBase } from '../findings/diagnosis';
import type { Fix, Severity } from '../findings/findings';
import type { LexEntry, LexHeader, LexLine } from '../files/lexical';
import { entriesBySection } from '../files/lexical';
import type { ToolId } from '../core/model';
import { KNOWN_KEY_READERS, NESTED_KEY_READERS, SSO_SESSION_KEY_READERS } from '../core/knownKeys.generated';
import { KNOWN_KEYS, TOOL_IDS } from '../core/model';
import type { Check, RuleContext } from './kit';
import { closest, declareCodes, filesInPlay, orAll, ruleModule, toolList, toolsUsingProfile } from './kit';

const CODES = declareCodes({
  PROFILE_PREFIX_IN_CREDENTIALS: {
    severity: 'error',
    cause: '`[profile x]` in the credentials file, which takes bare names.',
    fix: 'Rename the header to `[x]`.',
    messages: {
      prefixed:
        '[profile {profile}] in the credentials file is not the profile "{profile}": the credentials file takes bare names. The JavaScript SDK sees a section "profile.{profile}", botocore and the AWS CLI a profile literally named "profile {profile}", so none of them finds these keys under "{profile}".',
    },
  },
  MISSING_PROFILE_PREFIX: {
    severity: 'error',
    cause: '`[x]` without `profile ` in the config file, where it is not a profile.',
    fix: 'Rename the header to `[profile x]`.',
    messages: {
      notAProfile:
        '[{profile}] in the config file is not a profile: in the config file every profile but default is written [profile {profile}]. None of the tools sees "{profile}" here.',
      selectedNotAProfile:
        '[{profile}] in the config file is not a profile: in the config file every profile but default is written [profile {profile}]. None of the tools sees "{profile}" here, yet it is the selected profile.',
    },
  },
  DEFAULT_PROFILE_TWICE: {
    severity: 'warning',
    cause: 'Both `[default]` and `[profile default]` in the config file: the tools pick different ones.',
    fix: 'Keep one.',
    messages: {
      both: 'The config file has both [default] (line {defaultLine}) and [profile default] (line {profileDefaultLine}). The JavaScript SDK always uses [profile default]; botocore and the AWS CLI use whichever comes last (line {laterLine}). Keep one.',
    },
  },
  DUPLICATE_SECTION: {
    severity: 'error',
    cause: 'A section appears twice: botocore rejects the whole file.',
    fix: 'Merge the sections.',
    messages: {
      again:
        '[{section}] appears a second time (first on line {firstLine}). botocore rejects the whole {fileKind} file ("Unable to parse config file"), so boto3 and the AWS CLI stop before looking for credentials; the JavaScript SDK merges both, the later value winning. Merge the two sections.',
    },
  },
  DUPLICATE_KEY: {
    severity: 'error',
    cause:
      'A key appears twice in a section (botocore compares keys in lower case): botocore rejects the whole file; the JavaScript SDK, which is case-sensitive, reads the lower-case spelling.',
    fix: 'Delete one of the lines.',
    messages: {
      sameSpelling:
        '{key} appears twice in [{section}] (first on line {firstLine}). botocore lowercases keys and rejects the whole {fileKind} file ("Unable to parse config file"), so boto3 and the AWS CLI stop; the JavaScript SDK uses the later value.',
      firstLowerCase:
        '{key} appears twice in [{section}] (first on line {firstLine} as {firstKey}). botocore lowercases keys and rejects the whole {fileKind} file ("Unable to parse config file"), so boto3 and the AWS CLI stop; the JavaScript SDK uses the value on line {firstLine} (to it, {key} is another key).',
      thisLowerCase:
        '{key} appears twice in [{section}] (first on line {firstLine} as {firstKey}). botocore lowercases keys and rejects the whole {fileKind} file ("Unable to parse config file"), so boto3 and the AWS CLI stop; the JavaScript SDK uses this value (to it, {firstKey} is another key).',
      neitherLowerCase:
        '{key} appears twice in [{section}] (first on line {firstLine} as {firstKey}). botocore lowercases keys and rejects the whole {fileKind} file ("Unable to parse config file"), so boto3 and the AWS CLI stop; the JavaScript SDK reads neither (it only knows {lowerKey}).',
    },
  },
  UNKNOWN_KEY: {
    severity: 'error',
    cause:
      'A key no tool reads (`aws_secret_key`, or `max_concurent_requests` in an `s3 =` block), or a key the JavaScript SDK reads written in upper case (`AWS_ACCESS_KEY_ID`); the known keys are taken from the tools themselves (knownKeys.generated.ts), and "did you mean" names only a key a tool reads.',
    fix: 'Use the key name the tools know.',
    messages: {
      upperCase:
        '{key} is written in upper case. {tools} lowercase keys and read it as {lowerKey}; the JavaScript SDK is case-sensitive and ignores it.',
      upperCaseLacking:
        '{key} is written in upper case. {tools} lowercase keys and read it as {lowerKey}; the JavaScript SDK is case-sensitive and ignores it, so profile "{profile}" has no {lowerKey} there.',
      upperCaseNodeOnly: '{key} is written in upper case. the JavaScript SDK is case-sensitive and ignores it.',
      upperCaseNodeOnlyLacking:
        '{key} is written in upper case. the JavaScript SDK is case-sensitive and ignores it, so profile "{profile}" has no {lowerKey} there.',
      everyToolReads:
        'No tool reads the key {key}. Did you mean {meant} (every tool reads it)? As written it is ignored.',
      oneToolReads:
        'No tool reads the key {key}. Did you mean {meant} (only {tools} reads it)? As written it is ignored.',
      someToolsRead: 'No tool reads the key {key}. Did you mean {meant} ({tools} read it)? As written it is ignored.',
      everyToolReadsLacking:
        'No tool reads the key {key}. Did you mean {meant} (every tool reads it)? As written it is ignored, so profile "{profile}" lacks {meant}.',
      oneToolReadsLacking:
        'No tool reads the key {key}. Did you mean {meant} (only {tools} reads it)? As written it is ignored, so profile "{profile}" lacks {meant}.',
      someToolsReadLacking:
        'No tool reads the key {key}. Did you mean {meant} ({tools} read it)? As written it is ignored, so profile "{profile}" lacks {meant}.',
      nestedEveryToolReads:
        'No tool reads the key {key} in the {block} block of [{section}]. Did you mean {meant} (every tool reads it)? As written it is ignored.',
      nestedOneToolReads:
        'No tool reads the key {key} in the {block} block of [{section}]. Did you mean {meant} (only {tools} reads it)? As written it is ignored.',
      nestedSomeToolsRead:
        'No tool reads the key {key} in the {block} block of [{section}]. Did you mean {meant} ({tools} read it)? As written it is ignored.',
    },
  },
  INLINE_COMMENT: {
    severity: 'error',
    cause: 'An inline `# comment` after a value: the JavaScript SDK cuts it, botocore keeps it in the value.',
    fix: 'Put comments on their own line.',
    messages: {
      comment:
        'The value of {key} has an inline comment. The JavaScript SDK cuts it and reads "{kept}"; botocore and the AWS CLI keep it as part of the value ("{value}"). Put comments on their own line.',
      commentBreaksValue:
        'The value of {key} has an inline comment. The JavaScript SDK cuts it and reads "{kept}"; botocore and the AWS CLI keep it as part of the value ("{value}"), which breaks it. Put comments on their own line.',
    },
  },
  COLON_DELIMITER: {
    severity: 'error',
    cause: '`key: value`: botocore accepts it, the JavaScript SDK ignores the line.',
    fix: 'Use `=`.',
    messages: {
      colon:
        '"{key}: …" uses ":" as delimiter. botocore and the AWS CLI accept it; the JavaScript SDK only knows "=" and ignores the line, so the JavaScript SDK has no {key} for [{section}].',
    },
  },
  CONTINUATION_LINE: {
    severity: 'error',
    cause: 'An indented line after a value: botocore appends it to the value, the JavaScript SDK does not.',
    fix: 'Join or unindent it.',
    messages: {
      continues:
        'This indented line continues {key} (line {keyLine}) for botocore and the AWS CLI, which append it to the value with a newline; the JavaScript SDK reads it as a separate line. The tools end up with different values for {key}. Unindent it or join it to line {keyLine}.',
    },
  },
  QUOTED_VALUE: {
    severity: 'error',
    cause:
      'A value in quotes: no tool removes them (except in `credential_process`, a command line, whose quotes every tool removes as a shell would).',
    fix: 'Remove the quotes.',
    messages: {
      quoted: 'The value of {key} is in quotes. No tool removes them: the quotes become part of the {key}.',
      quotedCredential:
        'The value of {key} is in quotes. No tool removes them: the quotes become part of the {key}, and AWS rejects the credentials.',
    },
  },
  WHITESPACE_IN_VALUE: {
    severity: 'error',
    cause: 'Whitespace inside a key, token, region, ARN or SSO value.',
    fix: 'Remove it.',
    messages: {
      region:
        'The value of {key} contains whitespace, which a region name never does: it was probably pasted with a space or split.',
      keyOrToken:
        'The value of {key} contains whitespace, which a key or token never does: it was probably pasted with a space or split.',
      otherValue:
        'The value of {key} contains whitespace, which a value of this key never does: it was probably pasted with a space or split.',
    },
  },
  EMPTY_VALUE: {
    severity: 'error',
    cause: '`aws_session_token =` with no value: botocore reads "", the JavaScript SDK opens a nested block.',
    fix: 'Delete the line.',
    messages: {
      roleArn:
        'role_arn is empty. botocore and the AWS CLI assume a role with an empty ARN and fail ("Parameter validation failed: Invalid length for parameter RoleArn, value: 0, valid min length: 20"); the JavaScript SDK takes "role_arn =" as the start of a nested block and does not assume the role. Put the ARN on the role_arn line.',
      roleArnWrapped:
        'role_arn is empty: the ARN is on the next line, which is not indented and so is a setting of its own ({setting}). botocore and the AWS CLI assume a role with an empty ARN and fail ("Parameter validation failed: Invalid length for parameter RoleArn, value: 0, valid min length: 20"); the JavaScript SDK takes "role_arn =" as the start of a nested block and does not assume the role. Put the ARN on the role_arn line.',
      roleArnNodeOnly:
        'role_arn is empty. The JavaScript SDK takes "role_arn =" as the start of a nested block and does not assume the role. Put the ARN on the role_arn line.',
      roleArnWrappedNodeOnly:
        'role_arn is empty: the ARN is on the next line, which is not indented and so is a setting of its own ({setting}). The JavaScript SDK takes "role_arn =" as the start of a nested block and does not assume the role. Put the ARN on the role_arn line.',
      credential:
        '{key} has no value. botocore reads it as an empty {key}; the JavaScript SDK takes "{key} =" as the start of a nested block and drops it, and would fold the next indented lines into it. Delete the line or give it a value.',
    },
  },
  BYTE_ORDER_MARK: {
    severity: 'error',
    cause: 'The file starts with a UTF-8 byte order mark: botocore rejects it.',
    fix: 'Save as UTF-8 without BOM.',
    messages: {
      bom: 'The {fileKind} file starts with a UTF-8 byte order mark (saved as "UTF-8 with BOM", common with Windows editors). botocore reads it as part of the first line and rejects the file ("Unable to parse config file"); the JavaScript SDK does not mind.',
    },
  },
  DEFAULT_SECTION: {
    severity: 'warning',
    cause: '`[DEFAULT]` is injected into every profile by botocore and is an ordinary profile for the JavaScript SDK.',
    fix: 'Rename it to `[default]`.',
    messages: {
      upperCaseDefault:
        '[DEFAULT] is special to botocore (configparser): its keys are copied into EVERY profile of the {fileKind} file for boto3 and the AWS CLI, while the JavaScript SDK sees an ordinary profile named "DEFAULT". Move its keys into [default] or the profiles that need them.',
    },
  },
  CONFIG_PARSE_ERROR: {
    severity: 'error',
    cause: 'A line botocore cannot parse: boto3 and the CLIs stop before looking for credentials.',
    fix: 'Fix or delete the line.',
    messages: {
      missingSectionHeader:
        'botocore cannot parse the {fileKind} file at line {line}: a key or line comes before the first [section] header. boto3 and the AWS CLI stop with "Unable to parse config file: {file}" before looking for credentials, even when environment keys are set; the JavaScript SDK skips the line.',
      parsingError:
        'botocore cannot parse the {fileKind} file at line {line}: a line is neither a [section], a key = value, a comment nor a continuation. boto3 and the AWS CLI stop with "Unable to parse config file: {file}" before looking for credentials, even when environment keys are set; the JavaScript SDK skips the line.',
      notUtf8:
        'botocore cannot parse the {fileKind} file at line {line}: the file is not valid UTF-8. boto3 and the AWS CLI stop with "Unable to parse config file: {file}" before looking for credentials, even when environment keys are set; the JavaScript SDK skips the line.',
      valueError:
        'botocore cannot parse the {fileKind} file at line {line}: an indented line under "key =" has no "=". boto3 and the AWS CLI stop with "Unable to parse config file: {file}" before looking for credentials, even when environment keys are set; the JavaScript SDK skips the line.',
      otherError:
        'botocore cannot parse the {fileKind} file at line {line}: {error}. boto3 and the AWS CLI stop with "Unable to parse config file: {file}" before looking for credentials, even when environment keys are set; the JavaScript SDK skips the line.',
      utf16:
        'The {fileKind} file is UTF-16, not UTF-8: it starts with the UTF-16 byte order mark {bom} (saved as "Unicode" by Notepad, or written by PowerShell\'s Out-File or > redirection). boto3 and the AWS CLI stop with "Unable to parse config file: {file}" (Python: {pythonError}) before looking for credentials, even when environment keys are set; the JavaScript SDK reads it as UTF-8 too, finds a NUL between every two characters and no profile at all. Save it as UTF-8.',
      undecodableByte:
        'botocore cannot parse the {fileKind} file at line {line}: byte {byte} (column {column}) is not UTF-8; the file was probably saved in another encoding (Latin-1, Windows-1252). boto3 and the AWS CLI stop with "Unable to parse config file: {file}" (Python: {pythonError}) before looking for credentials, even when environment keys are set; the JavaScript SDK reads the byte as U+FFFD and the rest of the file as usual. Retype the character or save the file as UTF-8.',
    },
  },
  PROTO_SECTION: {
    severity: 'error',
    cause:
      'A `[__proto__]` or `[profile __proto__]` section: the JavaScript SDK rejects the whole file ("Found invalid profile name") and reads it as empty.',
    fix: 'Rename the section.',
    messages: {
      oneSection:
        'Line {line} of the {fileKind} file is a section the JavaScript SDK refuses ({reason}): it rejects the whole file and reads it as empty, so Node.js programs see none of its {count} section. botocore and the AWS CLI read it as an ordinary section. Rename the section.',
      sections:
        'Line {line} of the {fileKind} file is a section the JavaScript SDK refuses ({reason}): it rejects the whole file and reads it as empty, so Node.js programs see none of its {count} sections. botocore and the AWS CLI read it as an ordinary section. Rename the section.',
      oneSectionNoCredentials:
        'Line {line} of the {fileKind} file is a section the JavaScript SDK refuses ({reason}): it rejects the whole file and reads it as empty, so Node.js programs see none of its {count} section and find no credentials. botocore and the AWS CLI read it as an ordinary section. Rename the section.',
      sectionsNoCredentials:
        'Line {line} of the {fileKind} file is a section the JavaScript SDK refuses ({reason}): it rejects the whole file and reads it as empty, so Node.js programs see none of its {count} sections and find no credentials. botocore and the AWS CLI read it as an ordinary section. Rename the section.',
    },
  },
  CREDENTIALS_FILE_PERMISSIONS: {
    severity: 'warning',
    cause: 'The credentials file is readable by other users.',
    fix: '`chmod 600 ~/.aws/credentials`.',
    messages: {
      everyUser:
        'The credentials file is readable by every user on this machine (mode {mode}). It holds secret keys: make it 0600, readable by you only.',
      group:
        'The credentials file is readable by its group (mode {mode}). It holds secret keys: make it 0600, readable by you only.',
    },
  },
});

type Report = RuleContext<typeof CODES>['report'];

/** Misspellings seen in the field, with the key meant. */
const MISSPELLINGS: Readonly<Record<string, string>> = {
  aws_access_key: 'aws_access_key_id',
  aws_access_id: 'aws_access_key_id',
  access_key_id: 'aws_access_key_id',
  aws_key_id: 'aws_access_key_id',
  aws_secret_key: 'aws_secret_access_key',
  aws_secret_key_id: 'aws_secret_access_key',
  secret_access_key: 'aws_secret_access_key',
  aws_secret: 'aws_secret_access_key',
  aws_session_tokn: 'aws_session_token',
  session_token: 'aws_session_token',
  aws_token: 'aws_session_token',
  aws_sessiontoken: 'aws_session_token',
  default_region: 'region',
  aws_region: 'region',
  aws_default_region: 'region',
  role: 'role_arn',
  rolearn: 'role_arn',
  source: 'source_profile',
};
const CREDENTIAL_KEYS = new Set([
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
]);
const NO_SPACE_KEYS = new Set([
  ...CREDENTIAL_KEYS,
  'region',
  'role_arn',
  'source_profile',
  'credential_source',
  'sso_start_url',
  'sso_region',
  'sso_account_id',
  'sso_role_name',
  'sso_session',
  'mfa_serial',
]);
const NON_PROFILE_SECTIONS =
  /^(?:default|profile\s.*|sso-session\s.*|services\s.*|DEFAULT|plugins|preview|cli|toplevel)$/;

const loc = (file: AwsFile, line: number, column: number) => ({ file: file.path, fileKind: file.kind, line, column });

function readers(d: DiagnosisBase, file: AwsFile): readonly ToolId[] {
  return filesInPlay(d).find((x) => x.file === file)?.tools ?? TOOL_IDS;
}

function profileTools(d: DiagnosisBase, header: LexHeader | undefined): { profile?: string; tools: ToolId[] } {
  const profile = header?.profile;
  return { profile, tools: profile !== undefined ? toolsUsingProfile(d, profile) : [] };
}

// Built once, not once per header.
const PREFIXED_NAME = /^\s*profile\s+(\S.*?)\s*$/;
const QUOTED_NAME = /^["'](.*)["']$/;
const PROFILE_DEFAULT = /^profile\s+default$/;
const renameHeader = (file: AwsFile, l: LexHeader, text: string, title: string): Fix => ({
  title,
  action: { kind: 'replaceText', path: file.path, line: l.line, column: l.column, endColumn: l.endColumn, text },
  preferred: true,
});

const headers: Check<typeof CODES> = ({ d, report }) => {
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
        report('DEFAULT_SECTION', 'upperCaseDefault', () => ({
          data: { fileKind: file.kind },
          tools: readers(d, file),
          ...loc(file, l.line, l.column),
          fixes: [renameHeader(file, l, '[default]', 'Rename the section to [default]')],
        }));
      }
      const m = file.kind === 'credentials' && inner.includes('profile') ? PREFIXED_NAME.exec(inner) : null;
      if (m) {
        const name = m[1].replace(QUOTED_NAME, '$1');
        report('PROFILE_PREFIX_IN_CREDENTIALS', 'prefixed', () => ({
          data: { profile: name },
          ...loc(file, l.line, l.column),
          fixes: [renameHeader(file, l, `[${name}]`, `Rename the section header to [${name}]`)],
        }));
      }
      if (file.kind === 'config' && !inner.startsWith('profile ') && !NON_PROFILE_SECTIONS.test(inner)) {
        const name = inner.trim();
        const used = TOOL_IDS.some((t) => d.tools[t].profile === name);
        report('MISSING_PROFILE_PREFIX', used ? 'selectedNotAProfile' : 'notAProfile', () => ({
          data: { profile: name },
          severity: used ? 'error' : 'warning',
          ...loc(file, l.line, l.column),
          fixes: [renameHeader(file, l, `[profile ${name}]`, `Rename the section header to [profile ${name}]`)],
        }));
      }
      if (file.kind === 'config' && inner === 'default') plainDefault ??= l;
      if (file.kind === 'config' && inner.endsWith('default') && PROFILE_DEFAULT.test(inner)) profileDefault ??= l;
      if (plain) continue;
      const first = seen.get(inner);
      if (first) {
        report('DUPLICATE_SECTION', 'again', () => ({
          data: { section: inner, firstLine: first.line, fileKind: file.kind },
          tools: ['python', 'cli'],
          ...loc(file, l.line, l.column),
          related: [{ path: file.path, line: first.line, column: first.column, message: 'first occurrence' }],
        }));
      } else seen.set(inner, l);
    }
    if (plainDefault && profileDefault) {
      const later = plainDefault.line > profileDefault.line ? plainDefault : profileDefault;
      const earlier = later === plainDefault ? profileDefault : plainDefault;
      report('DEFAULT_PROFILE_TWICE', 'both', () => ({
        data: { defaultLine: plainDefault.line, profileDefaultLine: profileDefault.line, laterLine: later.line },
        ...loc(file, later.line, later.column),
        related: [
          { path: file.path, line: earlier.line, column: earlier.column, message: 'the other default section' },
        ],
      }));
    }
  }
};

const entries: Check<typeof CODES> = ({ d, report }) => {
  for (const { file } of filesInPlay(d)) {
    const lines = file.lexical;
    // A file read in one pass has no duplicate key, and the pass found the entries that are not plain (simpleIni.ts).
    const unusual = file.unusualEntries;
    if (unusual) {
      for (const { section, entry: e } of unusual)
        if (!isPlain(e, e.lowerKey))
          entryFindings(d, report, file, lines, section.header, section.entries, e, e.lowerKey);
    }
    // One map for the whole file, emptied per section: most sections have a handful of keys.
    const seen = new Map<string, LexEntry>();
    for (const { header, entries: list } of unusual ? [] : entriesBySection(lines)) {
      seen.clear();
      for (let i = 0; i < list.length; i++) {
        const e = list[i];
        const lower = e.lowerKey;
        const first = seen.get(lower);
        if (first) duplicateKey(report, file, header, e, first);
        else seen.set(lower, e);
        // Most lines are plain: the checks below (and their closures) only for the others.
        if (!isPlain(e, lower)) entryFindings(d, report, file, lines, header, list, e, lower);
      }
    }
    for (const l of file.continuations ?? lines) {
      if (l.kind === 'header' || l.kind === 'entry' || !l.continuationOf) continue;
      const parent = l.continuationOf;
      if (parent.value === '') {
        nestedKey(d, report, file, l, parent);
        continue;
      }
      report('CONTINUATION_LINE', 'continues', () => ({
        data: { key: parent.key, keyLine: parent.line },
        severity: CREDENTIAL_KEYS.has(parent.lowerKey) ? 'error' : 'warning',
        ...loc(file, l.line, 1),
        related: [
          {
            path: file.path,
            line: parent.line,
            column: parent.keyColumn,
            message: `${parent.key}, which this line continues`,
          },
        ],
      }));
    }
  }
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

function duplicateKey(report: Report, file: AwsFile, header: LexHeader, e: LexEntry, first: LexEntry): void {
  const at = () => ({
    tools: ['python', 'cli'] as const,
    ...loc(file, e.line, e.keyColumn),
    related: [{ path: file.path, line: first.line, column: first.keyColumn, message: 'first occurrence' }],
    fixes: [
      {
        title: `Delete the earlier ${first.key} (line ${first.line}), keeping this value`,
        action: { kind: 'deleteLine' as const, path: file.path, line: first.line },
        preferred: true,
      },
      {
        title: `Delete this duplicate ${e.key}`,
        action: { kind: 'deleteLine' as const, path: file.path, line: e.line },
      },
    ],
  });
  const data = { key: e.key, section: header.inner, firstLine: first.line, fileKind: file.kind };
  // The JavaScript SDK is case-sensitive: two spellings are two keys to it, and it reads the lower-case one.
  if (first.key === e.key) report('DUPLICATE_KEY', 'sameSpelling', () => ({ data, ...at() }));
  else if (first.key === e.lowerKey || e.key === e.lowerKey)
    report('DUPLICATE_KEY', first.key === e.lowerKey ? 'firstLowerCase' : 'thisLowerCase', () => ({
      data: { ...data, firstKey: first.key },
      ...at(),
    }));
  else
    report('DUPLICATE_KEY', 'neitherLowerCase', () => ({
      data: { ...data, firstKey: first.key, lowerKey: e.lowerKey },
      ...at(),
    }));
}

/** The findings about one entry's key, delimiter and value. */
function entryFindings(
  d: DiagnosisBase,
  report: Report,
  file: AwsFile,
  lines: readonly LexLine[],
  header: LexHeader,
  list: readonly LexEntry[],
  e: LexEntry,
  lower: string,
): void {
  const { profile, tools } = profileTools(d, header);
  const sev = (usedIsError: boolean): Severity => (usedIsError && tools.length ? 'error' : 'warning');
  const key = e.key;
  const readTable = keysReadIn(header);
  if (readTable && !KNOWN_KEYS.has(key) && !key.includes('.')) {
    const readers = Object.hasOwn(readTable, lower) ? readTable[lower] : undefined;
    if (readers) {
      // Only the JavaScript SDK minds the case (botocore lowercases every key), and only for a key it
      // reads; when the section also has the key in lower case, DUPLICATE_KEY says what happens.
      if (readers.includes('node') && !list.some((x) => x.key === lower)) {
        const py = readers.filter((t) => t !== 'node');
        const at = () => ({
          severity: sev(CREDENTIAL_KEYS.has(lower)),
          tools: ['node'] as const,
          ...loc(file, e.line, e.keyColumn),
          fixes: [replaceKey(file, e, lower, `Write the key as ${lower}`)],
        });
        // A credential key only in a profile's section (keysReadIn): `profile` is set.
        if (py.length && CREDENTIAL_KEYS.has(lower))
          report('UNKNOWN_KEY', 'upperCaseLacking', () => ({
            data: { key, tools: toolList(py), lowerKey: lower, profile: profile! },
            ...at(),
          }));
        else if (py.length)
          report('UNKNOWN_KEY', 'upperCase', () => ({ data: { key, tools: toolList(py), lowerKey: lower }, ...at() }));
        else if (CREDENTIAL_KEYS.has(lower))
          report('UNKNOWN_KEY', 'upperCaseNodeOnlyLacking', () => ({
            data: { key, lowerKey: lower, profile: profile! },
            ...at(),
          }));
        else report('UNKNOWN_KEY', 'upperCaseNodeOnly', () => ({ data: { key }, ...at() }));
      }
    } else if (!KNOWN_KEYS.has(lower)) {
      // Own keys only: a key named __proto__ or constructor must not find Object.prototype's. A
      // misspelling's key is suggested only where the tools read it (not `region` in [sso-session x]).
      const listed = Object.hasOwn(MISSPELLINGS, lower) ? MISSPELLINGS[lower] : undefined;
      const meant =
        (listed !== undefined && Object.hasOwn(readTable, listed) ? listed : undefined) ??
        closest(lower, keyNames(readTable), lower.length > 8 ? 2 : 1);
      if (meant) {
        const who = readTable[meant];
        // No ":" after the key in the templates: "aws_secret_key: did …" would read as a secret to the redactor.
        const at = () => ({
          severity: sev(CREDENTIAL_KEYS.has(meant)),
          tools: orAll(tools),
          ...loc(file, e.line, e.keyColumn),
          fixes: [replaceKey(file, e, meant, `Change the key to ${meant}`)],
        });
        if (!CREDENTIAL_KEYS.has(meant)) {
          if (everyToolReads(who)) report('UNKNOWN_KEY', 'everyToolReads', () => ({ data: { key, meant }, ...at() }));
          else
            report('UNKNOWN_KEY', who.length === 1 ? 'oneToolReads' : 'someToolsRead', () => ({
              data: { key, meant, tools: toolList(who) },
              ...at(),
            }));
        } else if (everyToolReads(who))
          report('UNKNOWN_KEY', 'everyToolReadsLacking', () => ({ data: { key, meant, profile: profile! }, ...at() }));
        else
          report('UNKNOWN_KEY', who.length === 1 ? 'oneToolReadsLacking' : 'someToolsReadLacking', () => ({
            data: { key, meant, tools: toolList(who), profile: profile! },
            ...at(),
          }));
      }
    }
  }
  if (e.delimiter === ':') {
    report('COLON_DELIMITER', 'colon', () => ({
      data: { key, section: header.inner },
      severity: sev(CREDENTIAL_KEYS.has(lower) || lower === 'region'),
      tools: ['node'],
      ...loc(file, e.line, e.keyColumn),
      fixes: [
        {
          title: 'Use "=" as delimiter',
          action: {
            kind: 'replaceText',
            path: file.path,
            line: e.line,
            column: e.keyColumn + key.length,
            endColumn: e.valueColumn,
            text: ' = ',
          },
          preferred: true,
        },
      ],
    }));
  }
  const comment = e.value.includes('#') || e.value.includes(';') ? /\s[#;]/.exec(e.value) : null;
  if (comment) {
    const kept = e.value.slice(0, comment.index).trimEnd();
    report('INLINE_COMMENT', NO_SPACE_KEYS.has(lower) ? 'commentBreaksValue' : 'comment', () => ({
      data: { key, kept, value: e.value },
      severity: sev(NO_SPACE_KEYS.has(lower)),
      tools: ['python', 'cli'],
      ...loc(file, e.line, e.valueColumn + comment.index),
      fixes: [
        {
          title: 'Remove the inline comment',
          action: {
            kind: 'replaceText',
            path: file.path,
            line: e.line,
            column: e.valueColumn + kept.length,
            endColumn: e.valueEndColumn,
            text: '',
          },
          preferred: true,
        },
      ],
    }));
  }
  const bare = comment ? e.value.slice(0, comment.index).trimEnd() : e.value;
  // credential_process is a command line: every tool removes its quotes as a shell would (programs.ts checks what it runs).
  const quoted =
    (bare[0] === '"' || bare[0] === "'") && lower !== 'credential_process' ? /^(["'])(.*)\1$/.exec(bare) : null;
  if (quoted) {
    report('QUOTED_VALUE', CREDENTIAL_KEYS.has(lower) ? 'quotedCredential' : 'quoted', () => ({
      data: { key },
      severity: sev(NO_SPACE_KEYS.has(lower)),
      tools: orAll(tools),
      ...loc(file, e.line, e.valueColumn),
      fixes: [
        {
          title: 'Remove the quotes',
          action: {
            kind: 'replaceText',
            path: file.path,
            line: e.line,
            column: e.valueColumn,
            endColumn: e.valueColumn + bare.length,
            text: quoted[2],
          },
          preferred: true,
        },
      ],
    }));
  } else if (NO_SPACE_KEYS.has(lower) && (bare.includes(' ') || bare.includes('\t'))) {
    report(
      'WHITESPACE_IN_VALUE',
      lower === 'region' ? 'region' : lower.includes('key') || lower.includes('token') ? 'keyOrToken' : 'otherValue',
      () => ({
        data: { key },
        severity: sev(true),
        tools: orAll(tools),
        ...loc(file, e.line, e.valueColumn),
        fixes: [
          {
            title: 'Remove the whitespace',
            action: {
              kind: 'replaceText',
              path: file.path,
              line: e.line,
              column: e.valueColumn,
              endColumn: e.valueColumn + bare.length,
              text: bare.replace(/\s+/g, ''),
            },
            preferred: true,
          },
        ],
      }),
    );
  }
  if (e.value === '' && lower === 'role_arn' && !opensBlock(lines, e)) {
    // An ARN wrapped onto the next, unindented line is a setting of its own there (`arn: aws:…`).
    const next = lineAfter(lines, e);
    const wrapped = next?.kind === 'entry' && next.lowerKey === 'arn' ? `arn${next.delimiter}${next.value}` : undefined;
    // A config file botocore cannot parse stops it earlier (CONFIG_PARSE_ERROR): then only the JavaScript SDK's part is true.
    const botocoreReadsIt = !d.pyView.parseError;
    const at = () => ({
      severity: sev(true),
      tools: botocoreReadsIt ? orAll(tools) : orAll(tools).filter((t) => t === 'node'),
      ...loc(file, e.line, e.keyColumn),
    });
    if (wrapped === undefined)
      report('EMPTY_VALUE', botocoreReadsIt ? 'roleArn' : 'roleArnNodeOnly', () => ({ data: {}, ...at() }));
    else
      report('EMPTY_VALUE', botocoreReadsIt ? 'roleArnWrapped' : 'roleArnWrappedNodeOnly', () => ({
        data: { setting: wrapped },
        ...at(),
      }));
  }
  if (e.value === '' && CREDENTIAL_KEYS.has(lower) && !opensBlock(lines, e)) {
    report('EMPTY_VALUE', 'credential', () => ({
      data: { key },
      severity: 'warning',
      tools: orAll(tools),
      ...loc(file, e.line, e.keyColumn),
      fixes: [
        {
          title: `Delete the empty ${key} line`,
          action: { kind: 'deleteLine', path: file.path, line: e.line },
          preferred: true,
        },
      ],
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
function nestedKey(
  d: DiagnosisBase,
  report: Report,
  file: AwsFile,
  l: LexLine & { kind: 'other' },
  parent: LexEntry,
): void {
  const table =
    parent.section?.profile !== undefined && Object.hasOwn(NESTED_KEY_READERS, parent.lowerKey)
      ? NESTED_KEY_READERS[parent.lowerKey]
      : undefined;
  const m = table ? NESTED_ENTRY.exec(l.text) : null;
  if (!table || !m) return;
  const key = m[2].toLowerCase();
  if (Object.hasOwn(table, key)) return;
  const meant = closest(key, keyNames(table), key.length > 8 ? 2 : 1);
  if (!meant) return;
  const column = m[1].length + 1;
  const who = table[meant];
  const data = { key: m[2], block: parent.key, section: parent.section!.inner, meant };
  const at = () => ({
    severity: 'warning' as const,
    tools: orAll(toolsUsingProfile(d, parent.section!.profile!)),
    ...loc(file, l.line, column),
    fixes: [
      {
        title: `Change the key to ${meant}`,
        action: {
          kind: 'replaceText' as const,
          path: file.path,
          line: l.line,
          column,
          endColumn: column + m[2].length,
          text: meant,
        },
        preferred: true,
      },
    ],
  });
  if (everyToolReads(who)) report('UNKNOWN_KEY', 'nestedEveryToolReads', () => ({ data, ...at() }));
  else
    report('UNKNOWN_KEY', who.length === 1 ? 'nestedOneToolReads' : 'nestedSomeToolsRead', () => ({
      data: { ...data, tools: toolList(who) },
      ...at(),
    }));
}

/** The keys the tools read in this section (generated from the tools), or undefined for a section whose keys are not settings ([services x] holds service names, [plugins] plugin names). */
function keysReadIn(header: LexHeader): Readonly<Record<string, readonly ToolId[]>> | undefined {
  if (header.profile !== undefined) return KNOWN_KEY_READERS;
  return SSO_SESSION_HEADER.test(header.inner) ? SSO_SESSION_KEY_READERS : undefined;
}
const SSO_SESSION_HEADER = /^sso-session\s/;

/** Whether every tool reads a key ("every tool reads it"; otherwise "only X reads it", "X and Y read it"). */
const everyToolReads = (readers: readonly ToolId[]): boolean => readers.length === TOOL_IDS.length;

const replaceKey = (file: AwsFile, e: LexEntry, text: string, title: string): Fix => ({
  title,
  action: {
    kind: 'replaceText',
    path: file.path,
    line: e.line,
    column: e.keyColumn,
    endColumn: e.keyColumn + e.key.length,
    text,
  },
  preferred: true,
});

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
const jsRejectedFile: Check<typeof CODES> = ({ d, report }) => {
  for (const file of new Set([d.nodeView.config, d.nodeView.credentials])) {
    const rejected = file.exists ? file.js.rejected : undefined;
    if (!rejected) continue;
    const lost = file.kind === 'config' ? d.nodeView.config.py.sections.size : d.nodeView.credentials.py.sections.size;
    const noCredentials = d.tools.node.source === 'none';
    report(
      'PROTO_SECTION',
      lost === 1
        ? noCredentials
          ? 'oneSectionNoCredentials'
          : 'oneSection'
        : noCredentials
          ? 'sectionsNoCredentials'
          : 'sections',
      () => ({
        data: { line: rejected.line, fileKind: file.kind, reason: rejected.message, count: lost },
        tools: ['node'],
        ...loc(file, rejected.line, 1),
      }),
    );
  }
};

/** The templates of botocore's parse errors by configparser's exception class (any other: `otherError`, which names the class). */
const PARSE_ERRORS = {
  MissingSectionHeaderError: 'missingSectionHeader',
  ParsingError: 'parsingError',
  UnicodeDecodeError: 'notUtf8',
  ValueError: 'valueError',
} as const;

const encodingAndParse: Check<typeof CODES> = ({ d, report }) => {
  for (const { file } of filesInPlay(d)) {
    if (file.hasBom) {
      report('BYTE_ORDER_MARK', 'bom', () => ({
        data: { fileKind: file.kind },
        tools: ['python', 'cli'],
        ...loc(file, 1, 1),
        fixes: [
          { title: 'Remove the byte order mark', action: { kind: 'removeBom', path: file.path }, preferred: true },
        ],
      }));
    }
    const err = file.py.error;
    if (
      !err ||
      err.kind === 'DuplicateSectionError' ||
      err.kind === 'DuplicateOptionError' ||
      (file.hasBom && err.line === 1)
    )
      continue;
    if (err.kind === 'UnicodeDecodeError' && file.decodeError) {
      undecodable(report, file, file.decodeError);
      continue;
    }
    const data = { fileKind: file.kind, line: err.line, file: file.path };
    const at = { tools: ['python', 'cli'] as const, ...loc(file, err.line, 1) };
    if (Object.hasOwn(PARSE_ERRORS, err.kind))
      report('CONFIG_PARSE_ERROR', PARSE_ERRORS[err.kind as keyof typeof PARSE_ERRORS], () => ({ data, ...at }));
    else report('CONFIG_PARSE_ERROR', 'otherError', () => ({ data: { ...data, error: err.kind }, ...at }));
  }
};

/**
 * A byte botocore cannot decode, on its own line and column: configparser stops there with Python's
 * UnicodeDecodeError, which botocore reports as "Unable to parse config file". A UTF-16 file (a
 * Windows editor's "Unicode") fails at its first byte, and the JavaScript SDK finds nothing in it.
 */
function undecodable(report: Report, file: AwsFile, e: NonNullable<AwsFile['decodeError']>): void {
  const utf16 = e.utf16;
  if (utf16) {
    report('CONFIG_PARSE_ERROR', 'utf16', () => ({
      data: { fileKind: file.kind, bom: utf16, file: file.path, pythonError: e.python },
      ...loc(file, 1, 1),
    }));
  } else {
    report('CONFIG_PARSE_ERROR', 'undecodableByte', () => ({
      data: {
        fileKind: file.kind,
        line: e.line,
        byte: `0x${e.byte.toString(16).padStart(2, '0')}`,
        column: e.column,
        file: file.path,
        pythonError: e.python,
      },
      tools: ['python', 'cli'],
      ...loc(file, e.line, e.column),
    }));
  }
}

const permissions: Check<typeof CODES> = ({ d, report }) => {
  // POSIX modes mean nothing on Windows (ACLs decide; the tools create the files private there).
  if (d.input.platform === 'win32') return;
  for (const { file } of filesInPlay(d)) {
    // Only a regular file's mode says who can read the keys: /dev/null is 0666 by design.
    if (file.kind !== 'credentials' || !file.exists || !isRegularFile(file.stat) || (file.stat!.mode & 0o077) === 0)
      continue;
    const mode = file.stat!.mode;
    report('CREDENTIALS_FILE_PERMISSIONS', mode & 0o007 ? 'everyUser' : 'group', () => ({
      data: { mode: (mode & 0o777).toString(8).padStart(4, '0') },
      ...loc(file, 1, 1),
      fixes: [
        {
          title: 'Make the credentials file private (chmod 600)',
          action: { kind: 'chmod', path: file.path, mode: 0o600 },
          preferred: true,
        },
      ],
    }));
  }
};

export const FILE_RULES = ruleModule(CODES, [headers, entries, jsRejectedFile, encodingAndParse, permissions]);
