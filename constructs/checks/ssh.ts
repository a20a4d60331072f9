/**
 * SSH-1, "SSH Keys": keys are rolled out selectively. Hosts get no baked-in key pair; shell
 * access goes through the cloud identity (Session Manager, OS Login), granted per person.
 */
import type { SshKeyFact } from '../facts/auth';
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
