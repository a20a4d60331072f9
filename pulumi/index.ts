/**
 * `compliance-constructs/pulumi`: the policy's checks for Pulumi Google Cloud programs.
 */
export { checkResources, factsOfResources, GCP_BINDINGS, readPulumiDocument, pulumiDocumentKind, GCP } from './records';
export type { PulumiResource, PulumiObject, PulumiValue } from './records';
export { recordResources } from './mocks';
export type { RecordOptions } from './mocks';
export { enforceSecurityPolicy, PolicyEnforcer } from './enforce';
export type { EnforceOptions, RegisteredResource } from './enforce';
export { securityPolicies } from './policies';
export type { PolicyOptions } from './policies';
export { SecureNetwork } from './secure-network';
export type { SecureNetworkArgs, SubnetworkSpec, WorkloadIdentity, PrivateServicesNetwork } from './secure-network';
export { Peer, Port, LOAD_BALANCER_RANGES, IAP_TCP_RANGES } from './connections';
export type { Connection, PeerKind } from './connections';
export { SecureKey, MAX_KEY_ROTATION_DAYS } from './secure-key';
export type { SecureKeyArgs } from './secure-key';
export { serviceAgents } from './service-agents';
export type { ServiceAgents } from './service-agents';
export { HardenedInstance } from './hardened-instance';
export type { HardenedInstanceArgs } from './hardened-instance';
export { HardenedInstanceTemplate } from './hardened-instance-template';
export type { HardenedInstanceTemplateArgs } from './hardened-instance-template';
export { HardenedInstanceGroup } from './hardened-instance-group';
export type { HardenedInstanceGroupArgs, NamedPort } from './hardened-instance-group';
export { hardeningScript, DEFAULT_IMAGE, DEFAULT_SCOPES, DEFAULT_HOST_ROLES, SHIELDED_VM } from './host-hardening';
export type { HardenedHostArgs, AntivirusOptions, PatchScheduleOptions, DataDiskSpec } from './host-hardening';
export { TlsLoadBalancer } from './tls-load-balancer';
export type { TlsLoadBalancerArgs, LoadBalancerBackend } from './tls-load-balancer';
export { PrivateDatabase, AUDIT_FLAGS } from './private-database';
export type { PrivateDatabaseArgs } from './private-database';
export { LeastPrivilegeServiceAccount } from './service-account';
export type { LeastPrivilegeServiceAccountArgs } from './service-account';
export { ProjectIamGrants } from './project-iam';
export type { ProjectIamGrantsArgs, ProjectGrant } from './project-iam';
export { REFUSED_PROJECT_ROLES } from './iam-rules';
export type { IamMember, ServiceAccountRef } from './iam-rules';
export { AuditLogging, MIN_LOG_RETENTION_DAYS } from './audit-logging';
export type { AuditLoggingArgs, LogArchiveArgs } from './audit-logging';
