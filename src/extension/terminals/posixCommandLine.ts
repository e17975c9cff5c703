/**
 * bash and zsh command lines → their effect on the shell's AWS environment. A small POSIX-ish
 * tokenizer (quotes, `$'…'`, escapes, line continuations, `$(…)`/backticks/`${…}` as opaque dynamic
 * parts, comments, redirections, `;` `&&` `||` `|` `&` and newlines, subshells) and the builtins
 * that change the environment: export, unset, declare/typeset, `A=B` alone, `A=B cmd`, `env`,
 * `source`/`.`, `eval`. What it cannot know it reports as unknown: effects inside if/for/while or a
 * function definition, after `||`, in a pipeline, behind a heredoc, of a dynamic command name.
 */
import type { Word } from './awsCommands';
import { awsCommandEffects, evalEffects } from './awsCommands';
import type { CommandSelectors, EnvEffect, ParsedCommandLine } from './envEffects';
import { isAwsVariable } from './envEffects';
import { unreachable } from '../../engine/core/unreachable';

interface PWord extends Word {
  /** `NAME=` of an assignment word (the name unquoted), else undefined. */
  readonly assignName?: string;
  /** The assignment's value text (after the first `=`). */
  readonly assignValue?: string;
  /** `NAME+=` (append). */
  readonly append?: boolean;
}

interface Command {
  readonly words: PWord[];
  /** Inside `( … )`: nothing it does reaches this shell. */
  readonly subshell: boolean;
  /** Part of a pipeline (each part runs in a subshell in bash). */
  pipeline: boolean;
  /** After `||`: may not have run. */
  readonly afterOr: boolean;
}

const KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'for',
  'while',
  'until',
  'do',
  'done',
  'case',
  'esac',
  'function',
  'select',
  '[[',
  'coproc',
]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Tokenized {
  readonly commands: Command[];
  /** Control structures, function definitions or heredocs: effects are not guessed. */
  readonly compound: boolean;
}

/** Scans a balanced `$( … )` / `( … )` starting after the opening parenthesis; returns the index after the closing one. */
function skipBalanced(s: string, i: number, open: string, close: string): number {
  let depth = 1;
  while (i < s.length && depth > 0) {
    const c = s[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'") {
      const j = s.indexOf("'", i + 1);
      i = j < 0 ? s.length : j + 1;
      continue;
    }
    if (c === '"') {
      i = skipDouble(s, i + 1);
      continue;
    }
    if (c === open) depth++;
    else if (c === close) depth--;
    i++;
  }
  return i;
}

/** Index after the closing `"` of a double-quoted string starting at i (after the opening quote). */
function skipDouble(s: string, i: number): number {
  while (i < s.length && s[i] !== '"') {
    if (s[i] === '\\') i++;
    else if (s[i] === '$' && s[i + 1] === '(') {
      i = skipBalanced(s, i + 2, '(', ')');
      continue;
    }
    i++;
  }
  return i + 1;
}

const ANSI_C: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** Reads `$…` at i (s[i] === '$'); returns the index after it and whether it is dynamic, with literal text for `$'…'`. */
function readDollar(s: string, i: number): { end: number; literal?: string } {
  const n = s[i + 1];
  if (n === "'") {
    let out = '';
    let j = i + 2;
    while (j < s.length && s[j] !== "'") {
      if (s[j] === '\\' && j + 1 < s.length) {
        const e = s[j + 1];
        if (e === 'x') {
          const hex = /^[0-9a-fA-F]{1,2}/.exec(s.slice(j + 2))?.[0] ?? '';
          out += hex ? String.fromCharCode(parseInt(hex, 16)) : '\\x';
          j += 2 + hex.length;
          continue;
        }
        out += ANSI_C[e] ?? `\\${e}`;
        j += 2;
        continue;
      }
      out += s[j++];
    }
    return { end: j + 1, literal: out };
  }
  if (n === '(') return { end: skipBalanced(s, i + 2, '(', ')') };
  if (n === '{') return { end: skipBalanced(s, i + 2, '{', '}') };
  const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9?#$!@*-])/.exec(s.slice(i + 1, i + 200));
  if (m) return { end: i + 1 + m[0].length };
  return { end: i + 1, literal: '$' };
}

function tokenize(s: string): Tokenized {
  const commands: Command[] = [];
  let compound = false;
  let depth = 0;
  let words: PWord[] = [];
  let afterOr = false;
  let pipeline = false;
  const endCommand = (next: 'seq' | 'or' | 'pipe') => {
    if (words.length || next === 'pipe') {
      const cmd: Command = { words, subshell: depth > 0, pipeline, afterOr };
      commands.push(cmd);
      if (next === 'pipe') cmd.pipeline = true;
    }
    words = [];
    pipeline = next === 'pipe';
    if (next === 'or') afterOr = true;
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && s[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < s.length && s[i] !== '\n') i++;
      continue;
    }
    if (c === '\n' || c === ';') {
      endCommand('seq');
      i += s[i + 1] === ';' ? 2 : 1;
      continue;
    }
    if (c === '&' && s[i + 1] === '&') {
      endCommand('seq');
      i += 2;
      continue;
    }
    if (c === '|' && s[i + 1] === '|') {
      endCommand('or');
      i += 2;
      continue;
    }
    if (c === '|') {
      endCommand('pipe');
      i += s[i + 1] === '&' ? 2 : 1;
      continue;
    }
    if (c === '&' && s[i + 1] !== '>') {
      endCommand('seq');
      i++;
      continue;
    }
    if (c === '(') {
      if (words.length) compound = true; // `f() { … }`: a function definition
      if (s[i + 1] === '(') {
        compound = true;
        i = skipBalanced(s, i + 2, '(', ')') + 1;
        continue;
      } // (( arithmetic ))
      depth++;
      i++;
      continue;
    }
    if (c === ')') {
      endCommand('seq');
      depth = Math.max(0, depth - 1);
      i++;
      continue;
    }
    if (c === '<' || c === '>' || (c === '&' && s[i + 1] === '>')) {
      if (c === '<' && s[i + 1] === '<' && s[i + 2] !== '<') compound = true; // a heredoc: its lines are not commands
      i++;
      while (i < s.length && /[<>&|]/.test(s[i])) i++;
      if (/[0-9-]/.test(s[i] ?? '') && s[i - 1] === '&') {
        i++;
        continue;
      } // 2>&1, >&-
      while (s[i] === ' ' || s[i] === '\t') i++;
      i = readWord(s, i).end; // the redirection's target
      continue;
    }
    const w = readWord(s, i);
    i = Math.max(w.end, i + 1);
    // An fd number right before a redirection (2>file) is not a word.
    if ((s[i] === '>' || s[i] === '<') && /^\d+$/.test(w.word.text) && !w.word.dynamic) continue;
    if (!words.length && (w.word.text === '{' || w.word.text === '}') && !w.word.dynamic) continue;
    if (!words.length && KEYWORDS.has(w.word.text) && !w.word.dynamic) {
      compound = true;
      continue;
    } // `then export …`: the command follows the keyword
    if (!words.length && w.word.text === '!') continue;
    words.push(w.word);
  }
  endCommand('seq');
  return { commands, compound };
}

/** Reads one word starting at i. */
function readWord(s: string, i: number): { word: PWord; end: number } {
  let text = '';
  let dynamic = false;
  let quotedSoFar = false;
  let assignAt = -1;
  let append = false;
  while (i < s.length) {
    const c = s[i];
    if (
      c === ' ' ||
      c === '\t' ||
      c === '\n' ||
      c === ';' ||
      c === '&' ||
      c === '|' ||
      c === '(' ||
      c === ')' ||
      c === '<' ||
      c === '>'
    )
      break;
    if (c === '\\') {
      if (s[i + 1] === '\n') {
        i += 2;
        continue;
      }
      text += s[i + 1] ?? '';
      quotedSoFar = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const j = s.indexOf("'", i + 1);
      text += s.slice(i + 1, j < 0 ? s.length : j);
      quotedSoFar = true;
      i = j < 0 ? s.length : j + 1;
      continue;
    }
    if (c === '"') {
      quotedSoFar = true;
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && /[$`"\\\n]/.test(s[i + 1] ?? '')) {
          if (s[i + 1] !== '\n') text += s[i + 1];
          i += 2;
          continue;
        }
        if (s[i] === '$') {
          const d = readDollar(s, i);
          if (d.literal !== undefined && s[i + 1] !== "'") text += d.literal;
          else {
            dynamic = true;
            text += s.slice(i, d.end);
          }
          i = d.end;
          continue;
        }
        if (s[i] === '`') {
          const j = s.indexOf('`', i + 1);
          dynamic = true;
          text += s.slice(i, j < 0 ? s.length : j + 1);
          i = j < 0 ? s.length : j + 1;
          continue;
        }
        text += s[i++];
      }
      i++;
      continue;
    }
    if (c === '$') {
      const d = readDollar(s, i);
      if (d.literal !== undefined) {
        text += d.literal;
        if (s[i + 1] === "'") quotedSoFar = true;
      } else {
        dynamic = true;
        text += s.slice(i, d.end);
      }
      i = d.end;
      continue;
    }
    if (c === '`') {
      const j = s.indexOf('`', i + 1);
      dynamic = true;
      text += s.slice(i, j < 0 ? s.length : j + 1);
      i = j < 0 ? s.length : j + 1;
      continue;
    }
    if (c === '=' && assignAt < 0 && !quotedSoFar && !dynamic) {
      const name = text.endsWith('+') ? text.slice(0, -1) : text;
      if (NAME.test(name)) {
        assignAt = text.length;
        append = text.endsWith('+');
      }
    }
    if (c === '~' && text === '' && !quotedSoFar) {
      text += '~';
      i++;
      continue;
    }
    text += c;
    i++;
  }
  if (assignAt >= 0) {
    const name = append ? text.slice(0, assignAt - 1) : text.slice(0, assignAt);
    return { word: { text, dynamic, assignName: name, assignValue: text.slice(assignAt + 1), append }, end: i };
  }
  return { word: { text, dynamic }, end: i };
}

function assignmentEffect(w: PWord, exported: boolean): EnvEffect | undefined {
  const name = w.assignName!;
  if (!isAwsVariable(name)) return undefined;
  if (w.append) return { kind: 'unknown', names: [name], why: `${name}+= appends to a value` };
  if (w.dynamic)
    return exported
      ? { kind: 'setUnknown', name, why: 'its value is computed by the shell' }
      : { kind: 'assign', name, value: undefined };
  return exported ? { kind: 'set', name, value: w.assignValue! } : { kind: 'assign', name, value: w.assignValue! };
}

/** export / declare / typeset / local / readonly with their flags. */
function declarationEffects(cmd: string, args: readonly PWord[]): EnvEffect[] {
  let exportFlag = cmd === 'export';
  let unexport = false;
  let functions = false;
  let print = false;
  const out: EnvEffect[] = [];
  for (const a of args) {
    if (!a.assignName && /^[-+][A-Za-z]+$/.test(a.text)) {
      const on = a.text[0] === '-';
      for (const f of a.text.slice(1)) {
        if (f === 'x') {
          if (on) exportFlag = true;
          else unexport = true;
        } else if (f === 'n' && cmd === 'export') unexport = true;
        else if (f === 'f' || f === 'F') functions = true;
        else if (f === 'p') print = true;
      }
      continue;
    }
    if (a.text === '--') continue;
    if (functions || print) continue;
    if (a.assignName) {
      if (unexport) {
        if (isAwsVariable(a.assignName)) out.push({ kind: 'unset', name: a.assignName });
        continue;
      }
      if (cmd === 'local' && !exportFlag) continue;
      const e = assignmentEffect(a, exportFlag);
      if (e) out.push(e);
      continue;
    }
    if (a.dynamic || !NAME.test(a.text) || !isAwsVariable(a.text)) continue;
    if (unexport) out.push({ kind: 'unset', name: a.text });
    else if (exportFlag) out.push({ kind: 'export', name: a.text });
  }
  return out;
}

/** Prefixes that run the rest of the line as a command. */
const WRAPPERS = new Set(['command', 'builtin', 'nohup', 'time', 'noglob', 'nocorrect', 'exec']);

/** Parses a bash or zsh command line. */
export function parsePosixCommandLine(line: string): ParsedCommandLine {
  const { commands, compound } = tokenize(line);
  const effects: EnvEffect[] = [];
  const inline = new Map<string, string | undefined>();
  let ownCredentials = false;
  let selectors: CommandSelectors | undefined;
  for (const c of commands) {
    const local: EnvEffect[] = [];
    let words = c.words;
    let i = 0;
    const prefix: PWord[] = [];
    while (i < words.length && words[i].assignName) prefix.push(words[i++]);
    words = words.slice(i);
    if (!words.length) {
      for (const a of prefix) {
        const e = assignmentEffect(a, false);
        if (e) local.push(e);
      }
    } else {
      while (words.length > 1 && WRAPPERS.has(words[0].text)) words = words.slice(1);
      if (words[0].text === 'sudo' || words[0].text === 'doas') ownCredentials = true; // sudo resets the environment
      const name = words[0].text;
      const args = words.slice(1);
      for (const a of prefix)
        if (isAwsVariable(a.assignName!)) inline.set(a.assignName!, a.dynamic ? undefined : a.assignValue);
      if (words[0].dynamic) {
        if (/AWS_/.test(line)) local.push({ kind: 'unknown', why: 'a command whose name the shell computes' });
      } else if (['export', 'declare', 'typeset', 'local', 'readonly'].includes(name)) {
        local.push(...declarationEffects(name, args));
      } else if (name === 'unset') {
        const fn = args.some((a) => a.text === '-f');
        if (!fn)
          for (const a of args)
            if (!a.text.startsWith('-') && !a.dynamic && isAwsVariable(a.text))
              local.push({ kind: 'unset', name: a.text });
      } else if (name === 'source' || name === '.') {
        const file = args[0];
        if (file && !file.dynamic) local.push({ kind: 'source', path: file.text });
        else if (file) local.push({ kind: 'unknown', why: 'a script whose path the shell computes was sourced' });
      } else if (name === 'eval') {
        local.push(...evalEffects(args.map((a) => a.text).join(' ')));
      } else if (name === 'env') {
        let j = 0;
        for (; j < args.length; j++) {
          const a = args[j];
          if (a.text === '-i' || a.text === '--ignore-environment' || a.text === '-') {
            ownCredentials = true;
            continue;
          }
          if ((a.text === '-u' || a.text === '--unset') && args[j + 1]) {
            if (isAwsVariable(args[j + 1].text)) inline.set(args[j + 1].text, undefined);
            j++;
            continue;
          }
          if (a.assignName) {
            if (isAwsVariable(a.assignName)) inline.set(a.assignName, a.dynamic ? undefined : a.assignValue);
            continue;
          }
          if (a.text.startsWith('-')) continue;
          break;
        }
        const rest = awsCommandEffects(args.slice(j));
        ownCredentials ||= rest.ownCredentials;
        selectors = rest.selectors ?? selectors;
        local.push(...rest.effects.filter((e) => e.kind === 'filesChanged'));
      } else {
        const r = awsCommandEffects(words);
        ownCredentials ||= r.ownCredentials;
        selectors = r.selectors ?? selectors;
        local.push(...r.effects);
      }
    }
    if (c.subshell) continue; // nothing a subshell does reaches this shell
    const why = compound
      ? 'inside an if/for/while, a function or a heredoc'
      : c.afterOr
        ? 'after ||, it may not have run'
        : c.pipeline
          ? 'in a pipeline, it may run in a subshell'
          : undefined;
    for (const e of local) effects.push(why && e.kind !== 'filesChanged' ? uncertain(e, why) : e);
  }
  return selectors ? { effects, inline, ownCredentials, selectors } : { effects, inline, ownCredentials };
}

/** The effect, turned into "not known" for the variables it touches. */
export function uncertain(e: EnvEffect, why: string): EnvEffect {
  switch (e.kind) {
    case 'set':
    case 'setUnknown':
    case 'unset':
    case 'assign':
    case 'export':
      return { kind: 'unknown', names: [e.name], why };
    case 'source':
      return { kind: 'unknown', why: `a file sourced ${why}` };
    case 'unknown':
    case 'filesChanged':
      return e;
    default:
      return unreachable(e, 'environment effect');
  }
}
