/** Rules about credential brokers: a session started inside another, markers that contradict the keys. */
import { detectBrokers } from '../brokers';
import type { BrokerSession } from '../brokers';
import { FindingCode } from '../findings';
import type { Finding } from '../findings';
import { TOOL_IDS } from '../model';
import type { Rule } from './kit';
import { finding } from './kit';

const label = (b: BrokerSession) => `${b.broker}${b.profile ? ` (profile ${b.profile})` : ''}`;

const nested: Rule = (d) => {
  const sessions = detectBrokers(d.input.env).filter((b) => b.broker !== 'aws configure export-credentials');
  if (sessions.length < 2) return [];
  return [finding({
    code: FindingCode.BrokerNestedSession,
    severity: 'warning',
    message: `The environment holds the markers of ${sessions.length} broker sessions: ${sessions.map(label).join(', ')}. One was started inside the other, so the inner credentials were obtained with the outer ones and the outer markers describe keys that are gone. Exit the subshells and start one session.`,
    tools: [...TOOL_IDS],
    env: sessions[0].markers[0],
  })];
};

const contradict: Rule = (d) => {
  const env = d.input.env;
  const out: Finding[] = [];
  for (const b of detectBrokers(env)) {
    if (b.broker === 'aws configure export-credentials') continue;
    if (!env.AWS_ACCESS_KEY_ID && !b.serves) {
      out.push(finding({
        code: FindingCode.BrokerMarkersContradict,
        severity: 'warning',
        message: `${b.markers[0]} says ${label(b)} exported credentials, but AWS_ACCESS_KEY_ID is not set: the keys were unset after the broker ran, and the tools use ${d.tools.cli.source === 'none' ? 'nothing' : `what profile ${d.tools.cli.profile} gives`} instead. Start a fresh session with ${b.broker}, or unset ${b.markers[0]}.`,
        tools: [...TOOL_IDS],
        env: b.markers[0],
        fixes: [{ title: `Unset ${b.markers[0]}`, action: { kind: 'unsetEnv', name: b.markers[0] } }],
      }));
    } else if (env.AWS_PROFILE && b.profile && env.AWS_PROFILE !== b.profile) {
      out.push(finding({
        code: FindingCode.BrokerMarkersContradict,
        severity: 'warning',
        message: `${label(b)} exported the keys of profile ${b.profile}, but AWS_PROFILE=${env.AWS_PROFILE}: the JavaScript SDK uses profile ${env.AWS_PROFILE}, botocore and the AWS CLI the exported keys. Unset AWS_PROFILE inside a broker session.`,
        tools: [...TOOL_IDS],
        env: 'AWS_PROFILE',
        fixes: [{ title: 'Unset AWS_PROFILE', action: { kind: 'unsetEnv', name: 'AWS_PROFILE' }, preferred: true }],
      }));
    }
  }
  return out;
};

export const BROKER_RULES: readonly Rule[] = [nested, contradict];
