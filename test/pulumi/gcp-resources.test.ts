/**
 * Real @pulumi/gcp resources of every area, recorded under mocks and checked: the argument names
 * the records read are the provider's (tsc checks the programs below against its types).
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { recordResources } from '../../pulumi/mocks';
import { checkResources } from '../../pulumi/records';
import type { PulumiResource } from '../../pulumi/records/resource';

const SCRIPT = '#!/bin/bash\napt-get install -y unattended-upgrades clamav clamav-freshclam\nsystemctl enable --now clamav-freshclam\n';
const LOGGED = { metadata: 'INCLUDE_ALL_METADATA' };

/** One program that touches every area, compliant unless `bad` names the part to break. */
function program(bad?: string): () => void {
  return () => {
    const key = new gcp.kms.CryptoKey('data', { keyRing: 'projects/p/locations/europe-west1/keyRings/team', rotationPeriod: bad === 'key' ? '31536000s' : '7776000s' });
    const net = new gcp.compute.Network('main', { autoCreateSubnetworks: false });
    new gcp.compute.Firewall('deny-egress', { network: net.id, direction: 'EGRESS', denies: [{ protocol: 'all' }], destinationRanges: ['0.0.0.0/0'], priority: 65534, logConfig: LOGGED });
    new gcp.compute.Firewall('ssh', {
      network: net.id,
      allows: [{ protocol: 'tcp', ports: ['22'] }],
      sourceRanges: [bad === 'firewall' ? '0.0.0.0/0' : '35.235.240.0/20'],
      ...(bad === 'firewall-log' ? {} : { logConfig: LOGGED }),
    });
    const subnet = new gcp.compute.Subnetwork('app', {
      network: net.id,
      ipCidrRange: '10.0.0.0/24',
      region: 'europe-west1',
      ...(bad === 'flow-logs' ? {} : { logConfig: { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' } }),
    });
    const account = new gcp.serviceaccount.Account('app', { accountId: 'app' });
    new gcp.compute.Instance('app', {
      zone: 'europe-west1-b',
      machineType: 'e2-medium',
      labels: { 'patch-group': 'app' },
      bootDisk: { initializeParams: { image: 'ubuntu-os-cloud/ubuntu-2404-lts-amd64' }, ...(bad === 'disk-raw' ? { diskEncryptionKeyRaw: 'SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0=' } : { kmsKeySelfLink: key.id }) },
      networkInterfaces: [{ subnetwork: subnet.id }],
      serviceAccount: bad === 'default-account' ? { scopes: ['cloud-platform'] } : { email: account.email, scopes: ['logging-write'] },
      shieldedInstanceConfig: { enableSecureBoot: bad !== 'shielded', enableVtpm: true, enableIntegrityMonitoring: true },
      metadata: {
        'enable-oslogin': bad === 'oslogin' ? 'FALSE' : 'TRUE',
        'serial-port-enable': 'FALSE',
        'enable-osconfig': 'TRUE',
        'startup-script': bad === 'script' ? '#!/bin/bash\necho hi\n' : SCRIPT,
        ...(bad === 'ssh-keys' ? { 'ssh-keys': 'alice:ssh-ed25519 AAAAC3Nz alice' } : {}),
      },
    });
    new gcp.osconfig.PatchDeployment('app', {
      patchDeploymentId: 'app',
      instanceFilter: { groupLabels: [{ labels: { 'patch-group': 'app' } }] },
      recurringSchedule: { timeZone: { id: 'Etc/UTC' }, timeOfDay: { hours: 3 } },
    });
    new gcp.compute.Disk('data', { zone: 'europe-west1-b', size: 50, diskEncryptionKey: { kmsKeySelfLink: key.id } });
    const policy = new gcp.compute.SSLPolicy('tls', { profile: bad === 'ssl-policy' ? 'COMPATIBLE' : 'MODERN', minTlsVersion: 'TLS_1_2' });
    const backend = new gcp.compute.BackendService('web', { protocol: bad === 'backend' ? 'HTTP' : 'HTTPS', loadBalancingScheme: 'EXTERNAL_MANAGED', logConfig: { enable: true, sampleRate: 1 } });
    const map = new gcp.compute.URLMap('web', { defaultService: backend.id });
    new gcp.compute.TargetHttpsProxy('web', { urlMap: map.id, sslCertificates: ['cert'], ...(bad === 'no-ssl-policy' ? {} : { sslPolicy: policy.id }) });
    const redirect = new gcp.compute.URLMap('redirect', bad === 'http' ? { defaultService: backend.id } : { defaultUrlRedirect: { httpsRedirect: true, stripQuery: false } });
    new gcp.compute.TargetHttpProxy('redirect', { urlMap: redirect.id });
    new gcp.sql.DatabaseInstance('db', {
      databaseVersion: 'POSTGRES_16',
      region: 'europe-west1',
      encryptionKeyName: key.id,
      settings: { tier: 'db-custom-2-7680', ipConfiguration: { ipv4Enabled: false, privateNetwork: net.id, sslMode: bad === 'sql-tls' ? 'ALLOW_UNENCRYPTED_AND_ENCRYPTED' : 'ENCRYPTED_ONLY' } },
    });
    new gcp.sql.User('app', { instance: 'db', name: 'app', password: pulumi.secret('from-config') });
    new gcp.cloudrunv2.Service('api', {
      location: 'europe-west1',
      template: { containers: [{ image: 'europe-docker.pkg.dev/p/images/api', envs: [{ name: 'DB_PASSWORD', ...(bad === 'env-secret' ? { value: 'correct-horse-battery' } : { valueSource: { secretKeyRef: { secret: 'db', version: 'latest' } } }) }] }] },
    });
    new gcp.redis.Instance('cache', { memorySizeGb: 1, transitEncryptionMode: bad === 'redis' ? 'DISABLED' : 'SERVER_AUTHENTICATION', customerManagedKey: key.id });
    new gcp.secretmanager.Secret('api-key', { secretId: 'api', replication: { auto: {} }, ...(bad === 'rotation' ? {} : { rotation: { rotationPeriod: '2592000s', nextRotationTime: '2026-12-01T00:00:00Z' }, topics: [{ name: 'projects/p/topics/rotate' }] }) });
    new gcp.projects.IAMMember('app-logs', { project: 'p', role: bad === 'owner' ? 'roles/owner' : 'roles/logging.logWriter', member: pulumi.interpolate`serviceAccount:${account.email}` });
    new gcp.storage.BucketIAMMember('reader', { bucket: 'assets', role: 'roles/storage.objectViewer', member: bad === 'public' ? 'allUsers' : 'group:team@example.com' });
    if (bad === 'sa-key') new gcp.serviceaccount.Key('app', { serviceAccountId: account.name });
    const archive = new gcp.storage.Bucket('archive', {
      location: 'EU',
      lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: bad === 'archive' ? 30 : 365 } }],
    });
    new gcp.logging.ProjectBucketConfig('default', { project: 'p', location: 'global', bucketId: '_Default', retentionDays: bad === 'retention' ? 30 : 90 });
    new gcp.logging.ProjectSink('archive', { destination: pulumi.interpolate`storage.googleapis.com/${archive.name}` });
    new gcp.projects.IAMAuditConfig('audit', {
      project: 'p',
      service: 'allServices',
      auditLogConfigs: bad === 'audit' ? [{ logType: 'ADMIN_READ' }] : [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }],
    });
    new gcp.identityplatform.Config('auth', { signIn: { email: { enabled: true, passwordRequired: false } }, mfa: { state: 'MANDATORY' } });
    new gcp.container.Cluster('gke', { location: 'europe-west1', workloadIdentityConfig: { workloadPool: 'p.svc.id.goog' }, ...(bad === 'gke' ? { nodeConfig: { workloadMetadataConfig: { mode: 'GCE_METADATA' } } } : {}) });
    new gcp.compute.RegionInstanceGroupManager('web', {
      region: 'europe-west1',
      baseInstanceName: 'web',
      versions: [{ instanceTemplate: 't', name: 'primary' }],
      updatePolicy: { type: bad === 'rollout' ? 'OPPORTUNISTIC' : 'PROACTIVE', minimalAction: 'REPLACE', maxUnavailableFixed: 0, maxSurgeFixed: 3 },
    });
  };
}

describe('real @pulumi/gcp resources under mocks', () => {
  let compliant: PulumiResource[];
  beforeAll(async () => {
    compliant = await recordResources(program());
  });

  it('a program touching every area complies: no finding', () => {
    expect(checkResources(compliant).map((f) => `${f.requirement} ${f.resource.name}: ${f.message}`)).toEqual([]);
  });

  it.each<[string, string[]]>([
    ['firewall', ['NET-1 ssh']],
    ['firewall-log', ['LOG-3 ssh']],
    ['flow-logs', ['LOG-3 app']],
    ['key', ['ENC-3 data']],
    ['disk-raw', ['AUTH-3 app']],
    ['default-account', ['IAM-4 app']],
    ['shielded', ['HOST-2 app']],
    ['oslogin', ['SSH-1 app']],
    ['ssh-keys', ['SSH-1 app']],
    ['script', ['HOST-3 app']],
    ['ssl-policy', ['TLS-2 tls']],
    ['no-ssl-policy', ['TLS-2 web']],
    ['backend', ['TLS-3 web']],
    ['http', ['TLS-1 redirect']],
    ['sql-tls', ['TLS-4 db']],
    ['redis', ['TLS-4 cache']],
    ['env-secret', ['AUTH-3 api']],
    ['rotation', ['AUTH-2 api-key']],
    ['owner', ['IAM-1 app-logs']],
    ['public', ['IAM-3 reader']],
    ['sa-key', ['IAM-4 app']],
    ['archive', ['LOG-2 archive']],
    ['retention', ['LOG-1 default']],
    ['audit', ['LOG-5 audit']],
    ['gke', ['HOST-4 gke']],
    ['rollout', ['DEPLOY-1 web']],
  ])('breaking %s → %s', async (bad, expected) => {
    const findings = checkResources(await recordResources(program(bad)));
    expect(findings.map((f) => `${f.requirement} ${f.resource.name}`).sort()).toEqual(expected);
  });
});

describe('fields the provider keeps secret', () => {
  it('a literal sql.User password reaches the state encrypted (the SDK wraps it): no AUTH-3, and no way to tell it from a config secret', async () => {
    const [user] = await recordResources(() => new gcp.sql.User('app', { instance: 'db', password: 'correct-horse-battery' }));
    expect(user.inputs.password).toMatchObject({ reason: 'a Pulumi secret' });
    expect(checkResources([user])).toEqual([]);
  });
});
