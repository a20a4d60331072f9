/**
 * The CrossGuard policies: one per requirement, each reporting that requirement's findings
 * from one shared run of the checks over the whole stack. Building them starts nothing;
 * only `new PolicyPack(...)` (in `policy-pack/index.ts`) starts the policy server.
 */
import type { EnforcementLevel, PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from '@pulumi/policy';
import type { Finding } from '../constructs/finding';
import type { CheckOptions } from '../constructs/options';
import { REQUIREMENTS } from '../constructs/requirements';
import { isAtOrAbove, Severity } from '../constructs/severity';
import { checkResources } from './records';
import { PulumiObject, PulumiResource, readPulumiValue } from './records/resource';

/** Options of the policy pack. */
export interface PolicyOptions extends CheckOptions {
  /**
   * Requirements at or above this severity are `mandatory` (they block the update); the rest
   * are `advisory`.
   * @default 'P1'
   */
  readonly failAt?: Severity;
}

/**
 * One stack validation policy per requirement of the catalog.
 *
 * @example
 * // pulumi/policy-pack/index.ts
 * new PolicyPack('compliance-constructs', { policies: securityPolicies({ failAt: 'P1' }) });
 */
export function securityPolicies(options: PolicyOptions = {}): StackValidationPolicy[] {
  const failAt = options.failAt ?? 'P1';
  // One run of the checks per stack validation, shared by every policy.
  const runs = new WeakMap<readonly PolicyResource[], Finding[]>();
  const findingsOf = (resources: PolicyResource[]): Finding[] => {
    let findings = runs.get(resources);
    if (!findings) {
      findings = checkResources(resources.map(toPulumiResource), options);
      runs.set(resources, findings);
    }
    return findings;
  };
  return REQUIREMENTS.map((req) => {
    const severity = options.severities?.[req.id] ?? req.severity;
    const enforcementLevel: EnforcementLevel = isAtOrAbove(severity, failAt) ? 'mandatory' : 'advisory';
    return {
      name: req.id,
      description: `${req.title} (${req.clause}; ${severity}, fix within ${req.fixWithinDays} days).`,
      enforcementLevel,
      validateStack: (args: StackValidationArgs, reportViolation: ReportViolation): void => {
        for (const f of findingsOf(args.resources)) {
          if (f.requirement !== req.id || f.status === 'excepted') continue;
          reportViolation(`[${f.requirement} ${f.severity}] ${f.message} ${f.fix}`, f.resource.urn);
        }
      },
    };
  });
}

/** A CrossGuard resource as the checks see it. */
export function toPulumiResource(r: PolicyResource): PulumiResource {
  const inputs = readPulumiValue(r.props);
  return {
    type: r.type,
    name: r.name,
    urn: r.urn,
    inputs: (inputs !== null && typeof inputs === 'object' && !Array.isArray(inputs) ? inputs : {}) as PulumiObject,
  };
}
