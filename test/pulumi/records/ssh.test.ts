/**
 * SSH-1 over GCP: SSH keys in metadata, OS Login (instance metadata overrides project metadata),
 * the serial console.
 */
import { checkResources } from '../../../pulumi/records';
import type { PulumiObject, PulumiResource } from '../../../pulumi/records/resource';
import { GCP } from '../../../pulumi/records/types';
import { judge, res, UNKNOWN } from '../fixtures';

const HARDENED = { 'enable-oslogin': 'TRUE', 'serial-port-enable': 'FALSE' };
const vm = (metadata: PulumiObject | undefined, type: string = GCP.instance) => res(type, 'vm', metadata === undefined ? {} : { metadata });
const details = (resources: PulumiResource[]): string[] =>
  checkResources(resources).filter((f) => f.requirement === 'SSH-1').map((f) => `${f.status} ${f.detail}`).sort();

describe('SSH keys in metadata', () => {
  it.each<[string, PulumiResource[], string[]]>([
    ['ssh-keys on the instance → fail', [vm({ ...HARDENED, 'ssh-keys': 'alice:ssh-ed25519 AAAAC3Nz alice' })], ['fail metadata ssh-keys line 1']],
    ['two keys under the legacy sshKeys → two findings', [vm({ ...HARDENED, sshKeys: 'a:ssh-rsa AAAA a\nb:ssh-rsa AAAA b' })], ['fail metadata sshKeys line 1', 'fail metadata sshKeys line 2']],
    ['ssh-keys known only at deploy is still a key → fail', [vm({ ...HARDENED, 'ssh-keys': UNKNOWN })], ['fail metadata ssh-keys']],
    ['ssh-keys in project metadata → fail', [vm(HARDENED), res(GCP.projectMetadata, 'common', { metadata: { 'ssh-keys': 'ops:ssh-rsa AAAA ops' } })], ['fail metadata ssh-keys line 1']],
    ['a project metadata item ssh-keys → fail', [vm(HARDENED), res(GCP.projectMetadataItem, 'keys', { key: 'ssh-keys', value: 'ops:ssh-rsa AAAA ops' })], ['fail key ssh-keys line 1']],
  ])('%s', (_name, resources, expected) => {
    expect(details(resources)).toEqual(expected);
  });

  it('message names the user, never the key', () => {
    const [f] = checkResources([vm({ ...HARDENED, 'ssh-keys': 'alice:ssh-ed25519 AAAAC3Nz alice' })]).filter((x) => x.requirement === 'SSH-1');
    expect(f.message).toBe("Instance 'vm' bakes in SSH key pair for user 'alice' (metadata ssh-keys line 1).");
  });
});

describe('OS Login: the instance overrides the project', () => {
  const project = (value: string) => res(GCP.projectMetadataItem, 'oslogin', { key: 'enable-oslogin', value });
  it.each<[string, PulumiResource[], string[]]>([
    ['enable-oslogin TRUE on the instance → pass', [vm(HARDENED)], []],
    ['lower case "true" → pass', [vm({ 'enable-oslogin': 'true' })], []],
    ['enable-oslogin FALSE on the instance → fail', [vm({ 'enable-oslogin': 'FALSE' })], ['SSH-1:fail']],
    ['not set anywhere (off by default) → fail', [vm(undefined)], ['SSH-1:fail']],
    ['not on the instance, TRUE in project metadata → pass', [vm({}), project('TRUE')], []],
    ['FALSE on the instance overrides TRUE in the project → fail', [vm({ 'enable-oslogin': 'FALSE' }), project('TRUE')], ['SSH-1:fail']],
    ['TRUE on the instance overrides FALSE in the project → pass', [vm({ 'enable-oslogin': 'TRUE' }), project('FALSE')], []],
    [
      'the organization policy compute.requireOsLogin enforces it → pass',
      [vm({}), res(GCP.projectOrgPolicy, 'oslogin', { project: 'p', constraint: 'constraints/compute.requireOsLogin', booleanPolicy: { enforced: true } })],
      [],
    ],
    ['a template with OS Login off → fail', [vm({ 'enable-oslogin': 'FALSE' }, GCP.instanceTemplate)], ['SSH-1:fail']],
    ['enable-oslogin known only at deploy → unknown', [vm({ 'enable-oslogin': UNKNOWN })], ['SSH-1:unknown']],
    ['the whole metadata known only at deploy → OS Login and serial console unknown', [res(GCP.instance, 'vm', { metadata: UNKNOWN })], ['SSH-1:unknown', 'SSH-1:unknown']],
  ])('%s', (_name, resources, expected) => {
    expect(judge(resources, 'SSH-1')).toEqual(expected);
  });

  it('message says where OS Login is off', () => {
    const [f] = checkResources([vm({ 'enable-oslogin': 'FALSE' }), project('TRUE')]).filter((x) => x.requirement === 'SSH-1');
    expect(f.message).toBe("Instance 'vm' does not send shell access through OS Login: metadata enable-oslogin is 'FALSE'.");
  });
});

describe('the serial console', () => {
  it.each<[string, PulumiResource[], string[]]>([
    ['serial-port-enable TRUE on the instance → fail', [vm({ 'enable-oslogin': 'TRUE', 'serial-port-enable': 'TRUE' })], ['SSH-1:fail']],
    ['not set (off by default) → pass', [vm({ 'enable-oslogin': 'TRUE' })], []],
    ['TRUE in project metadata, not set on the instance → fail', [vm({ 'enable-oslogin': 'TRUE' }), res(GCP.projectMetadata, 'common', { metadata: { 'serial-port-enable': 'TRUE' } })], ['SSH-1:fail']],
    ['FALSE on the instance overrides the project → pass', [vm(HARDENED), res(GCP.projectMetadata, 'common', { metadata: { 'serial-port-enable': 'TRUE' } })], []],
  ])('%s', (_name, resources, expected) => {
    expect(judge(resources, 'SSH-1')).toEqual(expected);
  });

  it('message names the setting', () => {
    const [f] = checkResources([vm({ 'enable-oslogin': 'TRUE', 'serial-port-enable': 'TRUE' })]).filter((x) => x.requirement === 'SSH-1');
    expect(f.message).toBe("Instance 'vm' enables the interactive serial console: metadata serial-port-enable is 'TRUE'.");
  });
});
