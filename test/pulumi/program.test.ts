/**
 * The example team program complies: no finding at P0-P2 (none at all today), and the
 * properties the GCP checks will read hold on every resource. The non-compliant example fails.
 */
import { SEVERITIES } from '../../constructs/severity';
import { recordResources } from '../../pulumi/mocks';
import { checkResources } from '../../pulumi/records';
import type { PulumiObject, PulumiResource } from '../../pulumi/records/resource';
import noncompliantProgram = require('../../pulumi/examples/noncompliant');
import teamProgram = require('../../pulumi/program');
import { T } from './components/fixtures';

describe('the example team program', () => {
  let resources: PulumiResource[];
  beforeAll(async () => {
    resources = await recordResources(teamProgram, { project: 'team', stack: 'dev' });
  });

  const ofType = (type: string): PulumiObject[] => resources.filter((r) => r.type === type).map((r) => r.inputs);

  it('has no finding at P0, P1 or P2', () => {
    const findings = checkResources(resources);
    expect(findings.filter((f) => SEVERITIES.slice(0, 3).includes(f.severity))).toEqual([]);
    expect(findings).toEqual([]);
  });

  it('declares the whole team: network, web group behind the load balancer, app instances, database, keys, logs', () => {
    const count = (type: string): number => ofType(type).length;
    expect({
      networks: count(T.network),
      instanceGroups: count(T.regionGroupManager),
      instances: count(T.instance),
      databases: count(T.sqlInstance),
      keys: count(T.cryptoKey),
      httpsRules: ofType(T.globalForwardingRule).filter((r) => r.portRange === '443').length,
      logBuckets: count(T.logBucket),
      auditConfigs: count(T.auditConfig),
    }).toEqual({ networks: 1, instanceGroups: 1, instances: 2, databases: 1, keys: 1, httpsRules: 1, logBuckets: 1, auditConfigs: 1 });
  });

  it('every host: CMEK disks, Shielded VM, OS Login, no SSH keys, serial port off, own account without cloud-platform', () => {
    const hosts = [...ofType(T.instance), ...ofType(T.instanceTemplate)];
    expect(hosts).toHaveLength(3);
    for (const host of hosts) {
      expect(host.shieldedInstanceConfig).toEqual({ enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true });
      expect(host.metadata).toMatchObject({ 'enable-oslogin': 'TRUE', 'block-project-ssh-keys': 'TRUE', 'serial-port-enable': 'FALSE', 'enable-osconfig': 'TRUE' });
      expect(Object.keys(host.metadata as PulumiObject)).not.toContain('ssh-keys');
      const account = host.serviceAccount as { email: string; scopes: string[] };
      expect(account.email).toMatch(/^(web|app)-sa@team\.iam\.gserviceaccount\.com$/);
      expect(account.scopes).not.toContain('https://www.googleapis.com/auth/cloud-platform');
      expect(JSON.stringify(host)).not.toMatch(/diskEncryptionKeyRaw|rawKey/);
    }
    for (const vm of ofType(T.instance)) expect(vm.bootDisk).toMatchObject({ kmsKeySelfLink: 'team-data-key-id' });
    for (const t of ofType(T.instanceTemplate)) for (const d of t.disks as PulumiObject[]) expect(d.diskEncryptionKey).toEqual({ kmsKeySelfLink: 'team-data-key-id' });
    for (const disk of ofType(T.disk)) expect(disk.diskEncryptionKey).toEqual({ kmsKeySelfLink: 'team-data-key-id' });
  });

  it('keys rotate within 90 days; the database is private, TLS-only and CMEK; logs are kept 90 days', () => {
    expect(ofType(T.cryptoKey).map((k) => k.rotationPeriod)).toEqual(['7776000s']);
    const db = ofType(T.sqlInstance)[0];
    expect(db).toMatchObject({ encryptionKeyName: 'team-data-key-id', settings: { ipConfiguration: { ipv4Enabled: false, sslMode: 'ENCRYPTED_ONLY' } } });
    expect(ofType(T.logBucket)[0]).toMatchObject({ retentionDays: 90 });
    expect(ofType(T.sslPolicy)).toEqual([{ profile: 'MODERN', minTlsVersion: 'TLS_1_2' }]);
    expect(ofType(T.patchDeployment)).toHaveLength(3);
  });

  it('grants no basic role, nothing to anyone, and creates no key', () => {
    const members = [...ofType(T.projectMember), ...ofType(T.cryptoKeyMember), ...ofType(T.bucketMember)];
    for (const m of members) {
      expect(['roles/owner', 'roles/editor']).not.toContain(m.role);
      expect(['allUsers', 'allAuthenticatedUsers']).not.toContain(m.member);
    }
    expect(ofType(T.accountKey)).toEqual([]);
  });
});

describe('the non-compliant example program', () => {
  it('fails NET-1 to NET-5', async () => {
    const findings = checkResources(await recordResources(noncompliantProgram));
    expect(findings.map((f) => `${f.requirement} ${f.severity} ${f.resource.name}`).sort()).toEqual([
      'NET-1 P0 allow-ssh',
      'NET-2 P1 allow-app',
      'NET-3 P2 legacy',
      'NET-4 P2 legacy',
      'NET-5 P1 orders',
    ]);
  });
});
