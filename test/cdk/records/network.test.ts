/**
 * NET-1..NET-5 over CloudFormation, end to end: template -> facts -> checks -> findings.
 */
import { findingsOf, ingress, Json, loadBalancer, Res, securityGroup, template, verdicts } from '../fixtures';

const WORLD4 = { CidrIp: '0.0.0.0/0' };
const WORLD6 = { CidrIpv6: '::/0' };

/** An app group (not attached to a load balancer) with the given ingress rules. */
function appGroup(...rules: Json[]): Record<string, Res> {
  return { App: securityGroup({ SecurityGroupIngress: rules }) };
}

describe('the happy path', () => {
  it('a group behind an internet-facing load balancer on 443, an app group open to it → no finding', () => {
    const t = template({
      LbSg: securityGroup({ SecurityGroupIngress: [ingress('tcp', 443, 443, WORLD4), ingress('tcp', 443, 443, WORLD6)] }),
      Lb: loadBalancer('LbSg'),
      App: securityGroup({ SecurityGroupIngress: [ingress('tcp', 8443, 8443, { SourceSecurityGroupId: { 'Fn::GetAtt': ['LbSg', 'GroupId'] } })] }),
    });
    expect(findingsOf(t)).toEqual([]);
  });
});

describe('NET-1: no world ingress to admin or data ports, or to everything', () => {
  it.each<[string, Json[], string[]]>([
    ['ssh from 0.0.0.0/0 → fail', [ingress('tcp', 22, 22, WORLD4)], ['NET-1:fail']],
    ['ssh from ::/0 → fail', [ingress('tcp', 22, 22, WORLD6)], ['NET-1:fail']],
    ['ssh from 0:0:0:0:0:0:0:0/0 → fail', [ingress('tcp', 22, 22, { CidrIpv6: '0:0:0:0:0:0:0:0/0' })], ['NET-1:fail']],
    ['ssh from ::0/0 → fail', [ingress('tcp', 22, 22, { CidrIpv6: '::0/0' })], ['NET-1:fail']],
    ['rdp from 0.0.0.0/0 → fail', [ingress('tcp', 3389, 3389, WORLD4)], ['NET-1:fail']],
    ['postgres as numeric protocol 6 and string ports → fail', [ingress('6', '5432', '5432', WORLD4)], ['NET-1:fail']],
    ['a range 20-30 covering 22 → fail', [ingress('tcp', 20, 30, WORLD4)], ['NET-1:fail']],
    ['memcached over udp → fail', [ingress('udp', 11211, 11211, WORLD4)], ['NET-1:fail']],
    ['all ports 0-65535 → fail', [ingress('tcp', 0, 65535, WORLD4)], ['NET-1:fail']],
    ['protocol -1 → fail', [ingress('-1', -1, -1, WORLD4)], ['NET-1:fail']],
    ['protocol -1 as a number → fail', [ingress(-1, 0, 0, WORLD6)], ['NET-1:fail']],
    ['tcp with ports -1 (every port) → fail', [ingress('tcp', -1, -1, WORLD4)], ['NET-1:fail']],
    [
      'two halves 0.0.0.0/1 and 128.0.0.0/1 → fail',
      [ingress('tcp', 22, 22, { CidrIp: '0.0.0.0/1' }), ingress('tcp', 22, 22, { CidrIp: '128.0.0.0/1' })],
      ['NET-1:fail'],
    ],
    [
      'two rules splitting the port range around 22 both from the world → one fail',
      [ingress('tcp', 0, 21, WORLD4), ingress('tcp', 22, 100, WORLD4)],
      ['NET-1:fail'],
    ],
    ['ssh from 10.0.0.0/8 → pass', [ingress('tcp', 22, 22, { CidrIp: '10.0.0.0/8' })], []],
    ['ssh from the VPC CIDR through Fn::GetAtt → pass', [ingress('tcp', 22, 22, { CidrIp: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } })], []],
    ['ssh from a source group → pass', [ingress('tcp', 22, 22, { SourceSecurityGroupId: 'sg-0123' })], []],
    ['ssh from one host → pass', [ingress('tcp', 22, 22, { CidrIp: '203.0.113.10/32' })], []],
    ['ssh from half the internet only → pass (not anywhere)', [ingress('tcp', 22, 22, { CidrIp: '0.0.0.0/1' })], []],
  ])('%s', (_name, rules, expected) => {
    expect(verdicts(findingsOf(template(appGroup(...rules))), 'NET-1')).toEqual(expected);
  });

  it('every public IPv4 range listed one by one, private ranges left out → fail', () => {
    const publicPieces = ['1.0.0.0/8', '2.0.0.0/7', '4.0.0.0/6', '8.0.0.0/7', '11.0.0.0/8', '12.0.0.0/6', '16.0.0.0/4', '32.0.0.0/3', '64.0.0.0/3', '96.0.0.0/4', '112.0.0.0/5', '120.0.0.0/6', '124.0.0.0/7', '126.0.0.0/8', '128.0.0.0/1'];
    const rules = publicPieces.map((c) => ingress('tcp', 22, 22, { CidrIp: c }));
    expect(verdicts(findingsOf(template(appGroup(...rules))), 'NET-1')).toEqual(['NET-1:fail']);
  });

  it('a world rule in one branch of Fn::If → fail', () => {
    const rule = { 'Fn::If': ['IsProd', ingress('tcp', 22, 22, { CidrIp: '10.0.0.0/8' }), ingress('tcp', 22, 22, WORLD4)] };
    expect(verdicts(findingsOf(template(appGroup(rule))), 'NET-1')).toEqual(['NET-1:fail']);
  });

  it('a CIDR chosen by Fn::If inside the rule → fail', () => {
    const rule = ingress('tcp', 22, 22, { CidrIp: { 'Fn::If': ['IsProd', '10.0.0.0/8', '0.0.0.0/0'] } });
    expect(verdicts(findingsOf(template(appGroup(rule))), 'NET-1')).toEqual(['NET-1:fail']);
  });

  it('a rule behind Fn::If with AWS::NoValue on the other branch → fail', () => {
    const rule = { 'Fn::If': ['Open', ingress('tcp', 22, 22, WORLD4), { Ref: 'AWS::NoValue' }] };
    expect(verdicts(findingsOf(template(appGroup(rule))), 'NET-1')).toEqual(['NET-1:fail']);
  });

  it.each<[string, Json, string[]]>([
    ['a parameter defaulting to 0.0.0.0/0 → fail', { Type: 'String', Default: '0.0.0.0/0' }, ['NET-1:fail']],
    ['a parameter allowing 0.0.0.0/0 among its values → fail', { Type: 'String', Default: '10.0.0.0/8', AllowedValues: ['10.0.0.0/8', '0.0.0.0/0'] }, ['NET-1:fail']],
    ['a parameter defaulting to a private range → pass', { Type: 'String', Default: '10.0.0.0/8' }, []],
    ['a parameter with no default → unknown', { Type: 'String' }, ['NET-1:unknown']],
  ])('source from %s', (_name, parameter, expected) => {
    const t = template(appGroup(ingress('tcp', 22, 22, { CidrIp: { Ref: 'AdminCidr' } })), { Parameters: { AdminCidr: parameter } });
    expect(verdicts(findingsOf(t), 'NET-1')).toEqual(expected);
  });

  it.each<[string, Json, string[]]>([
    ['Fn::ImportValue → unknown', { 'Fn::ImportValue': 'shared-admin-cidr' }, ['NET-1:unknown']],
    ['a CIDR built with Fn::Join → fail', { 'Fn::Join': ['', ['0.0.0.0', '/0']] }, ['NET-1:fail']],
    ['a CIDR built with Fn::Sub → fail', { 'Fn::Sub': '0.0.0.0/${Bits}' }, ['NET-1:fail']],
    ['a CIDR from Fn::FindInMap → fail', { 'Fn::FindInMap': ['Cidrs', 'Admin', 'Value'] }, ['NET-1:fail']],
    ['a CIDR from Fn::Select → fail', { 'Fn::Select': [1, ['10.0.0.0/8', '0.0.0.0/0']] }, ['NET-1:fail']],
    ['text that is no CIDR → unknown', 'anywhere', ['NET-1:unknown']],
  ])('source %s', (_name, cidr, expected) => {
    const t = template(appGroup(ingress('tcp', 22, 22, { CidrIp: cidr })), {
      Parameters: { Bits: { Type: 'String', Default: '0' } },
      Mappings: { Cidrs: { Admin: { Value: '0.0.0.0/0' } } },
    });
    expect(verdicts(findingsOf(t), 'NET-1')).toEqual(expected);
  });

  it('an unknown port on a world rule → unknown', () => {
    const t = template(appGroup(ingress('tcp', { 'Fn::ImportValue': 'port' }, { 'Fn::ImportValue': 'port' }, WORLD4)));
    expect(verdicts(findingsOf(t), 'NET-1')).toEqual(['NET-1:unknown']);
  });

  it('a rule list from an import → unknown', () => {
    const t = template({ App: securityGroup({ SecurityGroupIngress: { 'Fn::ImportValue': 'rules' } }) });
    expect(verdicts(findingsOf(t), 'NET-1')).toEqual(['NET-1:unknown']);
  });

  it('escape hatch: a standalone SecurityGroupIngress on a compliant group → fail', () => {
    const t = template({
      App: securityGroup(),
      OpenSsh: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { 'Fn::GetAtt': ['App', 'GroupId'] }, ...ingress('tcp', 22, 22, WORLD4) } },
    });
    const f = findingsOf(t).filter((x) => x.requirement === 'NET-1');
    expect(f.map((x) => [x.status, x.resource.logicalId])).toEqual([['fail', 'OpenSsh']]);
  });

  it('a standalone ingress on an imported group (literal id) → fail', () => {
    const t = template({ OpenSsh: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: 'sg-0abc', ...ingress('tcp', 22, 22, WORLD6) } } });
    expect(verdicts(findingsOf(t), 'NET-1')).toEqual(['NET-1:fail']);
  });

  it('a prefix list declared in the template with a world entry → fail', () => {
    const t = template({
      Pl: { Type: 'AWS::EC2::PrefixList', Properties: { AddressFamily: 'IPv4', MaxEntries: 2, PrefixListName: 'x', Entries: [{ Cidr: '0.0.0.0/0' }] } },
      ...appGroup(ingress('tcp', 22, 22, { SourcePrefixListId: { 'Fn::GetAtt': ['Pl', 'PrefixListId'] } })),
    });
    expect(verdicts(findingsOf(t), 'NET-1')).toEqual(['NET-1:fail']);
  });

  it('a managed prefix list not in the template on ssh → unknown', () => {
    const t = template(appGroup(ingress('tcp', 22, 22, { SourcePrefixListId: 'pl-0123' })));
    expect(verdicts(findingsOf(t), 'NET-1')).toEqual(['NET-1:unknown']);
  });

  it('message: names the group, the traffic, the source, the rule, the fix and the clause', () => {
    const t = template({ Web: securityGroup({ SecurityGroupIngress: [ingress('tcp', 22, 22, WORLD4)] }) });
    const [f] = findingsOf(t);
    expect(f).toMatchObject({
      requirement: 'NET-1',
      severity: 'P0',
      status: 'fail',
      message: "Security group 'Web' allows tcp/22 from 0.0.0.0/0 (rule SecurityGroupIngress[0]).",
      fix: 'Restrict the source, or put the service behind a load balancer on 443.',
      clause: 'Security Groups',
      fixWithinDays: 0,
      detail: 'ingress tcp/22 from 0.0.0.0/0',
      resource: { type: 'AWS::EC2::SecurityGroup', logicalId: 'Web', file: 'test.template.json', stack: 'Test' },
    });
  });

  it('message: split rules read as one range', () => {
    const [f] = findingsOf(template(appGroup(ingress('tcp', 0, 21, WORLD4), ingress('tcp', 22, 100, WORLD4))));
    expect(f.message).toMatch(/^Security group 'App' allows tcp\/0-100 from 0\.0\.0\.0\/0, which includes admin or data ports 20-21, 22-23, 88 \(rules SecurityGroupIngress\[0\], SecurityGroupIngress\[1\]\)\.$/);
  });

  it('message: a range names the admin ports it covers', () => {
    const [f] = findingsOf(template(appGroup(ingress('tcp', 3000, 3400, WORLD4))));
    expect(f.message).toBe("Security group 'App' allows tcp/3000-3400 from 0.0.0.0/0, which includes admin or data ports 3306, 3389 (rule SecurityGroupIngress[0]).");
  });

  it('message: unknown says what could not be verified', () => {
    const t = template(appGroup(ingress('tcp', 22, 22, { CidrIp: { 'Fn::ImportValue': 'admin-cidr' } })));
    const [f] = findingsOf(t);
    expect(f.message).toBe(
      "Could not be verified: security group 'App' may allow tcp/22 from an unknown source (rule SecurityGroupIngress[0]). SecurityGroupIngress[0]: the source is Fn::ImportValue 'admin-cidr', which may be the internet.",
    );
  });
});

describe('NET-2: world ingress only on 80/443, only to an internet-facing load balancer', () => {
  const lb = (rules: Json[], lbProps: { [k: string]: Json } = {}): Record<string, Res> => ({
    LbSg: securityGroup({ SecurityGroupIngress: rules }),
    Lb: loadBalancer('LbSg', lbProps),
  });

  it.each<[string, Record<string, Res>, string[]]>([
    ['443 from the world on a load balancer group → pass', lb([ingress('tcp', 443, 443, WORLD4)]), []],
    ['80 and 443 from both internets on a load balancer group → pass', lb([ingress('tcp', 80, 80, WORLD4), ingress('tcp', 443, 443, WORLD6)]), []],
    ['443 on a balancer without Scheme (internet-facing by default) → pass', lb([ingress('tcp', 443, 443, WORLD4)], { Scheme: { Ref: 'AWS::NoValue' } }), []],
    ['443 on an internal balancer → fail', lb([ingress('tcp', 443, 443, WORLD4)], { Scheme: 'internal' }), ['NET-2:fail']],
    ['8080 from the world on a load balancer group → fail', lb([ingress('tcp', 8080, 8080, WORLD4)]), ['NET-2:fail']],
    ['the range 443-444 on a load balancer group → fail', lb([ingress('tcp', 443, 444, WORLD4)]), ['NET-2:fail']],
    ['udp 443 on a load balancer group → fail', lb([ingress('udp', 443, 443, WORLD4)]), ['NET-2:fail']],
    ['443 from the world on an app group → fail', appGroup(ingress('tcp', 443, 443, WORLD4)), ['NET-2:fail']],
    ['icmp from the world → fail', appGroup(ingress('icmp', -1, -1, WORLD4)), ['NET-2:fail']],
    ['dns over udp from the world → fail', appGroup(ingress('udp', 53, 53, WORLD6)), ['NET-2:fail']],
    ['443 from a private range on an app group → pass', appGroup(ingress('tcp', 443, 443, { CidrIp: '10.0.0.0/8' })), []],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(findingsOf(template(resources)), 'NET-2')).toEqual(expected);
  });

  it('443 from the world on a group attached to a balancer and an instance → fail', () => {
    const t = template({
      LbSg: securityGroup({ SecurityGroupIngress: [ingress('tcp', 443, 443, WORLD4)] }),
      Lb: loadBalancer('LbSg'),
      Host: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', SubnetId: { Ref: 'Subnet' }, SecurityGroupIds: [{ 'Fn::GetAtt': ['LbSg', 'GroupId'] }] } },
    });
    expect(verdicts(findingsOf(t), 'NET-2')).toEqual(['NET-2:fail']);
  });

  it('443 from the world on an imported group → unknown', () => {
    const t = template({ Open: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { 'Fn::ImportValue': 'lb-sg' }, ...ingress('tcp', 443, 443, WORLD4) } } });
    expect(verdicts(findingsOf(t), 'NET-2')).toEqual(['NET-2:unknown']);
  });

  it('a balancer scheme from a parameter without default → unknown', () => {
    const t = template(lb([ingress('tcp', 443, 443, WORLD4)], { Scheme: { Ref: 'Scheme' } }), { Parameters: { Scheme: { Type: 'String' } } });
    expect(verdicts(findingsOf(t), 'NET-2')).toEqual(['NET-2:unknown']);
  });

  it('message: 443 on a group that is not a public entry point', () => {
    const [f] = findingsOf(template(appGroup(ingress('tcp', 443, 443, WORLD4))));
    expect(f.message).toBe("Security group 'App' allows tcp/443 from 0.0.0.0/0 (rule SecurityGroupIngress[0]) but is not attached only to internet-facing load balancers.");
  });
});

describe('NET-3: egress is an allow-list', () => {
  it.each<[string, { [k: string]: Json }, string[]]>([
    ['egress -1 to 0.0.0.0/0 → fail', { SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }] }, ['NET-3:fail']],
    ['egress -1 to ::/0 → fail', { SecurityGroupEgress: [{ IpProtocol: '-1', CidrIpv6: '::/0' }] }, ['NET-3:fail']],
    ['egress tcp 0-65535 to the world → fail', { SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, CidrIp: '0.0.0.0/0' }] }, ['NET-3:fail']],
    ['no egress declared (AWS adds allow-all) → fail', { SecurityGroupEgress: { Ref: 'AWS::NoValue' } }, ['NET-3:fail']],
    ['an empty egress list (AWS adds allow-all) → fail', { SecurityGroupEgress: [] }, ['NET-3:fail']],
    ['egress 443 to the world → pass', { SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] }, []],
    ['CDK deny-all placeholder egress → pass', { SecurityGroupEgress: [{ IpProtocol: 'icmp', FromPort: 252, ToPort: 86, CidrIp: '255.255.255.255/32' }] }, []],
    ['egress -1 to the VPC → pass', { SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } }] }, []],
    ['egress -1 to an imported destination → unknown', { SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: { 'Fn::ImportValue': 'dest' } }] }, ['NET-3:unknown']],
  ])('%s', (_name, props, expected) => {
    expect(verdicts(findingsOf(template({ App: securityGroup(props) })), 'NET-3')).toEqual(expected);
  });

  it('message: the implicit egress says why', () => {
    const [f] = findingsOf(template({ App: securityGroup({ SecurityGroupEgress: { Ref: 'AWS::NoValue' } }) }));
    expect(f.message).toBe("Security group 'App' allows all traffic out to 0.0.0.0/0 (rule default egress (no SecurityGroupEgress declared)).");
  });
});

describe('network ACL entries (stateless)', () => {
  const acl = (entries: Record<string, { [k: string]: Json }>): Record<string, Res> => ({
    Acl: { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'Vpc' } } },
    ...Object.fromEntries(
      Object.entries(entries).map(([id, p]) => [id, { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { Ref: 'Acl' }, Egress: false, RuleAction: 'allow', ...p } }]),
    ),
  });

  it.each<[string, Record<string, { [k: string]: Json }>, string[]]>([
    ['allow all traffic from the world → NET-1 fail', { E: { RuleNumber: 100, Protocol: -1, CidrBlock: '0.0.0.0/0' } }, ['NET-1:fail']],
    ['ssh from the world → NET-1 fail', { E: { RuleNumber: 100, Protocol: 6, PortRange: { From: 22, To: 22 }, CidrBlock: '0.0.0.0/0' } }, ['NET-1:fail']],
    ['ssh from ::/0 → NET-1 fail', { E: { RuleNumber: 100, Protocol: 6, PortRange: { From: 22, To: 22 }, Ipv6CidrBlock: '::/0' } }, ['NET-1:fail']],
    ['the ephemeral return range 1024-65535 → pass', { E: { RuleNumber: 100, Protocol: 6, PortRange: { From: 1024, To: 65535 }, CidrBlock: '0.0.0.0/0' } }, []],
    ['443 from the world (public subnet) → pass', { E: { RuleNumber: 100, Protocol: 6, PortRange: { From: 443, To: 443 }, CidrBlock: '0.0.0.0/0' } }, []],
    [
      'ssh allowed after an earlier deny of the world → pass',
      {
        D: { RuleNumber: 50, Protocol: 6, PortRange: { From: 22, To: 22 }, CidrBlock: '0.0.0.0/0', RuleAction: 'deny' },
        E: { RuleNumber: 100, Protocol: 6, PortRange: { From: 22, To: 22 }, CidrBlock: '0.0.0.0/0' },
      },
      [],
    ],
    [
      'ssh allowed before a later deny → NET-1 fail',
      {
        D: { RuleNumber: 200, Protocol: 6, PortRange: { From: 22, To: 22 }, CidrBlock: '0.0.0.0/0', RuleAction: 'deny' },
        E: { RuleNumber: 100, Protocol: 6, PortRange: { From: 22, To: 22 }, CidrBlock: '0.0.0.0/0' },
      },
      ['NET-1:fail'],
    ],
    ['egress allow all to the world → pass (stateless return path)', { E: { RuleNumber: 100, Protocol: -1, CidrBlock: '0.0.0.0/0', Egress: true } }, []],
    ['ssh from an imported CIDR → NET-1 unknown', { E: { RuleNumber: 100, Protocol: 6, PortRange: { From: 22, To: 22 }, CidrBlock: { 'Fn::ImportValue': 'x' } } }, ['NET-1:unknown']],
  ])('%s', (_name, entries, expected) => {
    expect(verdicts(findingsOf(template(acl(entries))))).toEqual(expected);
  });
});

describe('NET-4: default networks are not used; default groups deny all', () => {
  it('a VPC whose default group is not restricted → fail', () => {
    const t = template({});
    delete (t.Resources as Record<string, unknown>).VpcRestrictDefaultSg;
    const f = findingsOf(t);
    expect(verdicts(f)).toEqual(['NET-4:fail']);
    expect(f[0].message).toBe("VPC 'Vpc' keeps the allow rules of its default security group (nothing in the template strips them).");
  });

  it.each<[string, Record<string, Res>, string[]]>([
    ['a group without VpcId (default VPC) → fail', { G: securityGroup({ VpcId: { Ref: 'AWS::NoValue' } }) }, ['NET-4:fail']],
    ['an instance without subnet (default VPC) → fail', { I: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1' } } }, ['NET-4:fail']],
    ['an instance in a subnet → pass', { I: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', SubnetId: { Ref: 'Subnet' } } } }, []],
    [
      'an instance with a launch template that names no subnet → unknown',
      { Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { ImageId: 'ami-1' } } }, I: { Type: 'AWS::EC2::Instance', Properties: { LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: '1' } } } },
      ['NET-4:unknown'],
    ],
    [
      'an instance using the VPC default group → fail',
      { I: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', SubnetId: { Ref: 'Subnet' }, SecurityGroupIds: [{ 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] }] } } },
      ['NET-4:fail'],
    ],
    [
      'a rule added to the VPC default group → fail',
      { R: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] }, ...ingress('tcp', 443, 443, { CidrIp: '10.0.0.0/8' }) } } },
      ['NET-4:fail'],
    ],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(findingsOf(template(resources)), 'NET-4')).toEqual(expected);
  });
});

describe('NET-5: data services are not reachable from the internet', () => {
  const db = (props: { [k: string]: Json }): Record<string, Res> => ({
    Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', DBSubnetGroupName: 'private', ...props } },
  });

  it.each<[string, Record<string, Res>, string[]]>([
    ['RDS PubliclyAccessible true → fail', db({ PubliclyAccessible: true }), ['NET-5:fail']],
    ['RDS PubliclyAccessible "true" → fail', db({ PubliclyAccessible: 'true' }), ['NET-5:fail']],
    ['RDS PubliclyAccessible false → pass', db({ PubliclyAccessible: false }), []],
    ['RDS public in one Fn::If branch → fail', db({ PubliclyAccessible: { 'Fn::If': ['Dev', true, false] } }), ['NET-5:fail']],
    ['RDS unset without subnet group (default VPC) → fail', db({ PubliclyAccessible: { Ref: 'AWS::NoValue' }, DBSubnetGroupName: { Ref: 'AWS::NoValue' } }), ['NET-5:fail']],
    ['RDS unset with a subnet group → unknown', db({}), ['NET-5:unknown']],
    ['RDS from an imported flag → unknown', db({ PubliclyAccessible: { 'Fn::ImportValue': 'public' } }), ['NET-5:unknown']],
    ['Redshift PubliclyAccessible true → fail', { R: { Type: 'AWS::Redshift::Cluster', Properties: { PubliclyAccessible: true } } }, ['NET-5:fail']],
    ['Redshift unset → pass', { R: { Type: 'AWS::Redshift::Cluster', Properties: { NodeType: 'ra3.xlplus' } } }, []],
    ['OpenSearch without VPCOptions → fail', { S: { Type: 'AWS::OpenSearchService::Domain', Properties: { EngineVersion: 'OpenSearch_2.11' } } }, ['NET-5:fail']],
    ['OpenSearch in a VPC → pass', { S: { Type: 'AWS::OpenSearchService::Domain', Properties: { VPCOptions: { SubnetIds: [{ Ref: 'Subnet' }] } } } }, []],
    ['DMS replication instance unset (public by default) → fail', { R: { Type: 'AWS::DMS::ReplicationInstance', Properties: { ReplicationInstanceClass: 'dms.t3.micro' } } }, ['NET-5:fail']],
    [
      'MSK with public access → fail',
      { K: { Type: 'AWS::MSK::Cluster', Properties: { BrokerNodeGroupInfo: { ConnectivityInfo: { PublicAccess: { Type: 'SERVICE_PROVIDED_EIPS' } } } } } },
      ['NET-5:fail'],
    ],
  ])('%s', (_name, resources, expected) => {
    expect(verdicts(findingsOf(template(resources)), 'NET-5')).toEqual(expected);
  });

  it('message names the property', () => {
    const [f] = findingsOf(template(db({ PubliclyAccessible: true })));
    expect(f.message).toBe("DB instance 'Db' is reachable from the internet: PubliclyAccessible is true.");
  });
});

describe('references that do not attach a group', () => {
  it('a policy naming the default security group ARN does not use it → pass', () => {
    const t = template({
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Statement: [] },
          Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'ec2:RevokeSecurityGroupIngress', Resource: { 'Fn::Join': ['', ['arn:aws:ec2:::security-group/', { 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] }]] } }] } }],
        },
      },
    });
    expect(verdicts(findingsOf(t), 'NET-4')).toEqual([]);
  });

  it('a group whose whole Properties is an unresolvable Fn::Transform → unknown, never a pass', () => {
    const t = template({ Included: { Type: 'AWS::EC2::SecurityGroup', Properties: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } } } });
    expect(verdicts(findingsOf(t), 'NET-1')).toEqual(['NET-1:unknown']);
  });
});
