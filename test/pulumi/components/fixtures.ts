/**
 * Helpers for the component tests: record a program under mocks, find the child resources,
 * snapshot their inputs, and catch refusals.
 */
import * as gcp from '@pulumi/gcp';
import { ComplianceError } from '../../../constructs/errors';
import { recordResources } from '../../../pulumi/mocks';
import type { PulumiObject, PulumiResource } from '../../../pulumi/records/resource';

/** The type token of a resource class. */
function tokenOf(cls: unknown): string {
  return (cls as { __pulumiType: string }).__pulumiType;
}

/** Type tokens of the child resources the components declare. */
export const T = {
  network: tokenOf(gcp.compute.Network),
  subnetwork: tokenOf(gcp.compute.Subnetwork),
  firewall: tokenOf(gcp.compute.Firewall),
  router: tokenOf(gcp.compute.Router),
  routerNat: tokenOf(gcp.compute.RouterNat),
  globalAddress: tokenOf(gcp.compute.GlobalAddress),
  serviceNetworking: tokenOf(gcp.servicenetworking.Connection),
  keyRing: tokenOf(gcp.kms.KeyRing),
  cryptoKey: tokenOf(gcp.kms.CryptoKey),
  cryptoKeyMember: tokenOf(gcp.kms.CryptoKeyIAMMember),
  account: tokenOf(gcp.serviceaccount.Account),
  accountKey: tokenOf(gcp.serviceaccount.Key),
  projectMember: tokenOf(gcp.projects.IAMMember),
  auditConfig: tokenOf(gcp.projects.IAMAuditConfig),
  instance: tokenOf(gcp.compute.Instance),
  instanceTemplate: tokenOf(gcp.compute.InstanceTemplate),
  disk: tokenOf(gcp.compute.Disk),
  patchDeployment: tokenOf(gcp.osconfig.PatchDeployment),
  healthCheck: tokenOf(gcp.compute.HealthCheck),
  regionGroupManager: tokenOf(gcp.compute.RegionInstanceGroupManager),
  sslPolicy: tokenOf(gcp.compute.SSLPolicy),
  managedCertificate: tokenOf(gcp.compute.ManagedSslCertificate),
  backendService: tokenOf(gcp.compute.BackendService),
  urlMap: tokenOf(gcp.compute.URLMap),
  httpsProxy: tokenOf(gcp.compute.TargetHttpsProxy),
  httpProxy: tokenOf(gcp.compute.TargetHttpProxy),
  globalForwardingRule: tokenOf(gcp.compute.GlobalForwardingRule),
  sqlInstance: tokenOf(gcp.sql.DatabaseInstance),
  logBucket: tokenOf(gcp.logging.ProjectBucketConfig),
  sink: tokenOf(gcp.logging.ProjectSink),
  bucket: tokenOf(gcp.storage.Bucket),
  bucketMember: tokenOf(gcp.storage.BucketIAMMember),
} as const;

/** Records the custom resources `program` declares. */
export function record(program: () => unknown): Promise<PulumiResource[]> {
  return recordResources(program, { project: 'team-project', stack: 'dev' });
}

/** The resources of a type, by name. */
export function ofType(resources: readonly PulumiResource[], type: string): PulumiResource[] {
  return resources.filter((r) => r.type === type).sort((a, b) => compare(a.name, b.name));
}

/** The inputs of the one resource of `type` named `name`. */
export function inputsOf(resources: readonly PulumiResource[], type: string, name: string): PulumiObject {
  const found = resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} named ${name} among ${resources.map((r) => `${r.type} ${r.name}`).join(', ')}`);
  return found.inputs;
}

/** What a snapshot pins: every recorded resource's type, name and inputs, in a stable order. */
export function snapshotOf(resources: readonly PulumiResource[]): Array<{ type: string; name: string; inputs: PulumiObject }> {
  return [...resources]
    .sort((a, b) => compare(`${a.type} ${a.name}`, `${b.type} ${b.name}`))
    .map((r) => ({ type: r.type, name: r.name, inputs: r.inputs }));
}

/** Code-point order: the same on every machine, whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The error a program throws while it is recorded. */
export async function failure(program: () => unknown): Promise<Error> {
  try {
    await record(program);
  } catch (e: unknown) {
    if (e instanceof Error) return e;
    throw e;
  }
  throw new Error('expected the program to throw');
}

/** The ComplianceError a program throws while it is recorded. */
export async function refusal(program: () => unknown): Promise<ComplianceError> {
  const e = await failure(program);
  if (e instanceof ComplianceError) return e;
  throw e;
}

/**
 * Freezes plain objects and arrays, deeply (outputs and class instances are left alone), so a
 * component that mutates its caller's args throws.
 */
export function deepFreeze<V>(value: V): V {
  if (Array.isArray(value)) {
    value.forEach((v: unknown) => deepFreeze(v));
    Object.freeze(value);
  } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    Object.values(value as Record<string, unknown>).forEach((v) => deepFreeze(v));
    Object.freeze(value);
  }
  return value;
}
