/**
 * Predefined roles and managed policies whose grant is known to be too broad: AWS managed
 * policies (`AdministratorAccess`, `PowerUserAccess`, `*FullAccess`) in any partition, and
 * GCP basic roles (`roles/owner`, `roles/editor`) and project-wide impersonation roles.
 */
import type { RequirementId } from '../requirements';
import { Certainty, PolicyValue } from './policy';
import { wildcardsOverlap } from './wildcard';

/** What attaching a broad role means. */
export interface BroadRole {
  readonly requirement: Extract<RequirementId, 'IAM-1' | 'IAM-2'>;
  /** The role's name as messages show it. */
  readonly name: string;
  /** What it grants, for the message. */
  readonly grants: string;
  readonly certainty: Exclude<Certainty, 'no'>;
}

/** AWS managed policies by name (case-insensitive), and what they grant. */
const AWS_MANAGED: ReadonlyArray<{ test: RegExp; requirement: BroadRole['requirement']; grants: string }> = [
  { test: /^AdministratorAccess$/i, requirement: 'IAM-1', grants: 'every action on every resource' },
  { test: /^PowerUserAccess$/i, requirement: 'IAM-2', grants: 'every action except IAM and Organizations management (NotAction) on every resource' },
  { test: /^IAMFullAccess$/i, requirement: 'IAM-2', grants: 'iam:* on every resource, including iam:PassRole' },
  { test: /FullAccess$/i, requirement: 'IAM-2', grants: "the service's wildcard actions on every resource" },
];

/**
 * GCP predefined roles too broad to grant on a whole project, folder or organization: the basic
 * roles (IAM-1), and the roles that let their holder act as, or mint tokens for, every service
 * account below (IAM-2, the GCP counterpart of an unscoped `iam:PassRole`). Granted on one
 * service account, the impersonation roles are the scoped way to do it: callers ask about
 * project-wide grants only.
 */
const GCP_BROAD: ReadonlyArray<{ name: string; requirement: BroadRole['requirement']; grants: string }> = [
  { name: 'roles/owner', requirement: 'IAM-1', grants: 'every permission on the project, including IAM' },
  { name: 'roles/editor', requirement: 'IAM-1', grants: 'almost every permission on the project' },
  { name: 'roles/iam.serviceAccountUser', requirement: 'IAM-2', grants: 'acting as every service account of the project, so it can run workloads with any of their roles' },
  { name: 'roles/iam.serviceAccountTokenCreator', requirement: 'IAM-2', grants: 'access tokens for every service account of the project' },
];

/** The AdministratorAccess ARN in any partition, for "may this unknown ARN be it?". */
const ADMIN_PATTERN = 'arn:*:iam::aws:policy/AdministratorAccess';

/**
 * Whether an attached managed policy or role is one of the broad ones: surely (`yes`, the ARN
 * names it in whatever partition) or maybe (a value known only at deploy could be
 * AdministratorAccess, or on GCP `roles/owner`). Undefined when it is not.
 *
 * @example
 * broadRole(policyValue('arn:aws-cn:iam::aws:policy/AdministratorAccess'))
 * // { requirement: 'IAM-1', name: 'AdministratorAccess', certainty: 'yes', ... }
 * broadRole(policyValue('arn:aws:iam::aws:policy/ReadOnlyAccess')) // undefined
 * broadRole(policyValue('roles/iam.serviceAccountUser'), 'gcp') // { requirement: 'IAM-2', ... }
 */
export function broadRole(v: PolicyValue, provider: 'aws' | 'gcp' = 'aws'): BroadRole | undefined {
  const gcp = GCP_BROAD.find((r) => r.name === v.strict.trim());
  if (gcp) return { requirement: gcp.requirement, name: gcp.name, grants: gcp.grants, certainty: 'yes' };
  if (provider === 'gcp') {
    // A role known only at deploy may be the owner role.
    const owner = GCP_BROAD[0];
    if (!v.known && wildcardsOverlap(v.loose, owner.name)) return { requirement: 'IAM-1', name: owner.name, grants: owner.grants, certainty: 'maybe' };
    return undefined;
  }

  const name = awsManagedName(v.strict);
  if (name !== undefined) {
    const entry = AWS_MANAGED.find((e) => e.test.test(name));
    if (entry) return { requirement: entry.requirement, name, grants: entry.grants, certainty: 'yes' };
    return undefined;
  }
  if (!v.known && mayBeAdmin(v.loose)) {
    return { requirement: 'IAM-1', name: 'AdministratorAccess', grants: 'every action on every resource', certainty: 'maybe' };
  }
  return undefined;
}

/**
 * Whether a loose ARN may be AdministratorAccess. Field by field when it has the six fields of
 * an ARN, so that the `*` of an unknown partition cannot stand for a literal account too.
 */
function mayBeAdmin(loose: string): boolean {
  const fields = loose.split(':');
  const admin = ADMIN_PATTERN.split(':');
  if (fields.length === admin.length) return fields.every((f, i) => wildcardsOverlap(f, admin[i], { ignoreCase: true }));
  return wildcardsOverlap(loose, ADMIN_PATTERN, { ignoreCase: true });
}

/**
 * The name of an AWS managed policy from its ARN (`arn:<any partition>:iam::aws:policy/<path>/<name>`),
 * when everything but the partition is literal.
 */
function awsManagedName(arn: string): string | undefined {
  const parts = arn.trim().split(':');
  if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'iam' || parts[3] !== '' || parts[4] !== 'aws') return undefined;
  const m = /^policy\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(parts[5]);
  return m ? m[1] : undefined;
}
