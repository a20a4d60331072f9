/**
 * Pulumi resources in, facts and findings out: the GCP side's entry into the core.
 */
import { runChecks } from '../../constructs/checks';
import type { CheckContext } from '../../constructs/checks/context';
import type { Fact } from '../../constructs/facts';
import { dedupeFindings, Finding } from '../../constructs/finding';
import type { CheckOptions } from '../../constructs/options';
import type { RequirementId } from '../../constructs/requirements';
import { GCP_NETWORK_BINDINGS, gcpNetworkFacts } from './network';
import { ProgramContext } from './program';
import type { PulumiResource } from './resource';

/** For each GCP type token, the requirements it is judged against. */
export const GCP_BINDINGS: Readonly<Record<string, readonly RequirementId[]>> = {
  ...GCP_NETWORK_BINDINGS,
};

/** Each area's records, run once per program. */
const RECORDERS: ReadonlyArray<(program: ProgramContext) => Fact[]> = [gcpNetworkFacts];

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
 * export or preview) and returns the findings. With `complete: false` (a program still
 * registering), checks that need resources not seen yet are left out.
 *
 * @example
 * const findings = checkResources(recorded, { severities: { 'NET-3': 'P1' } });
 */
export function checkResources(
  resources: readonly PulumiResource[],
  options: CheckOptions | CheckContext = {},
  complete = true,
): Finding[] {
  return dedupeFindings(runChecks(factsOfResources(resources, complete), options));
}

export { ProgramContext } from './program';
export { readPulumiDocument, pulumiDocumentKind } from './stack-file';
export type { PulumiResource, PulumiObject, PulumiValue } from './resource';
export { resourceRef } from './resource';
export { GCP } from './types';
