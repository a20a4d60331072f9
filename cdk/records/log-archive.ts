/**
 * LOG-2 over an app: each log source's deliveries followed, across stacks, to the storage they
 * end in (log group → subscription filter → Kinesis stream → Firehose stream → bucket), and
 * that storage's lifecycle read for the key prefix the logs are written under.
 */
import type { ArchiveEnd, ArchiveRoute, LogArchiveFact, Retention } from '../../constructs/facts/logging';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import type { AppContext, AppResource, Target } from './app-context';
import { BUCKET, Delivery, FIREHOSE, KINESIS_STREAM, LOG_GROUP, logSources, SUBSCRIPTION } from './log-sources';
import { describeValue, expandFields, isObject, possibleValues, readNumber, readString } from './read';
import type { Value, ValueObject } from './values';

/** Firehose destinations that may keep a full copy in S3, and the backup modes that do. */
const BACKUP_DESTINATIONS: ReadonlyArray<{ property: string; modes: readonly string[]; bucketConfig: string }> = [
  { property: 'AmazonopensearchserviceDestinationConfiguration', modes: ['AllDocuments'], bucketConfig: 'S3Configuration' },
  { property: 'ElasticsearchDestinationConfiguration', modes: ['AllDocuments'], bucketConfig: 'S3Configuration' },
  { property: 'AmazonOpenSearchServerlessDestinationConfiguration', modes: ['AllDocuments'], bucketConfig: 'S3Configuration' },
  { property: 'SplunkDestinationConfiguration', modes: ['AllEvents'], bucketConfig: 'S3Configuration' },
  { property: 'HttpEndpointDestinationConfiguration', modes: ['AllData'], bucketConfig: 'S3Configuration' },
  { property: 'SnowflakeDestinationConfiguration', modes: ['AllData'], bucketConfig: 'S3Configuration' },
  { property: 'RedshiftDestinationConfiguration', modes: ['Enabled'], bucketConfig: 'S3BackupConfiguration' },
];

/**
 * Routes a source's logs may take: each variant is one way the app may be deployed (a branch
 * of `Fn::If`), listing the routes that exist together in it. A variant is backed up when one of
 * its routes is; every variant must be.
 */
type Variants = ArchiveRoute[][];

const MAX_VARIANTS = 16;

/** One route, in every variant. */
function only(route: ArchiveRoute): Variants {
  return [[route]];
}

/** Routes that exist together (several subscriptions, several deliveries): every combination of their variants. */
function together(parts: readonly Variants[]): Variants {
  let out: Variants = [[]];
  for (const part of parts) {
    const next: Variants = [];
    for (const a of out) for (const b of part) next.push([...a, ...b]);
    if (next.length > MAX_VARIANTS) return only({ via: [], end: { kind: 'unknown', reason: `more than ${MAX_VARIANTS} combinations of Fn::If branches` } });
    out = next;
  }
  return out;
}

/**
 * The LOG-2 facts of an app: for each log source (and each log group that subscribes to a
 * stream without receiving any source's logs), one fact per variant of its routes.
 *
 * @example
 * logArchiveFacts(new AppContext([ctx])).map((f) => f.routes.length)
 */
export function logArchiveFacts(app: AppContext): LogArchiveFact[] {
  const routing = new Routing(app);
  const out: LogArchiveFact[] = [];
  const fed = new Set<string>();
  const add = (r: AppResource, logs: string, variants: Variants): void => {
    const { ctx, logicalId } = r;
    for (const routes of variants) out.push({ kind: 'log-archive', subject: ctx.ref(logicalId), label: ctx.label(logicalId), logs, routes });
  };
  for (const s of logSources(app)) {
    for (const d of s.deliveries) if (d.kind === 'log-group') fed.add(routing.groupKey(d.target));
    const variants = s.variants.flatMap((deliveries) => together(deliveries.map((d) => routing.routes(d, s.logs, []))));
    add(s.resource, s.logs, variants);
  }
  for (const group of app.ofType(LOG_GROUP)) {
    const target: Target = { kind: 'resource', resource: group, suffix: '' };
    const key = routing.groupKey(target);
    if (fed.has(key) || !routing.archives(key)) continue;
    add(group, 'logs', routing.subscriptionRoutes(key, group.ctx.label(group.logicalId), 'logs', []));
  }
  return out;
}

interface Subscription {
  readonly filter: AppResource;
  readonly pattern: Value | undefined;
  readonly destinations: readonly Target[];
}

/** The joins of one app, indexed once. */
class Routing {
  private readonly subscriptions = new Map<string, Subscription[]>();
  private readonly readers = new Map<string, AppResource[]>();

  constructor(private readonly app: AppContext) {
    for (const filter of app.ofType(SUBSCRIPTION)) {
      const p = filter.ctx.properties(filter.logicalId);
      for (const group of app.targets(filter.ctx, p.LogGroupName, [LOG_GROUP])) {
        const key = this.groupKey(group);
        const list = this.subscriptions.get(key) ?? [];
        list.push({ filter, pattern: p.FilterPattern, destinations: app.targets(filter.ctx, p.DestinationArn, [FIREHOSE, KINESIS_STREAM]) });
        this.subscriptions.set(key, list);
      }
    }
    for (const stream of app.ofType(FIREHOSE)) {
      const source = stream.ctx.properties(stream.logicalId).KinesisStreamSourceConfiguration;
      if (!isObject(source)) continue;
      for (const t of app.targets(stream.ctx, source.KinesisStreamARN, [KINESIS_STREAM])) {
        if (t.kind !== 'resource') continue;
        const key = app.key(t.resource);
        this.readers.set(key, [...(this.readers.get(key) ?? []), stream]);
      }
    }
  }

  /** A key for a log group, also when only its literal name is known (subscriptions may name it too). */
  groupKey(t: Target): string {
    if (t.kind === 'resource') return this.app.key(t.resource);
    if (t.kind === 'external') {
      const arn = /:log-group:([^:]+)/.exec(t.text);
      return `name:${arn ? arn[1] : t.text}`;
    }
    return `unknown:${t.reason}`;
  }

  /** Whether a log group subscribes to a stream (declares an archive path of its own). */
  archives(key: string): boolean {
    return (this.subscriptions.get(key) ?? []).some((s) => s.destinations.some((d) => d.kind === 'resource'
      && [FIREHOSE, KINESIS_STREAM].includes(d.resource.ctx.typeOf(d.resource.logicalId) ?? '')));
  }

  routes(d: Delivery, logs: string, via: readonly string[]): Variants {
    switch (d.kind) {
      case 'none':
        return only({ via, end: { kind: 'elsewhere', why: d.why } });
      case 'unknown':
        return only({ via, end: { kind: 'unknown', reason: d.reason } });
      case 'bucket':
        return only({ via, end: this.bucketEnd(d.target, d.prefix) });
      case 'stream':
        return this.streamRoutes(d.target, logs, via);
      default:
        return this.logGroupRoutes(d.target, logs, via);
    }
  }

  private logGroupRoutes(t: Target, logs: string, via: readonly string[]): Variants {
    if (t.kind === 'unknown') return only({ via, end: { kind: 'unknown', reason: `the log group is ${t.reason}` } });
    const label = t.kind === 'resource' ? t.resource.ctx.label(t.resource.logicalId) : `Log group '${this.groupKey(t).slice('name:'.length)}'`;
    if (t.kind === 'resource' && t.resource.ctx.typeOf(t.resource.logicalId) !== LOG_GROUP) {
      return only({ via, end: { kind: 'unknown', reason: `its ${logs} go to ${label}, which is not a log group` } });
    }
    const key = this.groupKey(t);
    // A group defined elsewhere may have subscriptions defined elsewhere too.
    if (t.kind === 'external' && !this.subscriptions.has(key)) {
      return only({ via, end: { kind: 'unknown', reason: `its ${logs} go to ${label}, which is not defined in the templates checked, so its subscriptions could not be read` } });
    }
    return this.subscriptionRoutes(key, label, logs, via);
  }

  /** Every subscription of a log group forwards at once; the destination of each may be a branch. */
  subscriptionRoutes(key: string, label: string, logs: string, via: readonly string[]): Variants {
    const subs = this.subscriptions.get(key) ?? [];
    if (subs.length === 0) return only({ via, end: { kind: 'elsewhere', why: `its ${logs} go to ${label}, which no subscription filter sends on to a Firehose stream writing to S3` } });
    const next = [...via, label];
    return together(subs.map((s): Variants => {
      const filterLabel = s.filter.ctx.label(s.filter.logicalId);
      const pattern = readString(s.pattern);
      if (isUnknown(pattern)) return only({ via: next, end: { kind: 'unknown', reason: `the FilterPattern of ${filterLabel} is ${pattern.reason}` } });
      if (pattern !== undefined && pattern.trim() !== '') {
        return only({ via, end: { kind: 'elsewhere', why: `its ${logs} go to ${label}, whose ${filterLabel} forwards only events matching '${pattern}'` } });
      }
      return s.destinations.flatMap((d): Variants => {
        if (d.kind === 'unknown') return only({ via: next, end: { kind: 'unknown', reason: `the destination of ${filterLabel} is ${d.reason}` } });
        if (d.kind === 'external') {
          return only({ via: next, end: { kind: 'unknown', reason: `${filterLabel} sends them to '${d.text}', which is not in the templates checked` } });
        }
        const type = d.resource.ctx.typeOf(d.resource.logicalId);
        const destLabel = d.resource.ctx.label(d.resource.logicalId);
        if (type === FIREHOSE) return this.streamRoutes(d, logs, next);
        if (type === KINESIS_STREAM) {
          const readers = this.readers.get(this.app.key(d.resource)) ?? [];
          if (readers.length === 0) {
            return only({ via, end: { kind: 'elsewhere', why: `its ${logs} go to ${label}, then to ${destLabel}, which no Firehose stream in the templates reads` } });
          }
          // Every Firehose stream reading the Kinesis stream gets every record.
          return together(readers.map((r) => this.streamRoutes({ kind: 'resource', resource: r, suffix: '' }, logs, [...next, destLabel])));
        }
        return only({ via, end: { kind: 'elsewhere', why: `its ${logs} go to ${label}, whose ${filterLabel} sends them to ${destLabel}, which is not storage` } });
      });
    }));
  }

  private streamRoutes(t: Target, logs: string, via: readonly string[]): Variants {
    if (t.kind === 'unknown') return only({ via, end: { kind: 'unknown', reason: `the Firehose stream is ${t.reason}` } });
    if (t.kind === 'external') return only({ via, end: { kind: 'unknown', reason: `Firehose stream '${t.text}' is not in the templates checked` } });
    const { ctx, logicalId } = t.resource;
    const label = ctx.label(logicalId);
    const p = ctx.properties(logicalId);
    const next = [...via, label];
    // A bucket chosen by Fn::If: each branch is a variant of its own.
    const toBuckets = (arn: Value | undefined, prefix: Value | undefined): Variants => {
      const targets = this.app.targets(ctx, arn, [BUCKET]);
      if (targets.length === 0) return only({ via: next, end: { kind: 'unknown', reason: `${label} names no bucket` } });
      return targets.map((b) => [{ via: next, end: this.bucketEnd(b, readString(prefix) ?? '') }]);
    };
    for (const property of ['ExtendedS3DestinationConfiguration', 'S3DestinationConfiguration']) {
      const config = p[property];
      if (config === undefined) continue;
      if (!isObject(config)) return only({ via: next, end: { kind: 'unknown', reason: `${property} of ${label} is ${describeValue(config)}` } });
      return toBuckets(config.BucketARN, config.Prefix);
    }
    for (const dest of BACKUP_DESTINATIONS) {
      const config = p[dest.property];
      if (!isObject(config)) continue;
      const mode = readString(config.S3BackupMode);
      if (isUnknown(mode)) return only({ via: next, end: { kind: 'unknown', reason: `S3BackupMode of ${label} is ${mode.reason}` } });
      if (mode === undefined || !dest.modes.includes(mode)) {
        return only({ via, end: { kind: 'elsewhere', why: `its ${logs} go to ${label}, which delivers them to ${dest.property.replace(/DestinationConfiguration$/, '')} and keeps in S3 only ${mode === undefined ? 'what fails to deliver' : `what S3BackupMode ${mode} keeps`}` } });
      }
      const backup = config[dest.bucketConfig];
      if (!isObject(backup)) return only({ via: next, end: { kind: 'unknown', reason: `${dest.bucketConfig} of ${label} is ${describeValue(backup)}` } });
      return toBuckets(backup.BucketARN, backup.Prefix);
    }
    return only({ via, end: { kind: 'elsewhere', why: `its ${logs} go to ${label}, which has no S3 destination` } });
  }

  private bucketEnd(t: Target, prefix: Maybe<string>): ArchiveEnd {
    if (t.kind === 'unknown') return { kind: 'unknown', reason: `the bucket is ${t.reason}` };
    if (t.kind === 'external') return { kind: 'unknown', reason: `bucket '${t.text}' is not defined in the templates checked, so its lifecycle could not be read` };
    const { ctx, logicalId } = t.resource;
    const label = ctx.label(logicalId);
    if (ctx.typeOf(logicalId) !== BUCKET) return { kind: 'unknown', reason: `the logs go to ${label}, which is not a bucket` };
    const kept = bucketRetention(ctx.properties(logicalId), prefix);
    if (isUnknown(kept.retention)) return { kind: 'unknown', reason: `how long ${label} keeps objects: ${kept.retention.reason}` };
    return { kind: 'storage', label, retention: kept.retention, why: kept.why };
  }
}

/**
 * How long a bucket keeps objects written under `prefix`: the shortest expiration among the
 * enabled lifecycle rules whose prefix overlaps it (rules filtered by tags skip log objects,
 * which are written untagged). On a versioned bucket an expired object stays as a noncurrent
 * version until `NoncurrentVersionExpiration`, so that time is added. Every `Fn::If` branch is
 * read; the shortest wins.
 *
 * @example
 * bucketRetention({ LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 30 }] } }, 'AWSLogs/')
 * // { retention: 30, why: "lifecycle rule LifecycleConfiguration.Rules[0] has ExpirationInDays 30" }
 */
export function bucketRetention(bucket: ValueObject, prefix: Maybe<string>): { retention: Maybe<Retention>; why: string } {
  let worst: { retention: Maybe<Retention>; why: string } = { retention: 'forever', why: 'no lifecycle rule expires them' };
  const versioned = possibleValues(bucket.VersioningConfiguration).every((v) => isObject(v) && v.Status === 'Enabled');
  for (const config of possibleValues(bucket.LifecycleConfiguration)) {
    const r = lifecycleRetention(config, prefix, versioned);
    if (isUnknown(r.retention)) return r;
    if (!isUnknown(worst.retention) && shorter(r.retention, worst.retention)) worst = r;
  }
  return worst;
}

const RULE_FIELDS = ['Status', 'Prefix', 'ExpirationInDays', 'ExpirationDate', 'NoncurrentVersionExpiration', 'NoncurrentVersionExpirationInDays', 'TagFilters'];

function shorter(a: Retention, b: Retention): boolean {
  return b === 'forever' ? a !== 'forever' : a !== 'forever' && a < b;
}

function lifecycleRetention(config: Value | undefined, prefix: Maybe<string>, versioned: boolean): { retention: Maybe<Retention>; why: string } {
  const none = { retention: 'forever' as Retention, why: 'no lifecycle rule expires them' };
  if (config === undefined) return none;
  if (!isObject(config)) return { retention: new Unknown(`LifecycleConfiguration is ${describeValue(config)}`), why: '' };
  const rules = config.Rules;
  if (rules === undefined) return none;
  if (!Array.isArray(rules)) return { retention: new Unknown(`LifecycleConfiguration.Rules is ${describeValue(rules)}`), why: '' };
  let current: { days: number; why: string } | undefined;
  let noncurrent: { days: number; why: string } | undefined;
  for (let i = 0; i < rules.length; i++) {
    const name = `LifecycleConfiguration.Rules[${i}]`;
    for (const option of possibleValues((rules as readonly Value[])[i])) {
      if (option === undefined) continue;
      if (!isObject(option)) return { retention: new Unknown(`${name} is ${describeValue(option)}`), why: '' };
      // Fn::If inside a rule: every combination is a rule that may be deployed.
      const variants = expandFields(option, RULE_FIELDS);
      if (isUnknown(variants)) return { retention: variants, why: '' };
      for (const rule of variants) {
        const id = typeof rule.Id === 'string' ? `'${rule.Id}'` : name;
        const status = readString(rule.Status);
        if (isUnknown(status)) return { retention: new Unknown(`the Status of lifecycle rule ${id} is ${status.reason}`), why: '' };
        if (status !== 'Enabled') continue;
        if (Array.isArray(rule.TagFilters) && rule.TagFilters.length > 0) continue;
        const rulePrefix = readString(rule.Prefix) ?? '';
        if (!isUnknown(rulePrefix) && !isUnknown(prefix) && !rulePrefix.startsWith(prefix) && !prefix.startsWith(rulePrefix)) continue;
        const days = readNumber(rule.ExpirationInDays);
        if (isUnknown(days)) return { retention: new Unknown(`ExpirationInDays of lifecycle rule ${id} is ${days.reason}`), why: '' };
        if (days !== undefined && (!current || days < current.days)) current = { days, why: `lifecycle rule ${id} has ExpirationInDays ${days}` };
        if (rule.ExpirationDate !== undefined) {
          current = { days: 0, why: `lifecycle rule ${id} deletes every object on ExpirationDate ${describeValue(rule.ExpirationDate)}` };
        }
        const nc = isObject(rule.NoncurrentVersionExpiration) ? rule.NoncurrentVersionExpiration.NoncurrentDays : rule.NoncurrentVersionExpirationInDays;
        const ncDays = readNumber(nc);
        if (isUnknown(ncDays)) return { retention: new Unknown(`the noncurrent expiration of lifecycle rule ${id} is ${ncDays.reason}`), why: '' };
        if (ncDays !== undefined && (!noncurrent || ncDays < noncurrent.days)) noncurrent = { days: ncDays, why: `NoncurrentVersionExpiration ${ncDays} days` };
      }
    }
  }
  if (!current) return none;
  if (!versioned) return { retention: current.days, why: current.why };
  // Versioning keeps an expired object as a noncurrent version.
  if (!noncurrent) return { retention: 'forever', why: `${current.why}, but versioning keeps expired objects as noncurrent versions` };
  return { retention: current.days + noncurrent.days, why: `${current.why}, and versioning keeps them another ${noncurrent.why}` };
}
