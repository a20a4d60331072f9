/**
 * GCP host access -> SSH-1 facts: SSH keys written into instance, template or project metadata
 * (`ssh-keys`, `sshKeys`), OS Login (`enable-oslogin`: the instance's value overrides the
 * project's; an organization policy `compute.requireOsLogin` of the program enforces it), and
 * the interactive serial console (`serial-port-enable`, off by default). With OS Login on,
 * Compute Engine ignores metadata SSH keys, project-wide ones included, so
 * `block-project-ssh-keys` only matters where OS Login is off, which is itself the finding.
 */
import type { HostAccessFact, SshKeyFact } from '../../constructs/facts/auth';
import type { RequirementId } from '../../constructs/requirements';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import { metadataFlag, metadataSetting, ownMetadata } from './metadata';
import type { ProgramContext } from './program';
import { at, isObject, readBoolean, readList, readString } from './read';
import type { PulumiObject, PulumiResource, PulumiValue } from './resource';
import { GCP } from './types';

const HOSTS = [GCP.instance, GCP.instanceTemplate, GCP.regionInstanceTemplate];
const SSH_KEY_METADATA = ['ssh-keys', 'sshKeys'];

/**
 * The GCP types this file reads, and what it judges them for.
 *
 * @example
 * GCP_SSH_BINDINGS['gcp:compute/instance:Instance'] // ['SSH-1']
 */
export const GCP_SSH_BINDINGS: Readonly<Record<string, readonly RequirementId[]>> = Object.fromEntries(
  [...HOSTS, GCP.projectMetadata, GCP.projectMetadataItem].map((t): [string, readonly RequirementId[]] => [t, ['SSH-1']]),
);

/**
 * Every SSH-1 fact of a program.
 *
 * @example
 * gcpSshFacts(new ProgramContext(resources)).filter((f) => f.kind === 'host-access')
 */
export function gcpSshFacts(program: ProgramContext): Array<SshKeyFact | HostAccessFact> {
  const out: Array<SshKeyFact | HostAccessFact> = [];
  const enforced = program.complete ? enforcedByOrgPolicy(program) : new Set<string>();
  for (const h of program.ofTypes(HOSTS)) {
    const own = ownMetadata(h);
    const keys = isUnknown(own) ? [] : sshKeys(own ?? {}, 'metadata');
    if (keys.length > 0) out.push({ kind: 'ssh-key', subject: program.ref(h), label: program.label(h), keys });
    out.push(hostAccess(program, h, enforced));
  }
  for (const m of program.ofType(GCP.projectMetadata)) {
    const metadata = m.inputs.metadata;
    // A map known only at deploy may hold ssh-keys for every host of the project.
    const keys = isObject(metadata) ? sshKeys(metadata, 'metadata') : isUnknown(metadata) ? [{ where: 'metadata', key: metadata }] : [];
    if (keys.length > 0) out.push({ kind: 'ssh-key', subject: program.ref(m), label: program.label(m), keys });
  }
  for (const m of program.ofType(GCP.projectMetadataItem)) {
    if (isUnknown(m.inputs.key)) {
      // A key known only at deploy may be ssh-keys.
      out.push({ kind: 'ssh-key', subject: program.ref(m), label: program.label(m), keys: [{ where: 'key', key: m.inputs.key }] });
    } else if (typeof m.inputs.key === 'string' && SSH_KEY_METADATA.includes(m.inputs.key)) {
      const keys = sshKeys({ [m.inputs.key]: m.inputs.value ?? '' }, 'key');
      if (keys.length > 0) out.push({ kind: 'ssh-key', subject: program.ref(m), label: program.label(m), keys });
    }
  }
  return out;
}

/**
 * The SSH keys a metadata map bakes in, one per line (`user:ssh-ed25519 AAAA... user`), named by
 * their user. A value known only at deploy is still a key in the metadata.
 */
function sshKeys(metadata: PulumiObject, where: string): SshKeyFact['keys'] {
  const out: Array<{ where: string; key: Maybe<string> }> = [];
  for (const name of SSH_KEY_METADATA) {
    const v = metadata[name];
    if (v === undefined || v === null || v === '') continue;
    const text = readString(v);
    if (text === undefined || isUnknown(text)) {
      out.push({ where: `${where} ${name}`, key: 'known only at deploy' });
      continue;
    }
    text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')).forEach((line, i) => {
      const user = /^([^:\s]+):/.exec(line)?.[1];
      out.push({ where: `${where} ${name} line ${i + 1}`, key: user !== undefined ? `for user '${user}'` : 'without a user' });
    });
  }
  return out;
}

/** OS Login and the serial console of one host. */
function hostAccess(program: ProgramContext, h: PulumiResource, enforced: ReadonlySet<string>): HostAccessFact {
  const settings: Array<HostAccessFact['settings'][number]> = [];
  const login = metadataSetting(program, h, 'enable-oslogin');
  if (login.own || program.complete) {
    if (login.value === undefined) {
      settings.push(
        enforced.has('compute.requireOsLogin')
          ? { setting: 'os-login', holds: true, why: 'the organization policy compute.requireOsLogin enforces it' }
          : { setting: 'os-login', holds: false, why: 'enable-oslogin is not set on the host or in the project metadata of the program, so OS Login is off' },
      );
    } else {
      const on = metadataFlag(login.value);
      // Where OS Login is required by an organization policy, a host cannot turn it off.
      const holds: Maybe<boolean> = enforced.has('compute.requireOsLogin') ? true : isUnknown(on) ? new Unknown(`${login.where} is ${on.reason}`) : on;
      settings.push({ setting: 'os-login', holds, why: `${login.where} is ${isUnknown(login.value) ? 'not known' : `'${login.value}'`}` });
    }
  }
  const serial = metadataSetting(program, h, 'serial-port-enable');
  if (serial.value !== undefined && (serial.own || program.complete)) {
    const on = metadataFlag(serial.value);
    const holds: Maybe<boolean> = enforced.has('compute.disableSerialPortAccess') ? true : isUnknown(on) ? new Unknown(`${serial.where} is ${on.reason}`) : !on;
    settings.push({ setting: 'serial-port-off', holds, why: `${serial.where} is ${isUnknown(serial.value) ? 'not known' : `'${serial.value}'`}` });
  }
  return { kind: 'host-access', subject: program.ref(h), label: program.label(h), settings };
}

/** The boolean constraints that organization policies of the program enforce. */
function enforcedByOrgPolicy(program: ProgramContext): Set<string> {
  const out = new Set<string>();
  for (const p of program.ofType(GCP.projectOrgPolicy)) {
    const constraint = readString(p.inputs.constraint);
    if (typeof constraint === 'string' && readBoolean(at(p.inputs, 'booleanPolicy', 'enforced')) === true) out.add(constraint.replace(/^constraints\//, ''));
  }
  for (const p of program.ofType(GCP.orgPolicy)) {
    const name = readString(p.inputs.name);
    const rules = readList(at(p.inputs, 'spec', 'rules'));
    if (typeof name !== 'string' || rules === undefined || isUnknown(rules)) continue;
    if (rules.some((r: PulumiValue) => isObject(r) && /^true$/i.test(String(readString(r.enforce) ?? '')))) out.add(name.split('/').pop() ?? name);
  }
  return out;
}
