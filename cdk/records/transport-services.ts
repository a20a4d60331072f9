/**
 * CloudFormation data services -> TLS-4 facts: do they refuse clients that do not use TLS?
 * Buckets, topics and queues through the resource policies that target them; databases
 * through their parameter groups (an instance of a cluster through the cluster); caches,
 * search domains and Kafka clusters through their own settings. OpenSearch's TLS policy
 * (TLS-2) is read here too, with the domain's other transport settings.
 */
import type { TlsEnforcementFact, TlsPolicyFact } from '../../constructs/facts/transport';
import { isUnknown, Unknown } from '../../constructs/unknown';
import type { TemplateContext } from './context';
import { allOf, Judged, readChoice, readFlag, textsAt, valuesAt, worstOf } from './flags';
import { describeValue, isObject, possibleValues, readString } from './read';
import { bucketTarget, deniesInsecureTransport, queueTarget, SecureTransportTarget, topicTarget } from './secure-transport';
import { OPENSEARCH_DEFAULT_POLICY, openSearchPolicy } from './tls-policies';
import { Reference, Value, ValueObject } from './values';

const BUCKET = 'AWS::S3::Bucket';
const TOPIC = 'AWS::SNS::Topic';
const QUEUE = 'AWS::SQS::Queue';
const DB_INSTANCE = 'AWS::RDS::DBInstance';
const DB_CLUSTER = 'AWS::RDS::DBCluster';
const DB_PARAMETERS = 'AWS::RDS::DBParameterGroup';
const DB_CLUSTER_PARAMETERS = 'AWS::RDS::DBClusterParameterGroup';
const REDSHIFT = 'AWS::Redshift::Cluster';
const REDSHIFT_PARAMETERS = 'AWS::Redshift::ClusterParameterGroup';
const REDSHIFT_WORKGROUP = 'AWS::RedshiftServerless::Workgroup';
const DOCDB = 'AWS::DocDB::DBCluster';
const DOCDB_PARAMETERS = 'AWS::DocDB::DBClusterParameterGroup';
const REPLICATION_GROUP = 'AWS::ElastiCache::ReplicationGroup';
const CACHE_CLUSTER = 'AWS::ElastiCache::CacheCluster';
const OPENSEARCH = 'AWS::OpenSearchService::Domain';
const ELASTICSEARCH = 'AWS::Elasticsearch::Domain';
const MSK = 'AWS::MSK::Cluster';

/** The resource types this file reads, and what it judges them for. */
export const SERVICE_TRANSPORT_BINDINGS: Readonly<Record<string, readonly ('TLS-2' | 'TLS-4')[]>> = {
  [BUCKET]: ['TLS-4'],
  'AWS::S3::BucketPolicy': ['TLS-4'],
  [TOPIC]: ['TLS-4'],
  'AWS::SNS::TopicPolicy': ['TLS-4'],
  [QUEUE]: ['TLS-4'],
  'AWS::SQS::QueuePolicy': ['TLS-4'],
  [DB_INSTANCE]: ['TLS-4'],
  [DB_CLUSTER]: ['TLS-4'],
  [DB_PARAMETERS]: ['TLS-4'],
  [DB_CLUSTER_PARAMETERS]: ['TLS-4'],
  [REDSHIFT]: ['TLS-4'],
  [REDSHIFT_PARAMETERS]: ['TLS-4'],
  [REDSHIFT_WORKGROUP]: ['TLS-4'],
  [DOCDB]: ['TLS-4'],
  [REPLICATION_GROUP]: ['TLS-4'],
  [CACHE_CLUSTER]: ['TLS-4'],
  [OPENSEARCH]: ['TLS-2', 'TLS-4'],
  [ELASTICSEARCH]: ['TLS-2', 'TLS-4'],
  [MSK]: ['TLS-4'],
};

/**
 * Every TLS-4 fact of a template, and OpenSearch's TLS policies.
 *
 * @example
 * serviceTransportFacts(new TemplateContext(template)).filter((f) => f.enforced === false)
 */
export function serviceTransportFacts(ctx: TemplateContext): Array<TlsEnforcementFact | TlsPolicyFact> {
  return [
    ...policyFacts(ctx),
    ...databaseFacts(ctx),
    ...warehouseFacts(ctx),
    ...cacheFacts(ctx),
    ...searchFacts(ctx),
    ...kafkaFacts(ctx),
  ];
}

function fact(ctx: TemplateContext, id: string, judged: Judged<boolean>, fix: string, where?: string): TlsEnforcementFact {
  return {
    kind: 'tls-enforcement',
    subject: ctx.ref(id),
    label: ctx.label(id),
    ...(where !== undefined ? { where } : {}),
    enforced: judged.value,
    why: judged.why,
    fix,
  };
}

// ---------------------------------------------------------------- buckets, topics, queues

interface PolicyKind {
  readonly type: string;
  /** Policy resources, and the property that names their targets. */
  readonly policies: ReadonlyArray<{ readonly type: string; readonly property: string }>;
  readonly target: (ctx: TemplateContext, id: string) => SecureTransportTarget;
  readonly noun: string;
  readonly fix: string;
}

const POLICY_KINDS: readonly PolicyKind[] = [
  {
    type: BUCKET,
    policies: [{ type: 'AWS::S3::BucketPolicy', property: 'Bucket' }],
    target: (ctx, id) => {
      const name = readString(ctx.properties(id).BucketName);
      return bucketTarget(id, typeof name === 'string' ? name : undefined);
    },
    noun: 'bucket policy',
    fix: 'Add a bucket policy statement: Effect Deny, Principal "*", Action "s3:*", Resource the bucket ARN and "<bucket ARN>/*", Condition Bool aws:SecureTransport "false" (CDK: enforceSSL: true).',
  },
  {
    type: TOPIC,
    policies: [{ type: 'AWS::SNS::TopicPolicy', property: 'Topics' }, { type: 'AWS::SNS::TopicInlinePolicy', property: 'TopicArn' }],
    target: (_ctx, id) => topicTarget(id),
    noun: 'topic policy',
    fix: 'Add a topic policy statement: Effect Deny, Principal "*", Action "sns:Publish", Resource the topic, Condition Bool aws:SecureTransport "false" (CDK: enforceSSL: true).',
  },
  {
    type: QUEUE,
    policies: [{ type: 'AWS::SQS::QueuePolicy', property: 'Queues' }, { type: 'AWS::SQS::QueueInlinePolicy', property: 'Queue' }],
    target: (_ctx, id) => queueTarget(id),
    noun: 'queue policy',
    fix: 'Add a queue policy statement: Effect Deny, Principal "*", Action "sqs:*", Resource the queue ARN, Condition Bool aws:SecureTransport "false" (CDK: enforceSSL: true).',
  },
];

/** Buckets named by a literal `Bucket` in a bucket policy, indexed once per template. */
const literalBucketPolicies = new WeakMap<TemplateContext, Map<string, string[]>>();

function policiesByBucketName(ctx: TemplateContext): Map<string, string[]> {
  let index = literalBucketPolicies.get(ctx);
  if (!index) {
    index = new Map();
    for (const id of ctx.ofType('AWS::S3::BucketPolicy')) {
      for (const b of textsAt(ctx.properties(id), ['Bucket'])) {
        if (typeof b === 'string') index.set(b, [...(index.get(b) ?? []), id]);
      }
    }
    literalBucketPolicies.set(ctx, index);
  }
  return index;
}

function policyFacts(ctx: TemplateContext): TlsEnforcementFact[] {
  const out: TlsEnforcementFact[] = [];
  for (const kind of POLICY_KINDS) {
    for (const id of ctx.ofType(kind.type)) {
      const policyIds = new Set<string>();
      for (const r of ctx.referrers(id)) {
        if (kind.policies.some((p) => p.type === r.fromType && p.property === r.path[0])) policyIds.add(r.from);
      }
      if (kind.type === BUCKET) {
        const name = readString(ctx.properties(id).BucketName);
        if (typeof name === 'string') for (const p of policiesByBucketName(ctx).get(name) ?? []) policyIds.add(p);
      }
      const target = kind.target(ctx, id);
      let judged: Judged<boolean>;
      if (policyIds.size === 0) {
        judged = { value: false, why: `no ${kind.noun} in the template targets it, so nothing denies requests where aws:SecureTransport is false` };
      } else {
        const results = [...policyIds].map((p) => {
          const r = deniesInsecureTransport(ctx.properties(p).PolicyDocument, target);
          return { value: r.value, why: `in ${ctx.label(p)}, ${r.why}` };
        });
        // One policy that denies is enough: an explicit deny wins whatever the others allow.
        judged = results.find((r) => r.value === true) ?? allOf(results);
      }
      out.push(fact(ctx, id, judged, kind.fix));
    }
  }
  return out;
}

// ---------------------------------------------------------------- RDS and Aurora

/** What an engine needs set in its parameter group to refuse plain-text clients. */
interface EngineRule {
  readonly parameter: string;
  readonly accepts: (value: string) => boolean;
  readonly wanted: string;
  /** The engine's default for the parameter, given the parameter group family or engine version. */
  readonly defaultOn?: (majorVersion: number | undefined) => boolean | undefined;
}

const ON = (v: string): boolean => ['1', 'on', 'true'].includes(v.trim().toLowerCase());

/**
 * RDS for PostgreSQL sets rds.force_ssl to 1 by default from version 15; every other engine
 * defaults to accepting plain text.
 */
function engineRule(engine: string): EngineRule | undefined {
  const e = engine.toLowerCase();
  if (e === 'postgres') {
    return { parameter: 'rds.force_ssl', accepts: ON, wanted: 'rds.force_ssl=1', defaultOn: (major) => (major === undefined ? undefined : major >= 15) };
  }
  if (e === 'aurora-postgresql' || e.startsWith('sqlserver')) return { parameter: 'rds.force_ssl', accepts: ON, wanted: 'rds.force_ssl=1' };
  if (e === 'mysql' || e === 'mariadb' || e === 'aurora-mysql' || e === 'aurora') {
    return { parameter: 'require_secure_transport', accepts: ON, wanted: 'require_secure_transport=ON' };
  }
  return undefined;
}

function majorVersion(text: string | undefined): number | undefined {
  const m = text?.match(/(\d+)/);
  return m ? Number(m[1]) : undefined;
}

function databaseFacts(ctx: TemplateContext): TlsEnforcementFact[] {
  const out: TlsEnforcementFact[] = [];
  for (const id of ctx.ofType(DB_INSTANCE)) {
    const props = ctx.properties(id);
    const opaque = ctx.resolver.propertiesUnknown(id);
    if (opaque) {
      out.push(fact(ctx, id, { value: opaque, why: `its Properties are ${opaque.reason}` }, 'Declare the properties in the template.'));
      continue;
    }
    // An instance of an Aurora or Multi-AZ cluster takes its TLS settings from the cluster.
    if (props.DBClusterIdentifier !== undefined) continue;
    out.push(databaseFact(ctx, id, props, 'DBParameterGroupName', DB_PARAMETERS));
  }
  for (const id of ctx.ofType(DB_CLUSTER)) {
    out.push(databaseFact(ctx, id, ctx.properties(id), 'DBClusterParameterGroupName', DB_CLUSTER_PARAMETERS));
  }
  return out;
}

function databaseFact(ctx: TemplateContext, id: string, props: ValueObject, groupProperty: string, groupType: string): TlsEnforcementFact {
  const judged: Judged<boolean>[] = [];
  const versions = textsAt(props, ['EngineVersion']);
  for (const engine of textsAt(props, ['Engine'])) {
    if (engine === undefined || isUnknown(engine)) {
      const why = engine === undefined ? 'Engine is not set' : `Engine is ${engine.reason}`;
      judged.push({ value: new Unknown(why), why });
      continue;
    }
    const rule = engineRule(engine);
    if (!rule) {
      const why = `the ${engine} engine enforces TLS through option groups or server settings this check does not read`;
      judged.push({ value: new Unknown(why), why });
      continue;
    }
    for (const group of valuesAt(props, [groupProperty])) {
      for (const version of versions) {
        const major = typeof version === 'string' ? majorVersion(version) : undefined;
        judged.push(parameterGroupEnforces(ctx, rule, group, groupProperty, groupType, major, engine));
      }
    }
  }
  const fix = 'Attach a parameter group that sets rds.force_ssl=1 (PostgreSQL, SQL Server) or require_secure_transport=ON (MySQL, MariaDB).';
  return fact(ctx, id, worstOf(judged), fix);
}

function parameterGroupEnforces(
  ctx: TemplateContext,
  rule: EngineRule,
  group: Value | undefined,
  groupProperty: string,
  groupType: string,
  engineMajor: number | undefined,
  engine: string,
): Judged<boolean> {
  const byDefault = (major: number | undefined, what: string): Judged<boolean> => {
    const on = rule.defaultOn?.(major);
    if (on === true) return { value: true, why: `${what}, and ${engine} ${major} sets ${rule.wanted} by default` };
    if (on === undefined && rule.defaultOn) {
      const why = `${what}, and the engine version is not known (${engine} sets ${rule.wanted} by default only from version 15)`;
      return { value: new Unknown(why), why };
    }
    return { value: false, why: `${what}, which leaves ${rule.parameter} off` };
  };
  if (group === undefined) return byDefault(engineMajor, `${groupProperty} is not set, so the default parameter group applies`);
  const name = readString(group);
  if (typeof name === 'string') {
    if (name.startsWith('default.')) return byDefault(majorVersion(name.slice('default.'.length)) ?? engineMajor, `${groupProperty} is the default group ${name}`);
    const why = `${groupProperty} is '${name}', a parameter group not in this template`;
    return { value: new Unknown(why), why };
  }
  if (!(group instanceof Reference) || group.resourceType !== groupType) {
    const why = `${groupProperty} is ${describeValue(group)}`;
    return { value: group instanceof Unknown ? group : new Unknown(why), why };
  }
  const groupProps = ctx.properties(group.logicalId);
  const label = ctx.label(group.logicalId);
  const familyMajor = textsAt(groupProps, ['Family']).map((f) => (typeof f === 'string' ? majorVersion(f) : undefined))[0];
  return readChoice(valuesAt(groupProps, ['Parameters', rule.parameter]), `${rule.parameter} in ${label}`, (v) => {
    if (v === undefined) return byDefault(familyMajor ?? engineMajor, `${label} does not set ${rule.parameter}`);
    return { value: rule.accepts(v), why: `${label} sets ${rule.parameter} to ${v}` };
  });
}

// ---------------------------------------------------------------- Redshift and DocumentDB

function warehouseFacts(ctx: TemplateContext): TlsEnforcementFact[] {
  const out: TlsEnforcementFact[] = [];
  const fix = 'Attach a cluster parameter group with require_ssl set to true.';
  for (const id of ctx.ofType(REDSHIFT)) {
    const judged = valuesAt(ctx.properties(id), ['ClusterParameterGroupName']).map((group): Judged<boolean> => {
      const name = readString(group);
      if (group === undefined || (typeof name === 'string' && name.startsWith('default.'))) {
        const which = group === undefined ? 'ClusterParameterGroupName is not set, so the default parameter group applies' : `ClusterParameterGroupName is the default group ${name}`;
        return { value: false, why: `${which}, and the template does not set require_ssl to true` };
      }
      if (group instanceof Reference && group.resourceType === REDSHIFT_PARAMETERS) {
        const label = ctx.label(group.logicalId);
        return parameterList(ctx.properties(group.logicalId).Parameters, 'ParameterName', 'ParameterValue', 'require_ssl', label, (v) => v === undefined
          ? { value: false, why: `${label} does not set require_ssl (off unless set)` }
          : { value: ON(v), why: `${label} sets require_ssl to ${v}` });
      }
      const why = `ClusterParameterGroupName is ${describeValue(group)}, a parameter group not in this template`;
      return { value: new Unknown(why), why };
    });
    out.push(fact(ctx, id, worstOf(judged), fix));
  }
  for (const id of ctx.ofType(REDSHIFT_WORKGROUP)) {
    const judged = parameterList(ctx.properties(id).ConfigParameters, 'ParameterKey', 'ParameterValue', 'require_ssl', 'ConfigParameters', (v) => v === undefined
      ? { value: false, why: 'ConfigParameters does not set require_ssl to true' }
      : { value: ON(v), why: `ConfigParameters sets require_ssl to ${v}` });
    out.push(fact(ctx, id, judged, 'Add { ParameterKey: require_ssl, ParameterValue: "true" } to ConfigParameters.'));
  }
  for (const id of ctx.ofType(DOCDB)) {
    const judged = valuesAt(ctx.properties(id), ['DBClusterParameterGroupName']).map((group): Judged<boolean> => {
      const tlsOn = (v: string | undefined, label: string): Judged<boolean> => (v === undefined
        ? { value: true, why: `${label} leaves tls at its default, enabled` }
        : { value: v.toLowerCase() !== 'disabled', why: `${label} sets tls to ${v}` });
      if (group === undefined) return { value: true, why: 'the default cluster parameter group enables tls' };
      const name = readString(group);
      if (typeof name === 'string' && name.startsWith('default.')) return { value: true, why: `${name} enables tls` };
      if (group instanceof Reference && group.resourceType === DOCDB_PARAMETERS) {
        const label = ctx.label(group.logicalId);
        return readChoice(valuesAt(ctx.properties(group.logicalId), ['Parameters', 'tls']), `tls in ${label}`, (v) => tlsOn(v, label));
      }
      const why = `DBClusterParameterGroupName is ${describeValue(group)}, a parameter group not in this template`;
      return { value: new Unknown(why), why };
    });
    out.push(fact(ctx, id, worstOf(judged), 'Keep tls enabled in the cluster parameter group.'));
  }
  return out;
}

/** A parameter in a list of `{ <nameKey>, <valueKey> }` entries. */
function parameterList(
  list: Value | undefined,
  nameKey: string,
  valueKey: string,
  parameter: string,
  where: string,
  judge: (value: string | undefined) => Judged<boolean>,
): Judged<boolean> {
  return worstOf(possibleValues(list).map((l): Judged<boolean> => {
    if (l === undefined) return judge(undefined);
    if (!Array.isArray(l)) {
      const why = `the parameters of ${where} are ${describeValue(l)}`;
      return { value: l instanceof Unknown ? l : new Unknown(why), why };
    }
    const entry = l.find((p: Value) => isObject(p) && readString(p[nameKey]) === parameter);
    if (!isObject(entry)) return judge(undefined);
    return readChoice(possibleValues(entry[valueKey]), `${parameter} in ${where}`, judge);
  }));
}

// ---------------------------------------------------------------- ElastiCache, OpenSearch, MSK

function cacheFacts(ctx: TemplateContext): TlsEnforcementFact[] {
  const out: TlsEnforcementFact[] = [];
  for (const id of [...ctx.ofType(REPLICATION_GROUP), ...ctx.ofType(CACHE_CLUSTER)]) {
    const props = ctx.properties(id);
    const enabled = readFlag(valuesAt(props, ['TransitEncryptionEnabled']), 'TransitEncryptionEnabled', { value: false, why: 'TransitEncryptionEnabled is not set (off by default)' });
    const mode = readChoice(valuesAt(props, ['TransitEncryptionMode']), 'TransitEncryptionMode', (m) => (m === 'preferred'
      ? { value: false, why: 'TransitEncryptionMode is preferred, which still accepts plain-text clients' }
      : { value: true, why: `TransitEncryptionMode is ${m ?? 'required by default'}` }));
    out.push(fact(ctx, id, allOf([enabled, mode]), 'Set TransitEncryptionEnabled: true with TransitEncryptionMode: required.'));
  }
  return out;
}

function searchFacts(ctx: TemplateContext): Array<TlsEnforcementFact | TlsPolicyFact> {
  const out: Array<TlsEnforcementFact | TlsPolicyFact> = [];
  for (const id of [...ctx.ofType(OPENSEARCH), ...ctx.ofType(ELASTICSEARCH)]) {
    const props = ctx.properties(id);
    const https = readFlag(valuesAt(props, ['DomainEndpointOptions', 'EnforceHTTPS']), 'DomainEndpointOptions.EnforceHTTPS',
      { value: false, why: 'DomainEndpointOptions.EnforceHTTPS is not set (off by default)' });
    out.push(fact(ctx, id, https, 'Set DomainEndpointOptions.EnforceHTTPS: true.', 'client endpoint'));
    const nodes = readFlag(valuesAt(props, ['NodeToNodeEncryptionOptions', 'Enabled']), 'NodeToNodeEncryptionOptions.Enabled',
      { value: false, why: 'NodeToNodeEncryptionOptions.Enabled is not set (off by default)' });
    out.push(fact(ctx, id, nodes, 'Set NodeToNodeEncryptionOptions.Enabled: true.', 'node-to-node traffic'));
    for (const name of textsAt(props, ['DomainEndpointOptions', 'TLSSecurityPolicy'])) {
      const policy = name ?? OPENSEARCH_DEFAULT_POLICY;
      const info = isUnknown(policy) ? policy : openSearchPolicy(policy) ?? new Unknown(`'${policy}', a policy not in this library's table`);
      out.push({
        kind: 'tls-policy',
        subject: ctx.ref(id),
        label: ctx.label(id),
        minimumVersion: isUnknown(info) ? info : info.minimumVersion,
        legacyCiphers: false,
        why: name === undefined
          ? `DomainEndpointOptions.TLSSecurityPolicy is not set, so the domain uses ${OPENSEARCH_DEFAULT_POLICY}`
          : `DomainEndpointOptions.TLSSecurityPolicy is ${isUnknown(name) ? name.reason : name}`,
        fix: 'Set DomainEndpointOptions.TLSSecurityPolicy to Policy-Min-TLS-1-2-PFS-2023-10 (or Policy-Min-TLS-1-2-2019-07).',
      });
    }
  }
  return out;
}

function kafkaFacts(ctx: TemplateContext): TlsEnforcementFact[] {
  const out: TlsEnforcementFact[] = [];
  for (const id of ctx.ofType(MSK)) {
    const props = ctx.properties(id);
    const transit = ['EncryptionInfo', 'EncryptionInTransit'];
    const client = readChoice(valuesAt(props, [...transit, 'ClientBroker']), 'EncryptionInfo.EncryptionInTransit.ClientBroker', (v) => (v === undefined
      ? { value: true, why: 'EncryptionInfo.EncryptionInTransit.ClientBroker defaults to TLS' }
      : { value: v === 'TLS', why: `EncryptionInfo.EncryptionInTransit.ClientBroker is ${v}` }));
    out.push(fact(ctx, id, client, 'Set EncryptionInfo.EncryptionInTransit.ClientBroker: TLS.', 'client traffic'));
    const cluster = readFlag(valuesAt(props, [...transit, 'InCluster']), 'EncryptionInfo.EncryptionInTransit.InCluster',
      { value: true, why: 'EncryptionInfo.EncryptionInTransit.InCluster defaults to true' });
    out.push(fact(ctx, id, cluster, 'Set EncryptionInfo.EncryptionInTransit.InCluster: true.', 'broker-to-broker traffic'));
  }
  return out;
}
