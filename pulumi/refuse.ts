/**
 * How the Pulumi components refuse args: a `ComplianceError` naming the requirement, the
 * component and the arg for args that can never comply, a plain `Error` for args that are
 * simply malformed (an unparsable CIDR, an unknown workload). Components validate before they
 * call `super()`, so nothing is registered for refused args.
 */
import { ComplianceError } from '../constructs/errors';
import type { RequirementId } from '../constructs/requirements';

/**
 * How messages name a component.
 *
 * @example
 * componentLabel('SecureNetwork', 'team') // "SecureNetwork 'team'"
 */
export function componentLabel(kind: string, name: string): string {
  return `${kind} '${name}'`;
}

/**
 * Refuses an arg that can never comply.
 *
 * @example
 * refuse('TLS-2', "TlsLoadBalancer 'web'", "tlsProfile 'COMPATIBLE' admits TLS 1.0; use 'MODERN' or 'RESTRICTED'.");
 * // throws ComplianceError: [TLS-2] TlsLoadBalancer 'web': tlsProfile 'COMPATIBLE' admits TLS 1.0; ...
 */
export function refuse(requirement: RequirementId, label: string, problem: string): never {
  throw new ComplianceError(requirement, `${label}: ${problem}`);
}

/**
 * Refuses a malformed arg (not a policy question).
 *
 * @example
 * invalid("SecureNetwork 'team'", "subnetwork 'app' has ipCidrRange 'ten', which is no CIDR.");
 */
export function invalid(label: string, problem: string): never {
  throw new Error(`${label}: ${problem}`);
}

/**
 * A resource-name-safe slug: lowercase letters, digits and dashes.
 *
 * @example
 * slug('roles/logging.logWriter') // 'roles-logging-logwriter'
 */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
