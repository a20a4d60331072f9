/**
 * HardenedInstance, HardenedInstanceTemplate and HardenedInstanceGroup: CMEK disks (ENC-1,
 * ENC-3), Shielded VM (HOST-2, HOST-4), OS Login with project SSH keys blocked and the serial
 * port off (SSH-1), a dedicated service account with narrow scopes (IAM-4), no external
 * address, daily OS Config patching (HOST-1), ClamAV (HOST-3), rolling updates (DEPLOY-1).
 */
import { spawnSync } from 'node:child_process';
import * as pulumi from '@pulumi/pulumi';
import { HardenedInstance, HardenedInstanceArgs } from '../../../pulumi/hardened-instance';
import { HardenedInstanceGroup, HardenedInstanceGroupArgs } from '../../../pulumi/hardened-instance-group';
import { HardenedInstanceTemplate } from '../../../pulumi/hardened-instance-template';
import { hardeningScript, HardenedHostArgs } from '../../../pulumi/host-hardening';
import { checkResources } from '../../../pulumi/records';
import type { PulumiObject, PulumiResource } from '../../../pulumi/records/resource';
import { deepFreeze, failure, inputsOf, ofType, record, refusal, snapshotOf, T } from './fixtures';

const KEY = 'projects/team-project/locations/europe-west1/keyRings/data/cryptoKeys/data';
const SUBNET = 'projects/team-project/regions/europe-west1/subnetworks/app';
const host: HardenedHostArgs = { project: 'team-project', kmsKey: KEY, subnetwork: SUBNET };
const instanceArgs: HardenedInstanceArgs = { ...host, zone: 'europe-west1-b', dataDisks: [{ name: 'data', sizeGb: 50 }], startupScript: '#!/bin/bash\necho team\n' };

/** Everything a hardened host's metadata must say, whoever built it. */
const HARDENED_METADATA = { 'enable-oslogin': 'TRUE', 'block-project-ssh-keys': 'TRUE', 'serial-port-enable': 'FALSE', 'enable-osconfig': 'TRUE' };
const SHIELDED = { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true };
const NARROW_SCOPES = ['https://www.googleapis.com/auth/logging.write', 'https://www.googleapis.com/auth/monitoring.write'];

function metadataOf(inputs: PulumiObject): Record<string, string> {
  return inputs.metadata as Record<string, string>;
}

describe('HardenedInstance: GIVEN a data disk and a team script', () => {
  let resources: PulumiResource[];
  let vm: PulumiObject;
  beforeAll(async () => {
    resources = await record(() => new HardenedInstance('app', deepFreeze({ ...instanceArgs, dataDisks: [{ name: 'data', sizeGb: 50 }] })));
    vm = inputsOf(resources, T.instance, 'app');
  });

  it('THEN the boot disk and the data disk use the customer-managed key, never a raw key (ENC-1, ENC-3)', () => {
    expect(vm.bootDisk).toMatchObject({ kmsKeySelfLink: KEY, initializeParams: { image: 'ubuntu-os-cloud/ubuntu-2404-lts-amd64' } });
    expect(JSON.stringify(vm)).not.toMatch(/diskEncryptionKeyRaw|rawKey/);
    expect(vm.attachedDisks).toEqual([{ source: 'https://www.googleapis.com/compute/v1/projects/team-project/global/resources/app-data', deviceName: 'data', kmsKeySelfLink: KEY }]);
    expect(inputsOf(resources, T.disk, 'app-data')).toMatchObject({ diskEncryptionKey: { kmsKeySelfLink: KEY }, size: 50, zone: 'europe-west1-b' });
  });

  it('THEN Shielded VM is on (HOST-2, HOST-4)', () => {
    expect(vm.shieldedInstanceConfig).toEqual(SHIELDED);
  });

  it('THEN OS Login is on, project SSH keys are blocked, the serial port is off, OS Config is on (SSH-1, HOST-1)', () => {
    expect(metadataOf(vm)).toMatchObject(HARDENED_METADATA);
    expect(Object.keys(metadataOf(vm))).not.toContain('ssh-keys');
    expect(Object.keys(metadataOf(vm))).not.toContain('enable-oslogin-2fa');
  });

  it('THEN the startup script installs ClamAV with refreshed signatures and a scan, then runs the team script (HOST-3)', () => {
    const script = metadataOf(vm)['startup-script'];
    expect(script).toContain('apt-get install -y -q unattended-upgrades clamav clamav-freshclam');
    expect(script).toContain("sed -i 's/^Checks .*/Checks 24/' /etc/clamav/freshclam.conf");
    expect(script).toContain('systemctl enable --now clamav-scan.timer');
    expect(script).toContain('OnCalendar=daily');
    expect(script.indexOf('compliance_harden )')).toBeLessThan(script.indexOf('echo team'));
  });

  it('THEN the host runs as its own service account, with narrow scopes (IAM-4)', () => {
    expect(vm.serviceAccount).toEqual({ email: 'app-sa@team-project.iam.gserviceaccount.com', scopes: NARROW_SCOPES });
    expect(inputsOf(resources, T.account, 'app-sa')).toMatchObject({ accountId: 'app-sa' });
    expect(ofType(resources, T.projectMember).map((m) => m.inputs.role)).toEqual(['roles/logging.logWriter', 'roles/monitoring.metricWriter']);
  });

  it('THEN the only network interface has no external address', () => {
    expect(vm.networkInterfaces).toEqual([{ subnetwork: SUBNET }]);
  });

  it('THEN a daily OS Config patch deployment selects the host by its label (HOST-1)', () => {
    expect(vm.labels).toEqual({ 'patch-group': 'app' });
    expect(inputsOf(resources, T.patchDeployment, 'app-patching')).toEqual({
      project: 'team-project',
      patchDeploymentId: 'app-patching',
      description: 'Daily patching of app (compliance-constructs HOST-1)',
      instanceFilter: { groupLabels: [{ labels: { 'patch-group': 'app' } }] },
      patchConfig: { rebootConfig: 'DEFAULT', apt: { type: 'DIST' }, migInstancesAllowed: false },
      duration: '3600s',
      recurringSchedule: { timeZone: { id: 'Etc/UTC' }, timeOfDay: { hours: 3, minutes: 0, seconds: 0, nanos: 0 } },
      rollout: { mode: 'ZONE_BY_ZONE', disruptionBudget: { percentage: 25 } },
    });
  });

  it('THEN the checks find nothing', () => {
    expect(checkResources(resources)).toEqual([]);
  });

  it('snapshot of the recorded inputs', () => {
    expect(snapshotOf(resources)).toMatchSnapshot();
  });
});

describe('HardenedInstance options', () => {
  it('a given service account is used as is, and no account is created', async () => {
    const resources = await record(() => new HardenedInstance('app', { ...instanceArgs, serviceAccount: { email: 'app@team-project.iam.gserviceaccount.com' } }));
    expect(inputsOf(resources, T.instance, 'app').serviceAccount).toEqual({ email: 'app@team-project.iam.gserviceaccount.com', scopes: NARROW_SCOPES });
    expect(ofType(resources, T.account)).toEqual([]);
  });

  it('osLogin2fa, an external address, a schedule and extra metadata', async () => {
    const resources = await record(
      () =>
        new HardenedInstance('app', {
          ...instanceArgs,
          osLogin2fa: true,
          externalIp: true,
          metadata: { 'google-logging-enabled': 'TRUE', 'enable-oslogin': 'true' },
          antivirus: { signatureChecksPerDay: 12, scanSchedule: 'Sun *-*-* 02:00:00' },
          patchSchedule: { hour: 22, timeZone: 'Europe/Brussels' },
        }),
    );
    const vm = inputsOf(resources, T.instance, 'app');
    expect(metadataOf(vm)).toMatchObject({ ...HARDENED_METADATA, 'enable-oslogin-2fa': 'TRUE', 'google-logging-enabled': 'TRUE' });
    expect(metadataOf(vm)['startup-script']).toContain('Checks 12');
    expect(metadataOf(vm)['startup-script']).toContain('OnCalendar=Sun *-*-* 02:00:00');
    expect(vm.networkInterfaces).toEqual([{ subnetwork: SUBNET, accessConfigs: [{}] }]);
    expect(inputsOf(resources, T.patchDeployment, 'app-patching').recurringSchedule).toEqual({
      timeZone: { id: 'Europe/Brussels' },
      timeOfDay: { hours: 22, minutes: 0, seconds: 0, nanos: 0 },
    });
  });
});

describe('the hardening script', () => {
  it.each<[string, string | undefined]>([
    ['without a team script', undefined],
    ['with a team script', '#!/usr/bin/env python3\nprint("team")\n'],
    ['with a team script without an interpreter line', 'echo team'],
  ])('is valid bash %s', (_name, startupScript) => {
    const result = spawnSync('bash', ['-n'], { input: hardeningScript({ startupScript }), encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('HardenedInstanceTemplate', () => {
  let resources: PulumiResource[];
  let template: PulumiObject;
  beforeAll(async () => {
    resources = await record(() => new HardenedInstanceTemplate('web', deepFreeze({ ...host, region: 'europe-west1', dataDisks: [{ name: 'cache', sizeGb: 10, type: 'pd-ssd' }] })));
    template = inputsOf(resources, T.instanceTemplate, 'web');
  });

  it('THEN every disk uses the customer-managed key (ENC-1, ENC-3)', () => {
    expect(template.disks).toEqual([
      { boot: true, autoDelete: true, sourceImage: 'ubuntu-os-cloud/ubuntu-2404-lts-amd64', diskSizeGb: 20, diskType: 'pd-balanced', diskEncryptionKey: { kmsKeySelfLink: KEY } },
      { boot: false, autoDelete: true, deviceName: 'cache', diskSizeGb: 10, diskType: 'pd-ssd', diskEncryptionKey: { kmsKeySelfLink: KEY } },
    ]);
  });

  it('THEN Shielded VM, hardened metadata, own account, narrow scopes, no external address', () => {
    expect(template).toMatchObject({
      shieldedInstanceConfig: SHIELDED,
      metadata: HARDENED_METADATA,
      serviceAccount: { email: 'web-sa@team-project.iam.gserviceaccount.com', scopes: NARROW_SCOPES },
      networkInterfaces: [{ subnetwork: SUBNET }],
      labels: { 'patch-group': 'web' },
      namePrefix: 'web-',
      region: 'europe-west1',
    });
    expect(metadataOf(template)['startup-script']).toContain('clamav-freshclam');
  });

  it('THEN the patch deployment may patch managed group instances', () => {
    expect(inputsOf(resources, T.patchDeployment, 'web-patching').patchConfig).toEqual({ rebootConfig: 'DEFAULT', apt: { type: 'DIST' }, migInstancesAllowed: true });
  });

  it('snapshot of the recorded inputs', () => {
    expect(snapshotOf(resources)).toMatchSnapshot();
  });
});

describe('HardenedInstanceGroup', () => {
  const groupArgs: HardenedInstanceGroupArgs = { ...host, region: 'europe-west1', serviceAccount: { email: 'web@team-project.iam.gserviceaccount.com' } };
  let resources: PulumiResource[];
  beforeAll(async () => {
    resources = await record(() => new HardenedInstanceGroup('web', deepFreeze({ ...groupArgs })));
  });

  it('THEN a regional group rolls updates proactively without losing capacity (DEPLOY-1)', () => {
    expect(inputsOf(resources, T.regionGroupManager, 'web')).toEqual({
      project: 'team-project',
      region: 'europe-west1',
      baseInstanceName: 'web',
      targetSize: 2,
      versions: [{ name: 'primary', instanceTemplate: 'https://www.googleapis.com/compute/v1/projects/team-project/global/resources/web-template' }],
      namedPorts: [{ name: 'https', port: 443 }],
      autoHealingPolicies: { healthCheck: 'web-autohealing-id', initialDelaySec: 300 },
      updatePolicy: { type: 'PROACTIVE', minimalAction: 'REPLACE', replacementMethod: 'SUBSTITUTE', maxSurgeFixed: 3, maxUnavailableFixed: 0, minReadySec: 60 },
    });
  });

  it('THEN instances are healed by an HTTPS health check', () => {
    expect(inputsOf(resources, T.healthCheck, 'web-autohealing')).toMatchObject({ httpsHealthCheck: { port: 443, requestPath: '/healthz' }, logConfig: { enable: true } });
  });

  it('THEN the hosts come from a hardened template with the given account', () => {
    expect(inputsOf(resources, T.instanceTemplate, 'web-template')).toMatchObject({
      shieldedInstanceConfig: SHIELDED,
      metadata: HARDENED_METADATA,
      serviceAccount: { email: 'web@team-project.iam.gserviceaccount.com', scopes: NARROW_SCOPES },
    });
    expect(ofType(resources, T.patchDeployment).map((p) => p.name)).toEqual(['web-template-patching']);
  });

  it('THEN the checks find nothing', () => {
    expect(checkResources(resources)).toEqual([]);
  });

  it('snapshot of the recorded inputs', () => {
    expect(snapshotOf(resources)).toMatchSnapshot();
  });

  it('refuses an opportunistic update type (DEPLOY-1)', async () => {
    const e = await refusal(() => new HardenedInstanceGroup('web', { ...groupArgs, updateType: 'OPPORTUNISTIC' }));
    expect(e.message).toBe(
      "[DEPLOY-1] HardenedInstanceGroup 'web': updateType 'OPPORTUNISTIC' applies a new template only to instances created later, so an update and its rollback never complete; use 'PROACTIVE'.",
    );
  });

  it('rejects a rollout that can never replace an instance', async () => {
    expect((await failure(() => new HardenedInstanceGroup('web', { ...groupArgs, maxSurge: 0, maxUnavailable: 0 }))).message).toBe(
      "HardenedInstanceGroup 'web': maxSurge and maxUnavailable are both 0: a rollout could never replace an instance.",
    );
  });
});

/** The three host components, built from the same host args. */
const BUILDERS: ReadonlyArray<[string, (extra: Partial<HardenedHostArgs>) => pulumi.ComponentResource]> = [
  ['HardenedInstance', (extra) => new HardenedInstance('app', { ...instanceArgs, ...extra })],
  ['HardenedInstanceTemplate', (extra) => new HardenedInstanceTemplate('app', { ...host, region: 'europe-west1', ...extra })],
  ['HardenedInstanceGroup', (extra) => new HardenedInstanceGroup('app', { ...host, region: 'europe-west1', ...extra })],
];

/** Refused host args: the requirement and the message after the component's label. */
const REFUSED: ReadonlyArray<[string, Partial<HardenedHostArgs>, string, string]> = [
  ['ssh-keys metadata → SSH-1', { metadata: { 'ssh-keys': 'alice:ssh-ed25519 AAAAC3Nza alice' } }, 'SSH-1', "metadata 'ssh-keys' bakes SSH keys into the host; shell access goes through OS Login, so grant roles/compute.osLogin instead."],
  ['sshKeys metadata → SSH-1', { metadata: { sshKeys: 'alice:ssh-rsa AAAAB3 alice' } }, 'SSH-1', "metadata 'sshKeys' bakes SSH keys into the host; shell access goes through OS Login, so grant roles/compute.osLogin instead."],
  ['OS Login off → SSH-1', { metadata: { 'enable-oslogin': 'FALSE' } }, 'SSH-1', "metadata 'enable-oslogin' is 'FALSE'; shell access goes through OS Login, which needs TRUE."],
  ['project SSH keys allowed → SSH-1', { metadata: { 'block-project-ssh-keys': 'false' } }, 'SSH-1', "metadata 'block-project-ssh-keys' is 'false'; project-wide SSH keys stay blocked (TRUE)."],
  ['serial port on → SSH-1', { metadata: { 'serial-port-enable': 'TRUE' } }, 'SSH-1', "metadata 'serial-port-enable' is 'TRUE'; the interactive serial console stays off (FALSE)."],
  ['OS Config off → HOST-1', { metadata: { 'enable-osconfig': 'FALSE' } }, 'HOST-1', "metadata 'enable-osconfig' is 'FALSE'; the OS Config agent applies the patch deployment and needs TRUE."],
  [
    'a startup-script replacing the hardening → HOST-3',
    { metadata: { 'startup-script': 'echo hi' } },
    'HOST-3',
    "metadata 'startup-script' would replace the hardening startup script that installs ClamAV and automatic updates; pass your script as startupScript, which runs after the hardening.",
  ],
  [
    'a startup-script-url → HOST-3',
    { metadata: { 'startup-script-url': 'gs://bucket/boot.sh' } },
    'HOST-3',
    "metadata 'startup-script-url' would replace the hardening startup script that installs ClamAV and automatic updates; pass your script as startupScript, which runs after the hardening.",
  ],
  ['signatures never refreshed → HOST-3', { antivirus: { signatureChecksPerDay: 0 } }, 'HOST-3', 'antivirus.signatureChecksPerDay 0 never refreshes the ClamAV signatures; check at least once a day.'],
  [
    'a password in metadata → AUTH-3',
    { metadata: { 'db-password': 'hunter22' } },
    'AUTH-3',
    "metadata 'db-password' looks like a secret; metadata is readable by every process on the host and is kept in the stack state, so read the secret from Secret Manager at boot.",
  ],
  [
    'a private key in metadata → AUTH-3',
    { metadata: { 'tls-material': '-----BEGIN RSA PRIVATE KEY-----\nMIIE...' } },
    'AUTH-3',
    "metadata 'tls-material' looks like a secret; metadata is readable by every process on the host and is kept in the stack state, so read the secret from Secret Manager at boot.",
  ],
  [
    'a private key in the startup script → AUTH-3',
    { startupScript: 'cat > /etc/key <<EOF\n-----BEGIN PRIVATE KEY-----\nMIIE\nEOF\n' },
    'AUTH-3',
    'startupScript contains a private key; metadata is readable by every process on the host and is kept in the stack state, so fetch keys from Secret Manager at boot.',
  ],
  [
    'the cloud-platform scope → IAM-4',
    { scopes: ['https://www.googleapis.com/auth/cloud-platform'] },
    'IAM-4',
    "scope 'https://www.googleapis.com/auth/cloud-platform' lets the host's token reach every API its service account has roles on; name the scopes the host needs.",
  ],
  ['the cloud-platform alias → IAM-4', { scopes: ['cloud-platform'] }, 'IAM-4', "scope 'cloud-platform' lets the host's token reach every API its service account has roles on; name the scopes the host needs."],
  [
    'the default compute service account → IAM-4',
    { serviceAccount: { email: '123456789012-compute@developer.gserviceaccount.com' } },
    'IAM-4',
    "serviceAccount '123456789012-compute@developer.gserviceaccount.com' is the default compute service account, shared by every workload of the project; give the host a dedicated LeastPrivilegeServiceAccount.",
  ],
  ['roles/editor for the host account → IAM-1', { roles: ['roles/editor'] }, 'IAM-1', "role 'roles/editor' grants write access to nearly every service of the project; grant the predefined or custom roles the workload needs instead."],
];

describe.each(BUILDERS)('%s refuses', (kind, build) => {
  it.each(REFUSED)('%s', async (_name, extra, requirement, problem) => {
    const e = await refusal(() => build(extra));
    expect(e.requirement).toBe(requirement);
    expect(e.message).toBe(`[${requirement}] ${kind} 'app': ${problem}`);
  });

  it("does not change the caller's args", async () => {
    await expect(record(() => build(deepFreeze({ metadata: { team: 'shop' }, labels: { team: 'shop' }, networkTags: ['app'], scopes: ['https://www.googleapis.com/auth/logging.write'] })))).resolves.not.toHaveLength(0);
  });
});

describe('host args that are malformed', () => {
  it.each<[string, Partial<HardenedHostArgs>, string]>([
    ['roles with a given account', { serviceAccount: { email: 'a@p.iam.gserviceaccount.com' }, roles: ['roles/viewer'] }, "HardenedInstance 'app': roles apply to the service account the component creates; grant them to the serviceAccount you pass instead."],
    ['the patch-group label', { labels: { 'patch-group': 'x' } }, "HardenedInstance 'app': label 'patch-group' is set by the component (it selects the host for patching)."],
    ['51 signature checks a day', { antivirus: { signatureChecksPerDay: 51 } }, "HardenedInstance 'app': antivirus.signatureChecksPerDay 51 must be a whole number from 1 to 50."],
    ['a scan schedule with a newline', { antivirus: { scanSchedule: 'daily\nExecStart=/bin/sh' } }, "HardenedInstance 'app': antivirus.scanSchedule 'daily\nExecStart=/bin/sh' is not a systemd calendar expression."],
    ['patching at 24:00', { patchSchedule: { hour: 24 } }, "HardenedInstance 'app': patchSchedule.hour 24 must be a whole hour from 0 to 23."],
    ['enable-oslogin-2fa in metadata', { metadata: { 'enable-oslogin-2fa': 'TRUE' } }, "HardenedInstance 'app': set two-factor OS Login with osLogin2fa, not metadata 'enable-oslogin-2fa'."],
  ])('%s', async (_name, extra, message) => {
    expect((await failure(() => new HardenedInstance('app', { ...instanceArgs, ...extra }))).message).toBe(message);
  });
});
