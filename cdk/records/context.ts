/**
 * One template, read once: resolved properties, resource refs and labels, and an index of which
 * resource references which, so cross-resource facts (a group and the load balancer it fronts,
 * a bucket and its policy) are joined once instead of searched per check.
 */
import type { ResourceRef } from '../../constructs/finding';
import { Unknown } from '../../constructs/unknown';
import type { CfnResource, CfnTemplate } from './template';
import { TemplateResolver } from './resolver';
import { Choice, PartialString, Reference, Value, ValueObject } from './values';

/** Where a template came from. */
export interface TemplateSource {
  readonly file?: string;
  readonly stack?: string;
}

/** One place where a resource is referenced. */
export interface Referrer {
  /** The logical id of the resource whose property holds the reference. */
  readonly from: string;
  readonly fromType: string;
  /** Property path inside `Properties`, such as `['SecurityGroups', '0']`. */
  readonly path: readonly string[];
  /** The attribute of `Fn::GetAtt`, undefined for `Ref`. */
  readonly attribute?: string;
}

/** Resource types and how messages name them. */
const KIND_NAMES: Readonly<Record<string, string>> = {
  'AWS::EC2::SecurityGroup': 'Security group',
  'AWS::EC2::SecurityGroupIngress': 'Security group ingress',
  'AWS::EC2::SecurityGroupEgress': 'Security group egress',
  'AWS::EC2::NetworkAcl': 'Network ACL',
  'AWS::EC2::NetworkAclEntry': 'Network ACL entry',
  'AWS::EC2::VPC': 'VPC',
  'AWS::EC2::Instance': 'Instance',
  'AWS::RDS::DBInstance': 'DB instance',
  'AWS::RDS::DBCluster': 'DB cluster',
  'AWS::Redshift::Cluster': 'Redshift cluster',
  'AWS::RedshiftServerless::Workgroup': 'Redshift Serverless workgroup',
  'AWS::OpenSearchService::Domain': 'OpenSearch domain',
  'AWS::Elasticsearch::Domain': 'Elasticsearch domain',
  'AWS::DMS::ReplicationInstance': 'DMS replication instance',
  'AWS::MSK::Cluster': 'MSK cluster',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'Load balancer',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'Classic load balancer',
  'AWS::EC2::LaunchTemplate': 'Launch template',
  'AWS::ECS::Service': 'ECS service',
  'AWS::Lambda::Function': 'Lambda function',
  'AWS::SecretsManager::RotationSchedule': 'Rotation schedule',
  'AWS::Serverless::Application': 'Serverless application',
};

/**
 * A template with everything the records need, computed once.
 *
 * @example
 * const ctx = new TemplateContext(template, { file: 'cdk.out/Web.template.json', stack: 'Web' });
 * ctx.referrers('WebSG') // [{ from: 'Alb', fromType: 'AWS::ElasticLoadBalancingV2::LoadBalancer', path: ['SecurityGroups', '0'] }]
 */
export class TemplateContext {
  readonly resolver: TemplateResolver;
  private readonly refs = new Map<string, ResourceRef>();
  private index?: Map<string, Referrer[]>;

  constructor(
    readonly template: CfnTemplate,
    readonly source: TemplateSource = {},
  ) {
    this.resolver = new TemplateResolver(template);
  }

  /** Logical ids of the resources, in template order. */
  logicalIds(): string[] {
    return Object.keys(this.template.Resources);
  }

  /** The raw resource. */
  resource(logicalId: string): CfnResource | undefined {
    return this.template.Resources[logicalId];
  }

  /** The resource type, or undefined when the logical id is not in the template. */
  typeOf(logicalId: string): string | undefined {
    return this.template.Resources[logicalId]?.Type;
  }

  /**
   * Resolved `Properties` of a resource (memoized by the resolver). When the whole block is an
   * intrinsic that cannot be resolved, every property reads as that unknown, so each record
   * fails closed without knowing the case.
   */
  properties(logicalId: string): ValueObject {
    const opaque = this.resolver.propertiesUnknown(logicalId);
    return opaque ? unknownProperties(opaque) : this.resolver.properties(logicalId);
  }

  /** A finding's pointer to the resource. */
  ref(logicalId: string): ResourceRef {
    let ref = this.refs.get(logicalId);
    if (!ref) {
      const res = this.template.Resources[logicalId];
      const path = res?.Metadata?.['aws:cdk:path'];
      ref = {
        type: res?.Type ?? 'unknown',
        logicalId,
        ...(typeof path === 'string' ? { path } : {}),
        ...(this.source.stack !== undefined ? { stack: this.source.stack } : {}),
        ...(this.source.file !== undefined ? { file: this.source.file } : {}),
      };
      this.refs.set(logicalId, ref);
    }
    return ref;
  }

  /**
   * How messages name a resource: its kind and its construct path without the stack and the
   * trailing `/Resource`, else its logical id: `Security group 'Web/LB/SecurityGroup'`.
   */
  label(logicalId: string): string {
    const type = this.typeOf(logicalId) ?? 'Resource';
    const kind = KIND_NAMES[type] ?? type;
    return `${kind} '${this.shortName(logicalId)}'`;
  }

  /** The construct path without stack and `/Resource`, else the logical id. */
  shortName(logicalId: string): string {
    const path = this.ref(logicalId).path;
    if (!path) return logicalId;
    const parts = path.split('/');
    if (parts.length > 1) parts.shift();
    if (parts.length > 1 && (parts[parts.length - 1] === 'Resource' || parts[parts.length - 1] === 'Default')) parts.pop();
    return parts.join('/');
  }

  /** Logical ids of the resources of a type. */
  ofType(type: string): string[] {
    return this.logicalIds().filter((id) => this.template.Resources[id].Type === type);
  }

  /** Every place in the template's resources that references `logicalId`. */
  referrers(logicalId: string): readonly Referrer[] {
    return this.referenceIndex().get(logicalId) ?? [];
  }

  private referenceIndex(): Map<string, Referrer[]> {
    if (this.index) return this.index;
    const index = new Map<string, Referrer[]>();
    for (const from of this.logicalIds()) {
      const fromType = this.template.Resources[from].Type;
      walkReferences(this.properties(from), [], (ref, path) => {
        const list = index.get(ref.logicalId) ?? [];
        list.push({ from, fromType, path, ...(ref.attribute !== undefined ? { attribute: ref.attribute } : {}) });
        index.set(ref.logicalId, list);
      });
    }
    this.index = index;
    return index;
  }
}

/** An object every property of which is `reason`. */
function unknownProperties(reason: Unknown): ValueObject {
  return new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? reason : undefined) });
}

/** Calls `visit` for every reference inside a resolved value, with its property path. */
export function walkReferences(value: Value, path: string[], visit: (ref: Reference, path: string[]) => void): void {
  if (value instanceof Reference) {
    visit(value, path);
  } else if (value instanceof PartialString) {
    for (const part of value.parts) if (part instanceof Reference) visit(part, path);
  } else if (value instanceof Choice) {
    for (const option of value.options) walkReferences(option, path, visit);
  } else if (Array.isArray(value)) {
    value.forEach((v: Value, i: number) => walkReferences(v, [...path, String(i)], visit));
  } else if (value !== null && typeof value === 'object' && !(value instanceof Unknown)) {
    for (const [k, v] of Object.entries(value as ValueObject)) walkReferences(v, [...path, k], visit);
  }
}
