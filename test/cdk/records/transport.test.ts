/**
 * TLS-1..TLS-4 over CloudFormation, end to end: template -> facts -> checks -> findings.
 */
import { findingsOf, Json, Res, template, verdicts } from '../fixtures';

const IMPORT = { 'Fn::ImportValue': 'shared-value' };
const NO_VALUE = { Ref: 'AWS::NoValue' };
const iff = (a: Json, b: Json): Json => ({ 'Fn::If': ['Cond', a, b] });

const PARAMETERS = {
  Parameters: {
    Protocol: { Type: 'String', Default: 'HTTPS', AllowedValues: ['HTTPS', 'HTTP'] },
    Policy: { Type: 'String', Default: 'ELBSecurityPolicy-TLS13-1-2-2021-06' },
    NoDefault: { Type: 'String' },
  },
  Conditions: { Cond: { 'Fn::Equals': ['a', 'b'] } },
};

const t = (resources: Record<string, Res>, options = {}) => findingsOf(template(resources, PARAMETERS), options);

const alb = (): Res => ({ Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Scheme: 'internal', Subnets: [{ Ref: 'Subnet' }] } });
const tg = (props: { [k: string]: Json } = {}): Res => ({
  Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
  Properties: { Port: 8443, Protocol: 'HTTPS', VpcId: { Ref: 'Vpc' }, ...props },
});
const forward = [{ Type: 'forward', TargetGroupArn: { Ref: 'Tg' } }];
const redirect = (protocol: Json = 'HTTPS'): Json => [{ Type: 'redirect', RedirectConfig: { Protocol: protocol, Port: '443', StatusCode: 'HTTP_301' } }];
const listener = (props: { [k: string]: Json }): Record<string, Res> => ({
  Lb: alb(),
  Tg: tg(),
  L: {
    Type: 'AWS::ElasticLoadBalancingV2::Listener',
    Properties: { LoadBalancerArn: { Ref: 'Lb' }, Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', Certificates: [{ CertificateArn: 'arn:aws:acm:x' }], DefaultActions: forward, ...props },
  },
});
const http = (actions: Json, extra: Record<string, Res> = {}): Record<string, Res> => ({
  ...listener({ Port: 80, Protocol: 'HTTP', SslPolicy: NO_VALUE, Certificates: NO_VALUE, DefaultActions: actions }),
  ...extra,
});
const rule = (actions: Json): Res => ({
  Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
  Properties: { ListenerArn: { Ref: 'L' }, Priority: 1, Conditions: [{ Field: 'path-pattern', Values: ['/api/*'] }], Actions: actions },
});

const distribution = (config: { [k: string]: Json }): Record<string, Res> => ({
  Cdn: {
    Type: 'AWS::CloudFront::Distribution',
    Properties: {
      DistributionConfig: {
        Enabled: true,
        Origins: [{ Id: 'app', DomainName: 'app.example.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only' } }],
        DefaultCacheBehavior: { TargetOriginId: 'app', ViewerProtocolPolicy: 'redirect-to-https' },
        ViewerCertificate: { AcmCertificateArn: 'arn:aws:acm:us-east-1:1:certificate/x', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
        ...config,
      },
    },
  },
});

describe('TLS-1: listeners speak TLS; plain HTTP only redirects', () => {
  it.each<[string, Record<string, Res>, string[]]>([
    ['HTTPS listener → pass', listener({}), []],
    ['TLS listener (NLB) → pass', listener({ Protocol: 'TLS' }), []],
    ['QUIC listener → pass', listener({ Protocol: 'QUIC', SslPolicy: NO_VALUE }), []],
    ['HTTP listener forwarding → fail', http(forward), ['TLS-1:fail']],
    ['HTTP listener redirecting to HTTPS → pass', http(redirect()), []],
    ['HTTP listener redirecting with #{protocol} (keeps HTTP) → fail', http(redirect('#{protocol}')), ['TLS-1:fail']],
    ['HTTP listener redirecting without a protocol → fail', http([{ Type: 'redirect', RedirectConfig: { Host: 'x.example.com', StatusCode: 'HTTP_301' } }]), ['TLS-1:fail']],
    ['HTTP listener with a fixed response → fail', http([{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }]), ['TLS-1:fail']],
    ['HTTP listener redirecting, with a rule that forwards → fail', http(redirect(), { R: rule(forward) }), ['TLS-1:fail']],
    ['HTTP listener redirecting, with a rule that redirects too → pass', http(redirect(), { R: rule(redirect()) }), []],
    ['HTTP listener redirect protocol chosen by Fn::If → fail', http(redirect(iff('HTTPS', 'HTTP'))), ['TLS-1:fail']],
    ['HTTP listener default action from an import → unknown', http(IMPORT), ['TLS-1:unknown']],
    ['TCP listener → fail', listener({ Protocol: 'TCP', SslPolicy: NO_VALUE }), ['TLS-1:fail']],
    ['UDP listener → fail', listener({ Protocol: 'UDP', SslPolicy: NO_VALUE }), ['TLS-1:fail']],
    ['protocol from a parameter allowing HTTP, forwarding → fail', listener({ Protocol: { Ref: 'Protocol' } }), ['TLS-1:fail']],
    ['protocol from a parameter without default → unknown', listener({ Protocol: { Ref: 'NoDefault' } }), ['TLS-1:unknown']],
    ['protocol from an import → unknown', listener({ Protocol: IMPORT }), ['TLS-1:unknown']],
    [
      'Gateway Load Balancer listener → not applicable',
      {
        Gwlb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'gateway', Subnets: [{ Ref: 'Subnet' }] } },
        L: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { LoadBalancerArn: { Ref: 'Gwlb' }, DefaultActions: [{ Type: 'forward', TargetGroupArn: 'arn:tg' }] } },
      },
      [],
    ],
    ['CloudFront redirect-to-https → pass', distribution({}), []],
    ['CloudFront https-only → pass', distribution({ DefaultCacheBehavior: { TargetOriginId: 'app', ViewerProtocolPolicy: 'https-only' } }), []],
    ['CloudFront allow-all → fail', distribution({ DefaultCacheBehavior: { TargetOriginId: 'app', ViewerProtocolPolicy: 'allow-all' } }), ['TLS-1:fail']],
    [
      'CloudFront one cache behaviour allow-all → fail',
      distribution({ CacheBehaviors: [{ PathPattern: '/img/*', TargetOriginId: 'app', ViewerProtocolPolicy: 'allow-all' }] }),
      ['TLS-1:fail'],
    ],
    ['CloudFront viewer policy in one Fn::If branch allow-all → fail', distribution({ DefaultCacheBehavior: { TargetOriginId: 'app', ViewerProtocolPolicy: iff('https-only', 'allow-all') } }), ['TLS-1:fail']],
    ['CloudFront viewer policy from an import → unknown', distribution({ DefaultCacheBehavior: { TargetOriginId: 'app', ViewerProtocolPolicy: IMPORT } }), ['TLS-1:unknown']],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(t(resources), 'TLS-1')).toEqual(expected);
  });

  it('message: names the listener, the protocol, the action and the fix', () => {
    const [f] = t(http(forward)).filter((x) => x.requirement === 'TLS-1');
    expect(f).toMatchObject({
      severity: 'P1',
      status: 'fail',
      message: "Listener 'L' serves clients without TLS: Protocol is HTTP and DefaultActions[0] is forward instead of a redirect to HTTPS.",
      fix: 'Listen on HTTPS, or make every default action and rule of this HTTP listener a redirect with RedirectConfig.Protocol: HTTPS.',
      clause: 'Inter-Service Communication',
    });
  });

  it('message: a rule joined to the listener is named', () => {
    const [f] = t(http(redirect(), { R: rule(forward) })).filter((x) => x.requirement === 'TLS-1');
    expect(f.message).toBe("Listener 'L' serves clients without TLS: Protocol is HTTP and Actions[0] of Listener rule 'R' is forward instead of a redirect to HTTPS.");
  });
});

describe('TLS-2: TLS 1.2 or newer', () => {
  it.each<[string, Record<string, Res>, string[]]>([
    ['ELBSecurityPolicy-TLS13-1-2-2021-06 → pass', listener({}), []],
    ['ELBSecurityPolicy-TLS13-1-3-2021-06 → pass', listener({ SslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' }), []],
    ['ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04 → pass', listener({ SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04' }), []],
    ['ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09 → pass', listener({ SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09' }), []],
    ['ELBSecurityPolicy-TLS-1-2-Ext-2018-06 → pass', listener({ SslPolicy: 'ELBSecurityPolicy-TLS-1-2-Ext-2018-06' }), []],
    ['ELBSecurityPolicy-FS-1-2-Res-2020-10 → pass', listener({ SslPolicy: 'ELBSecurityPolicy-FS-1-2-Res-2020-10' }), []],
    ['policy from a parameter defaulting to TLS13-1-2 → pass', listener({ SslPolicy: { Ref: 'Policy' } }), []],
    ['no SslPolicy (falls back to ELBSecurityPolicy-2016-08) → fail', listener({ SslPolicy: NO_VALUE }), ['TLS-2:fail']],
    ['ELBSecurityPolicy-2016-08 → fail', listener({ SslPolicy: 'ELBSecurityPolicy-2016-08' }), ['TLS-2:fail']],
    ['ELBSecurityPolicy-TLS13-1-1-2021-06 → fail', listener({ SslPolicy: 'ELBSecurityPolicy-TLS13-1-1-2021-06' }), ['TLS-2:fail']],
    ['ELBSecurityPolicy-TLS-1-1-2017-01 → fail', listener({ SslPolicy: 'ELBSecurityPolicy-TLS-1-1-2017-01' }), ['TLS-2:fail']],
    ['ELBSecurityPolicy-FS-2018-06 → fail', listener({ SslPolicy: 'ELBSecurityPolicy-FS-2018-06' }), ['TLS-2:fail']],
    ['policy chosen by Fn::If, one branch TLS 1.0 → fail', listener({ SslPolicy: iff('ELBSecurityPolicy-TLS13-1-2-2021-06', 'ELBSecurityPolicy-2016-08') }), ['TLS-2:fail']],
    ['a policy name this library does not know → unknown', listener({ SslPolicy: 'ELBSecurityPolicy-Custom-2030' }), ['TLS-2:unknown']],
    ['policy from an import → unknown', listener({ SslPolicy: IMPORT }), ['TLS-2:unknown']],
    ['HTTP listener → no TLS policy to judge', http(redirect()), []],
    ['CloudFront TLSv1.2_2021 → pass', distribution({}), []],
    ['CloudFront TLSv1.2_2019 → pass', distribution({ ViewerCertificate: { AcmCertificateArn: 'arn:c', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2019' } }), []],
    ['CloudFront TLSv1.2_2018 (legacy ciphers) → fail', distribution({ ViewerCertificate: { AcmCertificateArn: 'arn:c', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2018' } }), ['TLS-2:fail']],
    ['CloudFront TLSv1.1_2016 → fail', distribution({ ViewerCertificate: { AcmCertificateArn: 'arn:c', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.1_2016' } }), ['TLS-2:fail']],
    ['CloudFront custom certificate without MinimumProtocolVersion → fail', distribution({ ViewerCertificate: { AcmCertificateArn: 'arn:c', SslSupportMethod: 'sni-only' } }), ['TLS-2:fail']],
    ['CloudFront default certificate → fail', distribution({ ViewerCertificate: { CloudFrontDefaultCertificate: true } }), ['TLS-2:fail']],
    ['CloudFront without ViewerCertificate → fail', distribution({ ViewerCertificate: NO_VALUE }), ['TLS-2:fail']],
    ['CloudFront version from an import → unknown', distribution({ ViewerCertificate: { AcmCertificateArn: 'arn:c', SslSupportMethod: 'sni-only', MinimumProtocolVersion: IMPORT } }), ['TLS-2:unknown']],
    ['API Gateway domain TLS_1_2 → pass', { D: { Type: 'AWS::ApiGateway::DomainName', Properties: { DomainName: 'api.example.com', SecurityPolicy: 'TLS_1_2' } } }, []],
    ['API Gateway domain SecurityPolicy_TLS13_1_2_2021_06 → pass', { D: { Type: 'AWS::ApiGateway::DomainName', Properties: { DomainName: 'api.example.com', SecurityPolicy: 'SecurityPolicy_TLS13_1_2_2021_06' } } }, []],
    ['API Gateway domain TLS_1_0 → fail', { D: { Type: 'AWS::ApiGateway::DomainName', Properties: { DomainName: 'api.example.com', SecurityPolicy: 'TLS_1_0' } } }, ['TLS-2:fail']],
    ['API Gateway domain without SecurityPolicy → fail', { D: { Type: 'AWS::ApiGateway::DomainName', Properties: { DomainName: 'api.example.com' } } }, ['TLS-2:fail']],
    [
      'API Gateway v2 domain with TLS_1_2 → pass',
      { D: { Type: 'AWS::ApiGatewayV2::DomainName', Properties: { DomainName: 'api.example.com', DomainNameConfigurations: [{ CertificateArn: 'arn:c', SecurityPolicy: 'TLS_1_2' }] } } },
      [],
    ],
    [
      'API Gateway v2 domain configuration without SecurityPolicy → fail',
      { D: { Type: 'AWS::ApiGatewayV2::DomainName', Properties: { DomainName: 'api.example.com', DomainNameConfigurations: [{ CertificateArn: 'arn:c' }] } } },
      ['TLS-2:fail'],
    ],
    [
      'classic load balancer HTTPS with a TLS 1.2 reference policy → pass',
      {
        Clb: {
          Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
          Properties: {
            Listeners: [{ LoadBalancerPort: '443', InstancePort: '8443', Protocol: 'HTTPS', InstanceProtocol: 'HTTPS', SSLCertificateId: 'arn:c', PolicyNames: ['Tls12'] }],
            Policies: [{ PolicyName: 'Tls12', PolicyType: 'SSLNegotiationPolicyType', Attributes: [{ Name: 'Reference-Security-Policy', Value: 'ELBSecurityPolicy-TLS-1-2-2017-01' }] }],
          },
        },
      },
      [],
    ],
    [
      'classic load balancer HTTPS without a negotiation policy → fail',
      { Clb: { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: { Listeners: [{ LoadBalancerPort: '443', InstancePort: '8443', Protocol: 'HTTPS', InstanceProtocol: 'HTTPS', SSLCertificateId: 'arn:c' }] } } },
      ['TLS-2:fail'],
    ],
    [
      'classic load balancer custom policy enabling TLSv1 → fail',
      {
        Clb: {
          Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
          Properties: {
            Listeners: [{ LoadBalancerPort: '443', InstancePort: '8443', Protocol: 'SSL', InstanceProtocol: 'SSL', SSLCertificateId: 'arn:c', PolicyNames: ['Custom'] }],
            Policies: [{ PolicyName: 'Custom', PolicyType: 'SSLNegotiationPolicyType', Attributes: [{ Name: 'Protocol-TLSv1', Value: 'true' }, { Name: 'Protocol-TLSv1.2', Value: 'true' }] }],
          },
        },
      },
      ['TLS-2:fail'],
    ],
    ['OpenSearch Policy-Min-TLS-1-2-PFS-2023-10 → pass', { S: search({ DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' } }) }, []],
    ['OpenSearch without TLSSecurityPolicy → fail', { S: search({ DomainEndpointOptions: { EnforceHTTPS: true } }) }, ['TLS-2:fail']],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(t(resources), 'TLS-2')).toEqual(expected);
  });

  it('a team requiring TLSv1.3 fails a TLS 1.2 policy', () => {
    expect(verdicts(t(listener({}), { minimumTlsVersion: 'TLSv1.3' }), 'TLS-2')).toEqual(['TLS-2:fail']);
    expect(verdicts(t(listener({ SslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' }), { minimumTlsVersion: 'TLSv1.3' }), 'TLS-2')).toEqual([]);
  });

  it('message: the fallback policy is named', () => {
    const [f] = t(listener({ SslPolicy: NO_VALUE })).filter((x) => x.requirement === 'TLS-2');
    expect(f).toMatchObject({
      message: "Listener 'L' accepts TLSv1.0: SslPolicy is not set, so the listener uses ELBSecurityPolicy-2016-08.",
      fix: 'Set SslPolicy to ELBSecurityPolicy-TLS13-1-2-2021-06 (or another policy of the TLS13-1-2, TLS-1-2 or FS-1-2 families).',
    });
  });

  it('message: CloudFront legacy ciphers', () => {
    const [f] = t(distribution({ ViewerCertificate: { AcmCertificateArn: 'arn:c', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2018' } })).filter((x) => x.requirement === 'TLS-2');
    expect(f.message).toBe("The ViewerCertificate of Distribution 'Cdn' offers legacy cipher suites: ViewerCertificate.MinimumProtocolVersion is TLSv1.2_2018.");
  });
});

function search(props: { [k: string]: Json }): Res {
  return { Type: 'AWS::OpenSearchService::Domain', Properties: { VPCOptions: { SubnetIds: [{ Ref: 'Subnet' }] }, NodeToNodeEncryptionOptions: { Enabled: true }, ...props } };
}

describe('TLS-3: the balancer-to-backend hop uses TLS', () => {
  it.each<[string, Record<string, Res>, string[]]>([
    ['HTTPS target group → pass', listener({}), []],
    ['TLS target group → pass', { Tg: tg({ Protocol: 'TLS' }) }, []],
    ['HTTP target group → fail', { Tg: tg({ Protocol: 'HTTP' }) }, ['TLS-3:fail']],
    ['TCP target group → fail', { Tg: tg({ Protocol: 'TCP' }) }, ['TLS-3:fail']],
    ['protocol chosen by Fn::If, one branch HTTP → fail', { Tg: tg({ Protocol: iff('HTTPS', 'HTTP') }) }, ['TLS-3:fail']],
    ['protocol from an import → unknown', { Tg: tg({ Protocol: IMPORT }) }, ['TLS-3:unknown']],
    ['Lambda target group → not applicable', { Tg: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { TargetType: 'lambda' } } }, []],
    ['ALB target of an NLB → judged by the ALB listener', { Tg: tg({ TargetType: 'alb', Protocol: 'TCP' }) }, []],
    ['CloudFront https-only custom origin → pass', distribution({}), []],
    ['CloudFront http-only custom origin → fail', distribution({ Origins: [{ Id: 'app', DomainName: 'app.example.com', CustomOriginConfig: { OriginProtocolPolicy: 'http-only' } }] }), ['TLS-3:fail']],
    ['CloudFront match-viewer origin behind redirect-to-https → pass', distribution({ Origins: [{ Id: 'app', DomainName: 'app.example.com', CustomOriginConfig: { OriginProtocolPolicy: 'match-viewer' } }] }), []],
    [
      'CloudFront match-viewer origin with an allow-all behaviour → fail',
      distribution({
        Origins: [{ Id: 'app', DomainName: 'app.example.com', CustomOriginConfig: { OriginProtocolPolicy: 'match-viewer' } }],
        DefaultCacheBehavior: { TargetOriginId: 'app', ViewerProtocolPolicy: 'allow-all' },
      }),
      ['TLS-3:fail'],
    ],
    ['CloudFront S3 origin behind redirect-to-https → pass', distribution({ Origins: [{ Id: 'app', DomainName: 'b.s3.amazonaws.com', S3OriginConfig: {} }] }), []],
    ['CloudFront origin protocol from an import → unknown', distribution({ Origins: [{ Id: 'app', DomainName: 'app.example.com', CustomOriginConfig: { OriginProtocolPolicy: IMPORT } }] }), ['TLS-3:unknown']],
    [
      'classic load balancer to instances over HTTP → fail',
      { Clb: { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: { Listeners: [{ LoadBalancerPort: '443', InstancePort: '80', Protocol: 'HTTPS', InstanceProtocol: 'HTTP', SSLCertificateId: 'arn:c', PolicyNames: [] }] } } },
      ['TLS-3:fail'],
    ],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(t(resources), 'TLS-3')).toEqual(expected);
  });

  it('message: names the target group, the protocol and the listener that forwards to it', () => {
    const [f] = t(listener({})).concat(t({ ...listener({}), Tg: tg({ Protocol: 'HTTP' }) })).filter((x) => x.requirement === 'TLS-3');
    expect(f).toMatchObject({
      severity: 'P2',
      message: "Target group 'Tg' carries traffic to its backend without TLS: Protocol is HTTP (traffic from Listener 'L').",
      fix: 'Set Protocol: HTTPS (or TLS) on the target group and serve TLS on the targets.',
    });
  });
});

describe('TLS-4: data services refuse clients that do not use TLS', () => {
  const bucket = (props: { [k: string]: Json } = {}): Res => ({ Type: 'AWS::S3::Bucket', Properties: props });
  const statement = (over: { [k: string]: Json } = {}): { [k: string]: Json } => ({
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: 's3:*',
    Resource: [{ 'Fn::GetAtt': ['B', 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['B', 'Arn'] }, '/*']] }],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    ...over,
  });
  const withPolicy = (statements: Json[], bucketRef: Json = { Ref: 'B' }, bucketProps: { [k: string]: Json } = {}): Record<string, Res> => ({
    B: bucket(bucketProps),
    P: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: bucketRef, PolicyDocument: { Version: '2012-10-17', Statement: statements } } },
  });

  it.each<[string, Record<string, Res>, string[]]>([
    ['bucket with the CDK enforceSSL statement → pass', withPolicy([statement()]), []],
    ['bucket policy with Principal "*" and Action "*" → pass', withPolicy([statement({ Principal: '*', Action: '*' })]), []],
    ['bucket policy with Resource "*" → pass', withPolicy([statement({ Resource: '*' })]), []],
    ['bucket policy with Fn::Sub ARNs → pass', withPolicy([statement({ Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${B}' }, { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${B}/*' }] })]), []],
    [
      'bucket named literally, policy naming it literally → pass',
      withPolicy([statement({ Resource: ['arn:aws:s3:::data-bucket', 'arn:aws:s3:::data-bucket/*'] })], 'data-bucket', { BucketName: 'data-bucket' }),
      [],
    ],
    ['bucket policy with a BoolIfExists condition and the value as a list → pass', withPolicy([statement({ Condition: { BoolIfExists: { 'aws:SecureTransport': ['false'] } } })]), []],
    ['bucket without a policy → fail', { B: bucket() }, ['TLS-4:fail']],
    ['bucket policy denying when SecureTransport is "true" → fail', withPolicy([statement({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })]), ['TLS-4:fail']],
    ['bucket policy allowing when SecureTransport is "true" → fail', withPolicy([statement({ Effect: 'Allow', Condition: { Bool: { 'aws:SecureTransport': 'true' } } })]), ['TLS-4:fail']],
    ['bucket policy covering only the objects → fail', withPolicy([statement({ Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['B', 'Arn'] }, '/*']] } })]), ['TLS-4:fail']],
    ['bucket policy covering a prefix only → fail', withPolicy([statement({ Resource: [{ 'Fn::GetAtt': ['B', 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['B', 'Arn'] }, '/public/*']] }] })]), ['TLS-4:fail']],
    ['bucket policy denying one principal only → fail', withPolicy([statement({ Principal: { AWS: 'arn:aws:iam::111111111111:root' } })]), ['TLS-4:fail']],
    ['bucket policy denying some actions only → fail', withPolicy([statement({ Action: ['s3:GetObject', 's3:PutObject'] })]), ['TLS-4:fail']],
    ['bucket policy with an extra condition narrowing the deny → fail', withPolicy([statement({ Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': '1' } } })]), ['TLS-4:fail']],
    ['bucket policy with NotPrincipal → fail', withPolicy([{ ...statement(), Principal: NO_VALUE, NotPrincipal: { AWS: 'arn:aws:iam::1:root' } }]), ['TLS-4:fail']],
    ['bucket policy whose deny exists in one Fn::If branch only → fail', withPolicy([iff(statement(), NO_VALUE)]), ['TLS-4:fail']],
    ['bucket policy for another bucket → fail', { ...withPolicy([statement()], { Ref: 'Other' }), Other: bucket() }, ['TLS-4:fail', 'TLS-4:fail']],
    ['bucket policy document from an import → unknown', { B: bucket(), P: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'B' }, PolicyDocument: IMPORT } } }, ['TLS-4:unknown']],
    ['bucket policy principal from an import → unknown', withPolicy([statement({ Principal: { AWS: IMPORT } })]), ['TLS-4:unknown']],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(t(resources), 'TLS-4')).toEqual(expected);
  });

  const topicPolicy = (action: Json): Record<string, Res> => ({
    Topic: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: 'alias/aws/sns' } },
    Tp: {
      Type: 'AWS::SNS::TopicPolicy',
      Properties: {
        Topics: [{ Ref: 'Topic' }],
        PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: action, Resource: { Ref: 'Topic' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
      },
    },
  });
  const queuePolicy = (resource: Json): Record<string, Res> => ({
    Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
    Qp: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: 'Queue' }],
        PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sqs:*', Resource: resource, Condition: { Bool: { 'aws:SecureTransport': false } } }] },
      },
    },
  });

  it.each<[string, Record<string, Res>, string[]]>([
    ['topic denying sns:Publish without TLS (CDK enforceSSL) → pass', topicPolicy('sns:Publish'), []],
    ['topic denying sns:* without TLS → pass', topicPolicy('sns:*'), []],
    ['topic denying sns:Subscribe only → fail', topicPolicy('sns:Subscribe'), ['TLS-4:fail']],
    ['topic without a policy → fail', { Topic: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: 'alias/aws/sns' } } }, ['TLS-4:fail']],
    ['queue denying sqs:* on its ARN (boolean false) → pass', queuePolicy({ 'Fn::GetAtt': ['Queue', 'Arn'] }), []],
    ['queue policy naming the queue URL instead of its ARN → fail', queuePolicy({ Ref: 'Queue' }), ['TLS-4:fail']],
    ['queue without a policy → fail', { Queue: { Type: 'AWS::SQS::Queue', Properties: {} } }, ['TLS-4:fail']],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(t(resources), 'TLS-4')).toEqual(expected);
  });

  const db = (props: { [k: string]: Json }, extra: Record<string, Res> = {}): Record<string, Res> => ({
    Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceClass: 'db.t3.micro', StorageEncrypted: true, ...props } },
    ...extra,
  });
  const group = (family: string, parameters: { [k: string]: Json }, type = 'AWS::RDS::DBParameterGroup'): Res => ({
    Type: type,
    Properties: { Family: family, Description: 'p', Parameters: parameters },
  });

  it.each<[string, Record<string, Res>, string[]]>([
    ['PostgreSQL with rds.force_ssl "1" → pass', db({ Engine: 'postgres', EngineVersion: '14.9', DBParameterGroupName: { Ref: 'Pg' } }, { Pg: group('postgres14', { 'rds.force_ssl': '1' }) }), []],
    ['PostgreSQL with rds.force_ssl 1 as a number → pass', db({ Engine: 'postgres', EngineVersion: '14.9', DBParameterGroupName: { Ref: 'Pg' } }, { Pg: group('postgres14', { 'rds.force_ssl': 1 }) }), []],
    ['PostgreSQL with rds.force_ssl "0" → fail', db({ Engine: 'postgres', EngineVersion: '16.3', DBParameterGroupName: { Ref: 'Pg' } }, { Pg: group('postgres16', { 'rds.force_ssl': '0' }) }), ['TLS-4:fail']],
    ['PostgreSQL with rds.force_ssl chosen by Fn::If → fail', db({ Engine: 'postgres', EngineVersion: '14.9', DBParameterGroupName: { Ref: 'Pg' } }, { Pg: group('postgres14', { 'rds.force_ssl': iff('1', '0') }) }), ['TLS-4:fail']],
    ['PostgreSQL 14 on the default parameter group → fail', db({ Engine: 'postgres', EngineVersion: '14.9' }), ['TLS-4:fail']],
    ['PostgreSQL 16 on the default parameter group (forces SSL from 15) → pass', db({ Engine: 'postgres', EngineVersion: '16.3' }), []],
    ['PostgreSQL without EngineVersion on the default group → unknown', db({ Engine: 'postgres' }), ['TLS-4:unknown']],
    ['PostgreSQL 14 custom group not setting rds.force_ssl → fail', db({ Engine: 'postgres', EngineVersion: '14.9', DBParameterGroupName: { Ref: 'Pg' } }, { Pg: group('postgres14', { work_mem: '4096' }) }), ['TLS-4:fail']],
    ['MySQL on the default parameter group → fail', db({ Engine: 'mysql', EngineVersion: '8.0.35' }), ['TLS-4:fail']],
    ['MySQL with require_secure_transport ON → pass', db({ Engine: 'mysql', DBParameterGroupName: { Ref: 'My' } }, { My: group('mysql8.0', { require_secure_transport: 'ON' }) }), []],
    ['MariaDB with require_secure_transport "1" → pass', db({ Engine: 'mariadb', DBParameterGroupName: { Ref: 'My' } }, { My: group('mariadb10.11', { require_secure_transport: '1' }) }), []],
    ['SQL Server with rds.force_ssl 1 → pass', db({ Engine: 'sqlserver-se', DBParameterGroupName: { Ref: 'Ss' } }, { Ss: group('sqlserver-se-15.0', { 'rds.force_ssl': '1' }) }), []],
    ['a parameter group not in this template → unknown', db({ Engine: 'mysql', DBParameterGroupName: 'team-mysql' }), ['TLS-4:unknown']],
    ['a parameter group from an import → unknown', db({ Engine: 'mysql', DBParameterGroupName: IMPORT }), ['TLS-4:unknown']],
    ['engine from a parameter without default → unknown', db({ Engine: { Ref: 'NoDefault' } }), ['TLS-4:unknown']],
    ['Oracle (TLS through option groups) → unknown', db({ Engine: 'oracle-ee' }), ['TLS-4:unknown']],
    [
      'Aurora PostgreSQL cluster with rds.force_ssl 1, and its instance → pass',
      {
        C: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-postgresql', StorageEncrypted: true, DBClusterParameterGroupName: { Ref: 'Cpg' } } },
        Cpg: group('aurora-postgresql16', { 'rds.force_ssl': '1' }, 'AWS::RDS::DBClusterParameterGroup'),
        I: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'aurora-postgresql', DBClusterIdentifier: { Ref: 'C' }, DBInstanceClass: 'db.r6g.large' } },
      },
      [],
    ],
    [
      'Aurora MySQL cluster on the default group → one fail, on the cluster',
      {
        C: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-mysql', StorageEncrypted: true } },
        I: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'aurora-mysql', DBClusterIdentifier: { Ref: 'C' }, DBInstanceClass: 'db.r6g.large' } },
      },
      ['TLS-4:fail'],
    ],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(t(resources), 'TLS-4')).toEqual(expected);
  });

  const one = (type: string, props: { [k: string]: Json }): Record<string, Res> => ({ S: { Type: type, Properties: props } });

  it.each<[string, Record<string, Res>, string[]]>([
    ['ElastiCache transit encryption on → pass', one('AWS::ElastiCache::ReplicationGroup', { AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true }), []],
    ['ElastiCache transit encryption "true" with mode required → pass', one('AWS::ElastiCache::ReplicationGroup', { AtRestEncryptionEnabled: true, TransitEncryptionEnabled: 'true', TransitEncryptionMode: 'required' }), []],
    ['ElastiCache transit encryption off by default → fail', one('AWS::ElastiCache::ReplicationGroup', { AtRestEncryptionEnabled: true }), ['TLS-4:fail']],
    ['ElastiCache transit mode preferred (accepts plain text) → fail', one('AWS::ElastiCache::ReplicationGroup', { AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true, TransitEncryptionMode: 'preferred' }), ['TLS-4:fail']],
    ['ElastiCache transit encryption from an import → unknown', one('AWS::ElastiCache::ReplicationGroup', { AtRestEncryptionEnabled: true, TransitEncryptionEnabled: IMPORT }), ['TLS-4:unknown']],
    ['Memcached cluster without transit encryption → fail', one('AWS::ElastiCache::CacheCluster', { Engine: 'memcached' }), ['TLS-4:fail']],
    ['OpenSearch enforcing HTTPS with node-to-node encryption → pass', { S: search({ DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07' } }) }, []],
    ['OpenSearch without EnforceHTTPS → fail', { S: search({ DomainEndpointOptions: { TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07' } }) }, ['TLS-4:fail']],
    ['OpenSearch without node-to-node encryption → fail', { S: search({ NodeToNodeEncryptionOptions: NO_VALUE, DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07' } }) }, ['TLS-4:fail']],
    ['MSK with defaults (TLS) → pass', one('AWS::MSK::Cluster', { ClusterName: 'k' }), []],
    ['MSK ClientBroker TLS_PLAINTEXT → fail', one('AWS::MSK::Cluster', { EncryptionInfo: { EncryptionInTransit: { ClientBroker: 'TLS_PLAINTEXT' } } }), ['TLS-4:fail']],
    ['MSK InCluster false → fail', one('AWS::MSK::Cluster', { EncryptionInfo: { EncryptionInTransit: { InCluster: 'false' } } }), ['TLS-4:fail']],
    ['Redshift on the default parameter group → fail', one('AWS::Redshift::Cluster', { Encrypted: true }), ['TLS-4:fail']],
    [
      'Redshift with require_ssl true → pass',
      {
        S: { Type: 'AWS::Redshift::Cluster', Properties: { Encrypted: true, ClusterParameterGroupName: { Ref: 'Rpg' } } },
        Rpg: { Type: 'AWS::Redshift::ClusterParameterGroup', Properties: { Description: 'p', ParameterGroupFamily: 'redshift-1.0', Parameters: [{ ParameterName: 'require_ssl', ParameterValue: 'true' }] } },
      },
      [],
    ],
    ['Redshift Serverless workgroup without require_ssl → fail', one('AWS::RedshiftServerless::Workgroup', { WorkgroupName: 'w' }), ['TLS-4:fail']],
    ['Redshift Serverless workgroup with require_ssl true → pass', one('AWS::RedshiftServerless::Workgroup', { ConfigParameters: [{ ParameterKey: 'require_ssl', ParameterValue: 'true' }] }), []],
    ['DocumentDB on the default parameter group (tls enabled) → pass', one('AWS::DocDB::DBCluster', { StorageEncrypted: true }), []],
    [
      'DocumentDB with tls disabled → fail',
      {
        S: { Type: 'AWS::DocDB::DBCluster', Properties: { StorageEncrypted: true, DBClusterParameterGroupName: { Ref: 'Dpg' } } },
        Dpg: { Type: 'AWS::DocDB::DBClusterParameterGroup', Properties: { Family: 'docdb5.0', Description: 'p', Parameters: { tls: 'disabled' } } },
      },
      ['TLS-4:fail'],
    ],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(t(resources), 'TLS-4')).toEqual(expected);
  });

  it('message: a bucket without a denying policy', () => {
    const [f] = t({ B: bucket() }).filter((x) => x.requirement === 'TLS-4');
    expect(f).toMatchObject({
      severity: 'P1',
      message: "Bucket 'B' accepts clients that do not use TLS: no bucket policy in the template targets it, so nothing denies requests where aws:SecureTransport is false.",
      fix: 'Add a bucket policy statement: Effect Deny, Principal "*", Action "s3:*", Resource the bucket ARN and "<bucket ARN>/*", Condition Bool aws:SecureTransport "false" (CDK: enforceSSL: true).',
    });
  });

  it('message: a policy that does not count names the policy', () => {
    const [f] = t(withPolicy([statement({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })])).filter((x) => x.requirement === 'TLS-4');
    expect(f.message).toBe("Bucket 'B' accepts clients that do not use TLS: in Bucket policy 'P', no statement denies every principal s3:* on the bucket and its objects when aws:SecureTransport is false.");
  });

  it('message: a database names the parameter group and the parameter', () => {
    const [f] = t(db({ Engine: 'postgres', EngineVersion: '16.3', DBParameterGroupName: { Ref: 'Pg' } }, { Pg: group('postgres16', { 'rds.force_ssl': '0' }) })).filter((x) => x.requirement === 'TLS-4');
    expect(f.message).toBe("DB instance 'Db' accepts clients that do not use TLS: DB parameter group 'Pg' sets rds.force_ssl to 0.");
  });

  it('message: OpenSearch names which part', () => {
    const [f] = t({ S: search({ DomainEndpointOptions: { TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07' } }) }).filter((x) => x.requirement === 'TLS-4');
    expect(f.message).toBe("The client endpoint of OpenSearch domain 'S' accepts clients that do not use TLS: DomainEndpointOptions.EnforceHTTPS is not set (off by default).");
  });
});
