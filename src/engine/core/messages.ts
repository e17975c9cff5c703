/**
 * Message templates: English text with named placeholders (`Profile "{profile}" …`). A finding
 * carries its template and data; the engine renders English with renderMessage, the extension
 * renders the same template through `vscode.l10n.t(template, data)`, whose bundle is keyed by the
 * English template. renderMessage substitutes exactly as VS Code's `l10n.t` does with named
 * arguments (one pass, `{name}` with no value left as written), so both render the same English.
 */

/** The placeholder names of a template, as a type: `'{profile} in {file}'` → `'profile' | 'file'`. */
export type Placeholders<S extends string> = S extends `${string}{${infer K}}${infer R}` ? K | Placeholders<R> : never;

/** The data a template needs: one value per placeholder, no more, no less. */
export type MessageData<S extends string> = { readonly [K in Placeholders<S>]: string | number };

const PLACEHOLDER = /{([^}]+)}/g;

export function renderMessage(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(data, name) ? String(data[name]) : whole,
  );
}

/** The placeholder names written in a template (the drift checks compare them with the data given). */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}
