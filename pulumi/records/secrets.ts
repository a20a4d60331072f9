/**
 * Values of GCP resources that may hold secrets -> stored-values facts (AUTH-3): Cloud SQL user
 * passwords, Secret Manager versions written in code, instance and project metadata (startup
 * scripts included), raw disk encryption keys, and the environment variables of Cloud Run and
 * Cloud Functions. A Pulumi secret is encrypted in the state and never shown: it is not
 * plaintext.
 */
import type { StoredValue, StoredValueEntry, StoredValuesFact } from '../../constructs/facts/auth';
import type { RequirementId } from '../../constructs/requirements';
import { isUnknown } from '../../constructs/unknown';
import type { ProgramContext } from './program';
import { at, isObject, readList } from './read';
import { PulumiResource, PulumiSecret, PulumiValue } from './resource';
import { GCP } from './types';

const HOSTS = [GCP.instance, GCP.instanceTemplate, GCP.regionInstanceTemplate];
const DISKS = [GCP.disk, GCP.regionDisk];
const WORKLOADS = [GCP.cloudRunService, GCP.cloudRunV2Service, GCP.cloudRunV2Job, GCP.cloudFunction, GCP.cloudFunctionV2];

/**
 * The GCP types this file reads, and what it judges them for.
 *
 * @example
 * GCP_SECRETS_BINDINGS['gcp:sql/user:User'] // ['AUTH-3']
 */
export const GCP_SECRETS_BINDINGS: Readonly<Record<string, readonly RequirementId[]>> = Object.fromEntries(
  [...HOSTS, ...DISKS, ...WORKLOADS, GCP.sqlUser, GCP.sqlDatabaseInstance, GCP.secretVersion, GCP.projectMetadata, GCP.projectMetadataItem].map((t): [string, readonly RequirementId[]] => [t, ['AUTH-3']]),
);

/**
 * Every stored-values fact of a program (resources with no value to judge are left out).
 *
 * @example
 * gcpSecretFacts(new ProgramContext(resources))
 */
export function gcpSecretFacts(program: ProgramContext): StoredValuesFact[] {
  const out: StoredValuesFact[] = [];
  const add = (r: PulumiResource, values: StoredValueEntry[]): void => {
    if (values.length > 0) out.push({ kind: 'stored-values', subject: program.ref(r), label: program.label(r), values });
  };
  for (const h of program.ofTypes(HOSTS)) add(h, hostValues(h));
  for (const d of program.ofTypes(DISKS)) {
    add(d, ['diskEncryptionKey', 'sourceImageEncryptionKey', 'sourceSnapshotEncryptionKey'].flatMap((k) => entry(`${k}.rawKey`, `${k}.rawKey`, at(d.inputs, k, 'rawKey'))));
  }
  for (const u of program.ofType(GCP.sqlUser)) add(u, entry('password', 'password', u.inputs.password));
  for (const db of program.ofType(GCP.sqlDatabaseInstance)) add(db, entry('rootPassword', 'rootPassword', db.inputs.rootPassword));
  for (const v of program.ofType(GCP.secretVersion)) add(v, entry('secretData', 'secretData', v.inputs.secretData));
  for (const m of program.ofType(GCP.projectMetadata)) add(m, mapEntries('metadata', m.inputs.metadata));
  for (const m of program.ofType(GCP.projectMetadataItem)) {
    // A key not known yet still gets its value scanned for credential shapes.
    add(m, entry('value', typeof m.inputs.key === 'string' ? m.inputs.key : 'value', m.inputs.value));
  }
  for (const w of program.ofTypes(WORKLOADS)) add(w, workloadValues(w));
  return out;
}

/** Metadata (startup scripts included) and raw disk keys of an instance or template. */
function hostValues(h: PulumiResource): StoredValueEntry[] {
  const values = [...mapEntries('metadata', h.inputs.metadata), ...entry('metadataStartupScript', 'metadataStartupScript', h.inputs.metadataStartupScript)];
  values.push(...entry('bootDisk.diskEncryptionKeyRaw', 'diskEncryptionKeyRaw', at(h.inputs, 'bootDisk', 'diskEncryptionKeyRaw')));
  const attached = readList(h.inputs.attachedDisks);
  if (!isUnknown(attached)) {
    (attached ?? []).forEach((a, i) => {
      if (isObject(a)) values.push(...entry(`attachedDisks[${i}].diskEncryptionKeyRaw`, 'diskEncryptionKeyRaw', a.diskEncryptionKeyRaw));
    });
  }
  return values;
}

/** Environment variables of Cloud Run services and jobs and of Cloud Functions. */
function workloadValues(w: PulumiResource): StoredValueEntry[] {
  switch (w.type) {
    case GCP.cloudRunService:
      return containerEnvs(at(w.inputs, 'template', 'spec', 'containers'), 'template.spec.containers');
    case GCP.cloudRunV2Service:
      return containerEnvs(at(w.inputs, 'template', 'containers'), 'template.containers');
    case GCP.cloudRunV2Job:
      return containerEnvs(at(w.inputs, 'template', 'template', 'containers'), 'template.template.containers');
    case GCP.cloudFunction:
      return [...mapEntries('environmentVariables', w.inputs.environmentVariables), ...mapEntries('buildEnvironmentVariables', w.inputs.buildEnvironmentVariables)];
    default:
      return [
        ...mapEntries('serviceConfig.environmentVariables', at(w.inputs, 'serviceConfig', 'environmentVariables')),
        ...mapEntries('buildConfig.environmentVariables', at(w.inputs, 'buildConfig', 'environmentVariables')),
      ];
  }
}

function containerEnvs(containers: PulumiValue | undefined, path: string): StoredValueEntry[] {
  const list = readList(containers);
  if (list === undefined || isUnknown(list)) return [];
  return list.flatMap((c, i) => {
    if (!isObject(c)) return [];
    const envs = readList(c.envs);
    if (envs === undefined || isUnknown(envs)) return [];
    return envs.flatMap((e, j) => (isObject(e) && typeof e.name === 'string' ? entry(`${path}[${i}].envs[${j}] ${e.name}`, e.name, e.value) : []));
  });
}

/** One entry per key of a map input (`metadata`, `environmentVariables`). */
function mapEntries(path: string, map: PulumiValue | undefined): StoredValueEntry[] {
  if (!isObject(map)) return [];
  return Object.entries(map).flatMap(([key, v]) => entry(`${path}.${key}`, key, v));
}

function entry(where: string, name: string, v: PulumiValue | undefined): StoredValueEntry[] {
  if (v === undefined || v === null || v === '') return [];
  return [{ where, name, value: storedValue(v) }];
}

/**
 * A value as AUTH-3 sees it: literal text, a Pulumi secret (encrypted in the state), or a value
 * known only at deploy.
 *
 * @example
 * storedValue('hunter2') // { kind: 'text', text: 'hunter2' }
 */
export function storedValue(v: PulumiValue): StoredValue {
  if (v instanceof PulumiSecret) return { kind: 'secret-store', what: 'a Pulumi secret, encrypted in the state' };
  if (isUnknown(v)) return { kind: 'unknown', reason: v.reason };
  if (typeof v === 'string') return { kind: 'text', text: v };
  if (typeof v === 'number' || typeof v === 'boolean') return { kind: 'text', text: String(v) };
  return { kind: 'text', text: JSON.stringify(v) };
}
