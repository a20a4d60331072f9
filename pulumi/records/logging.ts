/**
 * GCP logging -> logging facts: log bucket retention (LOG-1), log sinks to Cloud Storage and the
 * project's `_Default` log bucket with nothing copying it to storage (LOG-2), subnetwork flow
 * logs, firewall logs and load balancer request logs (LOG-3), and Data Access audit logs
 * (LOG-5).
 */
import type { ArchiveEnd, ArchiveRoute, AuditTrailFact, LogArchiveFact, LogCoverageFact, LogStoreFact, Retention } from '../../constructs/facts/logging';
import type { RequirementId } from '../../constructs/requirements';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import { readPolicyData } from './identity';
import type { ProgramContext } from './program';
import { at, isObject, readBoolean, readList, readNumber, readString } from './read';
import type { PulumiObject, PulumiResource, PulumiValue } from './resource';
import { GCP } from './types';

type Out = LogStoreFact | LogArchiveFact | LogCoverageFact | AuditTrailFact;

const LOG_BUCKETS = [GCP.projectLogBucket, GCP.folderLogBucket, GCP.organizationLogBucket, GCP.billingAccountLogBucket];
const SINKS = [GCP.projectSink, GCP.folderSink, GCP.organizationSink, GCP.billingAccountSink];
const BACKENDS = [GCP.backendService, GCP.regionBackendService];
const AUDIT_CONFIGS = [GCP.projectAuditConfig, GCP.folderAuditConfig, GCP.organizationAuditConfig];
const IAM_POLICIES = [GCP.projectIamPolicy, GCP.folderIamPolicy, GCP.organizationIamPolicy];

/**
 * The GCP types this file reads, and what it judges them for.
 *
 * @example
 * GCP_LOGGING_BINDINGS['gcp:logging/projectSink:ProjectSink'] // ['LOG-2']
 */
export const GCP_LOGGING_BINDINGS: Readonly<Record<string, readonly RequirementId[]>> = {
  ...Object.fromEntries(LOG_BUCKETS.map((t): [string, readonly RequirementId[]] => [t, t === GCP.projectLogBucket ? ['LOG-1', 'LOG-2'] : ['LOG-1']])),
  ...Object.fromEntries(SINKS.map((t): [string, readonly RequirementId[]] => [t, ['LOG-2']])),
  [GCP.subnetwork]: ['LOG-3'],
  [GCP.firewall]: ['LOG-3'],
  ...Object.fromEntries(BACKENDS.map((t): [string, readonly RequirementId[]] => [t, ['LOG-3']])),
  ...Object.fromEntries([...AUDIT_CONFIGS, ...IAM_POLICIES].map((t): [string, readonly RequirementId[]] => [t, ['LOG-5']])),
};

/** Log buckets keep entries 30 days unless `retentionDays` says otherwise (`_Default` included). */
const DEFAULT_LOG_RETENTION = 30;

/** Subnetworks of these purposes carry no VM traffic and take no flow logs. */
const NO_FLOW_LOGS = ['REGIONAL_MANAGED_PROXY', 'GLOBAL_MANAGED_PROXY', 'INTERNAL_HTTPS_LOAD_BALANCER', 'PRIVATE_SERVICE_CONNECT', 'PRIVATE_NAT', 'PEER_MIGRATION'];

/**
 * Every logging fact of a program.
 *
 * @example
 * gcpLoggingFacts(new ProgramContext(resources)).filter((f) => f.kind === 'log-store')
 */
export function gcpLoggingFacts(program: ProgramContext): Out[] {
  const out: Out[] = [];
  for (const b of program.ofTypes(LOG_BUCKETS)) {
    const store = logStore(program, b);
    if (store) out.push(store);
  }
  if (program.complete) out.push(...archives(program));
  for (const s of program.ofType(GCP.subnetwork)) {
    const c = flowLogs(program, s);
    if (c) out.push(c);
  }
  for (const f of program.ofType(GCP.firewall)) {
    if (readBoolean(f.inputs.disabled) === true) continue;
    const config = f.inputs.logConfig;
    out.push(coverage(program, f, 'firewall logs', isUnknown(config) ? config : present(config), 'logConfig is not set, so the firewall logs no connections'));
  }
  for (const b of program.ofTypes(BACKENDS)) out.push(requestLogs(program, b));
  for (const c of program.ofTypes(AUDIT_CONFIGS)) out.push(auditConfig(program, c, c.inputs, ''));
  for (const p of program.ofTypes(IAM_POLICIES)) out.push(...policyAuditConfigs(program, p));
  return out;
}

function present(v: PulumiValue | undefined): boolean {
  return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
}

/** LOG-1: how long a log bucket keeps entries. */
function logStore(program: ProgramContext, b: PulumiResource): LogStoreFact | undefined {
  const id = readString(b.inputs.bucketId);
  // _Required keeps Admin Activity and system logs 400 days and cannot be changed.
  if (id === '_Required') return undefined;
  const days = readNumber(b.inputs.retentionDays);
  const base = { kind: 'log-store' as const, subject: program.ref(b), label: `${program.label(b)}${typeof id === 'string' ? ` (${id})` : ''}` };
  if (isUnknown(days)) return { ...base, retention: new Unknown(`retentionDays is ${days.reason}`), why: '' };
  if (days === undefined) return { ...base, retention: DEFAULT_LOG_RETENTION, why: `retentionDays is not set (${DEFAULT_LOG_RETENTION} days by default)` };
  return { ...base, retention: days, why: `retentionDays is ${days}` };
}

/**
 * LOG-2: every sink to Cloud Storage is a backup route, judged by what its bucket keeps; the
 * project's `_Default` log bucket, when the program declares it and no sink copies logs to
 * Cloud Storage, is not backed up.
 */
function archives(program: ProgramContext): LogArchiveFact[] {
  const out: LogArchiveFact[] = [];
  const others: ArchiveRoute[] = [];
  let toStorage = false;
  for (const sink of program.ofTypes(SINKS)) {
    const route = sinkRoute(program, sink);
    if (route.storage) {
      toStorage = true;
      out.push({ kind: 'log-archive', subject: program.ref(sink), label: program.label(sink), logs: 'logs', routes: [route.route] });
    } else if (sink.type === GCP.projectSink) {
      others.push(route.route);
    }
  }
  if (toStorage) return out;
  for (const b of program.ofType(GCP.projectLogBucket)) {
    if (readString(b.inputs.bucketId) !== '_Default') continue;
    out.push({ kind: 'log-archive', subject: program.ref(b), label: `${program.label(b)} (_Default)`, logs: "project's logs", routes: others });
  }
  return out;
}

/** Where a sink's logs end. */
function sinkRoute(program: ProgramContext, sink: PulumiResource): { storage: boolean; route: ArchiveRoute } {
  const via = [program.label(sink)];
  const end = (e: ArchiveEnd, storage = false): { storage: boolean; route: ArchiveRoute } => ({ storage, route: { via, end: e } });
  const disabled = readBoolean(sink.inputs.disabled);
  const destination = readString(sink.inputs.destination);
  if (isUnknown(destination)) {
    const bucket = program.target(sink, ['destination'], GCP.bucket);
    if (bucket !== undefined && !isUnknown(bucket)) return end(bucketEnd(program, bucket), true);
    return end({ kind: 'unknown', reason: `its destination is ${destination.reason}` }, true);
  }
  if (destination === undefined) return end({ kind: 'unknown', reason: 'it has no destination' });
  const storage = /^storage\.googleapis\.com\/(.+)$/.exec(destination);
  if (!storage) {
    const what = destination.startsWith('logging.googleapis.com/') ? 'a log bucket' : destination.startsWith('bigquery.googleapis.com/') ? 'a BigQuery dataset' : destination.startsWith('pubsub.googleapis.com/') ? 'a Pub/Sub topic' : `'${destination}'`;
    return end({ kind: 'elsewhere', why: `${program.label(sink)} sends them to ${what}, which is not cloud storage` });
  }
  if (disabled === true) return end({ kind: 'elsewhere', why: `${program.label(sink)} is disabled` }, true);
  if (isUnknown(disabled)) return end({ kind: 'unknown', reason: `whether ${program.label(sink)} is disabled is ${disabled.reason}` }, true);
  const bucket = program.targetOf(sink, 'destination', storage[1], GCP.bucket, 'destination');
  if (!bucket || isUnknown(bucket)) return end({ kind: 'unknown', reason: `bucket '${storage[1]}' is not declared in the program` }, true);
  return end(bucketEnd(program, bucket), true);
}

function bucketEnd(program: ProgramContext, bucket: PulumiResource): ArchiveEnd {
  const kept = bucketRetention(bucket.inputs);
  if (isUnknown(kept.retention)) return { kind: 'unknown', reason: `what ${program.label(bucket)} keeps: ${kept.retention.reason}` };
  return { kind: 'storage', label: program.label(bucket), retention: kept.retention, why: kept.why };
}

/**
 * How long a Cloud Storage bucket keeps objects: until the first lifecycle rule that deletes
 * live objects by age, but never before its retention policy allows; forever without such a rule.
 *
 * @example
 * bucketRetention({ lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: 30 } }] }) // { retention: 30, ... }
 */
export function bucketRetention(inputs: PulumiObject): { retention: Maybe<Retention>; why: string } {
  const rules = readList(inputs.lifecycleRules);
  if (isUnknown(rules)) return { retention: new Unknown(`lifecycleRules is ${rules.reason}`), why: '' };
  let deleteAt: { days: number; where: string } | undefined;
  for (const [i, rule] of (rules ?? []).entries()) {
    if (!isObject(rule)) continue;
    const type = readString(at(rule, 'action', 'type'));
    if (isUnknown(type)) return { retention: new Unknown(`lifecycleRules[${i}].action.type is ${type.reason}`), why: '' };
    if (type !== 'Delete') continue;
    const condition = at(rule, 'condition');
    if (isUnknown(condition)) return { retention: new Unknown(`lifecycleRules[${i}].condition is ${condition.reason}`), why: '' };
    // Rules for noncurrent versions only leave the live objects alone.
    if (isObject(condition) && (readBoolean(condition.isLive) === false || condition.withState === 'ARCHIVED' || condition.numNewerVersions !== undefined || condition.daysSinceNoncurrentTime !== undefined)) continue;
    const age = readNumber(isObject(condition) ? condition.age : undefined);
    if (isUnknown(age)) return { retention: new Unknown(`lifecycleRules[${i}].condition.age is ${age.reason}`), why: '' };
    const days = age ?? 0;
    if (!deleteAt || days < deleteAt.days) deleteAt = { days, where: `lifecycleRules[${i}] deletes objects at age ${days} days` };
  }
  if (!deleteAt) return { retention: 'forever', why: 'no lifecycle rule deletes objects' };
  const locked = readNumber(at(inputs, 'retentionPolicy', 'retentionPeriod'));
  if (isUnknown(locked)) return { retention: new Unknown(`retentionPolicy.retentionPeriod is ${locked.reason}`), why: '' };
  const lockedDays = locked === undefined ? 0 : locked / 86400;
  if (lockedDays > deleteAt.days) return { retention: lockedDays, why: `${deleteAt.where}, but retentionPolicy keeps them ${Math.round(lockedDays)} days` };
  return { retention: deleteAt.days, why: deleteAt.where };
}

/** LOG-3: VPC flow logs of a subnetwork. */
function flowLogs(program: ProgramContext, s: PulumiResource): LogCoverageFact | undefined {
  const purpose = readString(s.inputs.purpose);
  if (typeof purpose === 'string' && NO_FLOW_LOGS.includes(purpose.toUpperCase())) return undefined;
  const config = s.inputs.logConfig;
  if (isUnknown(config)) return coverage(program, s, 'flow logs', config, '');
  if (isObject(config)) {
    const sampling = readNumber(config.flowSampling);
    if (isUnknown(sampling)) return coverage(program, s, 'flow logs', new Unknown(`logConfig.flowSampling is ${sampling.reason}`), '');
    return coverage(program, s, 'flow logs', sampling !== 0, 'logConfig.flowSampling is 0, so no flow is recorded');
  }
  const legacy = readBoolean(s.inputs.enableFlowLogs);
  if (isUnknown(legacy)) return coverage(program, s, 'flow logs', legacy, '');
  return coverage(program, s, 'flow logs', legacy === true, 'logConfig is not set, so the subnetwork records no flow logs');
}

/** LOG-3: request logs of a load balancer's backend service. */
function requestLogs(program: ProgramContext, b: PulumiResource): LogCoverageFact {
  const enable = readBoolean(at(b.inputs, 'logConfig', 'enable'));
  if (isUnknown(enable)) return coverage(program, b, 'request logs', new Unknown(`logConfig.enable is ${enable.reason}`), '');
  if (enable !== true) return coverage(program, b, 'request logs', false, `logConfig.enable is ${enable === false ? 'false' : 'not set'}, so the load balancer writes no request logs`);
  const rate = readNumber(at(b.inputs, 'logConfig', 'sampleRate'));
  if (isUnknown(rate)) return coverage(program, b, 'request logs', new Unknown(`logConfig.sampleRate is ${rate.reason}`), '');
  return coverage(program, b, 'request logs', rate !== 0, 'logConfig.sampleRate is 0, so no request is logged');
}

function coverage(program: ProgramContext, r: PulumiResource, logs: string, enabled: Maybe<boolean>, why: string): LogCoverageFact {
  return { kind: 'log-coverage', subject: program.ref(r), label: program.label(r), logs, enabled, why };
}

const LOG_TYPES = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'];

/**
 * LOG-5: Data Access audit logs. Admin Activity logs are always on and cannot be altered; what
 * a program decides is whether reads and writes of data are logged, for every service, and for
 * whom (exempted members are not).
 */
function auditConfig(program: ProgramContext, r: PulumiResource, config: PulumiObject, prefix: string): AuditTrailFact {
  const base = { kind: 'audit-trail' as const, subject: program.ref(r), label: program.label(r) };
  const service = readString(config.service);
  const logConfigs = readList(config.auditLogConfigs);
  if (isUnknown(logConfigs)) {
    const holds = new Unknown(`${prefix}auditLogConfigs is ${logConfigs.reason}`);
    return { ...base, aspects: [{ aspect: 'all-operations', holds, why: '' }, { aspect: 'all-principals', holds, why: '' }] };
  }
  const types = new Set<string>();
  const exempted: string[] = [];
  let unknownPart: Unknown | undefined;
  (logConfigs ?? []).forEach((c, i) => {
    if (!isObject(c)) return;
    const t = readString(c.logType);
    if (isUnknown(t)) unknownPart = new Unknown(`${prefix}auditLogConfigs[${i}].logType is ${t.reason}`);
    else if (t !== undefined) types.add(t.toUpperCase());
    const members = readList(c.exemptedMembers);
    if (isUnknown(members)) unknownPart = new Unknown(`${prefix}auditLogConfigs[${i}].exemptedMembers is ${members.reason}`);
    else for (const m of members ?? []) exempted.push(typeof m === 'string' ? m : 'a member known only at deploy');
  });
  const aspects: Array<AuditTrailFact['aspects'][number]> = [];
  if (isUnknown(service) || service === 'allServices') {
    const missing = LOG_TYPES.filter((t) => !types.has(t));
    const holds: Maybe<boolean> = isUnknown(service) ? new Unknown(`${prefix}service is ${service.reason}`) : missing.length === 0 ? true : (unknownPart ?? false);
    aspects.push({ aspect: 'all-operations', holds, why: `${prefix}auditLogConfigs of allServices lack ${missing.join(', ')}` });
  }
  aspects.push({
    aspect: 'all-principals',
    holds: exempted.length > 0 ? false : (unknownPart ?? true),
    why: `${prefix}auditLogConfigs exempt ${exempted.join(', ')}${typeof service === 'string' ? ` from the audit logs of ${service}` : ''}`,
  });
  return { ...base, aspects };
}

/** The audit configs inside an authoritative IAM policy (`policyData.auditConfigs`). */
function policyAuditConfigs(program: ProgramContext, p: PulumiResource): AuditTrailFact[] {
  const data = readPolicyData(p.inputs.policyData);
  if (isUnknown(data)) return [];
  const configs = readList(data.auditConfigs);
  if (configs === undefined) return [];
  if (isUnknown(configs)) {
    const holds = new Unknown(`policyData.auditConfigs is ${configs.reason}`);
    return [{ kind: 'audit-trail', subject: program.ref(p), label: program.label(p), aspects: [{ aspect: 'all-operations', holds, why: '' }] }];
  }
  return configs.flatMap((c, i) => (isObject(c) ? [auditConfig(program, p, c, `policyData.auditConfigs[${i}].`)] : []));
}
