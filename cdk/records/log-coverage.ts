/**
 * LOG-3 over an app: every VPC has a flow log of all its traffic (the flow log may be in
 * another stack), load balancers, CloudFront distributions and API stages write access logs,
 * and buckets that do not themselves hold logs write server access logs.
 */
import type { LogCoverageFact } from '../../constructs/facts/logging';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import type { AppContext, AppResource } from './app-context';
import {
  ALB, attributeMaps, BUCKET, CLB, DISTRIBUTION, FLOW_LOG, HTTP_STAGE, logsAccess, logSources, REST_DEPLOYMENT, REST_STAGE, vendedLogSubjects,
} from './log-sources';
import { describeValue, isObject, possibleValues, readBoolean, readString } from './read';
import type { Value } from './values';

const VPC = 'AWS::EC2::VPC';
const BUCKET_POLICY = 'AWS::S3::BucketPolicy';

/** Services that write logs into buckets: a bucket granting them writes is a log bucket. */
const LOG_DELIVERY_SERVICES: ReadonlySet<string> = new Set([
  'logging.s3.amazonaws.com', 'delivery.logs.amazonaws.com', 'cloudtrail.amazonaws.com', 'logdelivery.elasticloadbalancing.amazonaws.com', 'config.amazonaws.com',
]);

/**
 * The LOG-3 facts of an app.
 *
 * @example
 * logCoverageFacts(new AppContext([ctx])).filter((f) => f.enabled === false)
 */
export function logCoverageFacts(app: AppContext): LogCoverageFact[] {
  return [...vpcFacts(app), ...loadBalancerFacts(app), ...distributionFacts(app), ...stageFacts(app), ...bucketFacts(app)];
}

function fact(r: AppResource, logs: string, enabled: Maybe<boolean>, why: string): LogCoverageFact {
  return { kind: 'log-coverage', subject: r.ctx.ref(r.logicalId), label: r.ctx.label(r.logicalId), logs, enabled, why };
}

// ---------------------------------------------------------------- VPC flow logs

/** Traffic a flow log records in every Fn::If branch: ACCEPT, REJECT, or both for ALL. */
function recordedTraffic(v: Value | undefined): Maybe<Set<string>> {
  let common: Set<string> | undefined;
  for (const option of possibleValues(v)) {
    const t = readString(option);
    if (isUnknown(t)) return new Unknown(`TrafficType is ${t.reason}`);
    const set = new Set(t === undefined || t === 'ALL' ? ['ACCEPT', 'REJECT'] : [t]);
    common = common ? new Set([...common].filter((x) => set.has(x))) : set;
  }
  return common ?? new Set();
}

function vpcFacts(app: AppContext): LogCoverageFact[] {
  const traffic = new Map<string, { set: Set<string>; logs: string[] }>();
  const unknownTargets: string[] = [];
  for (const flowLog of app.ofType(FLOW_LOG)) {
    const p = flowLog.ctx.properties(flowLog.logicalId);
    if (possibleValues(p.ResourceType).every((t) => t !== 'VPC')) continue;
    const label = flowLog.ctx.label(flowLog.logicalId);
    const recorded = recordedTraffic(p.TrafficType);
    const targets = app.targets(flowLog.ctx, p.ResourceId, [VPC]);
    // A VPC chosen by Fn::If has the flow log only if every branch names it.
    const keys = targets.map((t) => (t.kind === 'resource' ? app.key(t.resource) : ''));
    for (const t of targets) {
      if (t.kind === 'resource' && keys.some((k) => k !== app.key(t.resource))) continue;
      if (t.kind === 'unknown') {
        unknownTargets.push(`${label} has ResourceId ${t.reason}, which may be it`);
        continue;
      }
      if (t.kind !== 'resource') continue;
      if (isUnknown(recorded)) {
        unknownTargets.push(`${label} has ${recorded.reason}`);
        continue;
      }
      const key = app.key(t.resource);
      const entry = traffic.get(key) ?? { set: new Set<string>(), logs: [] };
      recorded.forEach((x) => entry.set.add(x));
      entry.logs.push(`${label} has TrafficType ${[...recorded].join(' and ')}`);
      traffic.set(key, entry);
    }
  }
  return app.ofType(VPC).map((vpc) => {
    const entry = traffic.get(app.key(vpc));
    if (entry && entry.set.has('ACCEPT') && entry.set.has('REJECT')) return fact(vpc, 'flow logs', true, '');
    if (unknownTargets.length > 0) return fact(vpc, 'flow logs', new Unknown(unknownTargets.join('; ')), '');
    if (entry) {
      const missing = entry.set.has('ACCEPT') ? 'rejected' : 'accepted';
      return fact(vpc, 'flow logs of all its traffic', false, `${entry.logs.join('; ')}, so ${missing} traffic goes unrecorded`);
    }
    return fact(vpc, 'flow logs', false, 'no AWS::EC2::FlowLog in the templates checked has it as ResourceId');
  });
}

// ---------------------------------------------------------------- access logs

function loadBalancerFacts(app: AppContext): LogCoverageFact[] {
  const out: LogCoverageFact[] = [];
  for (const lb of app.ofType(ALB)) {
    const p = lb.ctx.properties(lb.logicalId);
    if (!logsAccess(p.Type)) continue;
    for (const attrs of attributeMaps(p.LoadBalancerAttributes)) {
      if (isUnknown(attrs)) {
        out.push(fact(lb, 'access logs', attrs, ''));
        continue;
      }
      const on = readBoolean(attrs.get('access_logs.s3.enabled'));
      if (on === undefined) out.push(fact(lb, 'access logs', false, 'LoadBalancerAttributes does not set access_logs.s3.enabled, and access logs are off by default'));
      else if (isUnknown(on)) out.push(fact(lb, 'access logs', new Unknown(`access_logs.s3.enabled is ${on.reason}`), ''));
      else out.push(fact(lb, 'access logs', on, 'access_logs.s3.enabled is false'));
    }
  }
  for (const lb of app.ofType(CLB)) {
    for (const policy of possibleValues(lb.ctx.properties(lb.logicalId).AccessLoggingPolicy)) {
      if (policy === undefined) out.push(fact(lb, 'access logs', false, 'AccessLoggingPolicy is not set'));
      else if (!isObject(policy)) out.push(fact(lb, 'access logs', new Unknown(`AccessLoggingPolicy is ${describeValue(policy)}`), ''));
      else out.push(flagFact(lb, 'access logs', policy.Enabled, 'AccessLoggingPolicy.Enabled'));
    }
  }
  return out;
}

function flagFact(r: AppResource, logs: string, v: Value | undefined, property: string): LogCoverageFact {
  const b = readBoolean(v);
  if (isUnknown(b)) return fact(r, logs, new Unknown(`${property} is ${b.reason}`), '');
  return fact(r, logs, b === true, b === undefined ? `${property} is not set` : `${property} is false`);
}

function distributionFacts(app: AppContext): LogCoverageFact[] {
  const withDelivery = vendedLogSubjects(app);
  return app.ofType(DISTRIBUTION).flatMap((cdn) => {
    if (withDelivery.has(app.key(cdn))) return [fact(cdn, 'access logs', true, '')];
    const config = cdn.ctx.properties(cdn.logicalId).DistributionConfig;
    if (!isObject(config)) return [fact(cdn, 'access logs', new Unknown(`DistributionConfig is ${describeValue(config)}`), '')];
    return possibleValues(config.Logging).map((logging) => {
      if (logging === undefined) return fact(cdn, 'access logs', false, 'DistributionConfig.Logging is not set and no AWS::Logs::DeliverySource delivers its access logs');
      if (!isObject(logging)) return fact(cdn, 'access logs', new Unknown(`DistributionConfig.Logging is ${describeValue(logging)}`), '');
      return fact(cdn, 'access logs', logging.Bucket !== undefined, 'DistributionConfig.Logging has no Bucket');
    });
  });
}

function stageFacts(app: AppContext): LogCoverageFact[] {
  const out: LogCoverageFact[] = [];
  const add = (r: AppResource, setting: Value | undefined, property: string): void => {
    for (const s of possibleValues(setting)) {
      if (s === undefined) out.push(fact(r, 'access logs', false, `${property} is not set`));
      else if (!isObject(s)) out.push(fact(r, 'access logs', new Unknown(`${property} is ${describeValue(s)}`), ''));
      else out.push(fact(r, 'access logs', s.DestinationArn !== undefined, `${property} has no DestinationArn`));
    }
  };
  for (const r of app.ofType(REST_STAGE)) add(r, r.ctx.properties(r.logicalId).AccessLogSetting, 'AccessLogSetting');
  for (const r of app.ofType(HTTP_STAGE)) add(r, r.ctx.properties(r.logicalId).AccessLogSettings, 'AccessLogSettings');
  for (const r of app.ofType(REST_DEPLOYMENT)) {
    const p = r.ctx.properties(r.logicalId);
    // A deployment creates a stage only when it names one.
    if (p.StageName === undefined) continue;
    const description = p.StageDescription;
    add(r, isObject(description) ? description.AccessLogSetting : undefined, 'StageDescription.AccessLogSetting');
  }
  return out;
}

// ---------------------------------------------------------------- S3 server access logs

function bucketFacts(app: AppContext): LogCoverageFact[] {
  const logBuckets = new Set<string>();
  // A bucket that receives logs in every Fn::If branch of some source holds logs.
  for (const s of logSources(app)) {
    const perVariant = s.variants.map((v) => new Set(v.flatMap((d) => (d.kind === 'bucket' && d.target.kind === 'resource' ? [app.key(d.target.resource)] : []))));
    for (const key of perVariant[0] ?? []) if (perVariant.every((set) => set.has(key))) logBuckets.add(key);
  }
  for (const policy of app.ofType(BUCKET_POLICY)) {
    const p = policy.ctx.properties(policy.logicalId);
    if (!grantsLogDelivery(p.PolicyDocument)) continue;
    for (const t of app.targets(policy.ctx, p.Bucket, [BUCKET])) if (t.kind === 'resource') logBuckets.add(app.key(t.resource));
  }
  const out: LogCoverageFact[] = [];
  for (const bucket of app.ofType(BUCKET)) {
    const p = bucket.ctx.properties(bucket.logicalId);
    if (logBuckets.has(app.key(bucket)) || p.AccessControl === 'LogDeliveryWrite') continue;
    for (const logging of possibleValues(p.LoggingConfiguration)) {
      if (logging === undefined) out.push(fact(bucket, 'server access logs', false, 'LoggingConfiguration is not set, and no log source in the templates writes into it'));
      else if (!isObject(logging)) out.push(fact(bucket, 'server access logs', new Unknown(`LoggingConfiguration is ${describeValue(logging)}`), ''));
      else out.push(fact(bucket, 'server access logs', true, ''));
    }
  }
  return out;
}

/** Whether a bucket policy lets a log delivery service write objects. */
function grantsLogDelivery(doc: Value | undefined): boolean {
  if (!isObject(doc) || !Array.isArray(doc.Statement)) return false;
  return (doc.Statement as readonly Value[]).some((s) => {
    if (!isObject(s) || s.Effect !== 'Allow' || !isObject(s.Principal)) return false;
    const services = s.Principal.Service;
    const list = Array.isArray(services) ? services : [services];
    return list.some((x: Value) => typeof x === 'string' && LOG_DELIVERY_SERVICES.has(x));
  });
}
