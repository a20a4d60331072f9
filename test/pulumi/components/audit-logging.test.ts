/**
 * AuditLogging: the project log bucket kept 90 days (LOG-1), a sink to a CMEK archive bucket with
 * a retention policy (LOG-2, ENC-3), data access audit logs for all services (LOG-5).
 */
import { AuditLogging, AuditLoggingArgs, LogArchiveArgs } from '../../../pulumi/audit-logging';
import { checkResources } from '../../../pulumi/records';
import type { PulumiResource } from '../../../pulumi/records/resource';
import { deepFreeze, failure, inputsOf, record, refusal, snapshotOf, T } from './fixtures';

const KEY = 'projects/team-project/locations/europe-west1/keyRings/data/cryptoKeys/data';
const archive: LogArchiveArgs = { location: 'europe-west1', kmsKey: KEY };
const args: AuditLoggingArgs = { project: 'team-project', archive };

describe('AuditLogging: GIVEN the defaults', () => {
  let resources: PulumiResource[];
  beforeAll(async () => {
    resources = await record(() => new AuditLogging('audit', deepFreeze({ ...args, archive: { ...archive } })));
  });

  it('THEN the _Default log bucket keeps logs 90 days (LOG-1)', () => {
    expect(inputsOf(resources, T.logBucket, 'audit-log-bucket')).toEqual({ project: 'team-project', location: 'global', bucketId: '_Default', retentionDays: 90 });
  });

  it('THEN the archive bucket is private, CMEK-encrypted and keeps every object 365 days (LOG-2, ENC-3)', () => {
    expect(inputsOf(resources, T.bucket, 'audit-archive')).toEqual({
      project: 'team-project',
      location: 'europe-west1',
      storageClass: 'STANDARD',
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      encryption: { defaultKmsKeyName: KEY },
      retentionPolicy: { retentionPeriod: '31536000', isLocked: false },
      lifecycleRules: [
        { condition: { age: 30 }, action: { type: 'SetStorageClass', storageClass: 'COLDLINE' } },
        { condition: { age: 365 }, action: { type: 'Delete' } },
      ],
      forceDestroy: false,
    });
  });

  it('THEN a sink copies every log there, with its own identity allowed to write only objects', () => {
    expect(inputsOf(resources, T.sink, 'audit-archive')).toEqual({
      project: 'team-project',
      destination: 'storage.googleapis.com/audit-archive',
      filter: '',
      uniqueWriterIdentity: true,
      description: 'Copies the project logs to the archive bucket (LOG-2)',
    });
    expect(inputsOf(resources, T.bucketMember, 'audit-archive-writer')).toEqual({
      bucket: 'audit-archive',
      role: 'roles/storage.objectCreator',
      member: 'serviceAccount:audit-archive@gcp-sa-logging.iam.gserviceaccount.com',
    });
  });

  it('THEN admin reads, data reads and data writes are audited for all services (LOG-5)', () => {
    expect(inputsOf(resources, T.auditConfig, 'audit-all-services')).toEqual({
      project: 'team-project',
      service: 'allServices',
      auditLogConfigs: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }],
    });
  });

  it('THEN the checks find nothing', () => {
    expect(checkResources(resources)).toEqual([]);
  });

  it('snapshot of the recorded inputs', () => {
    expect(snapshotOf(resources)).toMatchSnapshot();
  });
});

describe('AuditLogging options', () => {
  it('a year in the log bucket, a locked 90-day archive of audit logs only', async () => {
    const resources = await record(
      () =>
        new AuditLogging('audit', {
          ...args,
          retentionDays: 365,
          logBucket: 'team-logs',
          archive: { ...archive, retentionDays: 90, lockRetention: true, filter: 'logName:"cloudaudit.googleapis.com"' },
        }),
    );
    expect(inputsOf(resources, T.logBucket, 'audit-log-bucket')).toMatchObject({ bucketId: 'team-logs', retentionDays: 365 });
    expect(inputsOf(resources, T.bucket, 'audit-archive')).toMatchObject({ retentionPolicy: { retentionPeriod: '7776000', isLocked: true } });
    expect(inputsOf(resources, T.sink, 'audit-archive')).toMatchObject({ filter: 'logName:"cloudaudit.googleapis.com"' });
  });
});

describe('AuditLogging refuses', () => {
  it.each<[string, Partial<AuditLoggingArgs>, string]>([
    ['logs kept 30 days → LOG-1', { retentionDays: 30 }, "[LOG-1] AuditLogging 'audit': retentionDays 30 keeps logs less than 90 days; keep them at least 90."],
    ['an archive kept 89 days → LOG-2', { archive: { ...archive, retentionDays: 89 } }, "[LOG-2] AuditLogging 'audit': archive.retentionDays 89 lets archived logs be deleted before 90 days; keep them at least 90."],
  ])('%s', async (_name, extra, message) => {
    expect((await refusal(() => new AuditLogging('audit', { ...args, ...extra }))).message).toBe(message);
  });

  it('rejects a retention that is not whole days', async () => {
    expect((await failure(() => new AuditLogging('audit', { ...args, retentionDays: 90.5 }))).message).toBe("AuditLogging 'audit': retentionDays 90.5 must be a whole number of days, at most 3650.");
  });
});
