/**
 * A dedicated service account with only the project roles it is given: never a key (IAM-4),
 * never a basic owner/editor role (IAM-1), never project-wide impersonation (IAM-2).
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { checkProjectRole, ServiceAccountRef } from './iam-rules';
import { componentLabel, invalid, slug } from './refuse';

/** Args of `LeastPrivilegeServiceAccount`. */
export interface LeastPrivilegeServiceAccountArgs {
  /** The project the account and its role grants live in. */
  readonly project: pulumi.Input<string>;
  /**
   * The account id (6-30 characters: a lowercase letter, then letters, digits and dashes).
   * @default derived from the component name
   */
  readonly accountId?: string;
  /** @default the component name */
  readonly displayName?: string;
  /** @default none */
  readonly description?: string;
  /**
   * Project roles the workload needs. `roles/owner` and `roles/editor` are refused (IAM-1),
   * `roles/iam.serviceAccountUser` and `roles/iam.serviceAccountTokenCreator` too (IAM-2:
   * grant them on the one service account that is impersonated, not on the project).
   * @default none
   */
  readonly roles?: readonly string[];
}

const ACCOUNT_ID = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;

/**
 * A service account id derived from a name: lowercase, 6 to 30 characters.
 *
 * @example
 * accountIdFor('web') // 'web-sa'
 */
export function accountIdFor(name: string): string {
  let id = slug(name);
  if (!/^[a-z]/.test(id)) id = `sa-${id}`;
  while (id.length < 6) id = `${id}-sa`;
  return id.slice(0, 30).replace(/-+$/, '');
}

/**
 * A service account for one workload, with the project roles it needs and nothing else. It
 * never gets a key: workloads use it through the instance metadata server (short-lived tokens).
 *
 * @example
 * const app = new LeastPrivilegeServiceAccount('app', {
 *   project,
 *   roles: ['roles/logging.logWriter', 'roles/monitoring.metricWriter', 'roles/cloudsql.client'],
 * });
 * new HardenedInstance('app', { ..., serviceAccount: app });
 */
export class LeastPrivilegeServiceAccount extends pulumi.ComponentResource implements ServiceAccountRef {
  /** The account. */
  readonly account: gcp.serviceaccount.Account;
  /** Its email. */
  readonly email: pulumi.Output<string>;
  /** `serviceAccount:<email>`, for IAM grants. */
  readonly member: pulumi.Output<string>;
  /** One grant per role. */
  readonly grants: readonly gcp.projects.IAMMember[];

  constructor(name: string, args: LeastPrivilegeServiceAccountArgs, opts?: pulumi.ComponentResourceOptions) {
    const label = componentLabel('LeastPrivilegeServiceAccount', name);
    const roles = [...new Set(args.roles ?? [])];
    for (const role of roles) checkProjectRole(label, role);
    const accountId = args.accountId ?? accountIdFor(name);
    if (!ACCOUNT_ID.test(accountId)) {
      invalid(label, `accountId '${accountId}' must be 6-30 characters: a lowercase letter, then lowercase letters, digits and dashes.`);
    }

    super('compliance:gcp:LeastPrivilegeServiceAccount', name, {}, opts);
    this.account = new gcp.serviceaccount.Account(
      name,
      {
        project: args.project,
        accountId,
        displayName: args.displayName ?? name,
        ...(args.description !== undefined ? { description: args.description } : {}),
      },
      { parent: this },
    );
    this.email = this.account.email;
    this.member = pulumi.interpolate`serviceAccount:${this.account.email}`;
    this.grants = roles.map(
      (role) => new gcp.projects.IAMMember(`${name}-${slug(role.replace(/^roles\//, ''))}`, { project: args.project, role, member: this.member }, { parent: this }),
    );
    this.registerOutputs({ email: this.email, member: this.member });
  }
}
