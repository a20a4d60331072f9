/**
 * The TLS load balancer (TLS-1, TLS-2, TLS-3, LOG-3, NET-1, NET-2).
 */
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { ConnectedSecurityGroup } from '../../../cdk/connected-security-group';
import { HardenedAutoScalingGroup } from '../../../cdk/hardened-auto-scaling-group';
import { ArchiveEncryption, LogArchiveBucket } from '../../../cdk/log-archive-bucket';
import { SecureVpc } from '../../../cdk/secure-vpc';
import { refusedTlsPolicy, TlsLoadBalancer } from '../../../cdk/tls-load-balancer';
import { findingLines, nagViolations, regionalStack, snapshotOf } from './helpers';

const cert = elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:111111111111:certificate/0f1e2d3c-aaaa-bbbb-cccc-0123456789ab');
const sgId = (stack: Stack, g: ConnectedSecurityGroup): string => stack.getLogicalId(g.node.defaultChild as ec2.CfnSecurityGroup);

describe('GIVEN an internet-facing TLS load balancer in front of a hardened fleet', () => {
  let stack: Stack;
  let template: Template;
  let lb: TlsLoadBalancer;
  let fleet: HardenedAutoScalingGroup;
  beforeAll(() => {
    stack = regionalStack();
    const vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const lbLogs = new LogArchiveBucket(stack, 'LbLogs', { encryption: ArchiveEncryption.S3_MANAGED });
    fleet = new HardenedAutoScalingGroup(stack, 'Fleet', { vpc });
    lb = new TlsLoadBalancer(stack, 'Web', { vpc, certificates: [cert], accessLogs: lbLogs });
    // WHEN
    lb.addHttpsTargets('Api', { port: 8443, targets: [fleet.autoScalingGroup], healthCheckPath: '/health' });
    template = Template.fromStack(stack);
  });

  it('THEN 443 speaks TLS 1.2+ and 80 only redirects to it', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', Certificates: [{ CertificateArn: Match.stringLikeRegexp('^arn:aws:acm:') }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Port: '443', Protocol: 'HTTPS', StatusCode: 'HTTP_301' } }],
    });
  });

  it('THEN the targets are reached over HTTPS, health checks too', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8443, Protocol: 'HTTPS', HealthCheckProtocol: 'HTTPS', HealthCheckPath: '/health',
    });
  });

  it('THEN access logs go to the archive and invalid headers are dropped', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: { Ref: Match.stringLikeRegexp('^LbLogs') } },
      ]),
    });
  });

  it('THEN the world reaches the balancer on 443 and 80 only, and the balancer reaches only the fleet', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Load balancer Test/Web',
      SecurityGroupIngress: [
        Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443 }),
        Match.objectLike({ CidrIpv6: '::/0', FromPort: 443, ToPort: 443 }),
        Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 80, ToPort: 80 }),
        Match.objectLike({ CidrIpv6: '::/0', FromPort: 80, ToPort: 80 }),
      ],
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32' })],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      GroupId: { 'Fn::GetAtt': [sgId(stack, lb.securityGroup), 'GroupId'] },
      DestinationSecurityGroupId: { 'Fn::GetAtt': [sgId(stack, fleet.securityGroup), 'GroupId'] },
      FromPort: 8443,
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [sgId(stack, fleet.securityGroup), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [sgId(stack, lb.securityGroup), 'GroupId'] },
      FromPort: 8443,
    });
  });

  it('THEN the public entry group passes validation (it fronts an internet-facing balancer)', () => {
    expect(lb.securityGroup.node.validate()).toEqual([]);
  });

  it('THEN the whole policy finds nothing', () => {
    expect(findingLines(stack)).toEqual([]);
  });

  it('THEN the targets replace the 404 default without a warning from CDK', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('default Action'))).toEqual([]);
  });

  it('THEN cdk-nag AwsSolutions reports no error (EC23 on the public entry group is acknowledged, with its reason)', () => {
    expect(nagViolations(stack)).toEqual([]);
  });

  it('snapshot: TlsLoadBalancer', () => {
    expect(snapshotOf(stack, lb)).toMatchSnapshot();
  });
});

describe('TLS policies, judged from the shared table as the TLS-2 check judges them', () => {
  it.each<[string, string | undefined]>([
    [elbv2.SslPolicy.RECOMMENDED_TLS, undefined],
    [elbv2.SslPolicy.TLS13_13, undefined],
    [elbv2.SslPolicy.FIPS_TLS13_12_EXT2, undefined],
    [elbv2.SslPolicy.FORWARD_SECRECY_TLS12_RES_GCM, undefined],
    [elbv2.SslPolicy.TLS12, undefined],
    [elbv2.SslPolicy.TLS13_11, 'accepts TLS 1.1 and older than TLS 1.2'],
    [elbv2.SslPolicy.TLS11, 'accepts TLS 1.1 and older than TLS 1.2'],
    [elbv2.SslPolicy.RECOMMENDED, 'accepts TLS 1.0 and older than TLS 1.2'],
    [elbv2.SslPolicy.FORWARD_SECRECY, 'accepts TLS 1.0 and older than TLS 1.2'],
    [elbv2.SslPolicy.LEGACY, 'accepts TLS 1.0 and older than TLS 1.2'],
    ['ELBSecurityPolicy-2011-08', 'accepts SSLv3 and older than TLS 1.2'],
    ['MyCustomPolicy', 'is not known to refuse older than TLS 1.2'],
  ])('%s → %s', (name, refused) => {
    expect(refusedTlsPolicy(name)).toBe(refused);
  });

  it.each([elbv2.SslPolicy.TLS13_13, elbv2.SslPolicy.FIPS_TLS13_12_EXT2])('GIVEN %s, accepted at construction THEN the TLS-2 check finds nothing either', (policy) => {
    const stack = regionalStack();
    const vpc = new SecureVpc(stack, 'Vpc');
    const logs = new LogArchiveBucket(stack, 'Logs', { encryption: ArchiveEncryption.S3_MANAGED });
    new TlsLoadBalancer(stack, 'Web', { vpc, certificates: [cert], accessLogs: logs, sslPolicy: policy });
    expect(findingLines(stack).filter((l) => l.startsWith('[TLS-2'))).toEqual([]);
  });
});

describe('a second set of default targets', () => {
  it('GIVEN addHttpsTargets called twice THEN the second call is refused: it would replace the first', () => {
    const stack = regionalStack();
    const vpc = new SecureVpc(stack, 'Vpc');
    const lb = new TlsLoadBalancer(stack, 'Web', { vpc, certificates: [cert], accessLogs: new LogArchiveBucket(stack, 'Logs', { encryption: ArchiveEncryption.S3_MANAGED }) });
    lb.addHttpsTargets('A', { port: 8443 });
    expect(() => lb.addHttpsTargets('B', { port: 9443 })).toThrow("Load balancer 'Web' already forwards to 'A'; route more targets with conditions through httpsListener.addTargets.");
  });
});

describe('refused props', () => {
  const build = (props: Partial<ConstructorParameters<typeof TlsLoadBalancer>[2]>, archive = ArchiveEncryption.S3_MANAGED): TlsLoadBalancer => {
    const stack = regionalStack();
    const vpc = new SecureVpc(stack, 'Vpc');
    return new TlsLoadBalancer(stack, 'Web', { vpc, certificates: [cert], accessLogs: new LogArchiveBucket(stack, 'Logs', { encryption: archive }), ...props });
  };

  it.each<[string, () => void, string]>([
    ['a policy that accepts TLS 1.0 → TLS-2', () => build({ sslPolicy: elbv2.SslPolicy.RECOMMENDED }),
      "[TLS-2] Load balancer 'Web' sets sslPolicy: ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and older than TLS 1.2; listeners must accept only TLS 1.2 or newer."],
    ['a policy that accepts TLS 1.1 → TLS-2', () => build({ sslPolicy: elbv2.SslPolicy.TLS13_11 }),
      "[TLS-2] Load balancer 'Web' sets sslPolicy: ELBSecurityPolicy-TLS13-1-1-2021-06, which accepts TLS 1.1 and older than TLS 1.2; listeners must accept only TLS 1.2 or newer."],
    ['plain HTTP to the targets → TLS-3', () => build({}).addHttpsTargets('Api', { port: 8080, protocol: elbv2.ApplicationProtocol.HTTP }),
      "[TLS-3] Load balancer 'Web' targets 'Api' over HTTP; the balancer reaches its targets over HTTPS."],
    ['an SSE-KMS archive → a usage error (ELB writes only to SSE-S3)', () => build({}, ArchiveEncryption.KMS),
      "Load balancer 'Web': Elastic Load Balancing writes access logs only to SSE-S3 buckets; give it a LogArchiveBucket with encryption: ArchiveEncryption.S3_MANAGED."],
  ])('%s', (_name, make, message) => {
    expect(make).toThrow(message);
  });
});

describe('an internal balancer', () => {
  it('GIVEN internetFacing: false THEN its group admits nobody until a connection is declared', () => {
    const stack = regionalStack();
    const vpc = new SecureVpc(stack, 'Vpc');
    const lb = new TlsLoadBalancer(stack, 'Internal', {
      vpc, certificates: [cert], internetFacing: false, accessLogs: new LogArchiveBucket(stack, 'Logs', { encryption: ArchiveEncryption.S3_MANAGED }),
    });
    const caller = new ConnectedSecurityGroup(stack, 'Caller', { vpc });
    lb.securityGroup.allowFrom(caller, ec2.Port.tcp(443));
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internal' });
    t.hasResourceProperties('AWS::EC2::SecurityGroup', { GroupDescription: 'Load balancer Test/Internal', SecurityGroupIngress: Match.absent() });
    expect(findingLines(stack)).toEqual([]);
  });
});
