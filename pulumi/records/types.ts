/**
 * Pulumi type tokens of the GCP resources the checks read, in one table. The casing is the
 * provider's own (`gcp:compute/sSLPolicy:SSLPolicy`); a test compares each with the class's
 * `__pulumiType`, so a typo cannot slip through.
 */
export const GCP = {
  firewall: 'gcp:compute/firewall:Firewall',
  network: 'gcp:compute/network:Network',
  subnetwork: 'gcp:compute/subnetwork:Subnetwork',
  forwardingRule: 'gcp:compute/forwardingRule:ForwardingRule',
  globalForwardingRule: 'gcp:compute/globalForwardingRule:GlobalForwardingRule',
  sqlDatabaseInstance: 'gcp:sql/databaseInstance:DatabaseInstance',
} as const;

/** A GCP type token of the table. */
export type GcpType = (typeof GCP)[keyof typeof GCP];

/** How messages name each type. */
export const GCP_KIND_NAMES: Readonly<Record<string, string>> = {
  [GCP.firewall]: 'Firewall',
  [GCP.network]: 'Network',
  [GCP.subnetwork]: 'Subnetwork',
  [GCP.forwardingRule]: 'Forwarding rule',
  [GCP.globalForwardingRule]: 'Global forwarding rule',
  [GCP.sqlDatabaseInstance]: 'Cloud SQL instance',
};
