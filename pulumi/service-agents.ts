/**
 * The Google-managed service agents that use customer-managed keys on a project's behalf:
 * they need `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key before a CMEK disk,
 * database or bucket can be created.
 */
import * as pulumi from '@pulumi/pulumi';
import type { ServiceAccountRef } from './iam-rules';

/** The service agents of one project. */
export interface ServiceAgents {
  /** Compute Engine (disks, instance templates). */
  readonly compute: ServiceAccountRef;
  /** Cloud SQL. Created by Google the first time the Cloud SQL Admin API is used in the project. */
  readonly cloudSql: ServiceAccountRef;
  /** Cloud Storage (buckets with a default KMS key). */
  readonly storage: ServiceAccountRef;
}

/**
 * The service agents of the project with this number.
 *
 * @example
 * const project = gcp.organizations.getProjectOutput({});
 * const agents = serviceAgents(project.number);
 * new SecureKey('data', { location: 'europe-west1', users: [agents.compute, agents.cloudSql, agents.storage] });
 */
export function serviceAgents(projectNumber: pulumi.Input<string>): ServiceAgents {
  return {
    compute: { email: pulumi.interpolate`service-${projectNumber}@compute-system.iam.gserviceaccount.com` },
    cloudSql: { email: pulumi.interpolate`service-${projectNumber}@gcp-sa-cloud-sql.iam.gserviceaccount.com` },
    storage: { email: pulumi.interpolate`service-${projectNumber}@gs-project-accounts.iam.gserviceaccount.com` },
  };
}
