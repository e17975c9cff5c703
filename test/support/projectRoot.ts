/** The repository's root, found upwards from the compiled test file (out/test/... or test/...). */
import * as fs from 'node:fs';
import * as path from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  while (!(fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'test', 'support', 'loopbackGuard.cjs')))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`project root not found above ${start}`);
    dir = up;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(__dirname);

/**
 * The shared data folder (`shared/`, beside the repository): `<root>/../shared`, or, in a git
 * worktree placed elsewhere, beside the main checkout that owns the worktree.
 */
function findShared(root: string): string {
  const beside = path.join(root, '..', 'shared');
  if (fs.existsSync(beside)) return beside;
  try {
    // A worktree's .git is a file: "gitdir: <main checkout>/.git/worktrees/<name>".
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(fs.readFileSync(path.join(root, '.git'), 'utf8'));
    if (m) {
      const main = path.resolve(root, m[1], '..', '..', '..');
      const shared = path.join(main, '..', 'shared');
      if (fs.existsSync(shared)) return shared;
    }
  } catch {
    // Not a worktree: the folder beside the root it is, present or not.
  }
  return beside;
}

export const SHARED_DIR = findShared(PROJECT_ROOT);
