/**
 * Lines of text for a terminal: styled segments (colour only when asked for), wrapped to a width
 * with a hanging indent, every value redacted and its control characters escaped before any
 * escape sequence of our own is added. The text report (format.ts) is built from these.
 */
import { redact } from '../secrets/redact';
import { sanitize } from '../core/sanitize';

/** What a segment means; the colour is chosen here, once. */
export type StyleName = 'error' | 'warning' | 'info' | 'ok' | 'heading' | 'code' | 'dim' | 'command';

/** ECMA-48 SGR parameters: the 16 basic colours, which every terminal that shows colour shows. */
const SGR: Readonly<Record<StyleName, string>> = {
  error: '1;31',
  warning: '1;33',
  info: '1;36',
  ok: '32',
  heading: '1',
  code: '1',
  dim: '2',
  command: '36',
};

/** Plain text, or text in a style; `whole`: never broken at its spaces (`key ****MPLE`). */
export type Segment = string | { readonly text: string; readonly style?: StyleName; readonly whole?: boolean };

export const styled = (style: StyleName, text: string): Segment => ({ text, style });
export const whole = (text: string, style?: StyleName): Segment => ({ text, style, whole: true });

export interface TextLine {
  /** Never broken: a label, a severity and code, a location, a command to copy. */
  readonly head: readonly Segment[];
  /** Prose after the head, wrapped at spaces to the width; continuation lines start at `hang`. */
  readonly body?: readonly Segment[];
  readonly hang?: number;
}

export interface TextLayout {
  /** Emit SGR colour sequences. */
  readonly colour: boolean;
  /** Columns to wrap prose at; Infinity: never wrap. */
  readonly width: number;
}

/** No colour, no wrapping: what tests and other callers of formatText get by default. */
export const PLAIN_LAYOUT: TextLayout = { colour: false, width: Infinity };

const textOf = (s: Segment): string => (typeof s === 'string' ? s : s.text);
const columns = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * The lines as text, ending in a newline. Each line is redacted and sanitised whole (a secret
 * cannot hide across two segments or two wrapped lines); a line whose text that changes, which
 * the callers never let happen, is printed as changed and without colour.
 */
export function renderLines(lines: readonly TextLine[], layout: TextLayout): string {
  const out: string[] = [];
  for (const line of lines) {
    const all = [...line.head, ...(line.body ?? [])];
    const plain = all.map(textOf).join('');
    const safe = sanitize(redact(plain));
    const styled = safe === plain ? line : { head: [safe] };
    for (const l of wrap(styled, layout.width))
      out.push(
        l
          .map((s) => paint(s, layout.colour))
          .join('')
          .trimEnd(),
      );
  }
  return out.join('\n') + '\n';
}

function paint(s: Segment, colour: boolean): string {
  if (typeof s === 'string') return s;
  return colour && s.style && s.text ? `\x1b[${SGR[s.style]}m${s.text}\x1b[0m` : s.text;
}

/** Greedy wrapping of the body at runs of spaces; a word longer than the room left stays whole. */
function wrap(line: TextLine, width: number): Segment[][] {
  const first: Segment[] = [...line.head];
  if (!line.body?.length) return [first];
  const result: Segment[][] = [first];
  let current = first;
  let col = columns(line.head.map(textOf).join(''));
  const hang = line.hang ?? 0;
  // The spaces before the next word; none: the word continues the previous one (never broken there).
  let space = '';
  for (const seg of line.body) {
    const style = typeof seg === 'string' ? undefined : seg.style;
    const text = textOf(seg);
    const parts = typeof seg !== 'string' && seg.whole ? /^( *)(.*)$/s.exec(text)!.slice(1) : text.split(/( +)/);
    for (const part of parts) {
      if (part === '') continue;
      if (part.startsWith(' ')) {
        space = part;
        continue;
      }
      if (space && col + space.length + columns(part) > width) {
        current = [' '.repeat(hang)];
        result.push(current);
        col = hang;
        space = '';
      }
      // A word in the same style as the one before joins its segment (one colour sequence per run).
      const last = current[current.length - 1];
      if (style && typeof last !== 'string' && last?.style === style)
        current[current.length - 1] = { text: last.text + space + part, style };
      else current.push(...(space ? [space] : []), style ? { text: part, style } : part);
      col += space.length + columns(part);
      space = '';
    }
  }
  return result;
}
