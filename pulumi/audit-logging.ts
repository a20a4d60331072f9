/**
 * A project's logs kept and backed up: the project log bucket kept at least 90 days (LOG-1), a
 * sink copying the logs to a Cloud Storage archive whose retention policy keeps every object at
 * least 90 days (LOG-2), encrypted with a customer-managed key (ENC-3), and data access audit
 * logs for all services (LOG-5).
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { componentLabel, invalid, refuse } from './refuse';

/** The least number of days the policy keeps logs (LOG-1, LOG-2). */
export const MIN_LOG_RETENTION_DAYS = 90;

const SECONDS_PER_DAY = 86_400;

/** The Cloud Storage archive of the logs. */
export interface LogArchiveArgs {
  /** The bucket's location: the region of `kmsKey` (`europe-west1`). */
  readonly location: string;
  /** The customer-managed key of the bucket (ENC-3): a `SecureKey`'s `id`, whose users include the Cloud Storage service agent. */
  readonly kmsKey: pulumi.Input<string>;
  /**
   * Days every archived object is kept before it can be deleted (the bucket's retention
   * policy); objects are deleted by lifecycle after this. Fewer than 90 are refused (LOG-2).
   * @default 365
   */
  readonly retentionDays?: number;
  /**
   * Lock the retention policy: nobody, owners included, can then shorten it or delete the
   * bucket before the objects expire. Irreversible.
   * @default false
   */
  readonly lockRetention?: boolean;
  /**
   * Which logs the sink copies (a Logging query).
   * @default '' (every log of the project)
   */
  readonly filter?: string;
}

/** Args of `AuditLogging`. */
export interface AuditLoggingArgs {
  readonly project: pulumi.Input<string>;
  /**
   * Days the project log bucket keeps logs. Fewer than 90 are refused (LOG-1).
   * @default 90
   */
  readonly retentionDays?: number;
  /**
   * The project log bucket to configure: `_Default` receives every log not routed elsewhere
   * (`_Required` keeps admin activity audit logs 400 days by itself).
   * @default '_Default'
   */
  readonly logBucket?: string;
  readonly archive: LogArchiveArgs;
}

/**
 * Log retention, archive and audit configuration of one project.
 *
 * @example
 * new AuditLogging('audit', {
 *   project,
 *   archive: { location: 'europe-west1', kmsKey: key.id },
 * }, { dependsOn: [key] });
 */
export class AuditLogging extends pulumi.ComponentResource {
  readonly logBucket: gcp.logging.ProjectBucketConfig;
  readonly archiveBucket: gcp.storage.Bucket;
  readonly sink: gcp.logging.ProjectSink;
  readonly sinkWriter: gcp.storage.BucketIAMMember;
  readonly auditConfig: gcp.projects.IAMAuditConfig;

  constructor(name: string, args: AuditLoggingArgs, opts?: pulumi.ComponentResourceOptions) {
    const label = componentLabel('AuditLogging', name);
    const days = args.retentionDays ?? MIN_LOG_RETENTION_DAYS;
    if (!Number.isInteger(days) || days > 3650) invalid(label, `retentionDays ${days} must be a whole number of days, at most 3650.`);
    if (days < MIN_LOG_RETENTION_DAYS) refuse('LOG-1', label, `retentionDays ${days} keeps logs less than ${MIN_LOG_RETENTION_DAYS} days; keep them at least ${MIN_LOG_RETENTION_DAYS}.`);
    const archiveDays = args.archive.retentionDays ?? 365;
    if (!Number.isInteger(archiveDays)) invalid(label, `archive.retentionDays ${archiveDays} must be a whole number of days.`);
    if (archiveDays < MIN_LOG_RETENTION_DAYS) {
      refuse('LOG-2', label, `archive.retentionDays ${archiveDays} lets archived logs be deleted before ${MIN_LOG_RETENTION_DAYS} days; keep them at least ${MIN_LOG_RETENTION_DAYS}.`);
    }

    super('compliance:gcp:AuditLogging', name, {}, opts);
    this.logBucket = new gcp.logging.ProjectBucketConfig(
      `${name}-log-bucket`,
      { project: args.project, location: 'global', bucketId: args.logBucket ?? '_Default', retentionDays: days },
      { parent: this },
    );
    this.archiveBucket = new gcp.storage.Bucket(
      `${name}-archive`,
      {
        project: args.project,
        location: args.archive.location,
        storageClass: 'STANDARD',
        uniformBucketLevelAccess: true,
        publicAccessPrevention: 'enforced',
        encryption: { defaultKmsKeyName: args.archive.kmsKey },
        retentionPolicy: { retentionPeriod: `${archiveDays * SECONDS_PER_DAY}`, isLocked: args.archive.lockRetention ?? false },
        lifecycleRules: [
          { condition: { age: 30 }, action: { type: 'SetStorageClass', storageClass: 'COLDLINE' } },
          { condition: { age: archiveDays }, action: { type: 'Delete' } },
        ],
        forceDestroy: false,
      },
      { parent: this },
    );
    this.sink = new gcp.logging.ProjectSink(
      `${name}-archive`,
      {
        project: args.project,
        destination: pulumi.interpolate`storage.googleapis.com/${this.archiveBucket.name}`,
        filter: args.archive.filter ?? '',
        uniqueWriterIdentity: true,
        description: 'Copies the project logs to the archive bucket (LOG-2)',
      },
      { parent: this },
    );
    this.sinkWriter = new gcp.storage.BucketIAMMember(
      `${name}-archive-writer`,
      { bucket: this.archiveBucket.name, role: 'roles/storage.objectCreator', member: this.sink.writerIdentity },
      { parent: this },
    );
    this.auditConfig = new gcp.projects.IAMAuditConfig(
      `${name}-all-services`,
      {
        project: args.project,
        service: 'allServices',
        auditLogConfigs: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }],
      },
      { parent: this },
    );
    this.registerOutputs({ archiveBucket: this.archiveBucket.name });
  }
}
