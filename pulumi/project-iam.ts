/**
 * Project IAM grants that cannot give away the project: no `roles/owner` or `roles/editor`
 * (IAM-1), no project-wide impersonation (IAM-2), no `allUsers` or `allAuthenticatedUsers`
 * (IAM-3). Grants are additive (`IAMMember`): they never remove someone else's access.
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { checkMember, checkProjectRole, IamMember, memberValue } from './iam-rules';
import { componentLabel, invalid, slug } from './refuse';

/** One role for some members, optionally under an IAM condition (for example, an expiry). */
export interface ProjectGrant {
  /** A predefined or custom role (`roles/cloudsql.client`). */
  readonly role: string;
  /** Who gets it: `group:…`, `user:…`, `serviceAccount:…`, or a service account object. */
  readonly members: readonly IamMember[];
  /**
   * An IAM condition, such as a time bound for temporary access.
   * @default none (the grant holds until removed)
   */
  readonly condition?: { readonly title: string; readonly expression: string; readonly description?: string };
}

/** Args of `ProjectIamGrants`. */
export interface ProjectIamGrantsArgs {
  readonly project: pulumi.Input<string>;
  readonly grants: readonly ProjectGrant[];
}

/**
 * Additive project IAM grants, checked against the policy before anything is declared.
 *
 * @example
 * new ProjectIamGrants('team', {
 *   project,
 *   grants: [{ role: 'roles/compute.osAdminLogin', members: ['group:oncall@example.com'] }],
 * });
 */
export class ProjectIamGrants extends pulumi.ComponentResource {
  /** One `IAMMember` per role and member. */
  readonly members: readonly gcp.projects.IAMMember[];

  constructor(name: string, args: ProjectIamGrantsArgs, opts?: pulumi.ComponentResourceOptions) {
    const label = componentLabel('ProjectIamGrants', name);
    for (const grant of args.grants) {
      checkProjectRole(label, grant.role);
      if (grant.members.length === 0) invalid(label, `the grant of '${grant.role}' names no member.`);
      for (const m of grant.members) checkMember(label, m);
    }
    super('compliance:gcp:ProjectIamGrants', name, {}, opts);
    const seen = new Map<string, number>();
    const members: gcp.projects.IAMMember[] = [];
    for (const grant of args.grants) {
      const base = `${name}-${slug(grant.role.replace(/^roles\//, ''))}`;
      grant.members.forEach((m) => {
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        members.push(
          new gcp.projects.IAMMember(
            `${base}-${n}`,
            {
              project: args.project,
              role: grant.role,
              member: memberValue(m),
              ...(grant.condition ? { condition: { ...grant.condition } } : {}),
            },
            { parent: this },
          ),
        );
      });
    }
    this.members = members;
    this.registerOutputs({});
  }
}
