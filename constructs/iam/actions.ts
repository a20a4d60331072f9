/**
 * IAM actions: `service:Action`, case-insensitive in both parts, with `*` and `?` wildcards in
 * the policy's pattern and, for questions such as "may this statement pass roles?", in the
 * action asked about too.
 */
import { isOnlyWildcards, wildcardCovers, wildcardMatch, wildcardsOverlap } from './wildcard';

/**
 * Whether an action pattern of a policy (`iam:Pass*`, `*`, `S3:getobject`) allows an action.
 * When `action` has wildcards itself (`iam:Pass*`), whether they can name a common action.
 *
 * @example
 * actionMatches('iam:Pass*', 'iam:PassRole') // true
 * actionMatches('*', 'ec2:RunInstances') // true
 * actionMatches('IAM:passrole', 'iam:PassRole') // true
 * actionMatches('iam:*', 'iam:Pass*') // true
 * actionMatches('s3:Get*', 's3:PutObject') // false
 */
export function actionMatches(pattern: string, action: string): boolean {
  const p = pattern.trim();
  const a = action.trim();
  if (a.includes('*') || a.includes('?')) return wildcardsOverlap(p, a, { ignoreCase: true });
  return wildcardMatch(p, a, { ignoreCase: true });
}

/**
 * Whether an action pattern surely covers another (every action the second allows, the first
 * allows too). Conservative: used to trust a Deny, so "not sure" is `false`.
 *
 * @example
 * actionCovers('s3:*', 's3:GetObject') // true
 * actionCovers('*', 'iam:Pass*') // true
 * actionCovers('s3:Get*', 's3:*') // false
 */
export function actionCovers(general: string, specific: string): boolean {
  return coversAllActions(general) || wildcardCovers(general.trim(), specific.trim(), { ignoreCase: true });
}

/**
 * Whether an action pattern allows every action of every service: `*`, `*:*`, `**`, `?*:*`...
 * Every action is `service:name` with both parts non-empty, at least three characters in all.
 *
 * @example
 * coversAllActions('*') // true
 * coversAllActions('*:*') // true
 * coversAllActions('iam:*') // false
 */
export function coversAllActions(pattern: string): boolean {
  const p = pattern.trim();
  if (!p.includes(':')) return isOnlyWildcards(p) && p.includes('*') && count(p, '?') <= 3;
  const parts = p.split(':');
  if (parts.length !== 2) return false;
  return parts.every((part) => isOnlyWildcards(part) && part.includes('*') && count(part, '?') <= 1);
}

/**
 * Whether an action pattern has a wildcard (`s3:*`, `ec2:Describe*`, `s3:?etObject`).
 *
 * @example
 * isWildcardAction('ec2:Describe*') // true
 * isWildcardAction('s3:GetObject') // false
 */
export function isWildcardAction(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

function count(s: string, c: string): number {
  let n = 0;
  for (const x of s) if (x === c) n++;
  return n;
}
