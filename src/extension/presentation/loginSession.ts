/** An `aws login` session (the login_session ARN) as the picker and the tooltip show it. */

const MAX = 48;

/**
 * `arn:aws:iam::123456789012:user/alice` → `alice · 123456789012`;
 * `arn:aws:sts::123456789012:assumed-role/Admin/alice` → `Admin/alice · 123456789012`;
 * `arn:aws:iam::123456789012:root` → `root · 123456789012`. Anything else is kept, cut in the
 * middle when long (the account and the name are what tell two sessions apart).
 */
export function shortLoginSession(arn: string): string {
  const m = /^arn:[\w-]+:(?:iam|sts)::(\d{12}):(.+)$/.exec(arn);
  const text = m ? `${m[2].replace(/^(?:user|assumed-role|role)\//, '')} · ${m[1]}` : arn;
  return text.length <= MAX ? text : `${text.slice(0, MAX / 2 - 1)}…${text.slice(text.length - (MAX / 2 - 1))}`;
}
