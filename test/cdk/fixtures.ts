/**
 * Happy-path CloudFormation builders: a compliant template, mutated one field at a time by tests.
 */
import { checkStackTemplates } from '../../cdk/records';
import type { CfnTemplate } from '../../cdk/records/template';
import type { Finding } from '../../constructs/finding';
import type { CheckOptions } from '../../constructs/options';

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export interface Res {
  Type: string;
  Properties?: { [k: string]: Json };
  Metadata?: { [k: string]: Json };
  [k: string]: Json | undefined;
}

/**
 * A VPC whose default group is restricted (as CDK does), a private subnet, and a flow log of
 * all its traffic into a bucket that keeps it (LOG-2, LOG-3).
 */
export function network(): Record<string, Res> {
  return {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    LogBucket: logBucket(),
    LogBucketPolicy: tlsOnlyPolicy('LogBucket'),
    VpcFlowLog: flowLog('Vpc', 'LogBucket'),
    VpcRestrictDefaultSg: {
      Type: 'Custom::VpcRestrictDefaultSG',
      Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:x', DefaultSecurityGroupId: { 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] } },
    },
    Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
  };
}

/** A bucket that keeps logs (no lifecycle expiry), encrypted, private and TLS-only. */
export function logBucket(props: { [k: string]: Json } = {}): Res {
  return {
    Type: 'AWS::S3::Bucket',
    Properties: {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      ...props,
    },
  };
}

/** A policy that refuses requests without TLS to a bucket. */
export function tlsOnlyPolicy(bucketId: string): Res {
  const arn = { 'Fn::GetAtt': [bucketId, 'Arn'] };
  return {
    Type: 'AWS::S3::BucketPolicy',
    Properties: {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: [arn, { 'Fn::Join': ['', [arn, '/*']] }], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
      },
    },
  };
}

/** A flow log of all traffic of `vpcId` into a bucket. */
export function flowLog(vpcId: string, bucketId: string, props: { [k: string]: Json } = {}): Res {
  return {
    Type: 'AWS::EC2::FlowLog',
    Properties: { ResourceId: { Ref: vpcId }, ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: { 'Fn::GetAtt': [bucketId, 'Arn'] }, ...props },
  };
}

/** A security group in the VPC with an allow-list egress to the VPC on 443. */
export function securityGroup(props: { [k: string]: Json } = {}): Res {
  return {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'test group',
      VpcId: { Ref: 'Vpc' },
      SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }],
      ...props,
    },
  };
}

/** An ingress rule object. */
export function ingress(protocol: Json, from: Json, to: Json, peer: { [k: string]: Json }): { [k: string]: Json } {
  return { IpProtocol: protocol, FromPort: from, ToPort: to, ...peer };
}

/** An internet-facing application load balancer using the given group, writing access logs to the log bucket. */
export function loadBalancer(groupId: string, props: { [k: string]: Json } = {}): Res {
  return {
    Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    Properties: {
      Scheme: 'internet-facing',
      Type: 'application',
      Subnets: [{ Ref: 'Subnet' }],
      SecurityGroups: [{ 'Fn::GetAtt': [groupId, 'GroupId'] }],
      LoadBalancerAttributes: [{ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'access_logs.s3.bucket', Value: { Ref: 'LogBucket' } }],
      ...props,
    },
  };
}

/** A template of the network plus `resources`. */
export function template(resources: Record<string, Res>, extra: { [k: string]: Json } = {}): CfnTemplate {
  return { Resources: { ...network(), ...resources }, ...extra } as unknown as CfnTemplate;
}

/** Findings of one template. */
export function findingsOf(t: CfnTemplate, options: CheckOptions = {}): Finding[] {
  return checkStackTemplates([{ file: 'test.template.json', stackName: 'Test', template: t }], options).findings;
}

/** `NET-1:fail` strings, sorted, for compact assertions. */
export function verdicts(findings: readonly Finding[], prefix = ''): string[] {
  return findings
    .filter((f) => f.requirement.startsWith(prefix))
    .map((f) => `${f.requirement}:${f.status}`)
    .sort();
}
