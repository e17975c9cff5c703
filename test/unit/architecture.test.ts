/**
 * The layout ARCHITECTURE.md describes, checked on the sources: no import cycles, no re-export
 * barrels, the engine's folders as layers, the engine depends on nothing outside it, the vscode-free folders stay vscode-free.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../support/projectRoot';

const SRC = path.join(PROJECT_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every module specifier of a file's static imports and re-exports (type-only ones included). */
function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)) out.push(m[1]);
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) out.push(m[1]);
  return out;
}

function resolveLocal(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  return (
    [`${base}.ts`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p)) ??
    assert.fail(`${rel(from)} imports ${spec}, which does not exist`)
  );
}

const rel = (p: string) => path.relative(PROJECT_ROOT, p);

const FILES = sourceFiles(SRC);
const GRAPH = new Map(
  FILES.map((f) => {
    const text = fs.readFileSync(f, 'utf8');
    return [
      f,
      {
        text,
        specs: specifiers(text),
        local: specifiers(text)
          .map((s) => resolveLocal(f, s))
          .filter((x): x is string => !!x),
      },
    ];
  }),
);

/** Tarjan's strongly connected components, iteratively: every component of more than one module is a cycle. */
function cycles(): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  for (const root of FILES) {
    if (index.has(root)) continue;
    const work: { node: string; i: number }[] = [{ node: root, i: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1];
      const edges = GRAPH.get(top.node)!.local;
      if (top.i < edges.length) {
        const w = edges[top.i++];
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length)
        low.set(work[work.length - 1].node, Math.min(low.get(work[work.length - 1].node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(rel(w));
        } while (w !== top.node);
        if (scc.length > 1 || GRAPH.get(top.node)!.local.includes(top.node)) out.push(scc.sort());
      }
    }
  }
  return out;
}

/**
 * The engine's folders are its layers, lowest first: a module imports from its own layer or a lower
 * one, never from a higher. The top (src/engine/*.ts: diagnose, versionSensitivity) is the entry.
 */
const LAYERS = ['core', 'secrets', 'files', 'resolve', 'findings', 'rules', 'explain', 'output', '(top)'];
const ENGINE = path.join(SRC, 'engine');

function layerOf(file: string): string {
  const parts = path.relative(ENGINE, file).split(path.sep);
  return parts.length > 1 ? parts[0] : '(top)';
}

/** Every import in the engine that runs from a lower layer up to a higher one. */
function upwardImports(graph: ReadonlyMap<string, { local: readonly string[] }>): string[] {
  const out: string[] = [];
  for (const [file, { local }] of graph) {
    if (!file.startsWith(ENGINE + path.sep)) continue;
    const from = LAYERS.indexOf(layerOf(file));
    for (const target of local) {
      if (!target.startsWith(ENGINE + path.sep)) continue;
      if (LAYERS.indexOf(layerOf(target)) > from) out.push(`${rel(file)} imports ${rel(target)}`);
    }
  }
  return out;
}

describe('architecture', () => {
  it('has no import cycle among the sources', () => {
    assert.deepEqual(cycles(), []);
  });

  it('the cycle finder finds a cycle (so the test above can fail)', () => {
    const a = path.join(SRC, 'a.ts');
    const b = path.join(SRC, 'b.ts');
    FILES.push(a, b);
    GRAPH.set(a, { text: '', specs: [], local: [b] });
    GRAPH.set(b, { text: '', specs: [], local: [a] });
    try {
      assert.deepEqual(cycles(), [['src/a.ts', 'src/b.ts']]);
    } finally {
      FILES.splice(FILES.indexOf(a), 2);
      GRAPH.delete(a);
      GRAPH.delete(b);
    }
  });

  it("the engine's folders are its layers, and no import runs back up", () => {
    const folders = fs
      .readdirSync(ENGINE, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    assert.deepEqual(
      folders.filter((f) => !LAYERS.includes(f)),
      [],
      'a folder of src/engine that is no layer',
    );
    assert.deepEqual(upwardImports(GRAPH), []);
  });

  it('an import from a lower layer up to a higher one is found (so the test above can fail)', () => {
    const core = path.join(ENGINE, 'core', 'model.ts');
    const output = path.join(ENGINE, 'output', 'report.ts');
    assert.deepEqual(
      upwardImports(
        new Map([
          [core, { local: [output] }],
          [output, { local: [core] }],
        ]),
      ),
      [`${rel(core)} imports ${rel(output)}`],
    );
  });

  it('has no re-export barrels', () => {
    const barrels = FILES.filter((f) => /^export\s+(\*|\{[^}]*\})\s+from\s/m.test(GRAPH.get(f)!.text)).map(rel);
    assert.deepEqual(barrels, []);
  });

  it('the engine imports nothing outside src/engine, no Node module and not vscode', () => {
    const engine = path.join(SRC, 'engine') + path.sep;
    const offending: string[] = [];
    for (const [f, { specs }] of GRAPH) {
      if (!f.startsWith(engine)) continue;
      for (const s of specs) {
        const target = resolveLocal(f, s);
        if (!target || !target.startsWith(engine)) offending.push(`${rel(f)} → ${s}`);
      }
    }
    assert.deepEqual(offending, []);
  });

  it('presentation models and the pure live-check classification never import vscode or an SDK', () => {
    const pure = FILES.filter((f) => f.includes(`${path.sep}presentation${path.sep}`));
    assert.ok(pure.length >= 5, 'the presentation folder exists');
    // The live check's decisions: only its child process (child.ts and the Node helpers it uses) and
    // the process runner (liveCheck.ts) may touch Node or the SDK.
    const livePure = ['classify', 'errorInfo', 'plan', 'protocol', 'timeout', 'types'].map((m) =>
      path.join(SRC, 'live', `${m}.ts`),
    );
    for (const f of livePure) assert.ok(GRAPH.has(f), `${rel(f)} exists`);
    for (const f of [...pure, ...livePure])
      for (const s of GRAPH.get(f)!.specs) assert.ok(s.startsWith('.'), `${rel(f)} imports ${s}`);
  });

  it('the terminal core (src/extension/terminals) never imports vscode or a Node module', () => {
    const core = FILES.filter((f) => f.includes(`${path.sep}extension${path.sep}terminals${path.sep}`));
    assert.ok(core.length >= 8, 'the terminal core exists');
    for (const f of core) for (const s of GRAPH.get(f)!.specs) assert.ok(s.startsWith('.'), `${rel(f)} imports ${s}`);
  });
});
