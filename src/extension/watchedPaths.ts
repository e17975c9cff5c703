/** The files and folders a diagnosis depends on, as watch patterns (pure paths: the worker computes them too). */
import * as path from 'path';
import type { DiagnosisBase } from '../engine/findings/diagnosis';
import { loginCacheDirFor } from '../engine/files/loginCache';

export interface WatchedPath {
  /** A file, or an example file in a watched folder. */
  readonly file: string;
  /** The name pattern to watch beside it; absent: the file's own name. */
  readonly pattern?: string;
}

export function watchedPathsOf(d: DiagnosisBase): WatchedPath[] {
  const out: WatchedPath[] = [];
  for (const v of [d.nodeView, d.pyView]) {
    out.push({ file: v.config.path }, { file: v.credentials.path });
    out.push(
      { file: path.join(v.paths.ssoCacheDir, 'x.json'), pattern: '*.json' },
      { file: path.join(v.paths.cliCacheDir, 'x.json'), pattern: '*.json' },
    );
  }
  // The `aws login` token caches: signing in (or out) changes the findings without a command.
  for (const tool of ['node', 'python'] as const)
    out.push({
      file: path.join(
        loginCacheDirFor(tool, d.input.env, d.input.fallbackHomeDir, d.pyView.paths.home, d.input.platform),
        'x.json',
      ),
      pattern: '*.json',
    });
  return out;
}
