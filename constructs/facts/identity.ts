/**
 * Identity facts, provider-neutral: access policies (who may do what to which resources),
 * predefined roles attached to identities, and long-lived credentials.
 */
import type { ResourceRef } from '../finding';
import type { PolicyStatement, PolicyValue } from '../iam/policy';
import type { Maybe } from '../unknown';

/**
 * One policy document: an identity policy (what its holders may do), a trust policy (who may
 * become the role), or a resource policy (who may use the resource). A GCP IAM binding is a
 * resource policy with one statement per role.
 */
export interface AccessPolicyFact {
  readonly kind: 'access-policy';
  readonly subject: ResourceRef;
  /** `Role 'App'`: how messages name the resource that holds the document. */
  readonly label: string;
  readonly document: 'identity' | 'trust' | 'resource';
  /** Where the document is in the resource: `policy 'S3Access'`, `AssumeRolePolicyDocument`, `KeyPolicy`. */
  readonly where: string;
  readonly statements: readonly PolicyStatement[];
  /** Parts of the document that could not be read, each with why (a whole document from an import). */
  readonly unreadable: ReadonlyArray<{ readonly where: string; readonly reason: string }>;
}

/** A predefined role or managed policy attached to an identity (`ManagedPolicyArns`, a GCP role binding). */
export interface RoleAttachmentFact {
  readonly kind: 'role-attachment';
  readonly subject: ResourceRef;
  readonly label: string;
  /** `ManagedPolicyArns[0]`. */
  readonly where: string;
  readonly role: PolicyValue;
  /**
   * Whose predefined roles `role` names: decides what a role known only at deploy may be
   * (AdministratorAccess, or `roles/owner`).
   * @default 'aws'
   */
  readonly provider?: 'aws' | 'gcp';
}

/**
 * A credential that does not expire by itself: a user access key, a console password, a service
 * account key; or a host that hands every process a token of the shared default service account
 * for every API (`default-service-account`: the GCP default compute account with the
 * `cloud-platform` scope).
 */
export interface LongLivedCredentialFact {
  readonly kind: 'long-lived-credential';
  readonly subject: ResourceRef;
  readonly label: string;
  readonly credential: 'access-key' | 'console-password' | 'service-account-key' | 'default-service-account';
  /** Whom it belongs to, for the message (`User 'Deployer'`). */
  readonly owner?: string;
  /** Whether it can be used (an inactive access key cannot). */
  readonly active: Maybe<boolean>;
  /** The property that creates it, for the message (`LoginProfile`, `Status Active`). */
  readonly why: string;
}

/** Every identity fact. */
export type IdentityFactKind = AccessPolicyFact | RoleAttachmentFact | LongLivedCredentialFact;
