/**
 * LOG-1..LOG-5 over GCP logging: log buckets, sinks to Cloud Storage, flow logs, firewall and
 * load balancer logs, audit configs.
 */
import { checkResources } from '../../../pulumi/records';
import type { PulumiObject, PulumiResource, PulumiValue } from '../../../pulumi/records/resource';
import { GCP } from '../../../pulumi/records/types';
import { judge, only, res, UNKNOWN } from '../fixtures';

describe('LOG-1: log bucket retention', () => {
  const bucket = (inputs: PulumiObject) => res(GCP.projectLogBucket, 'logs', { project: 'p', location: 'global', bucketId: '_Default', ...inputs });
  it.each<[string, PulumiResource, string[]]>([
    ['retentionDays 90 → pass', bucket({ retentionDays: 90 }), []],
    ['retentionDays 400 → pass', bucket({ retentionDays: 400 }), []],
    ['retentionDays 30 → fail', bucket({ retentionDays: 30 }), ['LOG-1:fail']],
    ['_Default without retentionDays keeps 30 days → fail', bucket({}), ['LOG-1:fail']],
    ['retentionDays "90" as text → pass', bucket({ retentionDays: '90' }), []],
    ['retentionDays known only at deploy → unknown', bucket({ retentionDays: UNKNOWN }), ['LOG-1:unknown']],
    ['an organization bucket of 7 days → fail', res(GCP.organizationLogBucket, 'org', { organization: 'o', location: 'global', bucketId: 'audit', retentionDays: 7 }), ['LOG-1:fail']],
  ])('%s', (_name, r, expected) => {
    expect(judge([r], 'LOG-1')).toEqual(expected);
  });

  it('message names the default', () => {
    expect(only([bucket({})], 'LOG-1').message).toBe("Log bucket 'logs' (_Default) keeps logs 30 days (retentionDays is not set (30 days by default)), less than 90 days.");
  });
});

describe('LOG-2: logs backed up to Cloud Storage', () => {
  const defaultBucket = res(GCP.projectLogBucket, 'logs', { bucketId: '_Default', retentionDays: 90 });
  const archive = (inputs: PulumiObject) => res(GCP.bucket, 'archive', { location: 'EU', ...inputs });
  const sink = (destination: PulumiValue, extra: PulumiObject = {}) => res(GCP.projectSink, 'to-archive', { destination, ...extra });
  it.each<[string, PulumiResource[], string[]]>([
    ['a sink to a bucket without a delete rule (kept for ever) → pass', [defaultBucket, archive({}), sink('storage.googleapis.com/archive')], []],
    ['a sink to a bucket that deletes at 365 days → pass', [archive({ lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: 365 } }] }), sink('storage.googleapis.com/archive')], []],
    ['a sink to a bucket that deletes at 30 days → fail', [archive({ lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: 30 } }] }), sink('storage.googleapis.com/archive')], ['LOG-2:fail']],
    [
      'a 30-day delete rule under a 365-day retention policy → pass',
      [archive({ lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: 30 } }], retentionPolicy: { retentionPeriod: '31536000' } }), sink('storage.googleapis.com/archive')],
      [],
    ],
    ['a delete rule for noncurrent versions only → pass', [archive({ lifecycleRules: [{ action: { type: 'Delete' }, condition: { numNewerVersions: 3 } }] }), sink('storage.googleapis.com/archive')], []],
    ['a disabled sink to storage → fail', [archive({}), sink('storage.googleapis.com/archive', { disabled: true })], ['LOG-2:fail']],
    ['a sink to a bucket outside the program → unknown', [sink('storage.googleapis.com/elsewhere')], ['LOG-2:unknown']],
    ['a sink whose destination is known only at deploy → unknown', [sink(UNKNOWN)], ['LOG-2:unknown']],
    ['a sink whose destination joins its bucket through the dependency → pass', [archive({}), { ...sink(UNKNOWN), dependencies: { destination: [{ type: GCP.bucket, name: 'archive' }] } }], []],
    ['the _Default bucket and no sink → fail', [defaultBucket], ['LOG-2:fail']],
    ['the _Default bucket and only a BigQuery sink → fail', [defaultBucket, sink('bigquery.googleapis.com/projects/p/datasets/logs')], ['LOG-2:fail']],
    ['no log bucket declared and no sink → nothing to judge', [], []],
  ])('%s', (_name, resources, expected) => {
    expect(judge(resources, 'LOG-2')).toEqual(expected);
  });

  it('messages name the lifecycle rule, or where the logs go', () => {
    expect(only([archive({ lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: 30 } }] }), sink('storage.googleapis.com/archive')], 'LOG-2').message).toBe(
      "Log sink 'to-archive' backs its logs up to Bucket 'archive' (through Log sink 'to-archive'), which keeps objects less than 90 days: lifecycleRules[0] deletes objects at age 30 days.",
    );
    expect(only([defaultBucket, sink('bigquery.googleapis.com/projects/p/datasets/logs')], 'LOG-2').message).toBe(
      "Log bucket 'logs' (_Default) is not backed up to cloud storage: Log sink 'to-archive' sends them to a BigQuery dataset, which is not cloud storage.",
    );
  });
});

describe('LOG-3: flow logs, firewall logs, request logs', () => {
  it.each<[string, PulumiResource, string[]]>([
    ['a subnetwork with logConfig → pass', res(GCP.subnetwork, 's', { ipCidrRange: '10.0.0.0/24', logConfig: { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 0.5 } }), []],
    ['a subnetwork without logConfig → fail', res(GCP.subnetwork, 's', { ipCidrRange: '10.0.0.0/24' }), ['LOG-3:fail']],
    ['flowSampling 0 → fail', res(GCP.subnetwork, 's', { logConfig: { flowSampling: 0 } }), ['LOG-3:fail']],
    ['a proxy-only subnetwork takes no flow logs → pass', res(GCP.subnetwork, 's', { purpose: 'REGIONAL_MANAGED_PROXY', role: 'ACTIVE' }), []],
    ['logConfig known only at deploy → unknown', res(GCP.subnetwork, 's', { logConfig: UNKNOWN }), ['LOG-3:unknown']],
    ['a firewall without logConfig → fail', res(GCP.firewall, 'fw', { network: 'n', allows: [{ protocol: 'tcp', ports: ['443'] }], sourceRanges: ['10.0.0.0/8'] }), ['LOG-3:fail']],
    ['a disabled firewall needs no logs → pass', res(GCP.firewall, 'fw', { network: 'n', disabled: true, allows: [{ protocol: 'tcp' }], sourceRanges: ['10.0.0.0/8'] }), []],
    ['a backend service with logConfig.enable → pass', res(GCP.backendService, 'b', { protocol: 'HTTPS', logConfig: { enable: true, sampleRate: 1 } }), []],
    ['a backend service without logs → fail', res(GCP.backendService, 'b', { protocol: 'HTTPS' }), ['LOG-3:fail']],
    ['sampleRate 0 → fail', res(GCP.regionBackendService, 'b', { protocol: 'HTTPS', logConfig: { enable: true, sampleRate: 0 } }), ['LOG-3:fail']],
  ])('%s', (_name, r, expected) => {
    expect(judge([r], 'LOG-3')).toEqual(expected);
  });

  it('message names the property', () => {
    expect(only([res(GCP.subnetwork, 's', {})], 'LOG-3').message).toBe("Subnetwork 's' does not record flow logs: logConfig is not set, so the subnetwork records no flow logs.");
  });
});

describe('LOG-5: Data Access audit logs', () => {
  const ALL = [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }];
  const audit = (inputs: PulumiObject) => res(GCP.projectAuditConfig, 'audit', { project: 'p', service: 'allServices', ...inputs });
  const details = (r: PulumiResource): string[] => checkResources([r]).filter((f) => f.requirement === 'LOG-5').map((f) => `${f.status} ${f.detail}`);
  it.each<[string, PulumiResource, string[]]>([
    ['allServices with the three log types → pass', audit({ auditLogConfigs: ALL }), []],
    ['allServices without DATA_READ → fail', audit({ auditLogConfigs: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_WRITE' }] }), ['fail all-operations']],
    ['an exempted member → fail', audit({ auditLogConfigs: [...ALL.slice(0, 2), { logType: 'DATA_WRITE', exemptedMembers: ['user:ops@example.com'] }] }), ['fail all-principals']],
    ['one service with one log type (merged with allServices) → pass', audit({ service: 'storage.googleapis.com', auditLogConfigs: [{ logType: 'DATA_READ' }] }), []],
    ['log types known only at deploy → unknown', audit({ auditLogConfigs: UNKNOWN }), ['unknown all-operations', 'unknown all-principals']],
    [
      'audit configs inside a project IAM policy → judged the same',
      res(GCP.projectIamPolicy, 'policy', { project: 'p', policyData: JSON.stringify({ bindings: [], auditConfigs: [{ service: 'allServices', auditLogConfigs: [{ logType: 'ADMIN_READ' }] }] }) }),
      ['fail all-operations'],
    ],
    ['a folder audit config without DATA_WRITE → fail', res(GCP.folderAuditConfig, 'audit', { folder: 'f', service: 'allServices', auditLogConfigs: ALL.slice(0, 2) }), ['fail all-operations']],
  ])('%s', (_name, r, expected) => {
    expect(details(r)).toEqual(expected);
  });

  it('message names the missing log types', () => {
    expect(only([audit({ auditLogConfigs: [{ logType: 'ADMIN_READ' }] })], 'LOG-5').message).toBe(
      "Project audit config 'audit' does not record every kind of operation: auditLogConfigs of allServices lack DATA_READ, DATA_WRITE.",
    );
  });
});
