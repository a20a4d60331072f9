/**
 * Compute Engine metadata as a host sees it: its own keys first, then the project's (a
 * `ProjectMetadata` or `ProjectMetadataItem` of the program). Instance metadata overrides
 * project metadata, key by key (`enable-oslogin`, `serial-port-enable`, `enable-osconfig`).
 */
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import type { ProgramContext } from './program';
import { isObject, readString } from './read';
import type { PulumiObject, PulumiResource, PulumiValue } from './resource';
import { GCP } from './types';

/**
 * One metadata value a host gets, and where it comes from, for messages.
 *
 * @example
 * const s: MetadataSetting = { value: 'FALSE', where: 'metadata enable-oslogin', own: true };
 */
export interface MetadataSetting {
  /** The value, or undefined when nobody sets the key. */
  readonly value: Maybe<string> | undefined;
  /** `metadata enable-oslogin` or `Project metadata 'common' key enable-oslogin`. */
  readonly where: string;
  /** Whether the host sets it itself (else it inherits the project's, or nobody sets it). */
  readonly own: boolean;
}

const projectCache = new WeakMap<ProgramContext, Map<string, { value: Maybe<string>; where: string }>>();

/**
 * The project metadata the program declares, key by key.
 *
 * @example
 * projectMetadata(program).get('enable-oslogin') // { value: 'TRUE', where: "Project metadata 'common' key enable-oslogin" }
 */
export function projectMetadata(program: ProgramContext): ReadonlyMap<string, { value: Maybe<string>; where: string }> {
  let out = projectCache.get(program);
  if (out) return out;
  out = new Map();
  for (const r of program.ofType(GCP.projectMetadata)) {
    const m = r.inputs.metadata;
    if (!isObject(m)) continue;
    for (const [key, v] of Object.entries(m)) out.set(key, { value: text(v), where: `${program.label(r)} key ${key}` });
  }
  for (const r of program.ofType(GCP.projectMetadataItem)) {
    const key = r.inputs.key;
    if (typeof key !== 'string') continue;
    out.set(key, { value: text(r.inputs.value), where: program.label(r) });
  }
  projectCache.set(program, out);
  return out;
}

function text(v: PulumiValue | undefined): Maybe<string> {
  const s = readString(v);
  return s === undefined ? '' : s;
}

/**
 * The host's own metadata map: undefined when it has none, Unknown when not known yet.
 *
 * @example
 * ownMetadata(instance) // { 'enable-oslogin': 'TRUE', ... }
 */
export function ownMetadata(host: PulumiResource): PulumiObject | Unknown | undefined {
  const m = host.inputs.metadata;
  if (m === undefined || m === null) return undefined;
  if (isUnknown(m)) return new Unknown(`metadata is ${m.reason}`);
  return isObject(m) ? m : new Unknown('metadata is not a map');
}

/**
 * The value a host gets for a metadata key: its own, else the project's (only once the whole
 * program is known; before that, undefined means "not decided by the host").
 *
 * @example
 * metadataSetting(program, instance, 'enable-oslogin') // { value: 'TRUE', where: 'metadata enable-oslogin', own: true }
 */
export function metadataSetting(program: ProgramContext, host: PulumiResource, key: string): MetadataSetting {
  const own = ownMetadata(host);
  if (isUnknown(own)) return { value: own, where: 'metadata', own: true };
  const mine = own?.[key];
  if (mine !== undefined && mine !== null) return { value: text(mine), where: `metadata ${key}`, own: true };
  const project = program.complete ? projectMetadata(program).get(key) : undefined;
  if (project) return { value: project.value, where: project.where, own: false };
  return { value: undefined, where: `metadata ${key}`, own: false };
}

/**
 * Whether a metadata value turns a feature on (`TRUE`, `true`, `1`...).
 *
 * @example
 * metadataFlag('TRUE') // true
 */
export function metadataFlag(v: Maybe<string>): Maybe<boolean> {
  if (isUnknown(v)) return v;
  return /^(true|1|yes|on)$/i.test(v.trim());
}
