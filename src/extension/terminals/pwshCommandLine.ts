/**
 * PowerShell command lines → their effect on the shell's AWS environment: `$env:A = 'v'`,
 * `${env:A} = …`, `$env:A = $null` / `''` (removes it), `Remove-Item Env:A` (and rm, del, ri,
 * Clear-Item), `Set-Item Env:A v`, `[Environment]::SetEnvironmentVariable('A', 'v')` for the
 * process. Quoting: '…' with '' for a quote (PowerShell takes the typographic quotes ‘ ’ ‚ ‛ for
 * ' everywhere); "…" expands `$x` and `$(…)` (dynamic), with backtick
 * escapes. Script blocks, if/foreach and dot-sourced scripts are not guessed.
 */
import { awsCommandEffects, evalEffects } from './awsCommands';
import type { Word } from './awsCommands';
import type { CommandSelectors, EnvEffect, ParsedCommandLine } from './envEffects';
import { isAwsVariable } from './envEffects';
import { uncertain } from './posixCommandLine';

/** PowerShell's single quotes: ' and the typographic ones, each closing a string the others opened. */
const SQ = "'\u2018\u2019\u201a\u201b";
const isSingleQuote = (c: string | undefined) => c !== undefined && SQ.includes(c);
/** A single-quoted string's text: two quotes in a row are one (the second). */
const unquoteSingle = (text: string) => text.replace(new RegExp(`[${SQ}]([${SQ}])`, 'g'), '$1');
const SINGLE_QUOTED = `[${SQ}]((?:[^${SQ}]|[${SQ}][${SQ}])*)[${SQ}]`;

interface Statement {
  readonly text: string;
  readonly afterOr: boolean;
  readonly pipeline: boolean;
}

/** Splits at `;`, newlines, `&&`, `||` and `|` outside quotes, parentheses and braces. */
function statements(s: string): { list: Statement[]; block: boolean } {
  const list: Statement[] = [];
  let block = false;
  let depth = 0;
  let start = 0;
  let afterOr = false;
  let pipeline = false;
  const cut = (i: number, next: 'seq' | 'or' | 'pipe') => {
    const text = s.slice(start, i).trim();
    if (text) list.push({ text, afterOr, pipeline: pipeline || next === 'pipe' });
    pipeline = next === 'pipe';
    if (next === 'or') afterOr = true;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (isSingleQuote(c)) {
      i++;
      while (i < s.length && !(isSingleQuote(s[i]) && !isSingleQuote(s[i + 1]))) i += isSingleQuote(s[i]) ? 2 : 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') i += s[i] === '`' ? 2 : 1;
      continue;
    }
    if (c === '`') {
      i++;
      continue;
    }
    if (c === '#' && depth === 0 && (i === 0 || /\s/.test(s[i - 1]))) {
      while (i < s.length && s[i] !== '\n') i++;
      cut(i, 'seq');
      start = i + 1;
      continue;
    }
    if (c === '(' || c === '{') {
      if (c === '{' && s[i - 1] !== '$') block = true;
      depth++;
      continue;
    }
    if (c === ')' || c === '}') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0) continue;
    if (c === ';' || c === '\n') {
      cut(i, 'seq');
      start = i + 1;
      continue;
    }
    if (c === '&' && s[i + 1] === '&') {
      cut(i, 'seq');
      start = i + 2;
      i++;
      continue;
    }
    if (c === '|' && s[i + 1] === '|') {
      cut(i, 'or');
      start = i + 2;
      i++;
      continue;
    }
    if (c === '|') {
      cut(i, 'pipe');
      start = i + 1;
      continue;
    }
  }
  cut(s.length, 'seq');
  return { list, block };
}

const SINGLE_QUOTED_VALUE = new RegExp(`^${SINGLE_QUOTED}$`, 's');

/** A PowerShell value expression: a literal string or number, $null, or something dynamic. */
function value(expr: string): { kind: 'literal'; value: string } | { kind: 'null' } | { kind: 'dynamic' } {
  const e = expr.trim();
  if (/^\$null$/i.test(e)) return { kind: 'null' };
  let m = SINGLE_QUOTED_VALUE.exec(e);
  if (m) return { kind: 'literal', value: unquoteSingle(m[1]) };
  m = /^"((?:[^"`$]|`.)*)"$/s.exec(e);
  if (m)
    return {
      kind: 'literal',
      value: m[1].replace(
        /`(.)/gs,
        (_, ch: string) => (({ n: '\n', t: '\t', r: '\r', '0': '\0' }) as Record<string, string>)[ch] ?? ch,
      ),
    };
  if (/^-?\d+(?:\.\d+)?$/.test(e)) return { kind: 'literal', value: e };
  return { kind: 'dynamic' };
}

const WORDS = new RegExp(`${SINGLE_QUOTED}|"((?:[^"\`]|\`.)*)"|([^\\s"${SQ}]+)`, 'gs');

/** Splits a command statement into words (quotes removed, dynamic parts marked). */
function words(s: string): Word[] {
  const out: Word[] = [];
  const re = new RegExp(WORDS);
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[1] !== undefined) out.push({ text: unquoteSingle(m[1]), dynamic: false });
    else if (m[2] !== undefined) out.push({ text: m[2].replace(/`(.)/gs, '$1'), dynamic: m[2].includes('$') });
    else out.push({ text: m[3], dynamic: m[3].includes('$') || m[3].includes('(') });
  }
  return out;
}

const REMOVE = /^(?:Remove-Item|rm|del|erase|ri|rd|rmdir|Clear-Item|cli)$/i;
const SET_ITEM = /^(?:Set-Item|si|New-Item|ni)$/i;

/** `Env:A`, `Env:\A`, `env:/A` → A. */
function envPath(p: string): string | undefined {
  const m = /^env:[\\/]?([A-Za-z_][A-Za-z0-9_]*)$/i.exec(p);
  return m?.[1];
}

function statementEffects(st: string): { effects: EnvEffect[]; ownCredentials: boolean; selectors?: CommandSelectors } {
  // $env:A = …   ${env:A} = …
  let m = /^\$(?:env:([A-Za-z_][A-Za-z0-9_]*)|\{env:([A-Za-z_][A-Za-z0-9_]*)\})\s*(\+?=)\s*(.*)$/is.exec(st);
  if (m) {
    const name = m[1] ?? m[2];
    if (!isAwsVariable(name)) return { effects: [], ownCredentials: false };
    if (m[3] === '+=')
      return { effects: [{ kind: 'unknown', names: [name], why: 'a value was appended' }], ownCredentials: false };
    const v = value(m[4]);
    if (v.kind === 'null' || (v.kind === 'literal' && v.value === ''))
      return { effects: [{ kind: 'unset', name }], ownCredentials: false };
    if (v.kind === 'literal') return { effects: [{ kind: 'set', name, value: v.value }], ownCredentials: false };
    return {
      effects: [{ kind: 'setUnknown', name, why: 'its value is computed by PowerShell' }],
      ownCredentials: false,
    };
  }
  // [Environment]::SetEnvironmentVariable('A', 'v'[, 'Process'])
  m =
    /^\[(?:System\.)?Environment\]::SetEnvironmentVariable\(\s*('(?:[^']|'')*'|"[^"]*")\s*,\s*(.+?)\s*(?:,\s*(?:'Process'|"Process"|\[(?:System\.)?EnvironmentVariableTarget\]::Process))?\s*\)$/is.exec(
      st,
    );
  if (m) {
    const n = value(m[1]);
    if (n.kind !== 'literal' || !isAwsVariable(n.value)) return { effects: [], ownCredentials: false };
    if (
      /,\s*(?:'(?:User|Machine)'|"(?:User|Machine)"|\[[\w.]*EnvironmentVariableTarget\]::(?:User|Machine))\s*$/i.test(
        m[2],
      )
    )
      return { effects: [], ownCredentials: false };
    const v = value(m[2]);
    if (v.kind === 'null' || (v.kind === 'literal' && v.value === ''))
      return { effects: [{ kind: 'unset', name: n.value }], ownCredentials: false };
    if (v.kind === 'literal')
      return { effects: [{ kind: 'set', name: n.value, value: v.value }], ownCredentials: false };
    return {
      effects: [{ kind: 'setUnknown', name: n.value, why: 'its value is computed by PowerShell' }],
      ownCredentials: false,
    };
  }
  const w = words(st);
  if (!w.length) return { effects: [], ownCredentials: false };
  const cmd = w[0].text;
  const rest = w.slice(1);
  if (REMOVE.test(cmd)) {
    const out: EnvEffect[] = [];
    for (let i = 0; i < rest.length; i++) {
      const t = rest[i].text;
      if (/^-(?:Path|LiteralPath)$/i.test(t)) continue;
      if (t.startsWith('-')) continue;
      for (const part of t.split(',')) {
        const name = envPath(part.trim());
        if (name && isAwsVariable(name))
          out.push(
            rest[i].dynamic ? { kind: 'unknown', names: [name], why: 'a computed path' } : { kind: 'unset', name },
          );
        else if (/^env:/i.test(part.trim()) && /AWS_|\*/.test(part))
          out.push({ kind: 'unknown', why: 'a wildcard over Env:' });
      }
    }
    return { effects: out, ownCredentials: false };
  }
  if (SET_ITEM.test(cmd)) {
    const positional: Word[] = [];
    let named: Word | undefined;
    for (let i = 0; i < rest.length; i++) {
      if (/^-Value$/i.test(rest[i].text)) {
        named = rest[++i];
        continue;
      }
      if (/^-(?:Path|LiteralPath)$/i.test(rest[i].text)) continue;
      if (rest[i].text.startsWith('-')) {
        continue;
      }
      positional.push(rest[i]);
    }
    const name = positional[0] && envPath(positional[0].text);
    if (!name || !isAwsVariable(name)) return { effects: [], ownCredentials: false };
    const v = named ?? positional[1];
    if (!v) return { effects: [{ kind: 'unknown', names: [name], why: 'no value given' }], ownCredentials: false };
    return {
      effects: [
        v.dynamic
          ? { kind: 'setUnknown', name, why: 'its value is computed by PowerShell' }
          : v.text === ''
            ? { kind: 'unset', name }
            : { kind: 'set', name, value: v.text },
      ],
      ownCredentials: false,
    };
  }
  if (cmd === '.' && rest[0])
    return { effects: [{ kind: 'unknown', why: 'a dot-sourced PowerShell script' }], ownCredentials: false };
  if (/^(?:Invoke-Expression|iex)$/i.test(cmd)) return { effects: evalEffects(st), ownCredentials: false };
  const r = awsCommandEffects(w);
  return { effects: [...r.effects], ownCredentials: r.ownCredentials, selectors: r.selectors };
}

/** Parses a PowerShell command line. */
export function parsePwshCommandLine(line: string): ParsedCommandLine {
  const { list, block } = statements(line);
  const effects: EnvEffect[] = [];
  let ownCredentials = false;
  let selectors: CommandSelectors | undefined;
  for (const [i, st] of list.entries()) {
    // `aws configure export-credentials --format powershell | Invoke-Expression`
    const r =
      st.pipeline && /^(?:Invoke-Expression|iex)$/i.test(st.text) && i > 0
        ? { effects: evalEffects(list[i - 1].text), ownCredentials: false }
        : statementEffects(st.text);
    ownCredentials ||= r.ownCredentials;
    if ('selectors' in r && r.selectors) selectors = r.selectors;
    const invoked = st.pipeline && /^(?:Invoke-Expression|iex)$/i.test(st.text);
    const why = block
      ? 'inside a script block, if or loop'
      : st.afterOr
        ? 'after ||, it may not have run'
        : st.pipeline && !invoked
          ? 'in a pipeline'
          : undefined;
    for (const e of r.effects) effects.push(why && e.kind !== 'filesChanged' ? uncertain(e, why) : e);
  }
  return selectors
    ? { effects, inline: new Map(), ownCredentials, selectors }
    : { effects, inline: new Map(), ownCredentials };
}
