/** The one place documentation links are built. */
import type { FindingCode } from '../../engine/findings/findings';

export const DOCS_BASE = 'https://github.com/aws-credentials-doctor/aws-credentials-doctor/blob/main/README.md';

/** The README's row for a finding code (the "Finding codes" table anchors each code in lower case). */
export function findingDocsUrl(code: FindingCode): string {
  return `${DOCS_BASE}#${code.toLowerCase()}`;
}
