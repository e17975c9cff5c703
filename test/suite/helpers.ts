/** Helpers for the extension-host suite: await events, never sleep. */
import * as vscode from 'vscode';
import type { DoctorApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'aws-credentials-doctor.aws-credentials-doctor';

export async function api(): Promise<DoctorApi> {
  const ext = vscode.extensions.getExtension<DoctorApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const a = await ext.activate();
  await a.ready;
  return a;
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'AWS Credentials Doctor');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Resolves when the predicate holds for the diagnostics: checked now and on every onDidChangeDiagnostics. */
export function waitForDiagnostics(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for diagnostics: ${what}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      if (!predicate()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

/** Resolves when the doctor's state satisfies the predicate (after the next change if not yet). */
export function waitForState(a: DoctorApi, predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for: ${what}`));
    }, timeoutMs);
    const sub = a.doctor.onDidChange(() => {
      if (!predicate()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

/**
 * Resolves when the document satisfies the predicate: checked now and on every change of it (text,
 * dirty state, encoding), e.g. once VS Code has reloaded it after the file changed on disk.
 */
export function waitForDocument(
  doc: vscode.TextDocument,
  predicate: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for the document: ${what}`));
    }, timeoutMs);
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== doc || !predicate()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}
