/**
 * The log sources of an app and where each delivers: flow logs, load balancer and CloudFront
 * access logs, CloudTrail, API Gateway access logs, S3 server access logs, vended log
 * deliveries (`AWS::Logs::Delivery`), and log group subscriptions. Read once per app; LOG-2
 * follows the deliveries to storage, LOG-3 uses them to tell log buckets from the others.
 */
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import type { AppContext, AppResource, Target } from './app-context';
import { describeValue, isObject, possibleValues, readBoolean, readString } from './read';
import { Reference, Value, ValueObject } from './values';

/** Resource types the logging records join on. */
export const BUCKET = 'AWS::S3::Bucket';
export const LOG_GROUP = 'AWS::Logs::LogGroup';
export const FIREHOSE = 'AWS::KinesisFirehose::DeliveryStream';
export const KINESIS_STREAM = 'AWS::Kinesis::Stream';
export const FLOW_LOG = 'AWS::EC2::FlowLog';
export const ALB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
export const CLB = 'AWS::ElasticLoadBalancing::LoadBalancer';
export const DISTRIBUTION = 'AWS::CloudFront::Distribution';
export const TRAIL = 'AWS::CloudTrail::Trail';
export const REST_STAGE = 'AWS::ApiGateway::Stage';
export const REST_DEPLOYMENT = 'AWS::ApiGateway::Deployment';
export const HTTP_STAGE = 'AWS::ApiGatewayV2::Stage';
export const SUBSCRIPTION = 'AWS::Logs::SubscriptionFilter';
const DELIVERY = 'AWS::Logs::Delivery';
const DELIVERY_SOURCE = 'AWS::Logs::DeliverySource';
const DELIVERY_DESTINATION = 'AWS::Logs::DeliveryDestination';

/** Where one branch of a source sends its logs. */
export type Delivery =
  /** Objects in a bucket, under `prefix` (unknown when the template does not say). */
  | { readonly kind: 'bucket'; readonly target: Target; readonly prefix: Maybe<string> }
  | { readonly kind: 'log-group'; readonly target: Target }
  | { readonly kind: 'stream'; readonly target: Target }
  /** The source is on but names no destination the records can follow. */
  | { readonly kind: 'none'; readonly why: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/** A resource that produces logs, and every delivery of them. */
export interface LogSource {
  readonly resource: AppResource;
  /** `flow logs`, `access logs`, `audit logs`, `server access logs`, `logs`. */
  readonly logs: string;
  /** Every delivery, whichever branch of `Fn::If` it belongs to. */
  readonly deliveries: readonly Delivery[];
  /** The deployments the template allows (`Fn::If` branches), each with the deliveries that happen together in it. */
  readonly variants: ReadonlyArray<readonly Delivery[]>;
}

/** A source whose deliveries are alternatives: one property, one destination per Fn::If branch. */
function source(resource: AppResource, logs: string, deliveries: readonly Delivery[]): LogSource {
  return { resource, logs, deliveries, variants: deliveries.length > 0 ? deliveries.map((d) => [d]) : [[]] };
}

/** Deliveries that happen together (two logging mechanisms of one resource): every combination of their variants. */
function combine(a: ReadonlyArray<readonly Delivery[]>, b: ReadonlyArray<readonly Delivery[]>): Array<readonly Delivery[]> {
  const out: Array<readonly Delivery[]> = [];
  for (const x of a) for (const y of b) out.push([...x, ...y]);
  return out.length > 16 ? [[{ kind: 'unknown', reason: 'more than 16 combinations of Fn::If branches' }]] : out;
}

const cache = new WeakMap<AppContext, LogSource[]>();
const vended = new WeakMap<AppContext, Set<string>>();

/**
 * Keys of the resources whose logs a vended log delivery (`AWS::Logs::Delivery`) carries, such
 * as CloudFront distributions with standard logging v2.
 *
 * @example
 * vendedLogSubjects(app).has(app.key({ ctx, logicalId: 'Cdn' })) // true
 */
export function vendedLogSubjects(app: AppContext): ReadonlySet<string> {
  logSources(app);
  return vended.get(app) ?? new Set();
}

/**
 * Every log source of the app, in template order, computed once per app.
 *
 * @example
 * logSources(app).filter((s) => s.logs === 'flow logs').map((s) => s.resource.logicalId) // ['VpcFlowLog']
 */
export function logSources(app: AppContext): readonly LogSource[] {
  let sources = cache.get(app);
  if (!sources) {
    // A resource may log both ways (a distribution with legacy logging and a vended delivery): one source.
    const byKey = new Map<string, LogSource>();
    for (const s of [
      ...flowLogSources(app),
      ...loadBalancerSources(app),
      ...distributionSources(app),
      ...trailSources(app),
      ...stageSources(app),
      ...bucketSources(app),
      ...vendedSources(app).map((v) => {
        vended.set(app, (vended.get(app) ?? new Set()).add(app.key(v.resource)));
        return v;
      }),
    ]) {
      const key = app.key(s.resource);
      const seen = byKey.get(key);
      byKey.set(key, seen ? { ...seen, deliveries: [...seen.deliveries, ...s.deliveries], variants: combine(seen.variants, s.variants) } : s);
    }
    sources = [...byKey.values()];
    cache.set(app, sources);
  }
  return sources;
}

/** `{ kind: 'bucket' }` deliveries for a value naming a bucket, with the key prefix logs are written under. */
function toBucket(app: AppContext, r: AppResource, value: Value | undefined, prefix: (suffix: string) => Maybe<string>): Delivery[] {
  return app.targets(r.ctx, value, [BUCKET]).map((target) => {
    if (target.kind !== 'resource') return { kind: 'bucket', target, prefix: new Unknown('the bucket is not in the templates') };
    return { kind: 'bucket', target, prefix: target.suffix.includes('*') ? new Unknown(`a key prefix built from values known only at deploy`) : prefix(target.suffix) };
  });
}

/** Logs delivered to a log group or a Firehose stream, told apart by what the value names. */
function toLogGroupOrStream(app: AppContext, r: AppResource, value: Value | undefined): Delivery[] {
  return app.targets(r.ctx, value, [LOG_GROUP, FIREHOSE]).map((target): Delivery => {
    if (target.kind === 'resource') {
      const type = target.resource.ctx.typeOf(target.resource.logicalId);
      if (type === FIREHOSE) return { kind: 'stream', target };
      if (type === BUCKET) return { kind: 'bucket', target, prefix: '' };
      return { kind: 'log-group', target };
    }
    if (target.kind === 'external' && /^arn:[^:]*:firehose:/.test(target.text)) return { kind: 'stream', target };
    return { kind: 'log-group', target };
  });
}

/** A key prefix for AWS-delivered logs: `<prefix>/AWSLogs/...`, or `AWSLogs/...` without one. */
function awsLogsPrefix(prefix: Value | undefined): Maybe<string> {
  const p = readString(prefix);
  if (isUnknown(p)) return p;
  return p === undefined || p === '' ? 'AWSLogs/' : `${p.replace(/\/+$/, '')}/AWSLogs/`;
}

/**
 * Flow logs, one source per recorded network and traffic type: a VPC whose traffic goes both to
 * a log group and to a bucket is backed up once, whichever of its flow logs carries the copy.
 */
function flowLogSources(app: AppContext): LogSource[] {
  const groups = new Map<string, LogSource>();
  const out: LogSource[] = [];
  for (const r of app.ofType(FLOW_LOG)) {
    const p = r.ctx.properties(r.logicalId);
    const deliveries = possibleValues(p.LogDestinationType).flatMap((type): Delivery[] => {
      const t = readString(type);
      if (isUnknown(t)) return [{ kind: 'unknown', reason: `LogDestinationType is ${t.reason}` }];
      // Objects land under `<folder>/AWSLogs/...`; the folder is the ARN's path.
      if (t === 's3') return toBucket(app, r, p.LogDestination, (suffix) => awsLogsPrefix(suffix.replace(/^\/+/, '')));
      if (t === 'kinesis-data-firehose') return app.targets(r.ctx, p.LogDestination, [FIREHOSE]).map((target) => ({ kind: 'stream', target }));
      // cloud-watch-logs, the default.
      const group = p.LogGroupName ?? p.LogDestination;
      if (group === undefined) return [{ kind: 'none', why: 'it names no LogGroupName or LogDestination' }];
      return app.targets(r.ctx, group, [LOG_GROUP]).map((target) => ({ kind: 'log-group', target }));
    });
    const own = source(r, 'flow logs', deliveries);
    const key = flowLogKey(r, p);
    const earlier = key === undefined ? undefined : groups.get(key);
    if (earlier) {
      const merged = { ...earlier, deliveries: [...earlier.deliveries, ...deliveries], variants: combine(earlier.variants, own.variants) };
      groups.set(key as string, merged);
      out[out.indexOf(earlier)] = merged;
    } else {
      if (key !== undefined) groups.set(key, own);
      out.push(own);
    }
  }
  return out;
}

/** What a flow log records, when the template says it literally: the network and the traffic. */
function flowLogKey(r: AppResource, p: ValueObject): string | undefined {
  const resource = p.ResourceId;
  const traffic = readString(p.TrafficType);
  if (typeof traffic !== 'string') return undefined;
  const id = resource instanceof Reference ? `${r.ctx.source.stack ?? ''}/${resource.logicalId}` : typeof resource === 'string' ? resource : undefined;
  return id === undefined ? undefined : `${id}\u0000${traffic}`;
}

/**
 * Load balancer attributes (`[{ Key, Value }]`) as one map per Fn::If combination; an entry
 * whose key is not literal makes that map unknown.
 *
 * @example
 * attributeMaps([{ Key: 'access_logs.s3.enabled', Value: 'true' }])[0] // Map { 'access_logs.s3.enabled' => 'true' }
 */
export function attributeMaps(list: Value | undefined): Array<Map<string, Value> | Unknown> {
  const out: Array<Map<string, Value> | Unknown> = [];
  for (const l of possibleValues(list)) {
    if (l === undefined) {
      out.push(new Map());
      continue;
    }
    if (!Array.isArray(l)) {
      out.push(new Unknown(`LoadBalancerAttributes is ${describeValue(l)}`));
      continue;
    }
    let maps: Array<Map<string, Value>> = [new Map()];
    let unknown: Unknown | undefined;
    for (const item of l as readonly Value[]) {
      const options = possibleValues(item);
      const next: Array<Map<string, Value>> = [];
      for (const m of maps) {
        for (const o of options) {
          const copy = new Map(m);
          if (isObject(o) && typeof o.Key === 'string') {
            if (o.Value !== undefined) copy.set(o.Key, o.Value);
          } else if (o !== undefined) unknown = new Unknown(`a LoadBalancerAttributes entry is ${describeValue(o)}`);
          next.push(copy);
        }
      }
      if (next.length > 16) {
        unknown = new Unknown('LoadBalancerAttributes has more than 16 combinations of Fn::If branches');
        break;
      }
      maps = next;
    }
    if (unknown) out.push(unknown);
    else out.push(...maps);
  }
  return out;
}

/**
 * Whether a load balancer type writes access logs: gateway load balancers have none.
 *
 * @example
 * logsAccess('gateway') // false
 */
export function logsAccess(type: Value | undefined): boolean {
  return possibleValues(type).some((t) => t !== 'gateway');
}

function loadBalancerSources(app: AppContext): LogSource[] {
  const out: LogSource[] = [];
  for (const r of app.ofType(ALB)) {
    const p = r.ctx.properties(r.logicalId);
    if (!logsAccess(p.Type)) continue;
    const deliveries: Delivery[] = [];
    for (const attrs of attributeMaps(p.LoadBalancerAttributes)) {
      if (isUnknown(attrs)) {
        deliveries.push({ kind: 'unknown', reason: attrs.reason });
        continue;
      }
      if (readBoolean(attrs.get('access_logs.s3.enabled')) === false || !attrs.has('access_logs.s3.enabled')) continue;
      const bucket = attrs.get('access_logs.s3.bucket');
      if (bucket === undefined) deliveries.push({ kind: 'none', why: 'access_logs.s3.bucket is not set' });
      else deliveries.push(...toBucket(app, r, bucket, () => awsLogsPrefix(attrs.get('access_logs.s3.prefix'))));
    }
    if (deliveries.length > 0) out.push(source(r, 'access logs', deliveries));
  }
  for (const r of app.ofType(CLB)) {
    const deliveries = possibleValues(r.ctx.properties(r.logicalId).AccessLoggingPolicy).flatMap((policy): Delivery[] => {
      if (policy === undefined || !isObject(policy) || readBoolean(policy.Enabled) === false) return [];
      return toBucket(app, r, policy.S3BucketName, () => awsLogsPrefix(policy.S3BucketPrefix));
    });
    if (deliveries.length > 0) out.push(source(r, 'access logs', deliveries));
  }
  return out;
}

function distributionSources(app: AppContext): LogSource[] {
  const out: LogSource[] = [];
  for (const r of app.ofType(DISTRIBUTION)) {
    const config = r.ctx.properties(r.logicalId).DistributionConfig;
    const deliveries = (isObject(config) ? possibleValues(config.Logging) : []).flatMap((logging): Delivery[] => {
      if (logging === undefined) return [];
      if (!isObject(logging)) return [{ kind: 'unknown', reason: `DistributionConfig.Logging is ${describeValue(logging)}` }];
      const prefix = readString(logging.Prefix);
      return toBucket(app, r, logging.Bucket, () => prefix ?? '');
    });
    if (deliveries.length > 0) out.push(source(r, 'access logs', deliveries));
  }
  return out;
}

function trailSources(app: AppContext): LogSource[] {
  return app.ofType(TRAIL).map((r) => {
    const p = r.ctx.properties(r.logicalId);
    return source(r, 'audit logs', toBucket(app, r, p.S3BucketName, () => awsLogsPrefix(p.S3KeyPrefix)));
  });
}

function stageSources(app: AppContext): LogSource[] {
  const out: LogSource[] = [];
  const add = (r: AppResource, setting: Value | undefined): void => {
    const deliveries = possibleValues(setting).flatMap((s): Delivery[] => {
      if (s === undefined) return [];
      if (!isObject(s)) return [{ kind: 'unknown', reason: `the access log setting is ${describeValue(s)}` }];
      return s.DestinationArn === undefined ? [] : toLogGroupOrStream(app, r, s.DestinationArn);
    });
    if (deliveries.length > 0) out.push(source(r, 'access logs', deliveries));
  };
  for (const r of app.ofType(REST_STAGE)) add(r, r.ctx.properties(r.logicalId).AccessLogSetting);
  for (const r of app.ofType(HTTP_STAGE)) add(r, r.ctx.properties(r.logicalId).AccessLogSettings);
  for (const r of app.ofType(REST_DEPLOYMENT)) {
    const description = r.ctx.properties(r.logicalId).StageDescription;
    if (isObject(description)) add(r, description.AccessLogSetting);
  }
  return out;
}

function bucketSources(app: AppContext): LogSource[] {
  const out: LogSource[] = [];
  for (const r of app.ofType(BUCKET)) {
    const deliveries = possibleValues(r.ctx.properties(r.logicalId).LoggingConfiguration).flatMap((logging): Delivery[] => {
      if (logging === undefined) return [];
      if (!isObject(logging)) return [{ kind: 'unknown', reason: `LoggingConfiguration is ${describeValue(logging)}` }];
      const prefix = readString(logging.LogFilePrefix) ?? '';
      // Without DestinationBucketName, S3 writes the logs into the bucket itself.
      if (logging.DestinationBucketName === undefined) return [{ kind: 'bucket', target: { kind: 'resource', resource: r, suffix: '' }, prefix }];
      return toBucket(app, r, logging.DestinationBucketName, () => prefix);
    });
    if (deliveries.length > 0) out.push(source(r, 'server access logs', deliveries));
  }
  return out;
}

/**
 * Vended log deliveries: `AWS::Logs::DeliverySource` (the resource that logs, such as a
 * CloudFront distribution) → `AWS::Logs::Delivery` → `AWS::Logs::DeliveryDestination` (a
 * bucket, a log group or a Firehose stream). The source is the resource the delivery source
 * names when it is in the app, else the delivery source itself.
 */
function vendedSources(app: AppContext): LogSource[] {
  const bySource = new Map<string, { source: AppResource; deliveries: Delivery[]; variants: Array<readonly Delivery[]> }>();
  for (const d of app.ofType(DELIVERY)) {
    const p = d.ctx.properties(d.logicalId);
    for (const src of app.targets(d.ctx, p.DeliverySourceName, [DELIVERY_SOURCE])) {
      if (src.kind !== 'resource') continue;
      const logged = app.targets(src.resource.ctx, src.resource.ctx.properties(src.resource.logicalId).ResourceArn, [DISTRIBUTION]);
      const subject = logged.length === 1 && logged[0].kind === 'resource' ? logged[0].resource : src.resource;
      const key = app.key(subject);
      const entry = bySource.get(key) ?? { source: subject, deliveries: [], variants: [[]] };
      const these: Delivery[] = [];
      for (const dest of app.targets(d.ctx, p.DeliveryDestinationArn, [DELIVERY_DESTINATION])) {
        if (dest.kind !== 'resource') {
          these.push({ kind: 'unknown', reason: dest.kind === 'external' ? `delivery destination '${dest.text}' is not in the templates` : dest.reason });
          continue;
        }
        const dp: ValueObject = dest.resource.ctx.properties(dest.resource.logicalId);
        const r = dest.resource;
        these.push(...app.targets(r.ctx, dp.DestinationResourceArn, [BUCKET, LOG_GROUP, FIREHOSE]).map((target): Delivery => {
          const type = target.kind === 'resource' ? target.resource.ctx.typeOf(target.resource.logicalId) : undefined;
          const text = target.kind === 'external' ? target.text : '';
          if (type === BUCKET || /^arn:[^:]*:s3:::/.test(text)) return { kind: 'bucket', target, prefix: new Unknown('vended logs choose their own key prefix') };
          if (type === FIREHOSE || /^arn:[^:]*:firehose:/.test(text)) return { kind: 'stream', target };
          return { kind: 'log-group', target };
        }));
      }
      if (these.length === 0) these.push({ kind: 'none', why: `${d.ctx.label(d.logicalId)} names no destination` });
      entry.deliveries.push(...these);
      entry.variants = combine(entry.variants, these.map((x) => [x]));
      bySource.set(key, entry);
    }
  }
  return [...bySource.values()].map((e) => ({ resource: e.source, logs: 'logs', deliveries: e.deliveries, variants: e.variants }));
}
