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
