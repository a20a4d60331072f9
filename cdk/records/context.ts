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
  'AWS::EC2::Volume': 'Volume',
  'AWS::EC2::LaunchTemplate': 'Launch template',
  'AWS::AutoScaling::LaunchConfiguration': 'Launch configuration',
  'AWS::AutoScaling::AutoScalingGroup': 'Auto Scaling group',
  'AWS::KMS::Key': 'KMS key',
  'AWS::KMS::Alias': 'KMS alias',
  'AWS::EFS::FileSystem': 'EFS file system',
  'AWS::FSx::FileSystem': 'FSx file system',
  'AWS::ElastiCache::ReplicationGroup': 'ElastiCache replication group',
  'AWS::ElastiCache::CacheCluster': 'ElastiCache cluster',
  'AWS::ElastiCache::ServerlessCache': 'ElastiCache serverless cache',
  'AWS::DAX::Cluster': 'DAX cluster',
  'AWS::RedshiftServerless::Namespace': 'Redshift Serverless namespace',
  'AWS::Redshift::ClusterParameterGroup': 'Redshift parameter group',
  'AWS::DocDB::DBCluster': 'DocumentDB cluster',
  'AWS::DocDB::DBClusterParameterGroup': 'DocumentDB parameter group',
  'AWS::Neptune::DBCluster': 'Neptune cluster',
  'AWS::RDS::DBParameterGroup': 'DB parameter group',
  'AWS::RDS::DBClusterParameterGroup': 'DB cluster parameter group',
  'AWS::SQS::Queue': 'Queue',
  'AWS::SQS::QueuePolicy': 'Queue policy',
  'AWS::SQS::QueueInlinePolicy': 'Queue policy',
  'AWS::SNS::Topic': 'Topic',
  'AWS::SNS::TopicPolicy': 'Topic policy',
  'AWS::SNS::TopicInlinePolicy': 'Topic policy',
  'AWS::Kinesis::Stream': 'Kinesis stream',
  'AWS::KinesisFirehose::DeliveryStream': 'Firehose delivery stream',
  'AWS::DynamoDB::Table': 'DynamoDB table',
  'AWS::DynamoDB::GlobalTable': 'DynamoDB global table',
  'AWS::Backup::BackupVault': 'Backup vault',
  'AWS::S3::Bucket': 'Bucket',
  'AWS::S3::BucketPolicy': 'Bucket policy',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'Load balancer',
  'AWS::ElasticLoadBalancingV2::Listener': 'Listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule': 'Listener rule',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'Target group',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'Classic load balancer',
  'AWS::CloudFront::Distribution': 'Distribution',
  'AWS::CloudFront::VpcOrigin': 'CloudFront VPC origin',
  'AWS::ApiGateway::DomainName': 'API domain name',
  'AWS::ApiGateway::DomainNameV2': 'API domain name',
  'AWS::ApiGatewayV2::DomainName': 'API domain name',
  'AWS::IAM::Role': 'Role',
  'AWS::IAM::User': 'User',
  'AWS::IAM::Group': 'Group',
  'AWS::IAM::Policy': 'Policy',
  'AWS::IAM::ManagedPolicy': 'Managed policy',
  'AWS::IAM::RolePolicy': 'Role policy',
  'AWS::IAM::UserPolicy': 'User policy',
  'AWS::IAM::GroupPolicy': 'Group policy',
  'AWS::IAM::AccessKey': 'Access key',
  'AWS::SSO::PermissionSet': 'Permission set',
  'AWS::ECR::Repository': 'ECR repository',
  'AWS::SecretsManager::ResourcePolicy': 'Secret policy',
  'AWS::SecretsManager::Secret': 'Secret',
  'AWS::SecretsManager::RotationSchedule': 'Rotation schedule',
  'AWS::Lambda::Permission': 'Lambda permission',
  'AWS::Lambda::LayerVersionPermission': 'Layer permission',
  'AWS::Lambda::Function': 'Function',
  'AWS::Cognito::UserPool': 'User pool',
  'AWS::EC2::KeyPair': 'Key pair',
  'AWS::EKS::Nodegroup': 'EKS node group',
  'AWS::ECS::TaskDefinition': 'Task definition',
  'AWS::CodeBuild::Project': 'CodeBuild project',
  'AWS::Batch::JobDefinition': 'Batch job definition',
  'AWS::SSM::Parameter': 'SSM parameter',
  'AWS::Logs::LogGroup': 'Log group',
  'Custom::LogRetention': 'Log retention',
  'AWS::Logs::SubscriptionFilter': 'Subscription filter',
  'AWS::EC2::FlowLog': 'Flow log',
  'AWS::CloudTrail::Trail': 'Trail',
  'AWS::ApiGateway::Stage': 'API stage',
  'AWS::ApiGateway::Deployment': 'API deployment',
  'AWS::ApiGatewayV2::Stage': 'API stage',
  'AWS::ECR::RegistryScanningConfiguration': 'Registry scanning configuration',
  'AWS::SSM::Association': 'SSM association',
  'AWS::SSM::MaintenanceWindowTask': 'Maintenance window task',
  'AWS::SSM::Document': 'SSM document',
  'AWS::ECS::Service': 'ECS service',
  'Custom::AWS': 'SDK call',
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
  private readonly labels = new Map<string, string>();
  private readonly props = new Map<string, ValueObject>();
  private index?: Map<string, Referrer[]>;
  private ids?: readonly string[];
  private byType?: Map<string, string[]>;

  constructor(
    readonly template: CfnTemplate,
    readonly source: TemplateSource = {},
  ) {
    this.resolver = new TemplateResolver(template);
  }

  /** Logical ids of the resources, in template order (listed once). */
  logicalIds(): readonly string[] {
    return (this.ids ??= Object.keys(this.template.Resources));
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
    let props = this.props.get(logicalId);
    if (props === undefined) {
      const opaque = this.resolver.propertiesUnknown(logicalId);
      props = opaque ? unknownProperties(opaque) : this.resolver.properties(logicalId);
      this.props.set(logicalId, props);
    }
    return props;
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
    let label = this.labels.get(logicalId);
    if (label === undefined) {
      const type = this.typeOf(logicalId) ?? 'Resource';
      label = `${KIND_NAMES[type] ?? type} '${this.shortName(logicalId)}'`;
      this.labels.set(logicalId, label);
    }
    return label;
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

  /** Logical ids of the resources of a type, in template order (from one pass over the template). */
  ofType(type: string): readonly string[] {
    if (!this.byType) {
      const byType = new Map<string, string[]>();
      for (const id of this.logicalIds()) {
        const t = this.template.Resources[id].Type;
        const list = byType.get(t);
        if (list) list.push(id);
        else byType.set(t, [id]);
      }
      this.byType = byType;
    }
    return this.byType.get(type) ?? NONE;
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
        const referrer: Referrer = ref.attribute !== undefined ? { from, fromType, path, attribute: ref.attribute } : { from, fromType, path };
        const list = index.get(ref.logicalId);
        if (list) list.push(referrer);
        else index.set(ref.logicalId, [referrer]);
      });
    }
    this.index = index;
    return index;
  }
}

const NONE: readonly string[] = Object.freeze([]);

/** An object every property of which is `reason`. */
function unknownProperties(reason: Unknown): ValueObject {
  return new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? reason : undefined) });
}

/**
 * Calls `visit` for every reference inside a resolved value, with its property path (a copy the
 * callback may keep). The path is built in place while walking and copied only for a reference,
 * so walking every resource of a large template allocates little.
 */
export function walkReferences(value: Value, path: string[], visit: (ref: Reference, path: string[]) => void): void {
  walkInPlace(value, [...path], visit);
}

function walkInPlace(value: Value, path: string[], visit: (ref: Reference, path: string[]) => void): void {
  if (value instanceof Reference) {
    visit(value, path.slice());
  } else if (value instanceof PartialString) {
    for (const part of value.parts) if (part instanceof Reference) visit(part, path.slice());
  } else if (value instanceof Choice) {
    for (const option of value.options) walkInPlace(option, path, visit);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i < INDEXES.length ? INDEXES[i] : String(i));
      walkInPlace(value[i] as Value, path, visit);
      path.pop();
    }
  } else if (value !== null && typeof value === 'object' && !(value instanceof Unknown)) {
    const object = value as ValueObject;
    // for...in lists keys without allocating a list of them; the check keeps to own keys, as Object.keys.
    for (const k in object) {
      if (!Object.prototype.hasOwnProperty.call(object, k)) continue;
      path.push(k);
      walkInPlace(object[k], path, visit);
      path.pop();
    }
  }
}

/** List indexes as path segments, made once. */
const INDEXES: readonly string[] = Array.from({ length: 64 }, (_, i) => String(i));
