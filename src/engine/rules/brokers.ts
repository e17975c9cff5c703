/** Rules about credential brokers: a session started inside another, markers that contradict the keys. */
import { detectBrokers } from '../resolve/brokers';
import type { BrokerSession } from '../resolve/brokers';
import type { Check } from './kit';
import { declareCodes, ruleModule } from './kit';

const CODES = declareCodes({
  BROKER_NESTED_SESSION: {
    severity: 'warning',
    cause:
      'A broker session (aws-vault, awsume, granted, aws-sso-cli, …) was started inside another one: the inner credentials were obtained with the outer ones.',
    fix: 'Leave the outer session (exit the subshell) and start one session.',
    untestable:
      'A claim about how the environment came to be (which broker ran inside which): the AWS tools never see it, and the brokers are not installed here.',
    messages: {
      nested:
        'The environment holds the markers of {count} broker sessions: {sessions}. One was started inside the other, so the inner credentials were obtained with the outer ones and the outer markers describe keys that are gone. Exit the subshells and start one session.',
    },
  },
  BROKER_MARKERS_CONTRADICT: {
    severity: 'warning',
    cause:
      "A broker's markers (`AWS_VAULT`, `AWSUME_PROFILE`, …) do not match the keys or the profile in the environment: someone changed the variables after the broker exported them.",
    fix: 'Start a fresh session with the broker, or unset its markers.',
    messages: {
      keysUnsetNothing:
        '{marker} says {broker} exported credentials, but AWS_ACCESS_KEY_ID is not set: the keys were unset after the broker ran, and the tools use nothing instead. Start a fresh session with {brokerName}, or unset {marker}.',
      keysUnset:
        '{marker} says {broker} exported credentials, but AWS_ACCESS_KEY_ID is not set: the keys were unset after the broker ran, and the tools use what profile {profile} gives instead. Start a fresh session with {brokerName}, or unset {marker}.',
      otherProfile:
        '{broker} exported the keys of profile {brokerProfile}, but AWS_PROFILE={profile}: the JavaScript SDK uses profile {profile}, botocore and the AWS CLI the exported keys. Unset AWS_PROFILE inside a broker session.',
    },
  },
});

const label = (b: BrokerSession) => `${b.broker}${b.profile ? ` (profile ${b.profile})` : ''}`;

const nested: Check<typeof CODES> = ({ d, report }) => {
  const sessions = detectBrokers(d.input.env).filter((b) => b.broker !== 'aws configure export-credentials');
  if (sessions.length < 2) return;
  report('BROKER_NESTED_SESSION', 'nested', () => ({
    data: { count: sessions.length, sessions: sessions.map(label).join(', ') },
    env: sessions[0].markers[0],
  }));
};

const contradict: Check<typeof CODES> = ({ d, report }) => {
  const env = d.input.env;
  for (const b of detectBrokers(env)) {
    if (b.broker === 'aws configure export-credentials') continue;
    // granted exports only AWS_PROFILE for a credential_process profile (so the tools refresh it themselves).
    const profileOnly = b.broker === 'granted' && !!env.AWS_PROFILE;
    const marker = b.markers[0];
    if (!env.AWS_ACCESS_KEY_ID && !b.serves && !profileOnly) {
      const fixes = [{ title: `Unset ${marker}`, action: { kind: 'unsetEnv' as const, name: marker } }];
      if (d.tools.cli.source === 'none')
        report('BROKER_MARKERS_CONTRADICT', 'keysUnsetNothing', () => ({
          data: { marker, broker: label(b), brokerName: b.broker },
          env: marker,
          fixes,
        }));
      else
        report('BROKER_MARKERS_CONTRADICT', 'keysUnset', () => ({
          data: { marker, broker: label(b), brokerName: b.broker, profile: d.tools.cli.profile },
          env: marker,
          fixes,
        }));
    } else if (env.AWS_PROFILE && b.profile && env.AWS_PROFILE !== b.profile) {
      report('BROKER_MARKERS_CONTRADICT', 'otherProfile', () => ({
        data: { broker: label(b), brokerProfile: b.profile!, profile: env.AWS_PROFILE! },
        env: 'AWS_PROFILE',
        fixes: [{ title: 'Unset AWS_PROFILE', action: { kind: 'unsetEnv', name: 'AWS_PROFILE' }, preferred: true }],
      }));
    }
  }
};

export const BROKER_RULES = ruleModule(CODES, [nested, contradict]);
