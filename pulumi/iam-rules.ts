/**
 * What the IAM helpers refuse, in one table: full-admin basic roles (IAM-1), project-wide
 * service account impersonation (IAM-2), and grants to any principal (IAM-3). Roles and plain
 * members are plain strings so that they can be decided when the component is constructed.
 */
import * as pulumi from '@pulumi/pulumi';
import type { RequirementId } from '../constructs/requirements';
import { invalid, refuse } from './refuse';

/**
 * A service account, by email: what a `LeastPrivilegeServiceAccount` (or any object with an
 * `email`) gives. An email output can only name a service account, never "anyone".
 *
 * @example
 * const ci: ServiceAccountRef = { email: 'ci@team-project.iam.gserviceaccount.com' };
 */
export interface ServiceAccountRef {
  readonly email: pulumi.Input<string>;
}

/**
 * A member of an IAM grant: `'group:devs@example.com'`, `'user:…'`, `'serviceAccount:…'`,
 * `'domain:…'`, `'principal:…'`, `'principalSet:…'`, or a service account object.
 *
 * @example
 * const members: IamMember[] = ['group:oncall@example.com', appAccount];
 */
export type IamMember = string | ServiceAccountRef;

/** Project-level roles that are never granted, with the requirement and the reason. */
export const REFUSED_PROJECT_ROLES: Readonly<Record<string, readonly [RequirementId, string]>> = {
  'roles/owner': ['IAM-1', 'grants full control of the project'],
  'roles/editor': ['IAM-1', 'grants write access to nearly every service of the project'],
  'roles/iam.serviceAccountUser': ['IAM-2', 'at project level lets the member act as every service account of the project'],
  'roles/iam.serviceAccountTokenCreator': ['IAM-2', 'at project level lets the member mint tokens for every service account of the project'],
};

/** Members that mean "anyone". */
const PUBLIC_MEMBERS = ['allusers', 'allauthenticatedusers'];

const MEMBER_PREFIXES = ['user:', 'group:', 'serviceAccount:', 'domain:', 'principal:', 'principalSet:'];

/**
 * Refuses a project-level role the policy forbids, and a role that is not a role name.
 *
 * @example
 * checkProjectRole("ProjectIamGrants 'team'", 'roles/editor');
 * // throws [IAM-1] ProjectIamGrants 'team': role 'roles/editor' grants write access to nearly every service ...
 */
export function checkProjectRole(label: string, role: string): void {
  if (!/^(roles\/[A-Za-z0-9_.]+|(projects|organizations)\/[^/]+\/roles\/[A-Za-z0-9_.]+)$/.test(role)) {
    invalid(label, `role '${role}' is not a role name (roles/…, projects/…/roles/… or organizations/…/roles/…).`);
  }
  const refused = REFUSED_PROJECT_ROLES[role];
  if (refused) {
    const [requirement, why] = refused;
    refuse(requirement, label, `role '${role}' ${why}; grant the predefined or custom roles the workload needs instead.`);
  }
}

/**
 * Refuses `allUsers` and `allAuthenticatedUsers` (IAM-3), and plain members without a known
 * prefix. Service account objects always pass.
 *
 * @example
 * checkMember("SecureKey 'data'", 'allUsers'); // throws [IAM-3] ...
 */
export function checkMember(label: string, member: IamMember): void {
  if (typeof member !== 'string') return;
  if (PUBLIC_MEMBERS.includes(member.trim().toLowerCase())) {
    refuse('IAM-3', label, `member '${member}' grants access to anyone; name the users, groups or service accounts that need it.`);
  }
  if (!MEMBER_PREFIXES.some((p) => member.startsWith(p) && member.length > p.length)) {
    invalid(label, `member '${member}' must start with ${MEMBER_PREFIXES.join(', ')}.`);
  }
}

/**
 * The member string of a grant.
 *
 * @example
 * memberValue(appAccount) // Output<'serviceAccount:app@project.iam.gserviceaccount.com'>
 * memberValue('group:devs@example.com') // 'group:devs@example.com'
 */
export function memberValue(member: IamMember): pulumi.Input<string> {
  return typeof member === 'string' ? member : pulumi.interpolate`serviceAccount:${member.email}`;
}
