/**
 * Launch configurations and tasks as they are written (`.vscode/launch.json`, `.vscode/tasks.json`,
 * a `.code-workspace` file's `launch` and `tasks`): for each configuration or task, its environment
 * entries with their line, where its `envFile` is named, and the JSON path of each, read with
 * jsonc-parser as VS Code reads these files (comments, trailing commas). Free of vscode: unit-tested
 * under plain Node; bundled in dist/sessions.js (sessionCore.ts), loaded on first use.
 */
import type { JSONPath, Node } from 'jsonc-parser';
import { findNodeAtLocation, getNodeValue, modify, parseTree } from 'jsonc-parser';
import type { EnvShape } from './debugTypes';
import { debugEnvField } from './debugTypes';

/** One variable written in a configuration's or task's environment. */
export interface ConfigEntry {
  readonly name: string;
  /** The value as written (variables such as `${env:X}` not yet substituted); null: written as null (js-debug removes the variable). */
  readonly value: string | null;
  /** 1-based line of the entry. */
  readonly line: number;
}

/** A launch configuration or a task that can give a program environment variables. */
export interface ConfigBlock {
  readonly kind: 'launch' | 'task';
  /** The file it is written in. */
  readonly file: string;
  /** The configuration's `name` or the task's `label` ('' for the tasks file's own `options`). */
  readonly label: string;
  /** Its index in `configurations` or `tasks`, -1 for the tasks file's own `options`. */
  readonly index: number;
  /** Where the file's launch or tasks object sits: [] for launch.json / tasks.json, ['launch'] or ['tasks'] in a .code-workspace file. */
  readonly prefix: JSONPath;
  readonly type?: string;
  readonly request?: string;
  /** 1-based line of the configuration's or task's opening brace. */
  readonly line: number;
  /** The path of the environment field inside the block ('env', 'environment', or 'options.env'). */
  readonly envField: JSONPath;
  readonly shape: EnvShape;
  /** Its entries, in file order; a name written twice keeps the last (as JSON.parse does). */
  readonly entries: readonly ConfigEntry[];
  /** The `envFile` as written (a string or, for Go, a list), with its line. */
  readonly envFiles: readonly { readonly path: string; readonly line: number }[];
  /** The working directory as written (`cwd`; a task's `options.cwd`), variables not yet substituted. */
  readonly cwd?: string;
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false };

/** 1-based line of an offset: a binary search over the text's line starts, found once per text. */
type LineOf = (offset: number) => number;

function lineIndex(text: string): LineOf {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** The value of a property of an object node (not recursing). */
function prop(node: Node | undefined, name: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  for (const p of node.children ?? []) if (p.children?.[0]?.value === name) return p.children[1];
  return undefined;
}

function stringOf(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

/** The entries of an environment node of any shape: { NAME: value }, [{ name, value }], ["NAME=value"]. */
function entriesOf(lineAt: LineOf, env: Node | undefined): { shape: EnvShape | undefined; entries: ConfigEntry[] } {
  if (!env) return { shape: undefined, entries: [] };
  const byName = new Map<string, ConfigEntry>();
  const put = (name: string, value: string | null, offset: number) => {
    byName.delete(name);
    byName.set(name, { name, value, line: lineAt(offset) });
  };
  if (env.type === 'object') {
    for (const p of env.children ?? []) {
      const [k, v] = p.children ?? [];
      if (typeof k?.value !== 'string' || !v) continue;
      if (v.type === 'string' || v.type === 'null')
        put(k.value, v.type === 'null' ? null : (v.value as string), p.offset);
      else if (v.type === 'number' || v.type === 'boolean') put(k.value, String(v.value), p.offset);
    }
    return { shape: 'object', entries: [...byName.values()] };
  }
  if (env.type === 'array') {
    let shape: EnvShape | undefined;
    for (const item of env.children ?? []) {
      if (item.type === 'object') {
        shape ??= 'nameValue';
        const name = stringOf(prop(item, 'name'));
        const value = prop(item, 'value');
        if (name !== undefined)
          put(
            name,
            value?.type === 'string'
              ? (value.value as string)
              : value?.type === 'null' || !value
                ? null
                : String(value.value),
            item.offset,
          );
      } else if (item.type === 'string') {
        shape ??= 'strings';
        const s = item.value as string;
        const eq = s.indexOf('=');
        put(eq < 0 ? s : s.slice(0, eq), eq < 0 ? null : s.slice(eq + 1), item.offset);
      }
    }
    return { shape, entries: [...byName.values()] };
  }
  return { shape: undefined, entries: [] };
}

function envFilesOf(lineAt: LineOf, node: Node | undefined): { path: string; line: number }[] {
  if (node?.type === 'string') return [{ path: node.value as string, line: lineAt(node.offset) }];
  if (node?.type === 'array')
    return (node.children ?? [])
      .filter((c) => c.type === 'string')
      .map((c) => ({ path: c.value as string, line: lineAt(c.offset) }));
  return [];
}

/** Every launch configuration of a launch.json (prefix []) or a .code-workspace file (prefix ['launch']). */
export function launchBlocks(text: string, file: string, prefix: JSONPath = []): ConfigBlock[] {
  const tree = parseTree(text, undefined, PARSE_OPTIONS);
  const list = tree ? findNodeAtLocation(tree, [...prefix, 'configurations']) : undefined;
  if (list?.type !== 'array') return [];
  const lineAt = lineIndex(text);
  const out: ConfigBlock[] = [];
  (list.children ?? []).forEach((c, index) => {
    if (c.type !== 'object') return;
    const type = stringOf(prop(c, 'type'));
    const field = debugEnvField(type);
    const envField = field?.field ?? 'env';
    const { shape, entries } = entriesOf(lineAt, prop(c, envField));
    out.push({
      kind: 'launch',
      file,
      label: stringOf(prop(c, 'name')) ?? '',
      index,
      prefix,
      type,
      request: stringOf(prop(c, 'request')),
      line: lineAt(c.offset),
      envField: [envField],
      shape: shape ?? field?.shape ?? 'object',
      entries,
      envFiles: envFilesOf(lineAt, prop(c, 'envFile')),
      cwd: stringOf(prop(c, 'cwd')),
    });
  });
  return out;
}

/**
 * The environments of a tasks.json (prefix []) or a .code-workspace file (prefix ['tasks']): the
 * file's own `options.env` (label '', index -1), and each task's, with the file's entries first
 * and the platform's (`linux`, `osx`, `windows`) last, as VS Code merges them.
 */
export function taskBlocks(
  text: string,
  file: string,
  platformKey: 'linux' | 'osx' | 'windows',
  prefix: JSONPath = [],
): ConfigBlock[] {
  const tree = parseTree(text, undefined, PARSE_OPTIONS);
  const root = tree ? (prefix.length ? findNodeAtLocation(tree, prefix) : tree) : undefined;
  if (root?.type !== 'object') return [];
  const lineAt = lineIndex(text);
  const envOf = (n: Node | undefined) => entriesOf(lineAt, prop(prop(n, 'options'), 'env')).entries;
  const merge = (...lists: ConfigEntry[][]) => {
    const m = new Map<string, ConfigEntry>();
    for (const l of lists)
      for (const e of l) {
        m.delete(e.name);
        m.set(e.name, e);
      }
    return [...m.values()];
  };
  const shared = merge(envOf(root), envOf(prop(root, platformKey)));
  const base = {
    kind: 'task' as const,
    file,
    prefix,
    envField: ['options', 'env'],
    shape: 'object' as const,
    envFiles: [],
  };
  const out: ConfigBlock[] = [];
  const sharedCwd = stringOf(prop(prop(root, 'options'), 'cwd'));
  if (shared.length)
    out.push({ ...base, label: '', index: -1, line: lineAt(root.offset), entries: shared, cwd: sharedCwd });
  const tasks = prop(root, 'tasks');
  (tasks?.type === 'array' ? (tasks.children ?? []) : []).forEach((t, index) => {
    if (t.type !== 'object') return;
    const own = merge(envOf(t), envOf(prop(t, platformKey)));
    if (!own.length) return;
    out.push({
      ...base,
      label: stringOf(prop(t, 'label')) ?? stringOf(prop(t, 'taskName')) ?? '',
      index,
      type: stringOf(prop(t, 'type')),
      line: lineAt(t.offset),
      entries: merge(shared, own),
      cwd: stringOf(prop(prop(t, 'options'), 'cwd')) ?? sharedCwd,
    });
  });
  return out;
}

/** Where a block lives in the current text of its file: found again by kind, label and index (the file may have changed). */
function findBlock(
  tree: Node,
  block: Pick<ConfigBlock, 'kind' | 'label' | 'index' | 'prefix'>,
): { node: Node; path: JSONPath } | undefined {
  if (block.index < 0) {
    const node = block.prefix.length ? findNodeAtLocation(tree, [...block.prefix]) : tree;
    return node ? { node, path: [...block.prefix] } : undefined;
  }
  const listKey = block.kind === 'launch' ? 'configurations' : 'tasks';
  const list = findNodeAtLocation(tree, [...block.prefix, listKey]);
  const items = list?.type === 'array' ? (list.children ?? []) : [];
  const labelOf = (n: Node) => stringOf(prop(n, block.kind === 'launch' ? 'name' : 'label')) ?? '';
  // The same index if it still has the label; else the only block with that label.
  let i = items[block.index] && labelOf(items[block.index]) === block.label ? block.index : -1;
  if (i < 0) {
    const same = items.flatMap((n, k) => (n.type === 'object' && labelOf(n) === block.label ? [k] : []));
    if (same.length === 1) i = same[0];
  }
  return i >= 0 ? { node: items[i], path: [...block.prefix, listKey, i] } : undefined;
}

/** A configuration or task as the file now writes it (found again by its name), as plain JSON; undefined when it is gone. */
export function blockValue(
  text: string,
  block: Pick<ConfigBlock, 'kind' | 'label' | 'index' | 'prefix'>,
): Record<string, unknown> | undefined {
  const tree = parseTree(text, undefined, PARSE_OPTIONS);
  const found = tree ? findBlock(tree, block) : undefined;
  const value: unknown = found?.node.type === 'object' ? getNodeValue(found.node) : undefined;
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

/** One text edit: replace `length` characters at `offset` (jsonc-parser's Edit). */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly content: string;
}

/**
 * The edit that removes (`value` undefined) or sets one variable of a block's environment, computed
 * against the file's current text: the entry's own line (and, when removing, the comma before it),
 * every other byte kept. Undefined when the block or, for a removal, the entry is no longer there.
 * Where the variable is written (the platform's `options.env` of a task, the file's shared
 * `options`) is found again in the text: the entry whose line is `line` when given.
 */
export function envEdit(
  text: string,
  block: Pick<ConfigBlock, 'kind' | 'label' | 'index' | 'prefix' | 'envField' | 'shape'>,
  name: string,
  value: string | undefined,
  line?: number,
): TextEdit[] | undefined {
  const tree = parseTree(text, undefined, PARSE_OPTIONS);
  const found = tree ? findBlock(tree, block) : undefined;
  if (!tree || found?.node.type !== 'object') return undefined;
  const { node, path: blockPath } = found;
  // Every place in the block that can hold the variable; the one on `line`, else the last (the one that wins).
  const fields: JSONPath[] =
    block.kind === 'task'
      ? [
          ['options', 'env'],
          ['linux', 'options', 'env'],
          ['osx', 'options', 'env'],
          ['windows', 'options', 'env'],
        ]
      : [block.envField];
  const lineAt = lineIndex(text);
  const candidates: { path: JSONPath; line: number }[] = [];
  for (const field of fields) {
    const env = findNodeAtLocation(node, [...field]);
    if (!env) continue;
    if (env.type === 'object') {
      for (const p of env.children ?? [])
        if (p.children?.[0]?.value === name)
          candidates.push({ path: [...blockPath, ...field, name], line: lineAt(p.offset) });
    } else if (env.type === 'array') {
      (env.children ?? []).forEach((item, i) => {
        const itemName =
          item.type === 'object'
            ? stringOf(prop(item, 'name'))
            : item.type === 'string'
              ? String(item.value).split('=')[0]
              : undefined;
        if (itemName === name) candidates.push({ path: [...blockPath, ...field, i], line: lineAt(item.offset) });
      });
    }
  }
  const at = candidates.find((c) => c.line === line) ?? candidates[candidates.length - 1];
  const formattingOptions = {
    insertSpaces: !/^\t/m.test(text),
    tabSize: indentOf(text),
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
  if (!at) {
    if (value === undefined) return undefined;
    // Not written yet: added to the block's own environment field.
    const envPath = [...blockPath, ...(block.kind === 'task' ? ['options', 'env'] : block.envField)];
    const env = findNodeAtLocation(tree, envPath);
    if (env?.type === 'array') {
      const item = block.shape === 'strings' ? `${name}=${value}` : { name, value };
      return modify(text, [...envPath, env.children?.length ?? 0], item, { formattingOptions, isArrayInsertion: true });
    }
    return block.shape === 'nameValue'
      ? modify(text, envPath, [{ name, value }], { formattingOptions })
      : modify(text, [...envPath, name], value, { formattingOptions });
  }
  const last = at.path[at.path.length - 1];
  if (value === undefined) {
    const target = findNodeAtLocation(tree, at.path);
    const member = typeof last === 'number' ? target : target?.parent;
    return member ? removal(text, member) : undefined;
  }
  if (typeof last === 'number') {
    const item = findNodeAtLocation(tree, at.path);
    return item?.type === 'object'
      ? modify(text, [...at.path, 'value'], value, { formattingOptions })
      : modify(text, at.path, `${name}=${value}`, { formattingOptions });
  }
  return modify(text, at.path, value, { formattingOptions });
}

/** The offset after whitespace and comments from `from` on; with `sameLine`, not past the end of the line. */
function skipTrivia(text: string, from: number, sameLine = false): number {
  let i = from;
  for (;;) {
    const c = text[i];
    if (c === ' ' || c === '\t' || (!sameLine && (c === '\n' || c === '\r'))) i++;
    else if (c === '/' && text[i + 1] === '/') {
      const e = text.indexOf('\n', i);
      i = e < 0 ? text.length : e;
    } else if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? text.length : e + 2;
    } else return i;
  }
}

/**
 * The removal of one member of an object or an array (a property, an item). A member on lines of its
 * own goes with those lines, its comma and its comment; when it was the last, the comma left after
 * the one before it goes too (that one character). A member sharing its line goes with the comma that
 * separates it from a neighbour. (jsonc-parser's modify moves a trailing comment to the line before,
 * and breaks the text when it removes the last item of an array.)
 */
function removal(text: string, member: Node): TextEdit[] {
  const siblings = member.parent?.children ?? [];
  const i = siblings.indexOf(member);
  const prev = i > 0 ? siblings[i - 1] : undefined;
  const next = siblings[i + 1];
  const end = member.offset + member.length;
  const lineStart = text.lastIndexOf('\n', member.offset - 1) + 1;
  // What follows on the member's line: an optional comma, then only whitespace or a comment.
  let after = skipTrivia(text, end, true);
  const comma = text[after] === ',';
  if (comma) after = skipTrivia(text, after + 1, true);
  if (
    /^\s*$/.test(text.slice(lineStart, member.offset)) &&
    (after >= text.length || text[after] === '\n' || text[after] === '\r')
  ) {
    const lineEnd =
      after >= text.length ? text.length : text[after] === '\r' && text[after + 1] === '\n' ? after + 2 : after + 1;
    const edits: TextEdit[] = [{ offset: lineStart, length: lineEnd - lineStart, content: '' }];
    if (!next && !comma && prev) {
      const c = skipTrivia(text, prev.offset + prev.length);
      if (text[c] === ',') edits.unshift({ offset: c, length: 1, content: '' });
    }
    return edits;
  }
  if (next) return [{ offset: member.offset, length: next.offset - member.offset, content: '' }];
  if (prev) return [{ offset: prev.offset + prev.length, length: end - (prev.offset + prev.length), content: '' }];
  return [
    { offset: member.offset, length: (comma ? skipTrivia(text, end, true) + 1 : end) - member.offset, content: '' },
  ];
}

/** The indentation unit the file uses (spaces), for inserted lines. */
function indentOf(text: string): number {
  const m = /\n( +)\S/.exec(text);
  return m ? Math.min(m[1].length, 8) : 2;
}
