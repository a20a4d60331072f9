/**
 * HOST-1..HOST-5: automatic security updates, vulnerability scanning, antivirus, instance
 * metadata, and containers' access to the host's files.
 */
import type { ContainerIsolationFact, ContainerSpec, HostCareFact, HostMount, InstanceMetadataFact, Safeguard, VulnerabilityScanFact } from '../facts/host';
import type { Finding } from '../finding';
import type { RequirementId } from '../requirements';
import { isUnknown } from '../unknown';
import type { CheckContext } from './context';
import { posix } from 'path';

/**
 * HOST-1 and HOST-3 for a host or host group: it takes security updates automatically, and it
 * runs ClamAV with refreshed signatures.
 *
 * @example
 * checkHostCare({ kind: 'host-care', subject, label: "Instance 'Web'", updates: { provided: false, why: 'nothing patches it' }, antivirus: { provided: true, why: '...' } }, ctx)
 * // [HOST-1 fail: "Instance 'Web' does not take security updates automatically: nothing patches it."]
 */
export function checkHostCare(fact: HostCareFact, ctx: CheckContext): Finding[] {
  return [
    ...safeguard('HOST-1', fact, fact.updates, 'take security updates automatically', 'takes security updates automatically', 'updates', ctx),
    ...safeguard('HOST-3', fact, fact.antivirus, 'run ClamAV with updated signatures', 'runs ClamAV with updated signatures', 'antivirus', ctx),
  ];
}

function safeguard(id: RequirementId, fact: HostCareFact, s: Safeguard, doesNot: string, whether: string, detail: string, ctx: CheckContext): Finding[] {
  if (s.provided === true) return [];
  if (isUnknown(s.provided)) {
    return [ctx.finding(id, fact.subject, { status: 'unknown', message: `whether ${fact.label} ${whether}: ${s.provided.reason}.`, detail })];
  }
  return [ctx.finding(id, fact.subject, { message: `${fact.label} does not ${doesNot}: ${s.why}.`, detail })];
}

/**
 * HOST-2: images and hosts are scanned for vulnerabilities.
 *
 * @example
 * checkVulnerabilityScan({ kind: 'vulnerability-scan', subject, label: "Repository 'Images'", scanned: false, why: 'ImageScanningConfiguration.ScanOnPush is not set' }, ctx)
 */
export function checkVulnerabilityScan(fact: VulnerabilityScanFact, ctx: CheckContext): Finding[] {
  if (fact.scanned === true) return [];
  if (isUnknown(fact.scanned)) {
    return [ctx.finding('HOST-2', fact.subject, { status: 'unknown', message: `whether ${fact.label} is scanned for vulnerabilities: ${fact.scanned.reason}.`, detail: 'scanning' })];
  }
  return [ctx.finding('HOST-2', fact.subject, { message: `${fact.label} is not scanned for vulnerabilities: ${fact.why}.`, detail: 'scanning' })];
}

/**
 * HOST-4: the instance metadata service needs session tokens (IMDSv2), or is off; on GKE, the
 * node's metadata server is concealed from pods.
 *
 * @example
 * checkInstanceMetadata({ kind: 'instance-metadata', subject, label: "Launch template 'Lt'", tokensRequired: false, why: 'MetadataOptions.HttpTokens is optional' }, ctx)
 */
export function checkInstanceMetadata(fact: InstanceMetadataFact, ctx: CheckContext): Finding[] {
  if (fact.tokensRequired === true) return [];
  const words = fact.protection ?? { fails: 'does not require IMDSv2 session tokens', whether: 'requires IMDSv2 session tokens' };
  if (isUnknown(fact.tokensRequired)) {
    return [ctx.finding('HOST-4', fact.subject, { status: 'unknown', message: `whether ${fact.label} ${words.whether}: ${fact.tokensRequired.reason}.`, detail: 'imdsv2' })];
  }
  return [ctx.finding('HOST-4', fact.subject, { message: `${fact.label} ${words.fails}: ${fact.why}.`, detail: 'imdsv2' })];
}

/**
 * HOST-5: containers run unprivileged, with a read-only root file system, mount only the host
 * folders the team declares (read-only), add no capability that reaches past the container,
 * and do not share the host's processes. One finding per container and problem.
 *
 * @example
 * checkContainerIsolation(taskWithDockerSocket, checkContext({ containerHostPaths: ['/var/log/app'] }))
 * // [HOST-5 fail: "Task definition 'Task' container 'web' mounts host path /var/run/docker.sock ..."]
 */
export function checkContainerIsolation(fact: ContainerIsolationFact, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const add = (status: 'fail' | 'unknown', message: string, detail: string): void => {
    out.push(ctx.finding('HOST-5', fact.subject, { status, message, detail }));
  };
  if (fact.unreadable !== undefined) {
    add('unknown', `what the containers of ${fact.label} may reach on the host: ${fact.unreadable}.`, 'containers');
    return out;
  }
  if (fact.hostProcesses === true) add('fail', `${fact.label} shares the host's processes with its containers: PidMode is host.`, 'pid host');
  else if (isUnknown(fact.hostProcesses)) add('unknown', `whether ${fact.label} shares the host's processes: PidMode is ${fact.hostProcesses.reason}.`, 'pid host');
  for (const c of fact.containers) judgeContainer(fact.label, c, ctx, add);
  return out;
}

function judgeContainer(label: string, c: ContainerSpec, ctx: CheckContext, add: (status: 'fail' | 'unknown', message: string, detail: string) => void): void {
  const who = `${label} container '${c.name}'`;
  if (c.privileged === true) add('fail', `${who} runs privileged: ${c.properties.privileged} is true.`, `${c.name} privileged`);
  else if (isUnknown(c.privileged)) add('unknown', `whether ${who} runs privileged: ${c.properties.privileged} is ${c.privileged.reason}.`, `${c.name} privileged`);

  if (c.readOnlyRoot === false) add('fail', `${who} can write its root file system: ${c.properties.readOnlyRoot} is not true.`, `${c.name} writable root`);
  else if (isUnknown(c.readOnlyRoot)) add('unknown', `whether ${who} has a read-only root file system: ${c.properties.readOnlyRoot} is ${c.readOnlyRoot.reason}.`, `${c.name} writable root`);

  for (const m of c.hostMounts) judgeMount(who, c.name, m, ctx.options.containerHostPaths, add);

  if (isUnknown(c.addedCapabilities)) {
    add('unknown', `which capabilities ${who} adds: ${c.properties.capabilities} is ${c.addedCapabilities.reason}.`, `${c.name} capabilities`);
  } else {
    const forbidden = c.addedCapabilities.filter((cap) => ctx.options.forbiddenCapabilities.includes(cap));
    if (forbidden.length > 0) {
      const list = forbidden.length > 1 ? `capabilities ${forbidden.slice(0, -1).join(', ')} and ${forbidden[forbidden.length - 1]}` : `capability ${forbidden[0]}`;
      add('fail', `${who} adds ${list} (${c.properties.capabilities}), which ${forbidden.length > 1 ? 'reach' : 'reaches'} past the container.`, `${c.name} capabilities ${forbidden.join(',')}`);
    }
  }
}

function judgeMount(who: string, name: string, m: HostMount, declared: readonly string[], add: (status: 'fail' | 'unknown', message: string, detail: string) => void): void {
  if (isUnknown(m.hostPath)) {
    add('unknown', `which host folder ${who} mounts at ${m.where}: the path is ${m.hostPath.reason}.`, `${name} host path ${m.where}`);
    return;
  }
  const path = posix.normalize(m.hostPath);
  const detail = `${name} host path ${path}`;
  const allowed = declared.some((d) => isWithin(path, posix.normalize(d)));
  if (!allowed) {
    const normalized = path !== m.hostPath ? ` (${m.hostPath})` : '';
    add('fail', `${who} mounts host path ${path}${normalized} (${m.where}), which is not among the declared containerHostPaths.`, detail);
  } else if (m.readOnly === false) {
    add('fail', `${who} mounts declared host path ${path} writable (${m.where}): ReadOnly is not true.`, detail);
  } else if (isUnknown(m.readOnly)) {
    add('unknown', `whether ${who} mounts host path ${path} read-only (${m.where}): ReadOnly is ${m.readOnly.reason}.`, detail);
  }
}

/** Whether `path` is `folder` or inside it (both normalized). */
function isWithin(path: string, folder: string): boolean {
  const f = folder.endsWith('/') && folder !== '/' ? folder.slice(0, -1) : folder;
  return path === f || path.startsWith(f === '/' ? '/' : `${f}/`);
}
