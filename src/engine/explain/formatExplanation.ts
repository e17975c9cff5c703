/** The explainer's text output, as the command line prints it and Explain Error shows it. */
import { locationOf } from '../findings/findings';
import { TOOL_LABELS } from '../core/model';
import { redact } from '../secrets/redact';
import { sanitize } from '../core/sanitize';
import { ERROR_TOOL_LABELS } from './toolLabels';
import type { ErrorTool } from './toolLabels';
import type { Explanation } from './types';

const WORDING_LABELS: Readonly<Record<string, string>> = {
  sts: 'STS wording',
  dynamodb: 'DynamoDB wording',
  'dynamodb-local': 'DynamoDB Local wording',
  s3: 'S3 wording',
  ec2: 'EC2 wording',
  sso: 'IAM Identity Center (SSO) portal',
  'js-sdk': 'JavaScript SDK v3',
  botocore: 'botocore / boto3',
  'aws-cli': 'AWS CLI',
  'python-configparser': "Python's configparser (under botocore)",
  'service-message': 'service message',
};

const FORM_LABELS: Readonly<Record<string, string>> = {
  'botocore-client-error': 'botocore/AWS CLI ClientError line',
  'go-sdk': 'Go SDK error',
  'java-sdk': 'Java SDK error',
  xml: 'XML error body',
  json: 'JSON error body',
  'js-error': 'JavaScript error',
  text: '',
};

export function formatExplanation(explanation: Explanation): string {
  if (!explanation.matches.length) return 'No known AWS authentication error recognised in this text.\n';
  // Every value on one line, its control characters shown escaped: pasted text is often coloured (ESC [31m).
  const v = (s: string) => sanitize(s);
  const lines: string[] = [];
  explanation.matches.forEach((m, i) => {
    if (i > 0) lines.push('');
    const form = FORM_LABELS[m.form] ?? m.form;
    const wording = WORDING_LABELS[m.wording] ?? ERROR_TOOL_LABELS[m.wording as ErrorTool] ?? m.wording;
    lines.push(`${m.code}  [${m.id}; ${wording}${form ? `, ${form}` : ''}]`);
    lines.push(`  matched   ${v(m.matched)}`);
    if (m.tools.length) lines.push(`  printed   by ${m.tools.map((t) => ERROR_TOOL_LABELS[t]).join(', over ')}`);
    const c = m.context;
    const facts: string[] = [];
    if (c.service || c.operation) facts.push(`operation ${v([c.service, c.operation].filter(Boolean).join(' '))}`);
    if (c.httpStatus !== undefined) facts.push(`HTTP ${c.httpStatus}`);
    else if (m.usualHttpStatus !== null) facts.push(`usually HTTP ${m.usualHttpStatus}`);
    if (c.requestId) facts.push(`request id ${v(c.requestId)}`);
    if (c.profile !== undefined) facts.push(`profile "${v(c.profile)}"`);
    if (facts.length) lines.push(`  context   ${facts.join(', ')}`);
    if (c.principal) lines.push(`  identity  ${v(c.principal)}${c.action ? ` (action ${v(c.action)})` : ''}`);
    if (c.accessKeyId) {
      const used =
        c.keyUsedBy === undefined
          ? ''
          : c.keyUsedBy.length
            ? `; ${c.keyUsedBy.map((t) => TOOL_LABELS[t]).join(', ')} sign${c.keyUsedBy.length === 1 ? 's' : ''} with this key`
            : '; none of the tools on this machine signs with this key';
      const where = c.keyFoundIn?.length ? ` (found in ${v(c.keyFoundIn.join(', '))})` : '';
      lines.push(`  key       ${v(c.accessKeyId)}${used}${where}`);
    }
    lines.push('');
    lines.push(...wrap(`Meaning: ${m.meaning}`, '  '));
    if (m.detail) lines.push(...wrap(m.detail, '  '));
    lines.push('  Usual causes, most likely first:');
    m.causes.forEach((cause, n) => lines.push(...wrap(`${n + 1}. ${cause}`, '    ', '       ')));
    if (m.toolHints.length) {
      lines.push(`  With ${ERROR_TOOL_LABELS[m.tools[0]]}:`);
      for (const hint of m.toolHints) lines.push(...wrap(`- ${hint}`, '    ', '      '));
    }
    if (m.remote) {
      lines.push(
        `  On this machine: nothing to check; the error comes from ${ERROR_TOOL_LABELS[m.tools[0]]}, which runs elsewhere.`,
      );
    } else if (m.findings.length) {
      lines.push('  On this machine:');
      for (const f of m.findings) {
        const loc = locationOf(f);
        lines.push(`    ${f.severity.toUpperCase().padEnd(7)} ${f.code}${loc ? `  ${v(loc)}` : ''}`);
        lines.push(...wrap(v(f.message), '            '));
        for (const fix of f.fixes) lines.push(`            fix: ${v(fix.title)}`);
      }
    } else if (explanation.diagnosed === false) {
      lines.push(`  Run \`aws-credentials-doctor diagnose\` to see what on this machine can cause it.`);
    } else if (m.explainedBy.length) {
      lines.push(
        `  On this machine: nothing in the AWS files or the environment explains it (checked: ${m.explainedBy.slice(0, 6).join(', ')}${m.explainedBy.length > 6 ? ', …' : ''}).`,
      );
    }
  });
  return sanitize(redact(lines.join('\n')), true) + '\n';
}

function wrap(text: string, indent: string, next = indent, width = 100): string[] {
  const out: string[] = [];
  let line = indent;
  let lead = indent;
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    if (line.length > lead.length && line.length + 1 + word.length > width) {
      out.push(line);
      lead = next;
      line = next + word;
    } else line += (line.length > lead.length ? ' ' : '') + word;
  }
  if (line.length > lead.length) out.push(line);
  return out;
}
