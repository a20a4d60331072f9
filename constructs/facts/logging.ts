/**
 * Logging facts, provider-neutral: how long log stores keep entries, where log sources are
 * archived, which resources record network and access logs, what access log formats carry, and
 * audit trails.
 */
import type { ResourceRef } from '../finding';
import type { Maybe } from '../unknown';

/** How long logs or objects are kept: a number of days, or until someone deletes them. */
export type Retention = number | 'forever';

/** A store that keeps log entries itself (a CloudWatch log group, a GCP logging bucket): LOG-1. */
export interface LogStoreFact {
  readonly kind: 'log-store';
  readonly subject: ResourceRef;
  /** `Log group 'App'`: how messages name it. */
  readonly label: string;
  readonly retention: Maybe<Retention>;
  /** The property and its value, for messages: `RetentionInDays is 30`. */
  readonly why: string;
}

/** Where one route of a log source ends. */
export type ArchiveEnd =
  /** Cloud storage (a bucket) that keeps objects `retention`; `why` names the lifecycle rule. */
  | { readonly kind: 'storage'; readonly label: string; readonly retention: Retention; readonly why: string }
  /** The route stops before cloud storage; `why` says where and why, for the message. */
  | { readonly kind: 'elsewhere'; readonly why: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/** One way a source's logs travel (through log groups, delivery streams, sinks) and where it ends. */
export interface ArchiveRoute {
  /** Labels of the hops between the source and the end, in order. */
  readonly via: readonly string[];
  readonly end: ArchiveEnd;
}

/**
 * A log source (flow logs, load balancer and CDN access logs, an audit trail, a log
 * subscription, a log sink) and every route its logs take: LOG-2. It is backed up when one
 * route ends in storage that keeps them long enough.
 */
export interface LogArchiveFact {
  readonly kind: 'log-archive';
  readonly subject: ResourceRef;
  readonly label: string;
  /** What it logs, for messages: `flow logs`, `access logs`. */
  readonly logs: string;
  readonly routes: readonly ArchiveRoute[];
}

/** Whether a resource records the network or access logs it can (LOG-3). */
export interface LogCoverageFact {
  readonly kind: 'log-coverage';
  readonly subject: ResourceRef;
  readonly label: string;
  /** `flow logs`, `access logs`, `server access logs`. */
  readonly logs: string;
  readonly enabled: Maybe<boolean>;
  /** Why it does not (or what is unknown), naming the property: `access_logs.s3.enabled is not set`. */
  readonly why: string;
}

/** What an access log line must carry (the policy's "Log format"). */
export type LogField = 'a unique request id' | 'the time' | 'the operation';

/** An access log format a team writes (LOG-4). */
export interface LogFormatFact {
  readonly kind: 'log-format';
  readonly subject: ResourceRef;
  readonly label: string;
  /** The fields the format lacks; empty when it carries them all. */
  readonly missing: Maybe<readonly LogField[]>;
  /** The property and its value, for messages: `AccessLogSetting.Format is '$context.httpMethod'`. */
  readonly why: string;
}

/**
 * One property an audit trail must have: it logs, in every region, with files that cannot be
 * altered unseen, encrypted with a customer-managed key; every kind of operation (GCP: admin
 * reads, data reads and data writes), and the operations of every principal (no exemptions).
 */
export type TrailAspect = 'logging' | 'all-regions' | 'integrity' | 'encryption' | 'all-operations' | 'all-principals';

/** An audit trail of operations (CloudTrail, GCP audit config): LOG-5. */
export interface AuditTrailFact {
  readonly kind: 'audit-trail';
  readonly subject: ResourceRef;
  readonly label: string;
  readonly aspects: ReadonlyArray<{ readonly aspect: TrailAspect; readonly holds: Maybe<boolean>; readonly why: string }>;
}

/** Every logging fact. */
export type LoggingFactKind = LogStoreFact | LogArchiveFact | LogCoverageFact | LogFormatFact | AuditTrailFact;
