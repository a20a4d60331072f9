/**
 * Hand-built Pulumi resources for fast tests: a happy path mutated one field at a time.
 */
import type { Finding } from '../../constructs/finding';
import type { CheckOptions } from '../../constructs/options';
import { checkResources } from '../../pulumi/records';
import { Unknown } from '../../constructs/unknown';
import { PulumiObject, PulumiResource, PulumiSecret } from '../../pulumi/records/resource';
import { GCP } from '../../pulumi/records/types';

/** A resource record as mocks or an export would give it. */
export function res(type: string, name: string, inputs: PulumiObject): PulumiResource {
  return { type, name, urn: `urn:pulumi:dev::team::${type}::${name}`, id: `${name}-id`, inputs, stack: 'dev' };
}

/** Firewall logging, which every firewall of the happy path has (LOG-3). */
export const LOGGED = { logConfig: { metadata: 'INCLUDE_ALL_METADATA' } } as const;

/** A custom-mode network with a low-priority, logged deny-all egress firewall. */
export function network(): PulumiResource[] {
  return [
    res(GCP.network, 'main', { autoCreateSubnetworks: false }),
    res(GCP.firewall, 'deny-all-egress', { network: 'main-id', direction: 'EGRESS', denies: [{ protocol: 'all' }], destinationRanges: ['0.0.0.0/0'], priority: 65534, ...LOGGED }),
  ];
}

/** A logged ingress firewall on the main network. */
export function firewall(name: string, inputs: PulumiObject): PulumiResource {
  return res(GCP.firewall, name, { network: 'main-id', direction: 'INGRESS', ...LOGGED, ...inputs });
}

/** Findings of the network plus `extra`. */
export function findingsOf(extra: PulumiResource[], options: CheckOptions = {}): Finding[] {
  return checkResources([...network(), ...extra], options);
}

/** `NET-1:fail` strings, sorted. */
export function verdicts(findings: readonly Finding[], prefix = ''): string[] {
  return findings.filter((f) => f.requirement.startsWith(prefix)).map((f) => `${f.requirement}:${f.status}`).sort();
}

/** The verdicts of one requirement over `resources` alone (`ENC-3:fail`), sorted. */
export function judge(resources: PulumiResource[], requirement: string, options: CheckOptions = {}): string[] {
  return checkResources(resources, options).filter((f) => f.requirement === requirement).map((f) => `${f.requirement}:${f.status}`).sort();
}

/** The one finding of a requirement over `resources` (throws when there is not exactly one). */
export function only(resources: PulumiResource[], requirement: string, options: CheckOptions = {}): Finding {
  const found = checkResources(resources, options).filter((f) => f.requirement === requirement);
  if (found.length !== 1) throw new Error(`expected one ${requirement} finding, got ${found.map((f) => f.message).join(' | ') || 'none'}`);
  return found[0];
}

/** A value not known until deployment, as the records read Pulumi's marker. */
export const UNKNOWN = new Unknown('a value not known until deployment');

/** A Pulumi secret, as the records read Pulumi's secret wrapper. */
export function secret(plaintext?: string): PulumiSecret {
  return new PulumiSecret(plaintext);
}
