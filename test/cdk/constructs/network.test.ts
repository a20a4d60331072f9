/**
 * Network: the secure VPC (NET-4, LOG-3) and security groups built from declared connections
 * (NET-1, NET-2, NET-3).
 */
import { Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ConnectedSecurityGroup } from '../../../cdk/connected-security-group';
import { SecureVpc } from '../../../cdk/secure-vpc';
import { findingLines, nagViolations, newStack, policyFindings, snapshotOf } from './helpers';

describe('GIVEN a secure VPC and three tiers joined by declared connections', () => {
  let stack: Stack;
  let template: Template;
  let vpc: SecureVpc;
  let web: ConnectedSecurityGroup;
  let api: ConnectedSecurityGroup;
  let db: ConnectedSecurityGroup;
  beforeAll(() => {
    stack = newStack();
    vpc = new SecureVpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    web = new ConnectedSecurityGroup(stack, 'Web', { vpc, description: 'Web tier' });
    api = new ConnectedSecurityGroup(stack, 'Api', { vpc, description: 'API tier' });
    db = new ConnectedSecurityGroup(stack, 'Db', { vpc, description: 'Database' });
    // WHEN
    api.allowFrom(web, ec2.Port.tcp(8443), 'web calls the API');
    api.allowTo(db, ec2.Port.tcp(5432), 'the API queries the database');
    web.allowToInternet(ec2.Port.tcp(443), 'AWS APIs');
    template = Template.fromStack(stack);
  });

  it('THEN the default security group is stripped and flow logs of all traffic go to a 90-day log group', () => {
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: { Ref: Match.stringLikeRegexp('^VpcFlowLogs') },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90, KmsKeyId: Match.anyValue() });
  });

  it('THEN "api from web on 8443" writes the ingress on api and the egress on web', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [stack.getLogicalId(api.node.defaultChild as ec2.CfnSecurityGroup), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [stack.getLogicalId(web.node.defaultChild as ec2.CfnSecurityGroup), 'GroupId'] },
      IpProtocol: 'tcp', FromPort: 8443, ToPort: 8443,
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      GroupId: { 'Fn::GetAtt': [stack.getLogicalId(web.node.defaultChild as ec2.CfnSecurityGroup), 'GroupId'] },
      DestinationSecurityGroupId: { 'Fn::GetAtt': [stack.getLogicalId(api.node.defaultChild as ec2.CfnSecurityGroup), 'GroupId'] },
      IpProtocol: 'tcp', FromPort: 8443, ToPort: 8443,
    });
  });

  it('THEN a group without declared egress allows nothing out', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Database',
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })],
    });
  });

  it('THEN a group whose only egress goes to another group keeps an inline rule, so AWS adds no allow-all egress', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'API tier',
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Web tier',
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 })],
    });
  });

  it('THEN the whole policy finds nothing', () => {
    expect(findingLines(stack)).toEqual([]);
  });

  it('THEN cdk-nag AwsSolutions reports no error', () => {
    expect(nagViolations(stack)).toEqual([]);
  });

  it('snapshot: SecureVpc', () => {
    expect(snapshotOf(stack, vpc, vpc.flowLogGroup)).toMatchSnapshot();
  });

  it('snapshot: ConnectedSecurityGroup', () => {
    expect(snapshotOf(stack, web, api, db)).toMatchSnapshot();
  });
});

describe('refused props and rules', () => {
  const group = (props: Partial<ConstructorParameters<typeof ConnectedSecurityGroup>[2]> = {}): ConnectedSecurityGroup => {
    const stack = newStack();
    return new ConnectedSecurityGroup(stack, 'Api', { vpc: new ec2.Vpc(stack, 'V', { restrictDefaultSecurityGroup: true }), ...props });
  };

  it.each<[string, () => void, string]>([
    ['a VPC keeping its default group open → NET-4', () => new SecureVpc(newStack(), 'Vpc', { restrictDefaultSecurityGroup: false }),
      "[NET-4] VPC 'Vpc' sets restrictDefaultSecurityGroup: false; the default security group must deny all traffic."],
    ['allowAllOutbound: true → NET-3', () => group({ allowAllOutbound: true }),
      "[NET-3] Security group 'Api' sets allowAllOutbound: true; egress must be declared connection by connection."],
    ['allowAllIpv6Outbound: true → NET-3', () => group({ allowAllIpv6Outbound: true }),
      "[NET-3] Security group 'Api' sets allowAllIpv6Outbound: true; egress must be declared connection by connection."],
    ['ssh from 0.0.0.0/0 → NET-1', () => group().addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22)),
      "[NET-1] Security group 'Api' would admit tcp/22 from 0.0.0.0/0; admin and data ports must never be reachable from the internet."],
    ['postgres from ::/0 through connections → NET-1', () => group().connections.allowFrom(ec2.Peer.anyIpv6(), ec2.Port.tcp(5432)),
      "[NET-1] Security group 'Api' would admit tcp/5432 from ::/0; admin and data ports must never be reachable from the internet."],
    ['all traffic from the world → NET-1', () => group().addIngressRule(ec2.Peer.ipv4('0.0.0.0/0'), ec2.Port.allTraffic()),
      "[NET-1] Security group 'Api' would admit all traffic from 0.0.0.0/0; nothing may admit all traffic from the internet."],
    ['443 from the world on a group that is no public entry → NET-2', () => group().allowFromInternet(ec2.Port.tcp(443)),
      "[NET-2] Security group 'Api' would admit tcp/443 from 0.0.0.0/0, but it is not a public entry point; only an internet-facing load balancer takes traffic from the internet."],
    ['8080 from the world on a public entry → NET-2', () => group({ publicEntry: true }).allowFromInternet(ec2.Port.tcp(8080)),
      "[NET-2] Security group 'Api' would admit tcp/8080 from 0.0.0.0/0; the internet may reach only tcp/443 (and tcp/80 to redirect) on a load balancer."],
    ['a world rule whose port is a token → NET-2', () => group({ publicEntry: true }).addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(Lazy.number({ produce: () => 22 }))),
      'a port not known before deployment'],
    ['all traffic out to the world → NET-3', () => group().addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.allTraffic()),
      "[NET-3] Security group 'Api' would allow all traffic out to 0.0.0.0/0; declare the destinations and ports it needs."],
    ['every tcp port out to ::/0 through connections → NET-3', () => group().connections.allowTo(ec2.Peer.anyIpv6(), ec2.Port.allTcp()),
      "[NET-3] Security group 'Api' would allow tcp/all ports out to ::/0; declare the destinations and ports it needs."],
  ])('%s', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});

describe('what only the synthesized template shows', () => {
  it('GIVEN a public entry group that admits the internet but fronts no load balancer THEN validation fails with NET-2', () => {
    const stack = newStack();
    const lb = new ConnectedSecurityGroup(stack, 'Entry', { vpc: new SecureVpc(stack, 'Vpc'), publicEntry: true });
    lb.allowFromInternet();
    expect(lb.node.validate()).toEqual([
      "[NET-2] Security group 'Entry' admits the internet but is attached to no internet-facing load balancer; only an internet-facing load balancer takes traffic from the internet.",
    ]);
  });

  it('GIVEN ssh from 0.0.0.0/1 and 128.0.0.0/1 (each a half, together the internet) THEN the policy checks over the template report NET-1', () => {
    const stack = newStack();
    const api = new ConnectedSecurityGroup(stack, 'Api', { vpc: new SecureVpc(stack, 'Vpc') });
    api.addIngressRule(ec2.Peer.ipv4('0.0.0.0/1'), ec2.Port.tcp(22));
    api.addIngressRule(ec2.Peer.ipv4('128.0.0.0/1'), ec2.Port.tcp(22));
    expect(policyFindings(stack).map((f) => f.requirement)).toEqual(['NET-1']);
  });
});
