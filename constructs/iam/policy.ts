/**
 * The normalized policy statement: who (principals) may do what (actions) to which resources,
 * under which conditions. AWS policy documents are read into it by the AWS records; a GCP IAM
 * binding maps onto it too (members as principals, the role as its permissions, the bound
 * resource), so the least-privilege checks are written once.
 *
 * Values the template does not fully say keep two readings: `loose` (each unknown part as `*`,
 * the most it may be) and `strict` (each unknown part as a character no pattern names, what it
 * surely is). A question answered yes on `strict` is a fact; yes only on `loose` is a maybe.
 */
import { actionCovers, coversAllActions } from './actions';
import { isOnlyWildcards, wildcardCovers, wildcardMatch } from './wildcard';
import type { Maybe } from '../unknown';
import { isUnknown } from '../unknown';

/** Stands for a part of a value known only at deploy, in `strict` readings. Matches only `*`/`?`. */
export const UNKNOWN_PART = '\u0001';

/** A value of a policy (an action, a resource, a condition value, a role name). */
export interface PolicyValue {
  /** How messages show it: `arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess`. */
  readonly text: string;
  /** Each part known only at deploy as `*`: what the value may at most be. */
  readonly loose: string;
  /** Each part known only at deploy as `UNKNOWN_PART`: what the value surely is. */
  readonly strict: string;
  /** Whether every part is known. */
  readonly known: boolean;
}

/** `Action` or `NotAction`, `Resource` or `NotResource`. */
export interface PolicyList {
  /** `NotAction` / `NotResource`: everything except the values. */
  readonly negated: boolean;
  readonly values: readonly PolicyValue[];
}

/** One principal of a statement. */
export interface PolicyPrincipal {
  /** `any`: everyone (`*`, `{"AWS": "*"}`, GCP `allUsers`); `unknown`: known only at deploy, may be `*`. */
  readonly kind: 'any' | 'named' | 'unknown';
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for the bare wildcard. */
  readonly type: string;
  /** How messages show it. */
  readonly text: string;
  /**
   * For a federated web identity (OIDC): the provider's host (`token.actions.githubusercontent.com`,
   * `cognito-identity.amazonaws.com`). Anyone with a token from it is this principal until a
   * condition on the token's subject or audience says who.
   */
  readonly provider?: string;
}

/** `Principal` or `NotPrincipal`. */
export interface PolicyPrincipals {
  readonly negated: boolean;
  readonly entries: readonly PolicyPrincipal[];
}

/** One key of a `Condition` block: `{"StringEquals": {"aws:PrincipalOrgID": ["o-123"]}}`. */
export interface PolicyCondition {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly PolicyValue[];
}

/** One statement, with every `Fn::If` branch already chosen (a branch is a statement of its own). */
export interface PolicyStatement {
  /** Where it is in its document, for messages and exceptions: `Statement[2]`, `statement 'AllowAll'`. */
  readonly where: string;
  readonly effect: Maybe<'allow' | 'deny'>;
  readonly actions: PolicyList;
  /** Absent in trust policies. */
  readonly resources?: PolicyList;
  /** Absent in identity policies. */
  readonly principals?: PolicyPrincipals;
  /** Empty when there is no `Condition`. */
  readonly conditions: Maybe<readonly PolicyCondition[]>;
}

/** How sure an answer is: surely, only for some values the template leaves open, or not. */
export type Certainty = 'yes' | 'maybe' | 'no';

/**
 * A fully known policy value.
 *
 * @example
 * policyValue('s3:GetObject') // { text: 's3:GetObject', loose: 's3:GetObject', strict: 's3:GetObject', known: true }
 */
export function policyValue(text: string): PolicyValue {
  return { text, loose: text, strict: text, known: true };
}

/**
 * Asks `test` of a value's strict reading, then of its loose reading.
 *
 * @example
 * certainty(value, coversAllActions) // 'maybe' for an action from a parameter without a default
 */
export function certainty(v: PolicyValue, test: (text: string) => boolean): Certainty {
  if (test(v.strict)) return 'yes';
  if (!v.known && test(v.loose)) return 'maybe';
  return 'no';
}

/**
 * Whether a resource pattern names every resource (`*`), or every resource of a service in
 * any account (`arn:aws:s3:::*`, `arn:*:sqs:*:*:*`).
 *
 * @example
 * isAllResources('*') // true
 * isAllResources('arn:aws:s3:::*') // true
 * isAllResources('arn:aws:s3:::logs/*') // false
 */
export function isAllResources(pattern: string): boolean {
  if (isOnlyWildcards(pattern)) return pattern.includes('*');
  const parts = pattern.split(':');
  if (parts.length < 6 || !wildcardMatch(parts[0], 'arn')) return false;
  const rest = parts.slice(5).join(':');
  return isOnlyWildcards(rest) && rest.includes('*');
}

/**
 * Whether a resource pattern names every IAM role of an account (what an unscoped
 * `iam:PassRole` passes): `*`, `arn:aws:iam::123456789012:role/*`, `arn:aws:iam::*:*`.
 *
 * @example
 * coversAllRoles('arn:aws:iam::123456789012:role/*') // true
 * coversAllRoles('arn:aws:iam::123456789012:role/app-*') // false
 */
export function coversAllRoles(pattern: string): boolean {
  if (isAllResources(pattern)) return true;
  const parts = pattern.split(':');
  if (parts.length < 6) return false;
  const partition = /[*?]/.test(parts[1]) ? 'aws' : parts[1];
  const account = /[*?]/.test(parts[4]) ? '123456789012' : parts[4];
  const probes = ['qz7-any-role', 'service-role/qz7-any-role'];
  return probes.some((name) => wildcardMatch(pattern, `arn:${partition}:iam::${account}:role/${name}`));
}

/**
 * Whether a statement's resources are all resources, surely or maybe. `NotResource` counts as
 * all (everything but a few), and so does an identity statement without resources.
 *
 * @example
 * resourcesAreAll(statement) // { certainty: 'yes', text: '*' }
 */
export function resourcesAreAll(s: PolicyStatement, test: (pattern: string) => boolean = isAllResources): { certainty: Certainty; text: string } {
  const r = s.resources;
  if (r === undefined) return { certainty: 'yes', text: 'every resource (no Resource)' };
  if (r.negated) return { certainty: 'yes', text: `every resource except ${listText(r.values)} (NotResource)` };
  let best: { certainty: Certainty; text: string } = { certainty: 'no', text: '' };
  for (const v of r.values) {
    const c = certainty(v, test);
    if (c === 'yes') return { certainty: 'yes', text: v.text };
    if (c === 'maybe' && best.certainty === 'no') best = { certainty: 'maybe', text: v.text };
  }
  return best;
}

/**
 * Whether a statement is open to anyone: `*`, `{"AWS": "*"}`, or `NotPrincipal` with Allow.
 * Returns the principal that makes it so, or undefined.
 *
 * @example
 * anyPrincipal(statement) // { certainty: 'yes', text: '*' }
 */
export function anyPrincipal(s: PolicyStatement): { certainty: Certainty; text: string } | undefined {
  const p = s.principals;
  if (p === undefined) return undefined;
  if (p.negated) return { certainty: 'yes', text: `everyone except ${p.entries.map((e) => e.text).join(', ')} (NotPrincipal)` };
  const any = p.entries.find((e) => e.kind === 'any');
  if (any) return { certainty: 'yes', text: any.text };
  const unknown = p.entries.find((e) => e.kind === 'unknown');
  if (unknown) return { certainty: 'maybe', text: unknown.text };
  return undefined;
}

/** GitHub's OIDC provider: every repository's token has the same audience, only `sub` tells them apart. */
const GITHUB_ACTIONS = 'token.actions.githubusercontent.com';

/**
 * A federated web-identity principal (OIDC) that no condition narrows to a subject or an
 * audience: anyone holding a token from the provider (any GitHub repository, any Cognito
 * identity pool) may then assume the role.
 *
 * @example
 * openWebIdentity(trustStatement) // { certainty: 'yes', text: 'Federated: arn:...:oidc-provider/token.actions.githubusercontent.com', provider: 'token.actions.githubusercontent.com' }
 */
export function openWebIdentity(s: PolicyStatement): { certainty: Certainty; text: string; provider: string } | undefined {
  if (s.principals === undefined || s.principals.negated) return undefined;
  for (const e of s.principals.entries) {
    if (e.provider === undefined) continue;
    const host = e.provider.toLowerCase();
    const keys = host === GITHUB_ACTIONS ? [`${host}:sub`] : [`${host}:sub`, `${host}:aud`];
    const narrowed = conditionsNarrow(s, keys);
    if (narrowed !== 'yes') return { certainty: narrowed === 'maybe' ? 'maybe' : 'yes', text: e.text, provider: e.provider };
  }
  return undefined;
}

/**
 * The condition keys that narrow a web identity of `provider`, for messages.
 *
 * @example
 * webIdentityKeys('token.actions.githubusercontent.com') // 'token.actions.githubusercontent.com:sub'
 */
export function webIdentityKeys(provider: string): string {
  return provider.toLowerCase() === GITHUB_ACTIONS ? `${provider}:sub` : `${provider}:sub or ${provider}:aud`;
}

/**
 * Condition keys that narrow "any principal" to an organization, an account, a source resource
 * or a network (IAM-3). Compared without regard to case.
 */
export const PRINCIPAL_NARROWING_KEYS: readonly string[] = [
  'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalAccount', 'aws:PrincipalArn',
  'aws:PrincipalServiceName', 'aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOrgID',
  'aws:SourceOrgPaths', 'aws:SourceOwner', 'aws:SourceVpc', 'aws:SourceVpce', 'aws:userid',
  'kms:CallerAccount', 'lambda:EventSourceToken',
];

const POSITIVE_OPERATORS = /^(ForAnyValue:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i;
const NEGATIVE_OPERATORS = /^(StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike|ArnNotEquals|ArnNotLike)(IfExists)?$/i;

/**
 * Whether a statement's own conditions narrow its principals: a positive match (`StringEquals`,
 * `ArnLike`, ...; not `...IfExists`, which passes when the key is absent, nor `ForAllValues:`,
 * which passes on an empty set) of a narrowing key against values that are not all wildcards.
 *
 * @example
 * conditionsNarrow(statement, PRINCIPAL_NARROWING_KEYS) // 'yes' with aws:PrincipalOrgID = o-abc
 */
export function conditionsNarrow(s: PolicyStatement, keys: readonly string[]): Certainty {
  if (isUnknown(s.conditions)) return 'maybe';
  let best: Certainty = 'no';
  for (const c of s.conditions) {
    if (!POSITIVE_OPERATORS.test(c.operator) || !isNarrowingKey(c.key, keys) || c.values.length === 0) continue;
    const like = /Like$/i.test(c.operator);
    if (!like) return 'yes';
    // A Like condition narrows only if none of its values lets everything through.
    const open = c.values.map((v) => certainty(v, isOnlyWildcards));
    if (open.every((x) => x === 'no')) return 'yes';
    if (!open.includes('yes')) best = 'maybe';
  }
  return best;
}

/**
 * Whether another statement of the same document denies, to anyone, the same actions on the
 * same resources whenever a narrowing key does not match (`Deny` `*` with `StringNotEquals
 * aws:PrincipalOrgID`): the usual way to keep a `*` grant inside an organization. Conservative:
 * the Deny must surely cover the grant, and carry no other condition that could switch it off.
 *
 * @example
 * deniedOutside(allowStatement, document.statements, PRINCIPAL_NARROWING_KEYS) // true
 */
export function deniedOutside(allow: PolicyStatement, statements: readonly PolicyStatement[], keys: readonly string[]): boolean {
  return statements.some((d) => d !== allow && guards(d, allow, keys));
}

function guards(d: PolicyStatement, allow: PolicyStatement, keys: readonly string[]): boolean {
  if (d.effect !== 'deny' || isUnknown(d.conditions) || d.conditions.length === 0) return false;
  if (d.principals && (d.principals.negated || !d.principals.entries.some((e) => e.kind === 'any'))) return false;
  const onlyNarrowing = d.conditions.every(
    (c) => NEGATIVE_OPERATORS.test(c.operator) && isNarrowingKey(c.key, keys) && c.values.length > 0 && c.values.every((v) => v.known && !isOnlyWildcards(v.strict)),
  );
  if (!onlyNarrowing) return false;
  if (!listCovers(d.actions, allow.actions, (g, s) => actionCovers(g, s), coversAllActions)) return false;
  if (allow.resources === undefined) return d.resources === undefined || listCovers(d.resources, { negated: true, values: [] }, wildcardCovers, isAllResources);
  if (d.resources === undefined) return false;
  return listCovers(d.resources, allow.resources, (g, s) => wildcardCovers(g, s), isAllResources);
}

/** Whether the known values of `general` surely cover every value `specific` may take. */
function listCovers(
  general: PolicyList,
  specific: PolicyList,
  covers: (general: string, specific: string) => boolean,
  coversAll: (pattern: string) => boolean,
): boolean {
  if (general.negated) return false;
  const known = general.values.filter((v) => v.known).map((v) => v.strict);
  if (known.some(coversAll)) return true;
  if (specific.negated) return false;
  return specific.values.every((s) => known.some((g) => covers(g, s.loose)));
}

function isNarrowingKey(key: string, keys: readonly string[]): boolean {
  const k = key.toLowerCase();
  return keys.some((n) => n.toLowerCase() === k);
}

/**
 * A short list of values for messages: `s3:GetObject, s3:PutObject and 3 more`.
 *
 * @example
 * listText([policyValue('a'), policyValue('b')]) // 'a, b'
 */
export function listText(values: readonly PolicyValue[], max = 3): string {
  const texts = [...new Set(values.map((v) => v.text))];
  if (texts.length === 0) return 'nothing';
  return texts.length > max ? `${texts.slice(0, max).join(', ')} and ${texts.length - max} more` : texts.join(', ');
}
