/**
 * The redacted Markdown report, fit to paste into a public issue.
 * STUB: the interface is fixed; the implementation is being written.
 */
import { Report } from './report';
import { formatText } from './format';

export function formatMarkdown(report: Report, now: number): string {
  return '```\n' + formatText(report, now) + '```\n';
}
