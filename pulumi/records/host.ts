/**
 * GCP hosts -> host facts: automatic security updates (an OS Config patch deployment that
 * selects the host, with the OS Config agent on, or unattended upgrades in its startup script)
 * and ClamAV (HOST-1, HOST-3) for instances and instance templates; Shielded VM and Artifact
 * Registry scanning (HOST-2); GKE metadata concealment (HOST-4). Compute Engine's own metadata
 * server answers only requests with the `Metadata-Flavor: Google` header and refuses forwarded
 * ones, so HOST-4 has nothing to judge on plain instances.
 */
import type { HostCareFact, InstanceMetadataFact, Safeguard, VulnerabilityScanFact } from '../../constructs/facts/host';
import { readHostScript, ScriptReading } from '../../constructs/host/scripts';
import type { RequirementId } from '../../constructs/requirements';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import { metadataFlag, metadataSetting, ownMetadata } from './metadata';
import type { ProgramContext } from './program';
import { at, isObject, readBoolean, readList, readString } from './read';
import type { PulumiObject, PulumiResource, PulumiValue } from './resource';
import { GCP } from './types';

type Out = HostCareFact | VulnerabilityScanFact | InstanceMetadataFact;

const HOSTS = [GCP.instance, GCP.instanceTemplate, GCP.regionInstanceTemplate];

/**
 * The GCP types this file reads, and what it judges them for.
 *
 * @example
 * GCP_HOST_BINDINGS['gcp:container/nodePool:NodePool'] // ['HOST-4']
 */
export const GCP_HOST_BINDINGS: Readonly<Record<string, readonly RequirementId[]>> = {
  ...Object.fromEntries(HOSTS.map((t): [string, readonly RequirementId[]] => [t, ['HOST-1', 'HOST-2', 'HOST-3']])),
  [GCP.artifactRepository]: ['HOST-2'],
  [GCP.gkeCluster]: ['HOST-4'],
  [GCP.gkeNodePool]: ['HOST-4'],
};

/**
 * Every host fact of a program. Host care needs the whole program (patch deployments and
 * project metadata may come later), so it waits until the program is complete.
 *
 * @example
 * gcpHostFacts(new ProgramContext(resources)).filter((f) => f.kind === 'host-care')
 */
export function gcpHostFacts(program: ProgramContext): Out[] {
  const out: Out[] = [];
  for (const h of program.ofTypes(HOSTS)) {
    if (program.complete) out.push(hostCare(program, h));
    out.push(shieldedVm(program, h));
  }
  for (const r of program.ofType(GCP.artifactRepository)) {
    const scan = repositoryScan(program, r);
    if (scan) out.push(scan);
  }
  for (const c of program.ofType(GCP.gkeCluster)) out.push(...clusterMetadata(program, c));
  for (const p of program.ofType(GCP.gkeNodePool)) out.push(nodePoolMetadata(program, p));
  return out;
}

/** HOST-1 and HOST-3 for an instance or template. */
function hostCare(program: ProgramContext, h: PulumiResource): HostCareFact {
  const script = startupScript(h);
  const patched = patchedBy(program, h);
  const noScript = script === undefined ? ' (it has no startup script)' : '';
  let updates: Safeguard;
  if (patched.provided === true) updates = patched;
  else if (script !== undefined && !isUnknown(script) && script.updates.provided) updates = { provided: true, why: `its startup script ${script.updates.note ?? 'turns on automatic updates'}` };
  else if (isUnknown(patched.provided)) updates = patched;
  else if (isUnknown(script)) updates = { provided: script, why: '' };
  else {
    const near = script?.updates.note !== undefined ? ` (${script.updates.note})` : noScript;
    updates = { provided: false, why: `${patched.why}, and its startup script does not turn on unattended upgrades${near}` };
  }
  let antivirus: Safeguard;
  if (isUnknown(script)) antivirus = { provided: script, why: '' };
  else if (script?.antivirus.provided) antivirus = { provided: true, why: `its startup script ${script.antivirus.note ?? 'installs ClamAV'}` };
  else antivirus = { provided: false, why: `its startup script does not install ClamAV and refresh its signatures${script?.antivirus.note !== undefined ? ` (${script.antivirus.note})` : noScript}` };
  return { kind: 'host-care', subject: program.ref(h), label: program.label(h), updates, antivirus };
}

/** The startup script of a host, read; undefined when it has none. */
function startupScript(h: PulumiResource): ScriptReading | Unknown | undefined {
  const metadata = ownMetadata(h);
  if (isUnknown(metadata)) return metadata;
  const texts: string[] = [];
  for (const v of [metadata?.['startup-script'], h.inputs.metadataStartupScript]) {
    if (v === undefined || v === null) continue;
    const t = readString(v);
    if (isUnknown(t)) return new Unknown(`the startup script is ${t.reason}`);
    if (t !== undefined) texts.push(t);
  }
  if (texts.length === 0 && metadata?.['startup-script-url'] !== undefined) {
    return new Unknown('the startup script is fetched from startup-script-url, outside the program');
  }
  return texts.length > 0 ? readHostScript(texts.join('\n')) : undefined;
}

/**
 * Whether a recurring OS Config patch deployment of the program selects the host, and the OS
 * Config agent runs on it (`enable-osconfig`). Instances of a managed group (from a template)
 * are patched only by deployments with `migInstancesAllowed`.
 */
function patchedBy(program: ProgramContext, h: PulumiResource): Safeguard {
  const template = h.type !== GCP.instance;
  const unknowns: string[] = [];
  let selecting: PulumiResource | undefined;
  for (const d of program.ofType(GCP.patchDeployment)) {
    if (d.inputs.recurringSchedule === undefined || d.inputs.recurringSchedule === null) continue;
    if (template) {
      const mig = readBoolean(at(d.inputs, 'patchConfig', 'migInstancesAllowed'));
      if (mig !== true) continue;
    }
    const selects = selectsHost(d.inputs.instanceFilter, h, template);
    if (selects === true) {
      selecting = d;
      break;
    }
    if (isUnknown(selects)) unknowns.push(`whether ${program.label(d)} selects it: ${selects.reason}`);
  }
  if (!selecting) {
    if (unknowns.length > 0) return { provided: new Unknown(unknowns.join('; ')), why: '' };
    return { provided: false, why: 'no recurring OS Config patch deployment of the program selects it' };
  }
  const agent = metadataSetting(program, h, 'enable-osconfig');
  if (agent.value === undefined) return { provided: false, why: `${program.label(selecting)} selects it, but enable-osconfig is not set, so the OS Config agent does not apply patches` };
  const on = metadataFlag(agent.value);
  if (isUnknown(on)) return { provided: new Unknown(`${agent.where} is ${on.reason}`), why: '' };
  if (!on) return { provided: false, why: `${program.label(selecting)} selects it, but ${agent.where} is '${String(agent.value)}', so the OS Config agent does not apply patches` };
  return { provided: true, why: `${program.label(selecting)} patches it` };
}

/** Whether a patch deployment's instance filter selects a host. */
function selectsHost(filter: PulumiValue | undefined, h: PulumiResource, template: boolean): Maybe<boolean> {
  if (isUnknown(filter)) return new Unknown(`instanceFilter is ${filter.reason}`);
  if (!isObject(filter)) return false;
  const all = readBoolean(filter.all);
  if (all === true) return true;
  if (isUnknown(all)) return new Unknown(`instanceFilter.all is ${all.reason}`);
  const labels = h.inputs.labels;
  const groups = readList(filter.groupLabels);
  if (isUnknown(groups)) return new Unknown(`instanceFilter.groupLabels is ${groups.reason}`);
  for (const g of groups ?? []) {
    const want = isObject(g) ? g.labels : undefined;
    if (!isObject(want)) continue;
    const match = labelsMatch(want, labels);
    if (match !== false) return match;
  }
  if (template) return false;
  const name = typeof h.inputs.name === 'string' ? h.inputs.name : h.name;
  const instances = readList(filter.instances);
  if (isUnknown(instances)) return new Unknown(`instanceFilter.instances is ${instances.reason}`);
  if ((instances ?? []).some((i) => typeof i === 'string' && i.split('/').pop() === name)) return true;
  const prefixes = readList(filter.instanceNamePrefixes);
  if (isUnknown(prefixes)) return new Unknown(`instanceFilter.instanceNamePrefixes is ${prefixes.reason}`);
  if ((prefixes ?? []).some((p) => typeof p === 'string' && name.startsWith(p))) return true;
  if ([...(instances ?? []), ...(prefixes ?? [])].some((v) => isUnknown(v))) return new Unknown('an instance name of instanceFilter is not known until deployment');
  return false;
}

function labelsMatch(want: PulumiObject, labels: PulumiValue | undefined): Maybe<boolean> {
  if (isUnknown(labels)) return new Unknown(`the host's labels are ${labels.reason}`);
  const have = isObject(labels) ? labels : {};
  for (const [k, v] of Object.entries(want)) {
    const mine = have[k];
    if (isUnknown(mine) || isUnknown(v)) return new Unknown(`label ${k} is not known until deployment`);
    if (mine !== v) return false;
  }
  return true;
}

/** HOST-2 for a host: Shielded VM with Secure Boot, vTPM and integrity monitoring. */
function shieldedVm(program: ProgramContext, h: PulumiResource): VulnerabilityScanFact {
  const base = { kind: 'vulnerability-scan' as const, subject: program.ref(h), label: program.label(h) };
  const config = h.inputs.shieldedInstanceConfig;
  if (isUnknown(config)) return { ...base, scanned: new Unknown(`shieldedInstanceConfig is ${config.reason}`), why: '' };
  const get = (key: string): Maybe<boolean> | undefined => readBoolean(isObject(config) ? config[key] : undefined);
  const secureBoot = get('enableSecureBoot');
  const vtpm = get('enableVtpm');
  const integrity = get('enableIntegrityMonitoring');
  for (const [key, v] of [['enableSecureBoot', secureBoot], ['enableVtpm', vtpm], ['enableIntegrityMonitoring', integrity]] as const) {
    if (isUnknown(v)) return { ...base, scanned: new Unknown(`shieldedInstanceConfig.${key} is ${v.reason}`), why: '' };
  }
  if (secureBoot !== true) {
    return { ...base, scanned: false, why: `shieldedInstanceConfig.enableSecureBoot is ${secureBoot === false ? 'false' : 'not set (off by default)'}, so nothing verifies the boot chain (Shielded VM)` };
  }
  if (vtpm === false || integrity === false) {
    return { ...base, scanned: false, why: `shieldedInstanceConfig.${vtpm === false ? 'enableVtpm' : 'enableIntegrityMonitoring'} is false, so boot integrity is not measured (Shielded VM)` };
  }
  return { ...base, scanned: true, why: 'Shielded VM with Secure Boot, vTPM and integrity monitoring' };
}

/** HOST-2 for a Docker repository: Artifact Analysis scans it unless turned off, when the project's API is on. */
function repositoryScan(program: ProgramContext, r: PulumiResource): VulnerabilityScanFact | undefined {
  const format = readString(r.inputs.format);
  if (typeof format === 'string' && format.toUpperCase() !== 'DOCKER') return undefined;
  const base = { kind: 'vulnerability-scan' as const, subject: program.ref(r), label: program.label(r) };
  if (isUnknown(format)) return { ...base, scanned: new Unknown(`format is ${format.reason}`), why: '' };
  const mode = readString(at(r.inputs, 'vulnerabilityScanningConfig', 'enablementConfig'));
  if (isUnknown(mode)) return { ...base, scanned: new Unknown(`vulnerabilityScanningConfig.enablementConfig is ${mode.reason}`), why: '' };
  if (typeof mode === 'string' && mode.toUpperCase() === 'DISABLED') return { ...base, scanned: false, why: 'vulnerabilityScanningConfig.enablementConfig is DISABLED' };
  if (!program.complete) return undefined;
  const api = program.ofType(GCP.projectService).some((s) => readString(s.inputs.service) === 'containerscanning.googleapis.com');
  if (api) return { ...base, scanned: true, why: 'the program enables containerscanning.googleapis.com' };
  return { ...base, scanned: new Unknown('the repository is scanned only when the project enables containerscanning.googleapis.com, which this program does not'), why: '' };
}

const CONCEALMENT = {
  fails: "does not conceal the node's metadata server from pods",
  whether: "conceals the node's metadata server from pods",
};

/** HOST-4 for a GKE cluster's own node pools (the default one, and inline `nodePools`). */
function clusterMetadata(program: ProgramContext, c: PulumiResource): InstanceMetadataFact[] {
  const base = { kind: 'instance-metadata' as const, subject: program.ref(c), label: program.label(c), protection: CONCEALMENT };
  const autopilot = readBoolean(c.inputs.enableAutopilot);
  if (autopilot === true) return [];
  if (isUnknown(autopilot)) return [{ ...base, tokensRequired: new Unknown(`enableAutopilot is ${autopilot.reason}`), why: '' }];
  const identity = workloadIdentity(c);
  const out: InstanceMetadataFact[] = [];
  if (readBoolean(c.inputs.removeDefaultNodePool) !== true) out.push({ ...base, ...concealment(c.inputs.nodeConfig, 'nodeConfig', identity) });
  const pools = readList(c.inputs.nodePools);
  if (isUnknown(pools)) out.push({ ...base, tokensRequired: new Unknown(`nodePools is ${pools.reason}`), why: '' });
  else (pools ?? []).forEach((p, i) => {
    if (isObject(p)) out.push({ ...base, ...concealment(p.nodeConfig, `nodePools[${i}].nodeConfig`, identity) });
  });
  return out;
}

/** HOST-4 for a node pool: its own mode, else its cluster's default. */
function nodePoolMetadata(program: ProgramContext, p: PulumiResource): InstanceMetadataFact {
  const base = { kind: 'instance-metadata' as const, subject: program.ref(p), label: program.label(p), protection: CONCEALMENT };
  const cluster = program.target(p, ['cluster'], GCP.gkeCluster);
  const identity: Maybe<boolean> = cluster === undefined
    ? new Unknown('its cluster is not declared in the program, so the default mode is not known')
    : isUnknown(cluster) ? cluster : workloadIdentity(cluster);
  return { ...base, ...concealment(p.inputs.nodeConfig, 'nodeConfig', identity) };
}

function workloadIdentity(c: PulumiResource): Maybe<boolean> {
  const pool = readString(at(c.inputs, 'workloadIdentityConfig', 'workloadPool'));
  if (isUnknown(pool)) return new Unknown(`workloadIdentityConfig.workloadPool is ${pool.reason}`);
  return pool !== undefined && pool !== '';
}

/**
 * `GKE_METADATA` conceals the node's metadata server (and its service account token) from pods;
 * unset, node pools of a cluster with Workload Identity default to it, others to `GCE_METADATA`.
 */
function concealment(nodeConfig: PulumiValue | undefined, path: string, identity: Maybe<boolean>): { tokensRequired: Maybe<boolean>; why: string } {
  const mode = readString(at(nodeConfig, 'workloadMetadataConfig', 'mode'));
  if (isUnknown(mode)) return { tokensRequired: new Unknown(`${path}.workloadMetadataConfig.mode is ${mode.reason}`), why: '' };
  if (mode !== undefined) return { tokensRequired: mode.toUpperCase() === 'GKE_METADATA', why: `${path}.workloadMetadataConfig.mode is ${mode}, so pods reach the node's metadata server and its service account token` };
  if (isUnknown(identity)) return { tokensRequired: new Unknown(`${path}.workloadMetadataConfig.mode is not set and ${identity.reason}`), why: '' };
  return { tokensRequired: identity, why: `${path}.workloadMetadataConfig.mode is not set and the cluster has no Workload Identity, so pods reach the node's metadata server (GCE_METADATA)` };
}
