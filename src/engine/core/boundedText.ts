/**
 * How much of a pasted or piped error text `explain` reads: its start and its end. A log of any
 * size costs the same time and memory; an AWS error is usually at the end of a log (the command
 * that failed last), and the start names the command. What was left out is said, never silent.
 */

/** The start kept (bytes of standard input, or characters of a string). */
export const HEAD_LIMIT = 64 * 1024;
/** The end kept. Head, tail and the note together stay under the explainer's own cap (1,000,000 characters). */
export const TAIL_LIMIT = 896 * 1024;

/** What was left out of a text: its whole size and what of it was kept, in one unit. */
export interface TextCut {
  readonly total: number;
  readonly head: number;
  readonly tail: number;
  readonly unit: 'bytes' | 'characters';
}

/** "64 KB", "1.2 MB", "600 MB" (binary units, as a file manager shows them); characters as "64K characters", "5.2M characters". */
function size(n: number, unit: TextCut['unit']): string {
  const [b, k, m] = unit === 'bytes' ? [' bytes', ' KB', ' MB'] : [' characters', 'K characters', 'M characters'];
  if (n < 1024) return `${n}${b}`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)}${k}`;
  const mb = n / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)}${m}`;
}

/** How far from the cut a line end may be to cut there instead (a half line is dropped, not a long one). */
const LINE_SLACK = 4096;

/** What the user is told: what was read of how much, and why the end. */
export function cutNote(cut: TextCut): string {
  return `the text is ${size(cut.total, cut.unit)}: only its first ${size(cut.head, cut.unit)} and its last ${size(cut.tail, cut.unit)} were read (an AWS error is usually at the end of a log); the ${size(cut.total - cut.head - cut.tail, cut.unit)} between were not.`;
}

/** The line that stands where the middle was: a match never spans the gap, and a reader sees it. */
export function gapLine(cut: TextCut): string {
  return `\n[… ${size(cut.total - cut.head - cut.tail, cut.unit)} not read …]\n`;
}

/**
 * The start and the end of a text as one string, the gap marked; each side cut at a line end near
 * the cut (within LINE_SLACK characters: a half line is dropped, never a long one).
 */
export function joinEnds(head: string, tail: string, cut: TextCut): string {
  const lastLine = head.lastIndexOf('\n');
  const firstLine = tail.indexOf('\n');
  const start = lastLine >= 0 && head.length - lastLine <= LINE_SLACK ? head.slice(0, lastLine) : head;
  const end = firstLine >= 0 && firstLine < LINE_SLACK ? tail.slice(firstLine + 1) : tail;
  return start + gapLine(cut) + end;
}

/** A string bounded the same way (the extension's selection, the command line's arguments). */
export function keepEnds(text: string, head = HEAD_LIMIT, tail = TAIL_LIMIT): { text: string; cut?: TextCut } {
  if (text.length <= head + tail) return { text };
  const cut: TextCut = { total: text.length, head, tail, unit: 'characters' };
  return { text: joinEnds(text.slice(0, head), text.slice(text.length - tail), cut), cut };
}
