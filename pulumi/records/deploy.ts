/**
 * GCP managed instance groups -> DEPLOY-1 facts: a group that rolls its instances to a new
 * template by itself (updatePolicy PROACTIVE) rolls back the same way, by pointing it at the
 * previous template; an OPPORTUNISTIC group leaves old and new instances mixed until each is
 * recreated by hand.
 */
import type { RollbackFact } from '../../constructs/facts/deploy';
import type { RequirementId } from '../../constructs/requirements';
import { isUnknown, Unknown } from '../../constructs/unknown';
import type { ProgramContext } from './program';
import { at, readString } from './read';
import type { PulumiResource } from './resource';
import { GCP } from './types';

const MANAGERS = [GCP.instanceGroupManager, GCP.regionInstanceGroupManager];

/**
 * The GCP types this file reads, and what it judges them for.
 *
 * @example
 * GCP_DEPLOY_BINDINGS['gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager'] // ['DEPLOY-1']
 */
export const GCP_DEPLOY_BINDINGS: Readonly<Record<string, readonly RequirementId[]>> = Object.fromEntries(
  MANAGERS.map((t): [string, readonly RequirementId[]] => [t, ['DEPLOY-1']]),
);

/**
 * Every DEPLOY-1 fact of a program.
 *
 * @example
 * gcpDeployFacts(new ProgramContext(resources))
 */
export function gcpDeployFacts(program: ProgramContext): RollbackFact[] {
  return program.ofTypes(MANAGERS).map((m) => rollback(program, m));
}

function rollback(program: ProgramContext, m: PulumiResource): RollbackFact {
  const base = { kind: 'rollback' as const, subject: program.ref(m), label: program.label(m) };
  const policy = m.inputs.updatePolicy;
  if (isUnknown(policy)) return { ...base, rollsBack: new Unknown(`updatePolicy is ${policy.reason}`), why: '' };
  if (policy === undefined || policy === null) {
    return { ...base, rollsBack: new Unknown('updatePolicy is not set, so the group takes the API\'s default update policy, which the program does not show'), why: '' };
  }
  const type = readString(at(policy, 'type'));
  if (isUnknown(type)) return { ...base, rollsBack: new Unknown(`updatePolicy.type is ${type.reason}`), why: '' };
  if (type !== undefined && type.toUpperCase() === 'PROACTIVE') return { ...base, rollsBack: true, why: 'updatePolicy.type is PROACTIVE' };
  return {
    ...base,
    rollsBack: false,
    why: `updatePolicy.type is ${type ?? 'not set'}, so a new or previous template reaches instances only when each is recreated`,
  };
}
