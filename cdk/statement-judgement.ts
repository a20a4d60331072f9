/**
 * Judges IAM statements, managed policies and trust principals before they are added: the
 * construction-time face of IAM-1, IAM-2 and IAM-3.
 */
import { Token } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { RuleVerdict } from './declared-traffic';

/** A statement as IAM reads it, parsed from `PolicyStatement.toStatementJson()`. */
interface StatementShape {
  readonly allow: boolean;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly hasConditions: boolean;
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function shapeOf(statement: iam.PolicyStatement): StatementShape {
  const json: unknown = statement.toStatementJson();
  const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  return {
    allow: o.Effect !== 'Deny',
    actions: strings(o.Action),
    notActions: strings(o.NotAction),
    resources: strings(o.Resource),
    notResources: strings(o.NotResource),
    hasConditions: typeof o.Condition === 'object' && o.Condition !== null && Object.keys(o.Condition).length > 0,
  };
}

/**
 * What the policy says about one statement of a role's permissions: every action on every
 * resource is IAM-1; a wildcard action on every resource, `NotAction`, and `iam:PassRole` on
 * every role are IAM-2. Statements with resources named stay the caller's business.
 *
 * @example
 * judgeStatement("Role 'Api'", new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] })) // [IAM-2 ...]
 */
export function judgeStatement(label: string, statement: iam.PolicyStatement): RuleVerdict[] {
  const s = shapeOf(statement);
  if (!s.allow) return [];
  if (s.notActions.length > 0) {
    return [{ requirement: 'IAM-2', problem: `${label} would allow every action except ${s.notActions.join(', ')} (NotAction); list the actions it needs instead.` }];
  }
  const everyResource = s.notResources.length > 0 || s.resources.some((r) => r === '*');
  if (!everyResource) return [];
  const out: RuleVerdict[] = [];
  if (s.actions.includes('*')) {
    out.push({ requirement: 'IAM-1', problem: `${label} would allow every action on every resource (Action "*" on Resource "*").` });
    return out;
  }
  for (const action of s.actions) {
    if (Token.isUnresolved(action)) continue;
    if (action.includes('*')) {
      out.push({ requirement: 'IAM-2', problem: `${label} would allow wildcard action '${action}' on every resource; name the actions and scope the resources.` });
    } else if (action.toLowerCase() === 'iam:passrole') {
      out.push({ requirement: 'IAM-2', problem: `${label} would allow iam:PassRole on every role; name the roles it passes.` });
    }
  }
  return out;
}

/** AWS managed policies that grant administration, or a service's every action on `*`. */
const ADMIN_POLICIES: Readonly<Record<string, RuleVerdict['requirement']>> = {
  AdministratorAccess: 'IAM-1',
  IAMFullAccess: 'IAM-1',
  PowerUserAccess: 'IAM-2',
};

/**
 * What the policy says about attaching a managed policy: administrator policies are IAM-1,
 * power-user and `*FullAccess` policies (a service's every action on every resource) IAM-2.
 *
 * @example
 * judgeManagedPolicy("Role 'Api'", iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')) // IAM-1
 */
export function judgeManagedPolicy(label: string, policy: iam.IManagedPolicy): RuleVerdict | undefined {
  const arn = policy.managedPolicyArn;
  const m = /:iam::aws:policy\/(?:.*\/)?([A-Za-z0-9+=,.@_-]+)$/.exec(arn);
  if (!m) return undefined;
  const name = m[1];
  const id = ADMIN_POLICIES[name];
  if (id === 'IAM-1') {
    return { requirement: 'IAM-1', problem: `${label} would attach ${name}, which grants full administration.` };
  }
  if (id === 'IAM-2') {
    return { requirement: 'IAM-2', problem: `${label} would attach ${name}, which allows every action outside IAM (NotAction).` };
  }
  if (/FullAccess$/.test(name)) {
    return { requirement: 'IAM-2', problem: `${label} would attach ${name}, which allows a service's every action on every resource.` };
  }
  return undefined;
}

/**
 * What the policy says about who may assume a role: anyone (`*`) without a condition, or any
 * identity of a federated provider without a condition, is IAM-3.
 *
 * @example
 * judgeTrust("Role 'Api'", new iam.AnyPrincipal()) // IAM-3
 */
export function judgeTrust(label: string, principal: iam.IPrincipal): RuleVerdict | undefined {
  const fragment = principal.policyFragment;
  const conditioned = Object.keys(fragment.conditions).length > 0;
  if (conditioned) return undefined;
  return judgePrincipalJson(label, fragment.principalJson);
}

/**
 * Judges one trust statement of a role's assume-role policy document.
 *
 * @example
 * judgeTrustStatement("Role 'Api'", statement) // IAM-3 when Principal is "*" without a condition
 */
export function judgeTrustStatement(label: string, statement: iam.PolicyStatement): RuleVerdict | undefined {
  const json: unknown = statement.toStatementJson();
  const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  if (o.Effect === 'Deny') return undefined;
  if (typeof o.Condition === 'object' && o.Condition !== null && Object.keys(o.Condition).length > 0) return undefined;
  if (o.Principal === '*') return judgePrincipalJson(label, { AWS: ['*'] });
  if (typeof o.Principal !== 'object' || o.Principal === null) return undefined;
  const principal: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(o.Principal)) principal[k] = strings(v);
  return judgePrincipalJson(label, principal);
}

function judgePrincipalJson(label: string, json: Readonly<Record<string, readonly string[]>>): RuleVerdict | undefined {
  if (Object.values(json).some((v) => v.includes('*'))) {
    return { requirement: 'IAM-3', problem: `${label} can be assumed by any principal ("*" with no condition); name the principals.` };
  }
  const federated = json.Federated ?? [];
  if (federated.length > 0) {
    return {
      requirement: 'IAM-3',
      problem: `${label} trusts federated principal ${federated.map((f) => (Token.isUnresolved(f) ? 'a provider of this stack' : `'${f}'`)).join(', ')} with no condition, so any identity of that provider can assume it.`,
    };
  }
  return undefined;
}
