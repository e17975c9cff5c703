/**
 * Publishes to a DiagnosticCollection only the files whose diagnostics changed. Each publication
 * of a file makes the Problems view build that file's entries again and release the quick fixes
 * it had fetched for the old ones: a quick-fix menu open on them then runs nothing and VS Code
 * says "Actual command not found". A re-diagnosis that finds the same problems (the status bar's
 * timer, a file saved unchanged, the tool versions detected after start-up) leaves Problems alone.
 */
import type * as vscode from 'vscode';

/** What VS Code shows of the diagnostics: equal keys, nothing to publish. */
function keyOf(diagnostics: readonly vscode.Diagnostic[]): string {
  const range = (r: vscode.Range) => [r.start.line, r.start.character, r.end.line, r.end.character];
  return JSON.stringify(
    diagnostics.map((d) => [
      range(d.range),
      d.severity,
      d.message,
      d.source ?? null,
      typeof d.code === 'object' ? [String(d.code.value), d.code.target.toString()] : (d.code ?? null),
      d.relatedInformation?.map((r) => [r.location.uri.toString(), range(r.location.range), r.message]) ?? null,
      d.tags ?? null,
    ]),
  );
}

export class DiagnosticPublisher {
  private shown = new Map<string, { readonly uri: vscode.Uri; readonly key: string }>();

  constructor(private readonly collection: vscode.DiagnosticCollection) {}

  /** Shows exactly these files' diagnostics (files left out, or with none, are cleared), in one update of what changed. */
  publish(files: readonly (readonly [vscode.Uri, readonly vscode.Diagnostic[]])[]): void {
    const next = new Map<string, { uri: vscode.Uri; key: string }>();
    const updates: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
    for (const [uri, diagnostics] of files) {
      if (!diagnostics.length) continue;
      const id = uri.toString();
      const key = keyOf(diagnostics);
      next.set(id, { uri, key });
      if (this.shown.get(id)?.key !== key) updates.push([uri, [...diagnostics]]);
    }
    for (const [id, { uri }] of this.shown) if (!next.has(id)) updates.push([uri, undefined]);
    this.shown = next;
    if (updates.length) this.collection.set(updates);
  }
}
