/**
 * Notifications and status-bar messages with every secret masked (the engine's redaction: the
 * secrets the last diagnosis saw, then every secret's shape) and every user-derived value shown escaped: a profile
 * name, a variable's value, a path or an error message can carry ESC, a carriage return or a
 * bidirectional override (sanitize.ts, the one sanitiser). The whole text and each button label
 * are sanitised, so no call site can forget a value; a button whose label was escaped still
 * answers with the label the caller passed. vscode-free: the window is injected (vscode.window).
 */
import { redact } from '../../engine/secrets/redact';
import { sanitize } from '../../engine/core/sanitize';

/** What the notifier needs of vscode.window. */
export interface MessageWindow {
  showInformationMessage(message: string, ...items: string[]): Thenable<string | undefined>;
  showWarningMessage(message: string, ...items: string[]): Thenable<string | undefined>;
  showErrorMessage(message: string, ...items: string[]): Thenable<string | undefined>;
  setStatusBarMessage(text: string, hideAfterTimeout: number): { dispose(): unknown };
}

export type NoticeKind = 'info' | 'warning' | 'error' | 'status';

export class Notifier {
  /** The last messages shown, as shown (for the tests). */
  readonly shown: { readonly kind: NoticeKind; readonly message: string }[] = [];
  /** Masks the secrets the last diagnosis saw (set once the extension has a diagnosis); then every secret's shape. */
  private secrets: () => ((text: string) => string) | undefined = () => undefined;

  constructor(private readonly window: MessageWindow) {}

  /** Every message and button label is redacted with this first (the engine's Redactor of the last diagnosis). */
  redactWith(secrets: () => ((text: string) => string) | undefined): void {
    this.secrets = secrets;
  }

  private clean(text: string): string {
    const known = this.secrets();
    return sanitize(redact(known ? known(text) : text));
  }

  info(message: string, ...items: string[]): Thenable<string | undefined> {
    return this.show('info', message, items);
  }

  warn(message: string, ...items: string[]): Thenable<string | undefined> {
    return this.show('warning', message, items);
  }

  error(message: string, ...items: string[]): Thenable<string | undefined> {
    return this.show('error', message, items);
  }

  /**
   * A modal warning the user answers before going on (a consent): the message, a detail under it
   * (its lines kept), the buttons; VS Code adds Cancel, which answers undefined.
   */
  confirm(message: string, detail: string, ...items: string[]): Thenable<string | undefined> {
    const text = this.record('warning', message);
    const labels = items.map((i) => sanitize(i));
    // vscode.window.showWarningMessage's overload with MessageOptions (the interface above names the plain one).
    const modal = this.window.showWarningMessage as unknown as (
      m: string,
      o: { modal: true; detail: string },
      ...i: string[]
    ) => Thenable<string | undefined>;
    return modal
      .call(this.window, text, { modal: true, detail: sanitize(detail, true) }, ...labels)
      .then((picked) => (picked === undefined ? undefined : items[labels.indexOf(picked)]));
  }

  /** A transient status-bar message. */
  status(text: string, hideAfterMs: number): void {
    this.window.setStatusBarMessage(this.record('status', text), hideAfterMs);
  }

  private show(
    kind: Exclude<NoticeKind, 'status'>,
    message: string,
    items: readonly string[],
  ): Thenable<string | undefined> {
    const text = this.record(kind, message);
    const labels = items.map((i) => this.clean(i));
    const w = this.window;
    const shown =
      kind === 'info'
        ? w.showInformationMessage(text, ...labels)
        : kind === 'warning'
          ? w.showWarningMessage(text, ...labels)
          : w.showErrorMessage(text, ...labels);
    return shown.then((picked) => (picked === undefined ? undefined : items[labels.indexOf(picked)]));
  }

  private record(kind: NoticeKind, message: string): string {
    const text = this.clean(message);
    this.shown.push({ kind, message: text });
    if (this.shown.length > 20) this.shown.shift();
    return text;
  }
}
