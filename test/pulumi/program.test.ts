/**
 * The example team program complies: no finding at P0-P2 (none at all today), and the
 * properties the GCP checks will read hold on every resource. The non-compliant example fails.
 */
import * as pulumi from '@pulumi/pulumi';
import { ComplianceError } from '../../constructs/errors';
import { SEVERITIES } from '../../constructs/severity';
import { PolicyEnforcer } from '../../pulumi/enforce';
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
  it('fails every area it breaks: NET, ENC, TLS, IAM, AUTH, SSH, LOG and HOST', async () => {
    const findings = checkResources(await recordResources(noncompliantProgram));
    expect(findings.map((f) => `${f.requirement} ${f.severity} ${f.resource.name}`).sort()).toEqual([
      'AUTH-3 P0 worker',
      'ENC-3 P2 legacy',
      'ENC-3 P2 orders',
      'HOST-1 P2 worker',
      'HOST-2 P2 worker',
      'HOST-3 P3 worker',
      'IAM-1 P0 dev-editor',
      'IAM-3 P0 everyone-viewer',
      'IAM-4 P1 worker',
      'LOG-3 P2 allow-app',
      'LOG-3 P2 allow-ssh',
      'NET-1 P0 allow-ssh',
      'NET-2 P1 allow-app',
      'NET-3 P2 legacy',
      'NET-4 P2 legacy',
      'NET-5 P1 orders',
      'SSH-1 P1 worker',
      'SSH-1 P1 worker',
      'SSH-1 P1 worker',
      'TLS-2 P1 legacy-tls',
      'TLS-4 P1 orders',
    ]);
    expect(findings.every((f) => f.status === 'fail')).toBe(true);
  });
});

describe('in-program enforcement over the live programs (a stack transformation under mocks)', () => {
  /** Runs a program with the enforcer registering every resource from its live inputs. */
  async function enforce(program: () => void): Promise<{ enforcer: PolicyEnforcer; errors: string[]; custom: number; refused: unknown[] }> {
    const errors: string[] = [];
    const refused: unknown[] = [];
    let custom = 0;
    const enforcer = new PolicyEnforcer({ failAt: 'P1' }, { warn: () => undefined, error: (m) => errors.push(m) });
    const recorded = await recordResources(
      () =>
        pulumi.runtime.runInPulumiStack(async () => {
          pulumi.runtime.registerStackTransformation((args) => {
            if (args.resource instanceof pulumi.CustomResource) custom++;
            // The engine fails a registration whose transform throws; here the refusal is kept.
            try {
              enforcer.register({ type: args.type, name: args.name, props: args.props as Record<string, unknown>, custom: args.resource instanceof pulumi.CustomResource, stack: 'dev', project: 'team' });
            } catch (e: unknown) {
              refused.push(e);
            }
            return undefined;
          });
          program();
          return {};
        }),
      { project: 'team', stack: 'dev' },
    );
    await enforcer.settled();
    expect(custom).toBe(recorded.length);
    return { enforcer, errors, custom, refused };
  }

  it('the team program: nothing refused, nothing left at the end (references joined through the outputs)', async () => {
    const { enforcer, errors, custom, refused } = await enforce(teamProgram);
    expect(custom).toBeGreaterThan(50);
    expect(refused).toEqual([]);
    expect(enforcer.finish()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the non-compliant program: each resource with a blocking finding of its own is refused as it registers', async () => {
    const { refused } = await enforce(noncompliantProgram);
    expect(refused.every((e) => e instanceof ComplianceError)).toBe(true);
    expect(refused.map((e) => (e as ComplianceError).requirement)).toEqual(['NET-1', 'NET-2', 'NET-5', 'AUTH-3', 'TLS-2', 'IAM-1', 'IAM-3']);
  });
});
