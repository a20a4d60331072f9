/**
 * Bypasses the fail-closed audit found, each pinned where it was: a value the template cannot
 * resolve that passed instead of being reported as "could not be verified".
 */
import { checkStackTemplates } from '../../cdk/records';
import type { CfnTemplate } from '../../cdk/records/template';
import type { Json } from '../cdk/fixtures';

const IMPORT = { 'Fn::ImportValue': 'shared' };
const INCLUDE = { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://bucket/snippet.yaml' } } };

function findings(resources: Record<string, Json>, requirement: string): string[] {
  const template = { Resources: resources } as unknown as CfnTemplate;
  return checkStackTemplates([{ file: 't.json', stackName: 't', template }]).findings
    .filter((f) => f.requirement === requirement)
    .map((f) => `${f.requirement}:${f.status}:${f.resource.logicalId}`);
}

describe('Properties that cannot be read (an AWS::Include transform) never pass', () => {
  it.each<[string, Record<string, Json>, string, string]>([
    ['a security group: VpcId may be absent (the default VPC)', { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: INCLUDE } }, 'NET-4', 'NET-4:unknown:Sg'],
    ['an instance: SubnetId may be absent', { Web: { Type: 'AWS::EC2::Instance', Properties: INCLUDE } }, 'NET-4', 'NET-4:unknown:Web'],
    ['a function: its environment may hold a secret', { Fn: { Type: 'AWS::Lambda::Function', Properties: INCLUDE } }, 'AUTH-3', 'AUTH-3:unknown:Fn'],
    ['a Lambda permission: read field by field, every field looked present, a narrowing condition among them', { Perm: { Type: 'AWS::Lambda::Permission', Properties: INCLUDE } }, 'IAM-3', 'IAM-3:unknown:Perm'],
    ['a layer permission', { Perm: { Type: 'AWS::Lambda::LayerVersionPermission', Properties: INCLUDE } }, 'IAM-3', 'IAM-3:unknown:Perm'],
    ['an event bus policy', { Perm: { Type: 'AWS::Events::EventBusPolicy', Properties: INCLUDE } }, 'IAM-3', 'IAM-3:unknown:Perm'],
    ['an MSK cluster: its public access may be on', { Kafka: { Type: 'AWS::MSK::Cluster', Properties: INCLUDE } }, 'NET-5', 'NET-5:unknown:Kafka'],
    ['an SDK call custom resource: it may switch Inspector off', { Call: { Type: 'Custom::AWS', Properties: INCLUDE } }, 'HOST-2', 'HOST-2:unknown:Call'],
  ])('%s', (_name, resources, requirement, expected) => {
    expect(findings(resources, requirement)).toContain(expected);
  });

  it('the message says the Properties cannot be read', () => {
    const template = { Resources: { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: INCLUDE } } } as unknown as CfnTemplate;
    const f = checkStackTemplates([{ file: 't.json', stackName: 't', template }]).findings.find((x) => x.requirement === 'NET-4');
    expect(f?.message).toBe("Could not be verified: what Security group 'Sg' declares: its Properties are Fn::Transform.");
    expect(f?.detail).toBe('Properties unreadable');
  });
});

describe('values known only at deploy that passed', () => {
  it('MSK BrokerNodeGroupInfo from an import → NET-5 unknown (was read as no public access)', () => {
    expect(findings({ Kafka: { Type: 'AWS::MSK::Cluster', Properties: { ClusterName: 'k', KafkaVersion: '3.6.0', NumberOfBrokerNodes: 2, BrokerNodeGroupInfo: IMPORT } } }, 'NET-5')).toEqual(['NET-5:unknown:Kafka']);
  });

  const repo = { Type: 'AWS::ECR::Repository', Properties: { RepositoryName: 'app' } };
  const registry = (rule: Json): Json => ({ Type: 'AWS::ECR::RegistryScanningConfiguration', Properties: { ScanType: 'ENHANCED', Rules: [rule] } });
  it.each<[string, Json]>([
    ['a repository filter from an import (was read as no filter: every repository)', { ScanFrequency: 'CONTINUOUS_SCAN', RepositoryFilters: [{ Filter: IMPORT, FilterType: 'WILDCARD' }] }],
    ['RepositoryFilters from an import', { ScanFrequency: 'CONTINUOUS_SCAN', RepositoryFilters: IMPORT }],
    ['a literal filter that does not match, with one from an import', { ScanFrequency: 'SCAN_ON_PUSH', RepositoryFilters: [{ Filter: 'other-*', FilterType: 'WILDCARD' }, { Filter: IMPORT, FilterType: 'WILDCARD' }] }],
  ])('%s → HOST-2 unknown', (_name, rule) => {
    expect(findings({ Repo: repo, Scanning: registry(rule) }, 'HOST-2')).toEqual(['HOST-2:unknown:Repo']);
  });

  it('a literal filter that matches, with one from an import → pass', () => {
    const rule = { ScanFrequency: 'SCAN_ON_PUSH', RepositoryFilters: [{ Filter: 'app', FilterType: 'WILDCARD' }, { Filter: IMPORT, FilterType: 'WILDCARD' }] };
    expect(findings({ Repo: repo, Scanning: registry(rule) }, 'HOST-2')).toEqual([]);
  });

  it.each<[string, Json]>([
    ['a call from an import', IMPORT],
    ['a call whose service is known only at deploy', { 'Fn::Join': ['', ['{"service":"', IMPORT, '","action":"disable","parameters":{}}']] }],
  ])('an SDK call custom resource with %s → HOST-2 unknown (was skipped)', (_name, create) => {
    expect(findings({ Call: { Type: 'Custom::AWS', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:sdk', Create: create } } }, 'HOST-2')).toEqual(['HOST-2:unknown:Call']);
  });

  const task = (container: Record<string, Json>, volumes: Json = []): Record<string, Json> => ({
    Task: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: { RequiresCompatibilities: ['EC2'], ContainerDefinitions: [{ Name: 'web', Image: 'nginx', ReadonlyRootFilesystem: true, ...container }], Volumes: volumes },
    },
  });
  const INCLUDE_VALUE = { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://bucket/part.yaml' } } };
  it.each<[string, Record<string, Json>]>([
    ['LinuxParameters included at deploy (may add SYS_ADMIN or a host device)', task({ LinuxParameters: INCLUDE_VALUE })],
    ['LinuxParameters.Devices included at deploy', task({ LinuxParameters: { Devices: INCLUDE_VALUE } })],
    ['a mount point included at deploy', task({ MountPoints: [INCLUDE_VALUE] })],
    ['Volumes included at deploy, mounted', task({ MountPoints: [{ SourceVolume: 'data', ContainerPath: '/data' }] }, INCLUDE_VALUE)],
    ["a volume's Host included at deploy, mounted", task({ MountPoints: [{ SourceVolume: 'data', ContainerPath: '/data' }] }, [{ Name: 'data', Host: INCLUDE_VALUE }])],
    ["a Docker volume's DriverOpts included at deploy, mounted", task({ MountPoints: [{ SourceVolume: 'data', ContainerPath: '/data' }] }, [{ Name: 'data', DockerVolumeConfiguration: { Driver: 'local', DriverOpts: INCLUDE_VALUE } }])],
  ])('HOST-5: %s → unknown (was read as absent)', (_name, resources) => {
    expect([...new Set(findings(resources, 'HOST-5'))]).toEqual(['HOST-5:unknown:Task']);
  });

  const cdn = (config: Record<string, Json>): Record<string, Json> => ({
    Cdn: {
      Type: 'AWS::CloudFront::Distribution',
      Properties: {
        DistributionConfig: {
          Enabled: true,
          Origins: [{ Id: 'app', DomainName: 'app.example.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only' } }],
          DefaultCacheBehavior: { TargetOriginId: 'app', ViewerProtocolPolicy: 'redirect-to-https' },
          ViewerCertificate: { AcmCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/x', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
          ...config,
        },
      },
    },
  });
  it.each<[string, string, Record<string, Json>]>([
    ['CacheBehaviors included at deploy (may allow-all)', 'TLS-1', { CacheBehaviors: INCLUDE_VALUE }],
    ['Origins included at deploy (may be http-only)', 'TLS-3', { Origins: INCLUDE_VALUE }],
    ['an origin included at deploy', 'TLS-3', { Origins: [INCLUDE_VALUE] }],
  ])('CloudFront: %s → %s unknown (was skipped)', (_name, requirement, config) => {
    expect([...new Set(findings(cdn(config), requirement))]).toEqual([`${requirement}:unknown:Cdn`]);
  });

  it.each(['TLS-1', 'TLS-3'])('a classic load balancer listener included at deploy → %s unknown (was skipped)', (requirement) => {
    const clb = { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: { Scheme: 'internal', Subnets: ['subnet-1'], Listeners: [INCLUDE_VALUE] } };
    expect([...new Set(findings({ Clb: clb }, requirement))]).toEqual([`${requirement}:unknown:Clb`]);
  });

  it('an SDK call to another service, around values known only at deploy → not applicable', () => {
    const create = { 'Fn::Join': ['', ['{"service":"SSM","action":"getParameter","parameters":{"Name":"', IMPORT, '"}}']] };
    expect(findings({ Call: { Type: 'Custom::AWS', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:sdk', Create: create } } }, 'HOST-2')).toEqual([]);
  });
});
