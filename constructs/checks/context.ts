/**
 * What every check receives: the options in force and a way to make findings with them.
 */
import { Finding, FindingInput, makeFinding, ResourceRef } from '../finding';
import { CheckOptions, ResolvedOptions, resolveOptions } from '../options';
import { RequirementId } from '../requirements';

/** The context of one check run. */
export interface CheckContext {
  readonly options: ResolvedOptions;
  /** Makes a finding with the catalog's metadata and the team's severity for the requirement. */
  finding(id: RequirementId, resource: ResourceRef, input: FindingInput): Finding;
}

/**
 * Builds a check context from options.
 *
 * @example
 * const ctx = checkContext({ severities: { 'NET-3': 'P1' } });
 * ctx.finding('NET-3', ref, { message: '...' }).severity // 'P1'
 */
export function checkContext(options: CheckOptions = {}): CheckContext {
  const resolved = resolveOptions(options);
  return {
    options: resolved,
    finding: (id, resource, input) =>
      makeFinding(id, resource, { ...input, severity: input.severity ?? resolved.severities[id] }),
  };
}
