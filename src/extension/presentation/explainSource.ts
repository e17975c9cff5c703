/**
 * Where Explain Error gets its text, with the user's consent: the text it was given, else the
 * selection, else the user picks "Paste the error" (an empty input box) or "From clipboard" (the
 * input box prefilled with the clipboard). The clipboard is read only after that pick. Pure: the
 * VS Code side supplies the prompts.
 */

export type ExplainSourceChoice = 'paste' | 'clipboard';

export interface ExplainPrompts {
  /** The active editor's selected text ('' when nothing is selected). */
  selection(): string;
  /** Asks where the error text is; undefined when dismissed. */
  chooseSource(): Promise<ExplainSourceChoice | undefined>;
  readClipboard(): Promise<string>;
  /** An input box prefilled with `value`; undefined when dismissed. */
  input(value: string): Promise<string | undefined>;
}

/** An input box holds one line of modest length: a larger clipboard is cut (the start of an error names it). */
export const MAX_PREFILL_CHARS = 10_000;

/** The error text to explain, or undefined when the user gave none. */
export async function errorTextToExplain(
  given: string | undefined,
  prompts: ExplainPrompts,
): Promise<string | undefined> {
  if (given?.trim()) return given;
  const selected = prompts.selection();
  if (selected.trim()) return selected;
  const choice = await prompts.chooseSource();
  if (!choice) return undefined;
  const prefill = choice === 'clipboard' ? (await prompts.readClipboard()).slice(0, MAX_PREFILL_CHARS) : '';
  const text = await prompts.input(prefill);
  return text?.trim() ? text : undefined;
}
