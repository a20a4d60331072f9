/**
 * The CrossGuard policies: one per requirement, each reporting that requirement's findings
 * from one shared run of the checks over the whole stack. Building them starts nothing;
 * only `new PolicyPack(...)` (in `policy-pack/index.ts`) starts the policy server.
 */
import type { EnforcementLevel, PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from '@pulumi/policy';
import type { Finding } from '../constructs/finding';
import { REQUIREMENTS } from '../constructs/requirements';
import { isAtOrAbove, Severity } from '../constructs/severity';
import { checkResources, PulumiCheckOptions } from './records';
import { isObject } from './records/read';
import { PulumiResource, ResourceKey, readPulumiValue } from './records/resource';

/** Options of the policy pack: the team's check options and exceptions, and `failAt`. */
export interface PolicyOptions extends PulumiCheckOptions {
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

/** CrossGuard's key for the object behind the proxy that throws on unknown values. */
const PROXY_TARGET = '__getSpecialProxyTarget';

/**
 * A CrossGuard resource as the checks see it. During a preview CrossGuard wraps the inputs in a
 * proxy that throws on unknown values; the checks read the values behind it, where unknowns
 * are Pulumi's markers, and so judge them as unknown instead of skipping the policy.
 *
 * @example
 * toPulumiResource(args.resources[0]).inputs.network // Unknown in a preview
 */
export function toPulumiResource(r: PolicyResource): PulumiResource {
  const props: unknown = r.props;
  const raw = typeof props === 'object' && props !== null ? ((props as Record<string, unknown>)[PROXY_TARGET] ?? props) : {};
  const inputs = readPulumiValue(raw);
  const dependencies: Record<string, ResourceKey[]> = {};
  for (const [property, deps] of Object.entries(r.propertyDependencies ?? {})) {
    const keys = (deps ?? []).map((d) => ({ type: d.type, name: d.name, urn: d.urn }));
    if (keys.length > 0) dependencies[property] = keys;
  }
  return {
    type: r.type,
    name: r.name,
    urn: r.urn,
    inputs: isObject(inputs) ? inputs : {},
    ...(Object.keys(dependencies).length > 0 ? { dependencies } : {}),
  };
}
