/**
 * Pulumi resources in, facts and findings out: the GCP side's entry into the core.
 */
import { Bindings, mergeBindings } from '../../constructs/bindings';
import { runChecks } from '../../constructs/checks';
import { CheckContext, checkContext } from '../../constructs/checks/context';
import { applyExceptions, DayInput, ExceptionGrant } from '../../constructs/exceptions';
import type { Fact } from '../../constructs/facts';
import { dedupeFindings, Finding } from '../../constructs/finding';
import type { CheckOptions } from '../../constructs/options';
import type { RequirementId } from '../../constructs/requirements';
import { GCP_AUTH_BINDINGS, gcpAuthFacts } from './auth';
import { GCP_DEPLOY_BINDINGS, gcpDeployFacts } from './deploy';
import { GCP_ENCRYPTION_BINDINGS, gcpEncryptionFacts } from './encryption';
import { GCP_HOST_BINDINGS, gcpHostFacts } from './host';
import { GCP_IDENTITY_BINDINGS, gcpIdentityFacts } from './identity';
import { GCP_LOGGING_BINDINGS, gcpLoggingFacts } from './logging';
import { GCP_NETWORK_BINDINGS, gcpNetworkFacts } from './network';
import { ProgramContext } from './program';
import type { PulumiResource } from './resource';
import { GCP_SECRETS_BINDINGS, gcpSecretFacts } from './secrets';
import { GCP_SSH_BINDINGS, gcpSshFacts } from './ssh';
import { GCP_TRANSPORT_BINDINGS, gcpTransportFacts } from './transport';

/**
 * For each GCP type token, the requirements it is judged against.
 *
 * @example
 * GCP_BINDINGS['gcp:compute/firewall:Firewall'] // ['NET-1', 'NET-2', 'NET-3', 'NET-4', 'LOG-3']
 */
export const GCP_BINDINGS: Bindings = mergeBindings(
  GCP_NETWORK_BINDINGS,
  GCP_ENCRYPTION_BINDINGS,
  GCP_TRANSPORT_BINDINGS,
  GCP_IDENTITY_BINDINGS,
  GCP_AUTH_BINDINGS,
  GCP_SECRETS_BINDINGS,
  GCP_SSH_BINDINGS,
  GCP_LOGGING_BINDINGS,
  GCP_HOST_BINDINGS,
  GCP_DEPLOY_BINDINGS,
);

/**
 * Requirements no GCP resource type is bound to, and why: the pinned catalog test asks every
 * requirement for a binding or a reason.
 *
 * @example
 * GCP_UNBOUND['LOG-4'] // 'Google writes the request logs ...'
 */
export const GCP_UNBOUND: Readonly<Partial<Record<RequirementId, string>>> = {
  'LOG-4':
    'Google writes the request logs of its load balancers and of Cloud Run itself, in a fixed format that carries the time, the request (method and URL) and a trace id; no resource configures it.',
  'HOST-5':
    'Cloud Run containers cannot run privileged nor mount host folders, and GKE pods are declared with the Kubernetes provider, not with @pulumi/gcp resources.',
};

/**
 * Each area's records, run once per program.
 *
 * @example
 * RECORDERS.flatMap((record) => record(new ProgramContext(resources)))
 */
export const RECORDERS: ReadonlyArray<(program: ProgramContext) => Fact[]> = [
  gcpNetworkFacts,
  gcpEncryptionFacts,
  gcpTransportFacts,
  gcpIdentityFacts,
  gcpAuthFacts,
  gcpSecretFacts,
  gcpSshFacts,
  gcpLoggingFacts,
  gcpHostFacts,
  gcpDeployFacts,
];

/**
 * Options of a check over Pulumi resources: the team's check options, and exceptions.
 *
 * @example
 * const options: PulumiCheckOptions = { severities: { 'NET-3': 'P1' }, exceptions: readExceptionsFile('exceptions.yaml') };
 */
export interface PulumiCheckOptions extends CheckOptions {
  /**
   * Exceptions in force, keyed by the resource's URN or name (`target: { urn }` or
   * `target: { name }`, optionally `stack`), with a reason, an owner or a ticket, and an expiry
   * within the requirement's fix window. P0 requirements cannot be excepted; an exception that
   * cannot be honoured (expired, too long, ...) is itself a finding. A file of them reads with
   * `readExceptionsFile`.
   * @default none
   */
  readonly exceptions?: readonly ExceptionGrant[];
  /**
   * The day exceptions are judged against (YYYY-MM-DD or a Date).
   * @default today
   */
  readonly today?: DayInput;
}

/**
 * Every fact of a program's resources.
 *
 * @example
 * factsOfResources(recorded).filter((f) => f.kind === 'network-boundary')
 */
export function factsOfResources(resources: readonly PulumiResource[], complete = true): Fact[] {
  const program = new ProgramContext(resources, complete);
  return RECORDERS.flatMap((record) => record(program));
}

/**
 * Runs every check over a program's resources (recorded under mocks, or read from a stack
 * export or preview) and returns the findings, with `exceptions` applied. With `complete: false`
 * (a program still registering), checks that need resources not seen yet are left out.
 *
 * @example
 * const findings = checkResources(recorded, { severities: { 'NET-3': 'P1' } });
 * checkResources(recorded, { exceptions: [{ requirement: 'NET-2', target: { name: 'partner-webhook' },
 *   reason: 'Partner webhook until the gateway ships', ticket: 'SEC-12', expires: '2026-11-27' }] });
 */
export function checkResources(
  resources: readonly PulumiResource[],
  options: PulumiCheckOptions | CheckContext = {},
  complete = true,
): Finding[] {
  const ctx = 'finding' in options ? options : checkContext(options);
  const findings = dedupeFindings(runChecks(factsOfResources(resources, complete), ctx));
  if ('finding' in options || !options.exceptions || options.exceptions.length === 0) return findings;
  return applyExceptions(findings, options.exceptions, options.today ?? new Date(), ctx);
}

export { ProgramContext } from './program';
export { readPulumiDocument, pulumiDocumentKind } from './stack-file';
export type { PulumiResource, PulumiObject, PulumiValue, ResourceKey } from './resource';
export { resourceRef } from './resource';
export { GCP } from './types';
