/**
 * Judges IAM statements, managed policies and trust principals before they are added: the
 * construction-time face of IAM-1, IAM-2 and IAM-3. A CDK statement is read into the shared
 * statement model as the CloudFormation records read a template (values CDK knows only as
 * tokens are values known only at deploy), and judged by the same decisions as the identity
 * check (`constructs/iam/judgement.ts`, `constructs/iam/roles.ts`). Only what is surely wrong
 * is refused here; what depends on deploy-time values is left to the checks at synthesis.
 */
import { Token, Tokenization } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { identityProblems, IdentityProblem, principalProblem, StatementScope } from '../constructs/iam/judgement';
import { listText, PolicyStatement as StatementModel } from '../constructs/iam/policy';
import { broadRole } from '../constructs/iam/roles';
import { resolveOptions } from '../constructs/options';
import { Unknown } from '../constructs/unknown';
import type { RuleVerdict } from './declared-traffic';
import { readPolicyDocument, toPolicyValue } from './records/policy-document';
import { PartialString, Value } from './records/values';

/**
 * What the policy says about one statement of a role's permissions: every action on every
 * resource is IAM-1; a wildcard action on every resource, `NotAction`, and `iam:PassRole` on
 * every role are IAM-2. Statements with resources named stay the caller's business.
 *
 * @example
 * judgeStatement("Role 'Api'", new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] })) // [IAM-2 ...]
 */
export function judgeStatement(label: string, statement: iam.PolicyStatement): RuleVerdict[] {
  return modelOf(statement).flatMap((s) =>
    identityProblems(s)
      .filter((p) => p.certainty === 'yes')
      .map((p) => ({ requirement: p.requirement, problem: identityProblemText(label, s, p) })),
  );
}

function identityProblemText(label: string, s: StatementModel, p: IdentityProblem): string {
  switch (p.kind) {
    case 'not-action':
      return `${label} would allow every action except ${listText(s.actions.values)} (NotAction); list the actions it needs instead.`;
    case 'full-admin':
      return `${label} would allow every action on every resource (Action "${p.action.text}" on ${scopeText(s, p.resources)}).`;
    case 'wildcard-action':
      return `${label} would allow wildcard action '${p.action.text}' on every resource; name the actions and scope the resources.`;
    case 'pass-role':
      return `${label} would allow iam:PassRole on every role; name the roles it passes.`;
  }
}

/** `Resource "*"` for a listed resource, the scope's own words for `NotResource` or none. */
function scopeText(s: StatementModel, scope: StatementScope): string {
  return s.resources === undefined || s.resources.negated ? scope.text : `Resource "${scope.text}"`;
}

/**
 * What the policy says about attaching a managed policy: AdministratorAccess is IAM-1,
 * PowerUserAccess and `*FullAccess` policies IAM-2 (the table the identity check uses).
 *
 * @example
 * judgeManagedPolicy("Role 'Api'", iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')) // IAM-1
 */
export function judgeManagedPolicy(label: string, policy: iam.IManagedPolicy): RuleVerdict | undefined {
  const broad = broadRole(toPolicyValue(valueOf(policy.managedPolicyArn)));
  if (broad === undefined || broad.certainty !== 'yes') return undefined;
  return { requirement: broad.requirement, problem: `${label} would attach ${broad.name}, which grants ${broad.grants}.` };
}

/**
 * What the policy says about who may assume a role: anyone (`*`) with no condition that
 * narrows who, or anyone holding a token of a web identity provider with no condition on
 * the token's subject, is IAM-3.
 *
 * @example
 * judgeTrust("Role 'Api'", new iam.AnyPrincipal()) // IAM-3
 */
export function judgeTrust(label: string, principal: iam.IPrincipal): RuleVerdict | undefined {
  return judgeTrustStatement(label, new iam.PolicyStatement({ principals: [principal], actions: [principal.assumeRoleAction] }));
}

/**
 * Judges one statement of a trust policy or a resource policy (IAM-3).
 *
 * @example
 * judgeTrustStatement("Role 'Api'", statement) // IAM-3 when Principal is "*" without a condition
 */
export function judgeTrustStatement(label: string, statement: iam.PolicyStatement): RuleVerdict | undefined {
  const narrowingKeys = resolveOptions().principalNarrowingKeys;
  for (const s of modelOf(statement)) {
    const p = principalProblem(s, [s], narrowingKeys);
    if (p === undefined || p.certainty !== 'yes') continue;
    return {
      requirement: p.requirement,
      problem: p.kind === 'any-principal'
        ? `${label} can be assumed by any principal ("*" with no condition); name the principals.`
        : `${label} trusts federated principal '${p.provider}' with no condition, so any identity of that provider can assume it.`,
    };
  }
  return undefined;
}

/** The statement in the shared model, read as the records read a template's statement. */
function modelOf(statement: iam.PolicyStatement): StatementModel[] {
  return readPolicyDocument({ Statement: [valueOf(statement.toStatementJson())] }).statements;
}

/** Stands for a token while a string is split into its known and unknown parts. */
const TOKEN_MARK = '\u0002';

/**
 * A statement's JSON as a template value: a string with CDK tokens (an ARN of a resource, the
 * stack's region) becomes a partly known string, whose token parts are known only at deploy.
 */
function valueOf(node: unknown): Value {
  if (typeof node === 'string') return Token.isUnresolved(node) ? tokenString(node) : node;
  if (Token.isUnresolved(node)) return deployTime();
  if (typeof node === 'number' || typeof node === 'boolean' || node === null) return node;
  if (Array.isArray(node)) return node.map(valueOf);
  if (typeof node === 'object') {
    const out: Record<string, Value> = {};
    for (const [k, v] of Object.entries(node)) Object.defineProperty(out, k, { value: valueOf(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return deployTime();
}

function tokenString(s: string): Value {
  const marked = Tokenization.reverseString(s)
    .mapTokens({ mapToken: () => TOKEN_MARK })
    .join({ join: (left: unknown, right: unknown) => `${String(left ?? '')}${String(right ?? '')}` });
  const parts: Array<string | Unknown> = [];
  String(marked).split(TOKEN_MARK).forEach((literal, i) => {
    if (i > 0) parts.push(deployTime());
    if (literal.length > 0) parts.push(literal);
  });
  return parts.length === 1 && typeof parts[0] !== 'string' ? parts[0] : new PartialString(parts);
}

function deployTime(): Unknown {
  return new Unknown('a value CDK resolves at synthesis');
}
