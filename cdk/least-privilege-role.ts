/**
 * A role that cannot be made an administrator: wildcard actions on `*`, `NotAction`, admin
 * policies and open trust policies are refused when they are added.
 */
import type { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { ComplianceError } from '../constructs/errors';
import type { RuleVerdict } from './declared-traffic';
import { judgeManagedPolicy, judgeStatement, judgeTrust, judgeTrustStatement } from './statement-judgement';

/** Props of a {@link LeastPrivilegeRole}. */
export interface LeastPrivilegeRoleProps {
  /**
   * Who may assume the role. IAM-3: any principal (`*`) without a condition that narrows
   * who, or any identity of a web identity provider without a condition on the token's
   * subject, is refused.
   */
  readonly assumedBy: iam.IPrincipal;
  /**
   * What the role is for.
   * @default no description
   */
  readonly description?: string;
  /**
   * The role name.
   * @default a generated name
   */
  readonly roleName?: string;
  /**
   * The most the role may ever do, whatever is attached later.
   * @default no boundary
   */
  readonly permissionsBoundary?: iam.IManagedPolicy;
  /**
   * Statements of the role's inline policy. IAM-1 and IAM-2: every action on every resource,
   * wildcard actions on every resource, `NotAction` and `iam:PassRole` on every role are refused.
   * @default none: grant with `allow()` or a resource's `grant*()` methods
   */
  readonly statements?: readonly iam.PolicyStatement[];
  /**
   * Managed policies to attach. IAM-1: AdministratorAccess is refused; IAM-2:
   * PowerUserAccess, IAMFullAccess and other `*FullAccess` policies are refused.
   * @default none
   */
  readonly managedPolicies?: readonly iam.IManagedPolicy[];
  /**
   * The longest session.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;
  /**
   * External ids required of a third party assuming the role.
   * @default none
   */
  readonly externalIds?: readonly string[];
}

/** One typed grant for {@link LeastPrivilegeRole.allow}. */
export interface Grant {
  /** The actions, such as `['s3:GetObject']`. */
  readonly actions: readonly string[];
  /** The resources, at least one. `*` only for actions that take no resource. */
  readonly resources: readonly string[];
  /**
   * Conditions of the grant.
   * @default none
   */
  readonly conditions?: Record<string, Record<string, unknown>>;
}

/**
 * An `iam.Role` that refuses, when they are added, the grants that would make it an
 * administrator (IAM-1), wildcard actions on every resource, `NotAction` and unscoped
 * `iam:PassRole` (IAM-2), and trust in any principal (IAM-3). Every way in is judged: props,
 * `allow()`, `addToPolicy()` and the `grant*()` methods of resources, `addManagedPolicy()`,
 * `attachInlinePolicy()`; what changes later (statements added to an attached policy or to the
 * trust policy) is judged at synthesis.
 *
 * @example
 * const role = new LeastPrivilegeRole(this, 'Api', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
 * bucket.grantRead(role);
 * role.allow({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] });
 */
export class LeastPrivilegeRole extends iam.Role {
  private judgedPolicies?: iam.Policy[];

  constructor(scope: Construct, id: string, props: LeastPrivilegeRoleProps) {
    const label = `Role '${id}'`;
    refuse(judgeTrust(label, props.assumedBy));
    for (const s of props.statements ?? []) refuse(...judgeStatement(label, s));
    for (const p of props.managedPolicies ?? []) refuse(judgeManagedPolicy(label, p));
    super(scope, id, {
      assumedBy: props.assumedBy,
      ...(props.description !== undefined ? { description: props.description } : {}),
      ...(props.roleName !== undefined ? { roleName: props.roleName } : {}),
      ...(props.permissionsBoundary !== undefined ? { permissionsBoundary: props.permissionsBoundary } : {}),
      ...(props.maxSessionDuration !== undefined ? { maxSessionDuration: props.maxSessionDuration } : {}),
      ...(props.externalIds !== undefined ? { externalIds: [...props.externalIds] } : {}),
      ...(props.managedPolicies !== undefined ? { managedPolicies: [...props.managedPolicies] } : {}),
    });
    for (const s of props.statements ?? []) this.addToPrincipalPolicy(s);
    this.node.addValidation({ validate: () => this.lateProblems() });
  }

  /**
   * Grants `actions` on `resources`, typed: at least one action and one resource.
   *
   * @example
   * role.allow({ actions: ['kms:Decrypt'], resources: [key.keyArn] });
   */
  allow(grant: Grant): void {
    if (grant.actions.length === 0 || grant.resources.length === 0) {
      throw new Error(`Role '${this.node.id}': a grant names at least one action and one resource.`);
    }
    this.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: [...grant.actions],
      resources: [...grant.resources],
      ...(grant.conditions ? { conditions: grant.conditions } : {}),
    }));
  }

  /** Adds a statement to the role's policy after judging it (IAM-1, IAM-2). */
  override addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    refuse(...judgeStatement(`Role '${this.node.id}'`, statement));
    return super.addToPrincipalPolicy(statement);
  }

  /** Attaches a managed policy after judging it (IAM-1, IAM-2). */
  override addManagedPolicy(policy: iam.IManagedPolicy): void {
    refuse(judgeManagedPolicy(`Role '${this.node.id}'`, policy));
    super.addManagedPolicy(policy);
  }

  /** Attaches a policy after judging its statements; statements added to it later are judged at synthesis. */
  override attachInlinePolicy(policy: iam.Policy): void {
    for (const s of policyStatements(policy.document)) refuse(...judgeStatement(`Role '${this.node.id}'`, s));
    (this.judgedPolicies ??= []).push(policy);
    super.attachInlinePolicy(policy);
  }

  /** Problems that only the finished tree shows: trust statements and policy statements added after the fact. */
  private lateProblems(): string[] {
    const label = `Role '${this.node.id}'`;
    const verdicts: RuleVerdict[] = [];
    for (const s of policyStatements(this.assumeRolePolicy)) {
      const v = judgeTrustStatement(label, s);
      if (v) verdicts.push(v);
    }
    for (const p of this.judgedPolicies ?? []) {
      for (const s of policyStatements(p.document)) verdicts.push(...judgeStatement(label, s));
    }
    return [...new Set(verdicts.map((v) => `[${v.requirement}] ${v.problem}`))];
  }
}

function refuse(...verdicts: Array<RuleVerdict | undefined>): void {
  const v = verdicts.find((x): x is RuleVerdict => x !== undefined);
  if (v) throw new ComplianceError(v.requirement, v.problem);
}

/** The statements of a policy document, read back through its JSON form. */
function policyStatements(doc: iam.PolicyDocument | undefined): iam.PolicyStatement[] {
  if (!doc || doc.isEmpty) return [];
  const json: unknown = doc.toJSON();
  const statements = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).Statement : undefined;
  return Array.isArray(statements) ? statements.map((s: unknown) => iam.PolicyStatement.fromJson(s)) : [];
}
