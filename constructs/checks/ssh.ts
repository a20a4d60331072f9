/**
 * SSH-1, "SSH Keys": keys are rolled out selectively. Hosts get no baked-in key pair; shell
 * access goes through the cloud identity (Session Manager, OS Login), granted per person.
 */
import type { HostAccessFact, HostAccessSetting, SshKeyFact } from '../facts/auth';
import type { Finding } from '../finding';
import { isUnknown } from '../unknown';
import type { CheckContext } from './context';

/**
 * SSH-1 over a host or host template that names an SSH key pair.
 *
 * @example
 * checkSshKey({ kind: 'ssh-key', subject, label: "Instance 'Web'", keys: [{ where: 'KeyName', key: 'ops' }] }, ctx)
 * // [SSH-1: "Instance 'Web' bakes in SSH key pair 'ops' (KeyName)."]
 */
export function checkSshKey(fact: SshKeyFact, ctx: CheckContext): Finding[] {
  return fact.keys.map(({ where, key }) =>
    isUnknown(key)
      ? ctx.finding('SSH-1', fact.subject, {
        status: 'unknown',
        message: `whether ${fact.label} bakes in an SSH key pair: ${where} is ${key.reason}.`,
        detail: where,
      })
      : ctx.finding('SSH-1', fact.subject, {
        message: `${fact.label} bakes in SSH key pair ${key} (${where}).`,
        detail: where,
      }),
  );
}

const HOST_ACCESS: Readonly<Record<HostAccessSetting, { fails: string; whether: string; detail: string; fix: string }>> = {
  'os-login': {
    fails: 'does not send shell access through OS Login',
    whether: 'sends shell access through OS Login',
    detail: 'os login',
    fix: 'Set metadata enable-oslogin to TRUE (on the host, or project-wide), and grant roles/compute.osLogin to the people who need a shell.',
  },
  'serial-port-off': {
    fails: 'enables the interactive serial console',
    whether: 'keeps the interactive serial console off',
    detail: 'serial port',
    fix: 'Set metadata serial-port-enable to FALSE, or leave it unset.',
  },
};

/**
 * SSH-1 over how people reach a host's shell: through OS Login (the cloud identity, granted per
 * person, which also ignores metadata SSH keys), never through the interactive serial console.
 *
 * @example
 * checkHostAccess({ kind: 'host-access', subject, label: "Instance 'web'", settings: [{ setting: 'serial-port-off', holds: false, why: 'metadata serial-port-enable is TRUE' }] }, ctx)
 * // [SSH-1: "Instance 'web' enables the interactive serial console: metadata serial-port-enable is TRUE."]
 */
export function checkHostAccess(fact: HostAccessFact, ctx: CheckContext): Finding[] {
  return fact.settings.flatMap(({ setting, holds, why }) => {
    if (holds === true) return [];
    const words = HOST_ACCESS[setting];
    if (isUnknown(holds)) {
      return [ctx.finding('SSH-1', fact.subject, { status: 'unknown', message: `whether ${fact.label} ${words.whether}: ${holds.reason}.`, detail: words.detail, fix: words.fix })];
    }
    return [ctx.finding('SSH-1', fact.subject, { message: `${fact.label} ${words.fails}: ${why}.`, detail: words.detail, fix: words.fix })];
  });
}
