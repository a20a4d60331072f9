/**
 * ECS task definitions and AWS Batch job definitions -> container isolation facts (HOST-5): privilege, root file system,
 * host folders mounted (bind volumes, Docker `local` volumes bound to a host path, devices),
 * added capabilities and the host's process namespace.
 */
import type { ContainerIsolationFact, ContainerSpec, HostMount } from '../../constructs/facts/host';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import type { TemplateContext } from './context';
import { describeValue, isObject, possibleValues, readBoolean, readString } from './read';
import type { Value, ValueObject } from './values';

const TASK_DEFINITION = 'AWS::ECS::TaskDefinition';
const BATCH_JOB_DEFINITION = 'AWS::Batch::JobDefinition';

const ECS_PROPERTIES = { privileged: 'Privileged', readOnlyRoot: 'ReadonlyRootFilesystem', capabilities: 'LinuxParameters.Capabilities.Add' };

/**
 * The container facts of one template.
 *
 * @example
 * containerFacts(new TemplateContext(template)).map((f) => f.containers.length)
 */
export function containerFacts(ctx: TemplateContext): ContainerIsolationFact[] {
  const out: ContainerIsolationFact[] = [];
  for (const id of ctx.ofType(TASK_DEFINITION)) {
    const p = ctx.properties(id);
    const base = { kind: 'container-isolation' as const, subject: ctx.ref(id), label: ctx.label(id) };
    const hostProcesses = worst(p.PidMode, (v) => {
      const mode = readString(v);
      return isUnknown(mode) ? mode : mode === 'host';
    });
    for (const definitions of possibleValues(p.ContainerDefinitions)) {
      if (definitions === undefined) continue;
      if (!Array.isArray(definitions)) {
        out.push({ ...base, containers: [], hostProcesses, unreadable: `ContainerDefinitions is ${describeValue(definitions)}` });
        continue;
      }
      const volumes = volumeIndex(p.Volumes);
      const containers: ContainerSpec[] = [];
      let unreadable: string | undefined;
      (definitions as readonly Value[]).forEach((d, i) => {
        for (const c of possibleValues(d)) {
          if (c === undefined) continue;
          if (!isObject(c)) unreadable = `ContainerDefinitions[${i}] is ${describeValue(c)}`;
          else containers.push(container(c, i, volumes));
        }
      });
      out.push({ ...base, containers, hostProcesses, ...(unreadable !== undefined ? { unreadable } : {}) });
    }
  }
  // AWS Batch job definitions carry one container, with the same properties and volumes.
  for (const id of ctx.ofType(BATCH_JOB_DEFINITION)) {
    const base = { kind: 'container-isolation' as const, subject: ctx.ref(id), label: ctx.label(id), hostProcesses: false };
    for (const c of possibleValues(ctx.properties(id).ContainerProperties)) {
      if (c === undefined) continue;
      if (!isObject(c)) out.push({ ...base, containers: [], unreadable: `ContainerProperties is ${describeValue(c)}` });
      else out.push({ ...base, containers: [container({ Name: 'container', ...c }, 0, volumeIndex(c.Volumes))] });
    }
  }
  return out;
}

/** Over every Fn::If branch: true if any branch is, unknown if any is unknown, else false. */
function worst(v: Value | undefined, read: (v: Value | undefined) => Maybe<boolean> | undefined, absent = false): Maybe<boolean> {
  let unknown: Unknown | undefined;
  for (const option of possibleValues(v)) {
    const b = read(option) ?? absent;
    if (b === true) return true;
    if (isUnknown(b)) unknown = b;
  }
  return unknown ?? false;
}

function container(c: ValueObject, i: number, volumes: VolumeIndex): ContainerSpec {
  const name = typeof c.Name === 'string' ? c.Name : `ContainerDefinitions[${i}]`;
  const privileged = worst(c.Privileged, readBoolean);
  // Writable unless ReadonlyRootFilesystem is true in every branch.
  const readOnly = worst(c.ReadonlyRootFilesystem, (v) => {
    const b = readBoolean(v);
    return isUnknown(b) ? b : b !== true;
  }, true);
  const hostMounts: HostMount[] = [];
  for (const list of possibleValues(c.MountPoints)) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      hostMounts.push({ where: 'MountPoints', hostPath: new Unknown(`MountPoints is ${describeValue(list)}`), readOnly: false });
      continue;
    }
    (list as readonly Value[]).forEach((m, j) => {
      if (!isObject(m)) {
        // A mount point known only at deploy may mount a host folder.
        if (m instanceof Unknown) hostMounts.push({ where: `MountPoints[${j}]`, hostPath: m, readOnly: false });
        return;
      }
      const source = readString(m.SourceVolume);
      const volume = typeof source === 'string' ? volumes.byName.get(source) ?? volumes.unreadable : new Unknown(`SourceVolume is ${describeValue(m.SourceVolume)}`);
      if (volume === undefined) return; // not a host folder
      const readOnlyMount = worst(m.ReadOnly, (v) => {
        const b = readBoolean(v);
        return isUnknown(b) ? b : b !== true;
      }, true);
      const ro: Maybe<boolean> = isUnknown(readOnlyMount) ? readOnlyMount : !readOnlyMount;
      if (isUnknown(volume)) hostMounts.push({ where: `MountPoints[${j}]`, hostPath: volume, readOnly: ro });
      else hostMounts.push({ where: `${volume.where} at MountPoints[${j}]`, hostPath: volume.hostPath, readOnly: ro });
    });
  }
  const linux = isObject(c.LinuxParameters) ? c.LinuxParameters : undefined;
  // LinuxParameters or its Devices known only at deploy (an AWS::Include) may add host devices and capabilities.
  const unknownLinux = c.LinuxParameters instanceof Unknown ? c.LinuxParameters : linux?.Devices instanceof Unknown ? linux.Devices : undefined;
  if (unknownLinux) hostMounts.push({ where: 'LinuxParameters.Devices', hostPath: unknownLinux, readOnly: false });
  if (linux && Array.isArray(linux.Devices)) {
    (linux.Devices as readonly Value[]).forEach((d, j) => {
      if (!isObject(d)) return;
      const path = readString(d.HostPath);
      const permissions = Array.isArray(d.Permissions) ? (d.Permissions as readonly Value[]) : undefined;
      hostMounts.push({
        where: `LinuxParameters.Devices[${j}]`,
        hostPath: path === undefined ? new Unknown('HostPath is not set') : path,
        // Devices get read, write and mknod unless Permissions says otherwise.
        readOnly: permissions !== undefined && permissions.every((x) => x === 'read'),
      });
    });
  }
  const addedCapabilities = c.LinuxParameters instanceof Unknown ? c.LinuxParameters : capabilities(linux);
  return { name, privileged, readOnlyRoot: isUnknown(readOnly) ? readOnly : !readOnly, hostMounts, addedCapabilities, properties: ECS_PROPERTIES };
}

function capabilities(linux: ValueObject | undefined): Maybe<readonly string[]> {
  if (!linux) return [];
  const caps = linux.Capabilities;
  if (caps === undefined) return [];
  if (!isObject(caps)) return new Unknown(describeValue(caps));
  const out: string[] = [];
  for (const list of possibleValues(caps.Add)) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) return new Unknown(describeValue(list));
    for (const cap of list as readonly Value[]) {
      const text = readString(cap);
      if (isUnknown(text) || text === undefined) return new Unknown(`an entry that is ${describeValue(cap)}`);
      out.push(text.toUpperCase().replace(/^CAP_/, ''));
    }
  }
  return out;
}

/** Host-folder volumes by name, and why a volume the index cannot name may be one. */
interface VolumeIndex {
  readonly byName: Map<string, Maybe<{ where: string; hostPath: Maybe<string> } | undefined>>;
  /** Set when `Volumes`, or one volume's name, is known only at deploy: any mount may then be a host folder. */
  readonly unreadable?: Unknown;
}

/**
 * Volumes that are host folders, by name: bind mounts (`Host.SourcePath`) and Docker `local`
 * volumes whose options bind a host device (`o: bind`, `device: /path`). Other volumes are
 * absent from the map; a volume whose configuration is known only at deploy is unknown.
 */
function volumeIndex(v: Value | undefined): VolumeIndex {
  const out = new Map<string, Maybe<{ where: string; hostPath: Maybe<string> } | undefined>>();
  let unreadable: Unknown | undefined;
  for (const list of possibleValues(v)) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      unreadable = new Unknown(`Volumes is ${describeValue(list)}`);
      continue;
    }
    (list as readonly Value[]).forEach((vol, i) => {
      if (!isObject(vol) || typeof vol.Name !== 'string') {
        if (vol instanceof Unknown || (isObject(vol) && vol.Name instanceof Unknown)) unreadable = new Unknown(`Volumes[${i}] is ${describeValue(vol)}`);
        return;
      }
      const where = `volume '${vol.Name}'`;
      const config = vol.Host instanceof Unknown ? vol.Host : vol.DockerVolumeConfiguration instanceof Unknown ? vol.DockerVolumeConfiguration : undefined;
      if (config) {
        out.set(vol.Name, { where, hostPath: config });
        return;
      }
      if (isObject(vol.Host) && vol.Host.SourcePath !== undefined) {
        const path = readString(vol.Host.SourcePath);
        out.set(vol.Name, { where, hostPath: path === undefined ? new Unknown(`Volumes[${i}].Host.SourcePath is absent`) : path });
        return;
      }
      const docker = isObject(vol.DockerVolumeConfiguration) ? vol.DockerVolumeConfiguration : undefined;
      if (docker?.DriverOpts instanceof Unknown) {
        out.set(vol.Name, { where: `${where} (a Docker volume)`, hostPath: docker.DriverOpts });
        return;
      }
      const opts = docker && isObject(docker.DriverOpts) ? docker.DriverOpts : undefined;
      if (opts && typeof opts.o === 'string' && /\bbind\b/.test(opts.o) && opts.device !== undefined) {
        const device = readString(opts.device);
        out.set(vol.Name, { where: `${where} (a Docker volume bound to the host)`, hostPath: device === undefined ? new Unknown('device is absent') : device });
      }
    });
  }
  return { byName: out, ...(unreadable ? { unreadable } : {}) };
}
