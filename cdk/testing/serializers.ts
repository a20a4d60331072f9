/**
 * Jest snapshot serializers that keep template snapshots stable: asset hashes, bootstrap
 * version checks, CDK version metadata and asset metadata change with every dependency bump or
 * code change and say nothing about the infrastructure.
 */
import type { Config, NewPlugin, Printer, Refs } from 'pretty-format';

/** A 64-digit hex string: the content hash CDK gives every asset. */
const ASSET_HASH = /[0-9a-f]{64}/g;

/**
 * What an asset hash becomes in a snapshot.
 *
 * @example
 * replaceAssetHashes('abc…(64 hex digits).zip') // '[ASSET HASH].zip'
 */
export const ASSET_HASH_PLACEHOLDER = '[ASSET HASH]';

/**
 * A string with every asset hash replaced.
 *
 * @example
 * replaceAssetHashes(`cdk-assets/${'a'.repeat(64)}.zip`) // 'cdk-assets/[ASSET HASH].zip'
 */
export function replaceAssetHashes(s: string): string {
  return s.replace(ASSET_HASH, ASSET_HASH_PLACEHOLDER);
}

/** Values already cleaned, so the template serializer does not match its own output. */
const cleaned = new WeakSet<object>();

/**
 * A copy of a synthesized template without the noise: the `BootstrapVersion` parameter and
 * `CheckBootstrapVersion` rule, the `AWS::CDK::Metadata` resource and its condition, `aws:asset:*`
 * resource metadata, and asset hashes in every string. Sections left empty are dropped.
 *
 * @example
 * cleanTemplate(Template.fromStack(stack).toJSON()).Parameters // undefined when only BootstrapVersion was there
 */
export function cleanTemplate(template: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [section, value] of Object.entries(template)) {
    if (!isPlainObject(value)) {
      out[section] = cleanValue(value);
      continue;
    }
    const entries: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (section === 'Parameters' && key === 'BootstrapVersion') continue;
      if (section === 'Rules' && key === 'CheckBootstrapVersion') continue;
      if (section === 'Conditions' && key === 'CDKMetadataAvailable') continue;
      if (section === 'Resources' && isPlainObject(item) && item.Type === 'AWS::CDK::Metadata') continue;
      entries[key] = section === 'Resources' && isPlainObject(item) ? cleanResource(item) : cleanValue(item);
    }
    if (Object.keys(entries).length > 0 || section === 'Resources') out[section] = entries;
  }
  return out;
}

function cleanResource(resource: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'Metadata' && isPlainObject(value)) {
      const metadata = Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('aws:asset:')).map(([k, v]) => [k, cleanValue(v)]));
      if (Object.keys(metadata).length > 0) out.Metadata = metadata;
    } else {
      out[key] = cleanValue(value);
    }
  }
  return out;
}

function cleanValue(value: unknown): unknown {
  if (typeof value === 'string') return replaceAssetHashes(value);
  if (Array.isArray(value)) return value.map(cleanValue);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [replaceAssetHashes(k), cleanValue(v)]));
  return value;
}

/**
 * Serializes synthesized templates (`Template.fromStack(stack).toJSON()`, or any object with a
 * `Resources` map of typed resources) without their noise; see `cleanTemplate`.
 *
 * @example
 * expect.addSnapshotSerializer(templateSerializer);
 * expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
 */
export const templateSerializer: NewPlugin = {
  test: (val: unknown): boolean => isTemplate(val) && !cleaned.has(val),
  serialize: (val: Record<string, unknown>, config: Config, indentation: string, depth: number, refs: Refs, printer: Printer): string => {
    const out = cleanTemplate(val);
    cleaned.add(out);
    return printer(out, config, indentation, depth, refs);
  },
};

/**
 * Serializes any string holding an asset hash with the hash replaced, wherever it appears in
 * a snapshot (a single resource's properties, an output).
 *
 * @example
 * expect.addSnapshotSerializer(assetHashSerializer);
 */
export const assetHashSerializer: NewPlugin = {
  test: (val: unknown): boolean => typeof val === 'string' && /[0-9a-f]{64}/.test(val),
  serialize: (val: string, config: Config, indentation: string, depth: number, refs: Refs, printer: Printer): string =>
    printer(replaceAssetHashes(val), config, indentation, depth, refs),
};

/**
 * Both serializers, to register in one go (`snapshotSerializers` in jest.config, or
 * `expect.addSnapshotSerializer` for each).
 *
 * @example
 * for (const s of snapshotSerializers) expect.addSnapshotSerializer(s);
 */
export const snapshotSerializers: readonly NewPlugin[] = [templateSerializer, assetHashSerializer];

function isTemplate(val: unknown): val is Record<string, unknown> {
  if (!isPlainObject(val) || !isPlainObject(val.Resources)) return false;
  return Object.values(val.Resources).every((r) => isPlainObject(r) && typeof r.Type === 'string');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
