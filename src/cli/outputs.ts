/**
 * The outputs of `diagnose` (`--format`), and how the text one fits the terminal: colour and
 * width. A new output is one entry in DIAGNOSE_FORMATS (its renderer in src/engine/), a word in
 * the usage and a row in the README's options table.
 */
import type { Environment } from '../engine/core/host';
import type { Report } from '../engine/output/report';
import type { TextLayout } from '../engine/output/styledText';
import { formatText } from '../engine/output/format';
import { formatMarkdown } from '../engine/output/markdown';
import { formatGithub } from '../engine/output/ciFormats';
import { formatProfileGithub, formatProfileTable, formatProfileTableMarkdown } from '../engine/output/profileTable';
import type * as Sarif from '../engine/output/sarif';
import { loadSibling } from './siblings';
import { terminalJson } from '../engine/core/sanitize';

export interface OutputContext {
  /** The clock of the diagnosis (time left on credentials). */
  readonly now: number;
  /** The environment that was diagnosed (the Markdown report lists its AWS_* names). */
  readonly env: Environment;
  /** Colour and width of the text output. */
  readonly layout: TextLayout;
  /** A line said before the text report (the example home's). */
  readonly note: string;
  /** The checked-out repository in CI (GITHUB_WORKSPACE): paths inside it are given relative to it. */
  readonly workspace?: string;
  /** The workflow file of a GitHub Actions run, relative to the repository (GITHUB_WORKFLOW_REF). */
  readonly workflowFile?: string;
  /** This tool's version and home page (SARIF names its producer), read only when asked. */
  readonly tool: () => { readonly version: string; readonly informationUri: string };
}

export const DIAGNOSE_FORMATS = {
  text: (r, c) => formatText(r, c.now, c.layout, c.note),
  json: (r) => terminalJson(r) + '\n',
  markdown: (r, c) => formatMarkdown(r, c.now, c.env),
  github: (r, c) => formatGithub(r, { workspace: c.workspace }),
  // With the finding codes' documentation: a bundle of its own (dist/sarif.js), loaded only here.
  sarif: (r, c) =>
    loadSibling<typeof Sarif>('sarif.js', ['..', 'engine', 'output', 'sarif']).formatSarif(r, {
      workspace: c.workspace,
      workflowFile: c.workflowFile,
      tool: c.tool(),
    }),
} as const satisfies Record<string, (report: Report, context: OutputContext) => string>;

export type FormatName = keyof typeof DIAGNOSE_FORMATS;

/**
 * The outputs of `diagnose --all-profiles`: the table of every profile's state (and live check).
 * Not SARIF: it holds findings about lines of files, and a profile's state is not one.
 */
export const PROFILE_FORMATS = {
  text: (r, c) => formatProfileTable(r, c.layout, c.note),
  json: (r) => terminalJson(r) + '\n',
  markdown: (r) => formatProfileTableMarkdown(r),
  github: (r, c) => formatProfileGithub(r, { workspace: c.workspace }),
} as const satisfies Partial<Record<FormatName, (report: Report, context: OutputContext) => string>>;

export type ProfileFormatName = keyof typeof PROFILE_FORMATS;
export const FORMAT_NAMES = Object.keys(DIAGNOSE_FORMATS) as FormatName[];
/** What `explain` prints. */
export const EXPLAIN_FORMATS: readonly FormatName[] = ['text', 'json'];

/**
 * Whether the text output is coloured, the way the tools developers know decide it: the last of
 * --color / --no-color; else FORCE_COLOR (set and not 0 or false: colour, 0 or false: none; it
 * wins over NO_COLOR, as in Node.js); else NO_COLOR (set and not empty: none, no-color.org);
 * else colour when standard output is a terminal that is not TERM=dumb.
 */
export function wantsColour(flag: boolean | undefined, env: Environment, stdoutIsTty: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  return stdoutIsTty && env.TERM !== 'dumb';
}

/**
 * The columns the text output wraps at: COLUMNS when it is a number (as shells export it), else
 * the terminal's width, else 80. Never less than 40: a narrower report would be unreadable.
 */
export function outputWidth(env: Environment, ttyColumns: number | undefined): number {
  const fromEnv = /^\s*\d+\s*$/.test(env.COLUMNS ?? '') ? Number(env.COLUMNS) : 0;
  const columns = fromEnv > 0 ? fromEnv : ttyColumns && ttyColumns > 0 ? ttyColumns : 80;
  return Math.max(40, columns);
}
