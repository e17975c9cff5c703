/**
 * Settings files as VS Code reads them (JSON with comments and trailing commas): where a key sits.
 * Free of vscode (unit-tested under plain Node); outside presentation/ only because it uses a library.
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';

/**
 * The 1-based line of the property at `keyPath` in a JSON-with-comments settings file (a workspace
 * `.vscode/settings.json`: `[setting, name]`; a `.code-workspace` file: `['settings', setting, name]`),
 * or undefined when the file does not have it. Read with jsonc-parser, as VS Code reads the file.
 */
export function settingsKeyLine(text: string, keyPath: readonly string[]): number | undefined {
  const tree = parseTree(text, undefined, { allowTrailingComma: true, disallowComments: false });
  const value = tree ? findNodeAtLocation(tree, [...keyPath]) : undefined;
  const property = value?.parent;
  if (!property || property.type !== 'property') return undefined;
  let line = 1;
  for (let i = 0; i < property.offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
