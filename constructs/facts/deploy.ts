/**
 * Deployment facts, provider-neutral: whether a service or host group rolls back a failed
 * deployment by itself.
 */
import type { ResourceRef } from '../finding';
import type { Maybe } from '../unknown';

/** A deployable unit (a container service, an instance group) and its rollback (DEPLOY-1). */
export interface RollbackFact {
  readonly kind: 'rollback';
  readonly subject: ResourceRef;
  readonly label: string;
  readonly rollsBack: Maybe<boolean>;
  /** Why not, naming the property: `DeploymentConfiguration.DeploymentCircuitBreaker is not set`. */
  readonly why: string;
}

/** Every deployment fact. */
export type DeployFactKind = RollbackFact;
