/**
 * The bounded tail of one command's output, with escape sequences removed, and the check for an AWS
 * error in it. The check is the explainer's own (src/engine/explain/matcher.ts), so that whatever
 * `explain` recognises fires here and nothing fires that `explain` would not explain:
 *   - per chunk, the cheap part: one scan for the words the catalogue's wordings need (each chunk is
 *     looked at once, with a short overlap so that a word split across two chunks is still seen);
 *   - after such a word, the catalogue's wordings on a bounded window around it (normalised: frames,
 *     log prefixes and line wraps removed), again with each later chunk until the error is complete or
 *     the word is too far behind.
 * Memory is bounded by `maxChars`; work per chunk by the window.
 */
import { containsRecognisedError, LONGEST_KEY, mayContainRecognisedError } from '../../engine/explain/matcher';
import { stripAnsi } from '../../engine/explain/normalize';

/** An escape sequence cut at the end of a chunk. */
const PARTIAL_ANSI = /\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*|[PX^_][^\x1b]*|[ -/])?$/;
/** Enough for a key word split across two chunks (and no more: with tiny chunks it is rescanned each time). */
const KEY_OVERLAP = LONGEST_KEY - 1;
/**
 * How far back of new output a confirmation looks: a wording's match is at most 1,000 characters and
 * what it requires stands within 600 on either side (SAME_ERROR_DISTANCE), so an error that ends in or
 * needs the new output starts at most this far before it.
 */
const CONFIRM_BEFORE = 2200;
/** Keep confirming until the output is this far past the last key word (the rest of the error). */
const CONFIRM_AFTER = 2500;
/** Chunks are looked at in slices of this size, so that the window stays bounded whatever VS Code sends. */
const SLICE = 4096;
/** The window the wordings run on: it holds any error whose key word is in the last two slices or within CONFIRM_AFTER. */
const CONFIRM_WINDOW = CONFIRM_BEFORE + 2 * SLICE + KEY_OVERLAP;
/**
 * After this many confirmations in a row (output that keeps mentioning key words without an error, such
 * as `aws … --debug`), the next ones wait for twice as much new output each time, up to MAX_STEP, or
 * until someone asks `hit` (the command ended): the work per character falls instead of growing with a
 * stream of key words. An error in the middle of such a stream is then found only if it is in the tail
 * when the command ends; an error that ends a command, the usual case, always is.
 */
const EAGER_CONFIRMATIONS = 4;
const MAX_STEP = 256 * 1024;

export class OutputTail {
  private chunks: string[] = [];
  private size = 0;
  /** The end of the previous slice, for a key word split across two. */
  private overlap = '';
  /** An escape sequence cut at the end of the last chunk. */
  private pending = '';
  private hitAt = -1;
  /** The window in which the error was recognised (kept in case the tail moves past it). */
  private hitText = '';
  private total = 0;
  /** Position (end of the slice) of the last key word seen, or -1 when none is waiting to be confirmed. */
  private keyLast = -1;
  /** Confirmations since key words started coming, where the last one was, and how much output the next one waits for. */
  private confirmations = 0;
  private confirmedAt = 0;
  private step = SLICE;
  /** Output came after the last confirmation while a key word waits. */
  private dirty = false;

  constructor(private readonly maxChars = 16 * 1024) {}

  /** Adds output; returns true the first time it holds an AWS error the explainer recognises. */
  push(raw: string): boolean {
    let data = this.pending + raw;
    this.pending = '';
    if (data.indexOf('\x1b') >= 0) {
      const cut = PARTIAL_ANSI.exec(data.slice(-256));
      if (cut) {
        const at = data.length - (data.slice(-256).length - cut.index);
        this.pending = data.slice(at);
        data = data.slice(0, at);
        if (this.pending.length > 1024) this.pending = '';
      }
    }
    const text = stripAnsi(data);
    if (!text) return false;
    let hit = false;
    for (let i = 0; i < text.length; i += SLICE) hit = this.add(text.slice(i, i + SLICE)) || hit;
    return hit;
  }

  private add(text: string): boolean {
    this.total += text.length;
    this.chunks.push(text);
    this.size += text.length;
    while (this.size - this.chunks[0].length >= this.maxChars) this.size -= this.chunks.shift()!.length;
    if (this.hitAt >= 0) return false;
    const window = this.overlap + text;
    this.overlap = window.slice(-KEY_OVERLAP);
    if (mayContainRecognisedError(window)) this.keyLast = this.total;
    if (this.keyLast < 0) return false;
    this.dirty = true;
    if (this.confirmations < EAGER_CONFIRMATIONS || this.total - this.confirmedAt >= this.step) {
      if (this.confirm()) return true;
      if (this.confirmations > EAGER_CONFIRMATIONS) this.step = Math.min(this.step * 2, MAX_STEP);
    }
    if (this.total - this.keyLast >= CONFIRM_AFTER && !this.dirty) {
      this.keyLast = -1;
      this.confirmations = 0;
      this.step = SLICE;
    }
    return false;
  }

  /** Runs the wordings on the window; true when the error is recognised. */
  private confirm(): boolean {
    this.dirty = false;
    this.confirmations++;
    // The output before the last confirmation was looked at then: only what a new error can need of it.
    const recent = this.recent(Math.min(CONFIRM_WINDOW, this.total - this.confirmedAt + CONFIRM_BEFORE));
    this.confirmedAt = this.total;
    if (!containsRecognisedError(recent)) return false;
    this.hitAt = this.total;
    this.hitText = recent;
    return true;
  }

  /** The last `n` characters added. */
  private recent(n: number): string {
    const parts: string[] = [];
    let have = 0;
    for (let i = this.chunks.length - 1; i >= 0 && have < n; i--) {
      parts.push(this.chunks[i]);
      have += this.chunks[i].length;
    }
    const s = parts.reverse().join('');
    return s.length > n ? s.slice(s.length - n) : s;
  }

  /** Whether the output so far holds an AWS error the explainer recognises (output not yet looked at is, now). */
  get hit(): boolean {
    if (this.hitAt < 0 && this.keyLast >= 0 && this.dirty) this.confirm();
    return this.hitAt >= 0;
  }

  /**
   * The last `maxChars` characters (escape sequences removed); when the error was recognised earlier
   * than that, the window it was recognised in comes first, so that explaining the text finds it.
   */
  text(): string {
    const all = this.chunks.join('');
    this.chunks = [all];
    const tail = all.length > this.maxChars ? all.slice(all.length - this.maxChars) : all;
    return this.hitAt >= 0 && this.hitAt - this.hitText.length < this.total - tail.length
      ? `${this.hitText}\n${tail}`
      : tail;
  }

  /** Characters seen in all. */
  get length(): number {
    return this.total;
  }
}
