/**
 * fish command lines → their effect on the shell's AWS environment: `set -x/-gx/-Ux A v…`,
 * `set -e A`, `set -u A`, `set A v` (exported only if A already is), `export A=B` (fish's
 * wrapper), `A=B cmd` and `env A=B cmd`, `source f`, `eval (…)`, and the AWS programs. fish
 * quoting: '…' (only \' and \\ escape), "…" ($var expands; \" \$ \\ escape), `(…)` and `$(…)`
 * command substitutions are opaque. Blocks (if/for/while/function/begin…end) are not guessed.
 */
import type { Word } from './awsCommands';
import { awsCommandEffects, evalEffects } from './awsCommands';
import type { CommandSelectors, EnvEffect, ParsedCommandLine } from './envEffects';
import { isAwsVariable } from './envEffects';
import { uncertain } from './posixCommandLine';

interface Command {
  readonly words: Word[];
  readonly afterOr: boolean;
  pipeline: boolean;
}

const BLOCKS = new Set(['if', 'else', 'for', 'while', 'function', 'begin', 'switch', 'case', 'end']);

function skipParens(s: string, i: number): number {
  let depth = 1;
  while (i < s.length && depth > 0) {
    const c = s[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== c) j += s[j] === '\\' ? 2 : 1;
      i = j + 1;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    i++;
  }
  return i;
}

function readWord(s: string, i: number): { word: Word; end: number } {
  let text = '';
  let dynamic = false;
  while (i < s.length) {
    const c = s[i];
    if (/[ \t\n;&|<>]/.test(c) || c === ')') break;
    if (c === '\\') {
      if (s[i + 1] === '\n') {
        i += 2;
        continue;
      }
      const e = s[i + 1] ?? '';
      text += e === 'n' ? '\n' : e === 't' ? '\t' : e;
      i += 2;
      continue;
    }
    if (c === "'") {
      i++;
      while (i < s.length && s[i] !== "'") {
        if (s[i] === '\\' && (s[i + 1] === "'" || s[i + 1] === '\\')) {
          text += s[i + 1];
          i += 2;
          continue;
        }
        text += s[i++];
      }
      i++;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && /["$\\\n]/.test(s[i + 1] ?? '')) {
          if (s[i + 1] !== '\n') text += s[i + 1];
          i += 2;
          continue;
        }
        if (s[i] === '$') {
          dynamic = true;
          if (s[i + 1] === '(') {
            const end = skipParens(s, i + 2);
            text += s.slice(i, end);
            i = end;
            continue;
          }
        }
        text += s[i++];
      }
      i++;
      continue;
    }
    if (c === '$') {
      dynamic = true;
      if (s[i + 1] === '(') {
        const end = skipParens(s, i + 2);
        text += s.slice(i, end);
        i = end;
        continue;
      }
    }
    if (c === '(') {
      dynamic = true;
      const end = skipParens(s, i + 1);
      text += s.slice(i, end);
      i = end;
      continue;
    }
    if (c === '~' && text === '') {
      text += '~';
      i++;
      continue;
    }
    text += c;
    i++;
  }
  return { word: { text, dynamic }, end: i };
}

function tokenize(s: string): { commands: Command[]; block: boolean } {
  const commands: Command[] = [];
  let block = false;
  let words: Word[] = [];
  let afterOr = false;
  let pipeline = false;
  const end = (next: 'seq' | 'or' | 'pipe') => {
    if (words.length) {
      const cmd = { words, afterOr, pipeline };
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
      end('seq');
      i++;
      continue;
    }
    if (c === '&' && s[i + 1] === '&') {
      end('seq');
      i += 2;
      continue;
    }
    if (c === '|' && s[i + 1] === '|') {
      end('or');
      i += 2;
      continue;
    }
    if (c === '|' || (c === '&' && s[i + 1] === '|')) {
      end('pipe');
      i += c === '&' ? 2 : 1;
      continue;
    }
    if (c === '&' && s[i + 1] !== '>') {
      end('seq');
      i++;
      continue;
    }
    if (c === ')') {
      i++;
      continue;
    }
    if (c === '<' || c === '>' || c === '&') {
      i++;
      while (i < s.length && /[<>&|?^]/.test(s[i])) i++;
      if (/[0-9-]/.test(s[i] ?? '') && s[i - 1] === '&') {
        i++;
        continue;
      }
      while (s[i] === ' ' || s[i] === '\t') i++;
      i = Math.max(readWord(s, i).end, i);
      continue;
    }
    const w = readWord(s, i);
    i = Math.max(w.end, i + 1);
    if ((s[i] === '>' || s[i] === '<') && /^\d+$/.test(w.word.text)) continue;
    if (!words.length && !w.word.dynamic) {
      if (w.word.text === 'and') {
        continue;
      }
      if (w.word.text === 'or') {
        afterOr = true;
        continue;
      }
      if (w.word.text === 'not') continue;
      if (BLOCKS.has(w.word.text)) {
        block = true;
        if (w.word.text !== 'function' && w.word.text !== 'for' && w.word.text !== 'switch' && w.word.text !== 'case')
          continue;
      }
    }
    words.push(w.word);
  }
  end('seq');
  return { commands, block };
}

const SET_LONG: Readonly<Record<string, string>> = {
  '--export': 'x',
  '--global': 'g',
  '--universal': 'U',
  '--local': 'l',
  '--function': 'f',
  '--erase': 'e',
  '--unexport': 'u',
  '--query': 'q',
  '--names': 'n',
  '--append': 'a',
  '--prepend': 'p',
  '--show': 'S',
  '--path': 'P',
  '--unpath': 'P',
};

/** fish's `set`. */
function setEffects(args: readonly Word[]): EnvEffect[] {
  const flags = new Set<string>();
  let k = 0;
  for (; k < args.length; k++) {
    const t = args[k].text;
    if (t === '--') {
      k++;
      break;
    }
    if (SET_LONG[t]) {
      flags.add(SET_LONG[t]);
      continue;
    }
    if (/^-[a-zA-Z]+$/.test(t)) {
      for (const f of t.slice(1)) flags.add(f);
      continue;
    }
    break;
  }
  const rest = args.slice(k);
  if (flags.has('q') || flags.has('n') || flags.has('S') || !rest.length) return [];
  const nameWord = rest[0];
  // `set A[1] v` sets an element: not followed.
  const name = nameWord.text.replace(/\[.*$/, '');
  if (nameWord.dynamic || !isAwsVariable(name)) return [];
  if (name !== nameWord.text) return [{ kind: 'unknown', names: [name], why: 'one element of a list was changed' }];
  if (flags.has('e')) return [{ kind: 'unset', name }];
  if (flags.has('u')) return [{ kind: 'unset', name }];
  if (flags.has('l') || flags.has('f')) return []; // local to a block or function: not exported beyond it
  if (flags.has('a') || flags.has('p')) return [{ kind: 'unknown', names: [name], why: 'a value was appended' }];
  const values = rest.slice(1);
  const dynamic = values.some((v) => v.dynamic);
  // fish exports a list joined by spaces.
  const value = values.map((v) => v.text).join(' ');
  if (flags.has('x'))
    return [
      dynamic ? { kind: 'setUnknown', name, why: 'its value is computed by the shell' } : { kind: 'set', name, value },
    ];
  return [{ kind: 'assign', name, value: dynamic ? undefined : value }];
}

/** Parses a fish command line. */
export function parseFishCommandLine(line: string): ParsedCommandLine {
  const { commands, block } = tokenize(line);
  const effects: EnvEffect[] = [];
  const inline = new Map<string, string | undefined>();
  let ownCredentials = false;
  let selectors: CommandSelectors | undefined;
  for (const c of commands) {
    const local: EnvEffect[] = [];
    let words = c.words;
    // fish ≥ 3.1 accepts `A=B cmd`.
    let i = 0;
    const prefix: Word[] = [];
    while (i < words.length - 1 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].text)) prefix.push(words[i++]);
    words = words.slice(i);
    for (const p of prefix) {
      const n = p.text.slice(0, p.text.indexOf('='));
      if (isAwsVariable(n)) inline.set(n, p.dynamic ? undefined : p.text.slice(n.length + 1));
    }
    while (words.length > 1 && ['command', 'builtin', 'exec', 'time'].includes(words[0].text)) words = words.slice(1);
    const name = words[0]?.text;
    const args = words.slice(1);
    if (!name) continue;
    if (words[0].dynamic) {
      if (/AWS_/.test(line)) local.push({ kind: 'unknown', why: 'a command whose name the shell computes' });
    } else if (name === 'set') {
      local.push(...setEffects(args));
    } else if (name === 'export') {
      for (const a of args) {
        const eq = a.text.indexOf('=');
        const n = eq < 0 ? a.text : a.text.slice(0, eq);
        if (!isAwsVariable(n)) continue;
        if (eq < 0) local.push({ kind: 'export', name: n });
        else
          local.push(
            a.dynamic
              ? { kind: 'setUnknown', name: n, why: 'its value is computed by the shell' }
              : { kind: 'set', name: n, value: a.text.slice(eq + 1) },
          );
      }
    } else if (name === 'source' || name === '.') {
      const f = args[0];
      if (f && !f.dynamic) local.push({ kind: 'source', path: f.text });
      else if (f) local.push({ kind: 'unknown', why: 'a script whose path the shell computes was sourced' });
    } else if (name === 'eval') {
      local.push(...evalEffects(args.map((a) => a.text).join(' ')));
    } else if (name === 'env') {
      let j = 0;
      for (; j < args.length; j++) {
        const t = args[j].text;
        if (t === '-i' || t === '--ignore-environment') {
          ownCredentials = true;
          continue;
        }
        if ((t === '-u' || t === '--unset') && args[j + 1]) {
          if (isAwsVariable(args[j + 1].text)) inline.set(args[j + 1].text, undefined);
          j++;
          continue;
        }
        const eq = t.indexOf('=');
        if (eq > 0) {
          const n = t.slice(0, eq);
          if (isAwsVariable(n)) inline.set(n, args[j].dynamic ? undefined : t.slice(eq + 1));
          continue;
        }
        if (t.startsWith('-')) continue;
        break;
      }
      const r = awsCommandEffects(args.slice(j));
      ownCredentials ||= r.ownCredentials;
      selectors = r.selectors ?? selectors;
      local.push(...r.effects.filter((e) => e.kind === 'filesChanged'));
    } else {
      if (name === 'sudo' || name === 'doas') ownCredentials = true;
      const r = awsCommandEffects(words);
      ownCredentials ||= r.ownCredentials;
      selectors = r.selectors ?? selectors;
      local.push(...r.effects);
    }
    // fish runs the last part of a pipeline's builtins in this shell, but not the others: not guessed.
    const why = block
      ? 'inside an if/for/while/begin block or a function'
      : c.afterOr
        ? 'after || / or, it may not have run'
        : c.pipeline
          ? 'in a pipeline'
          : undefined;
    for (const e of local) effects.push(why && e.kind !== 'filesChanged' ? uncertain(e, why) : e);
  }
  return selectors ? { effects, inline, ownCredentials, selectors } : { effects, inline, ownCredentials };
}
