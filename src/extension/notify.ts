/** The extension's one Notifier over vscode.window (presentation/notifier.ts): every notification goes through it. */
import * as vscode from 'vscode';
import { Notifier } from './presentation/notifier';

export const notify = new Notifier(vscode.window);
