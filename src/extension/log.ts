/** The extension's LogOutputChannel; every line passes through the engine's redaction first. */
import * as vscode from 'vscode';
import { redact } from '../engine/secrets/redact';

export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  /** `secrets` masks the values the last diagnosis saw (the engine's Redactor). */
  constructor(private readonly secrets: () => ((text: string) => string) | undefined) {
    this.channel = vscode.window.createOutputChannel('AWS Credentials Doctor', { log: true });
  }

  private clean(message: string): string {
    const known = this.secrets();
    return redact(known ? known(message) : message);
  }

  info(message: string): void {
    this.channel.info(this.clean(message));
  }
  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }
  error(message: string, e?: unknown): void {
    this.channel.error(
      this.clean(e === undefined ? message : `${message}: ${e instanceof Error ? e.message : String(e)}`),
    );
  }
  show(): void {
    this.channel.show(true);
  }
  dispose(): void {
    this.channel.dispose();
  }
}
