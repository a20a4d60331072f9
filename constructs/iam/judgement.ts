/**
 * What IAM-1, IAM-2 and IAM-3 find wrong with one normalized statement, decided once: the
 * identity check renders these problems as findings, and the CDK constructs refuse the ones
 * that are sure when a statement is added. Messages are the caller's; the decision is here.
 */
import type { RequirementId } from '../requirements';
import { isUnknown } from '../unknown';
import { actionCovers, actionMatches, coversAllActions, isWildcardAction } from './actions';
import {
  anyPrincipal,
  certainty,
  Certainty,
  conditionsNarrow,
  coversAllRoles,
  deniedOutside,
  openWebIdentity,
  PolicyStatement,
  PolicyValue,
  resourcesAreAll,
} from './policy';

/** `iam:PassRole`, the action that hands a role to a service. */
export const PASS_ROLE = 'iam:PassRole';

/** How sure a problem is: surely (`yes`), or only for some values known at deploy (`maybe`). */
export type ProblemCertainty = Exclude<Certainty, 'no'>;

/** Which resources a statement reaches, as `resourcesAreAll` says. */
export interface StatementScope {
  readonly certainty: Certainty;
  readonly text: string;
}

/** What an identity statement (a role's, a user's permissions) allows that the policy does not. */
export type IdentityProblem =
  /** IAM-2: `NotAction`, every action but a few, on whatever resources. */
  | { readonly kind: 'not-action'; readonly requirement: 'IAM-2'; readonly certainty: ProblemCertainty; readonly resources: StatementScope; readonly passRole: boolean }
  /** IAM-1: every action on every resource. */
  | { readonly kind: 'full-admin'; readonly requirement: 'IAM-1'; readonly certainty: ProblemCertainty; readonly action: PolicyValue; readonly resources: StatementScope }
  /** IAM-2: a wildcard action on every resource. */
  | { readonly kind: 'wildcard-action'; readonly requirement: 'IAM-2'; readonly certainty: ProblemCertainty; readonly action: PolicyValue; readonly resources: StatementScope; readonly passRole: boolean }
  /** IAM-2: `iam:PassRole` on every role. */
  | { readonly kind: 'pass-role'; readonly requirement: 'IAM-2'; readonly certainty: ProblemCertainty; readonly action: PolicyValue; readonly resources: StatementScope };

/**
 * The IAM-1 and IAM-2 problems of an Allow statement of an identity policy: `NotAction` (one
 * problem for the statement), and per action full admin on all resources, a wildcard action on
 * all resources, or `iam:PassRole` on all roles. An Effect known only at deploy makes every
 * problem a `maybe`. Deny statements have none.
 *
 * @example
 * identityProblems(statement).map((p) => p.kind) // ['wildcard-action'] for s3:* on *
 */
export function identityProblems(s: PolicyStatement): IdentityProblem[] {
  if (s.effect === 'deny') return [];
  const effectKnown = !isUnknown(s.effect);
  const sure = (...c: Certainty[]): ProblemCertainty => (effectKnown && c.every((x) => x === 'yes') ? 'yes' : 'maybe');
  const all = resourcesAreAll(s);
  if (s.actions.negated) {
    const excludesPassRole = s.actions.values.some((v) => v.known && actionCovers(v.strict, PASS_ROLE));
    return [{ kind: 'not-action', requirement: 'IAM-2', certainty: sure('yes'), resources: all, passRole: !excludesPassRole }];
  }
  const problems: IdentityProblem[] = [];
  for (const action of s.actions.values) {
    const admin = certainty(action, coversAllActions);
    if (admin !== 'no' && all.certainty !== 'no') {
      problems.push({ kind: 'full-admin', requirement: 'IAM-1', certainty: sure(admin, all.certainty), action, resources: all });
      continue;
    }
    const wildcard = certainty(action, isWildcardAction);
    const passRole = actionMatches(action.loose, PASS_ROLE);
    if (wildcard !== 'no' && all.certainty !== 'no') {
      problems.push({ kind: 'wildcard-action', requirement: 'IAM-2', certainty: sure(wildcard, all.certainty), action, resources: all, passRole });
      continue;
    }
    if (!passRole) continue;
    const roles = resourcesAreAll(s, coversAllRoles);
    if (roles.certainty === 'no') continue;
    problems.push({
      kind: 'pass-role',
      requirement: 'IAM-2',
      certainty: sure(certainty(action, (a) => actionMatches(a, PASS_ROLE)), roles.certainty),
      action,
      resources: roles,
    });
  }
  return problems;
}

/** Who a trust or resource statement lets in that the policy does not (IAM-3). */
export type PrincipalProblem =
  /** Any principal (`*`, `{"AWS": "*"}`, `NotPrincipal`), with no condition that surely narrows who. */
  | {
      readonly kind: 'any-principal';
      readonly requirement: Extract<RequirementId, 'IAM-3'>;
      readonly certainty: ProblemCertainty;
      readonly principal: StatementScope;
      /** Whether the statement's own conditions narrow it: `no`, or `maybe` on values known only at deploy. */
      readonly narrowed: Certainty;
    }
  /** Anyone holding a token from a web identity provider, with no condition on its subject or audience. */
  | {
      readonly kind: 'web-identity';
      readonly requirement: Extract<RequirementId, 'IAM-3'>;
      readonly certainty: ProblemCertainty;
      /** `Federated: arn:...:oidc-provider/token.actions.githubusercontent.com`. */
      readonly principal: string;
      readonly provider: string;
    };

/**
 * The IAM-3 problem of an Allow statement of a trust or resource policy, or undefined: any
 * principal not narrowed by a condition on one of `narrowingKeys` (nor by a Deny of everyone
 * outside, among `statements`), or an open web identity. Deny statements have none.
 *
 * @example
 * principalProblem(statement, document.statements, PRINCIPAL_NARROWING_KEYS)?.kind // 'any-principal'
 */
export function principalProblem(s: PolicyStatement, statements: readonly PolicyStatement[], narrowingKeys: readonly string[]): PrincipalProblem | undefined {
  if (s.effect === 'deny') return undefined;
  const any = anyPrincipal(s);
  if (!any) {
    const open = openWebIdentity(s);
    if (!open || isUnknown(s.effect)) return undefined;
    return { kind: 'web-identity', requirement: 'IAM-3', certainty: open.certainty === 'yes' ? 'yes' : 'maybe', principal: open.text, provider: open.provider };
  }
  const narrowed = conditionsNarrow(s, narrowingKeys);
  if (narrowed === 'yes' || deniedOutside(s, statements, narrowingKeys)) return undefined;
  const sure = any.certainty === 'yes' && narrowed === 'no' && !isUnknown(s.effect);
  return { kind: 'any-principal', requirement: 'IAM-3', certainty: sure ? 'yes' : 'maybe', principal: any, narrowed };
}
