/**
 * The error explainer: recognises AWS authentication errors in any wording (STS, DynamoDB, the
 * JavaScript SDK, botocore, the AWS CLI) and says what they mean on this machine.
 * STUB: the interface is fixed; the implementation is being written.
 */
import { Diagnosis } from './diagnose';
import { Finding } from './findings';

export interface ErrorMatch {
  /** Stable id of the catalogue entry, e.g. "invalid-client-token-id". */
  readonly id: string;
  /** The error code as the service or SDK names it (InvalidClientTokenId, ExpiredToken, …). */
  readonly code: string;
  /** Which wording matched: sts, dynamodb, js-sdk, botocore, aws-cli, … */
  readonly wording: string;
  readonly meaning: string;
  /** Common causes, most likely first. */
  readonly causes: readonly string[];
  /** This machine's findings that explain it. */
  readonly findings: readonly Finding[];
}

export interface Explanation {
  readonly matches: readonly ErrorMatch[];
}

export function explainError(text: string, diagnosis?: Diagnosis): Explanation {
  void text;
  void diagnosis;
  return { matches: [] };
}

export function formatExplanation(explanation: Explanation): string {
  return explanation.matches.length ? explanation.matches.map((m) => `${m.code}: ${m.meaning}`).join('\n') + '\n' : 'No known AWS authentication error recognised in this text.\n';
}
