/**
 * The connectivity graph: boxes for groups (with what they are attached to), the internet and
 * ranges at the other ends, an arrow per declared connection.
 */
import { join } from 'node:path';
import { factsOfTemplate } from '../../../cdk/records';
import { runCli } from '../../../constructs/cli';
import { renderMermaidGraph } from '../../../constructs/report/graph';
import { ingress, loadBalancer, securityGroup, template } from '../../cdk/fixtures';

const ref = (id: string) => ({ 'Fn::GetAtt': [id, 'GroupId'] });

function graphOf(resources: Parameters<typeof template>[0]): string {
  return renderMermaidGraph(factsOfTemplate(template(resources), { stack: 'Team', file: 'team.template.json' }));
}

describe('GIVEN a load balancer group open to the world on 443, an app group behind it and a database', () => {
  const graph = graphOf({
    LbSg: securityGroup({
      SecurityGroupIngress: [ingress('tcp', 443, 443, { CidrIp: '0.0.0.0/0' }), ingress('tcp', 443, 443, { CidrIpv6: '::/0' })],
      SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 8443, ToPort: 8443, DestinationSecurityGroupId: ref('AppSg') }],
    }),
    Lb: loadBalancer('LbSg'),
    AppSg: securityGroup({
      SecurityGroupIngress: [ingress('tcp', 8443, 8443, { SourceSecurityGroupId: ref('LbSg') })],
      SecurityGroupEgress: [{ IpProtocol: 'icmp', FromPort: 252, ToPort: 86, CidrIp: '255.255.255.255/32' }],
    }),
    DbSg: securityGroup({ SecurityGroupIngress: [ingress('tcp', 5432, 5432, { SourceSecurityGroupId: ref('AppSg') })], SecurityGroupEgress: [] }),
  });

  it('THEN it is a Mermaid flowchart grouped by stack', () => {
    expect(graph.split('\n')[0]).toBe('flowchart LR');
    expect(graph).toContain('subgraph stack_Team["Team"]');
  });

  it('THEN the group box names what it is attached to, and the public entry is marked', () => {
    expect(graph).toContain(`Team_LbSg["Security group 'LbSg'<br/>Load balancer 'Lb'"]`);
    expect(graph).toContain('class Team_LbSg entry');
  });

  it('THEN the internet reaches the load balancer on tcp/443, once for IPv4 and IPv6', () => {
    expect(graph).toContain('internet((Internet))');
    expect(graph.match(/internet -->\|"tcp\/443"\| Team_LbSg/g)).toHaveLength(1);
  });

  it('THEN a connection declared on both sides is a solid arrow', () => {
    expect(graph).toContain('Team_LbSg -->|"tcp/8443"| Team_AppSg');
  });

  it('THEN a connection the source group does not let out is dotted and says so', () => {
    expect(graph).toContain('Team_AppSg -.->|"tcp/5432 (no egress declared)"| Team_DbSg');
  });

  it("THEN AWS's default allow-all egress shows as all traffic to the internet, and CDK's no-traffic placeholder does not show", () => {
    expect(graph).toContain('Team_DbSg -->|"all traffic"| internet');
    expect(graph).not.toContain('255.255.255.255');
  });
});

describe('other ends', () => {
  it('GIVEN a partner range and a group of another template THEN both get their own node', () => {
    const graph = graphOf({
      App: securityGroup({
        SecurityGroupIngress: [
          ingress('tcp', 8443, 8443, { CidrIp: '203.0.113.0/24' }),
          ingress('tcp', 8443, 8443, { SourceSecurityGroupId: 'sg-0123456789abcdef0' }),
        ],
      }),
    });
    expect(graph).toContain('range_203_0_113_0_24[/"203.0.113.0/24"/]');
    expect(graph).toContain('range_203_0_113_0_24 -->|"tcp/8443"| Team_App');
    expect(graph).toContain('group__sg_0123456789abcdef0_["#quot;sg-0123456789abcdef0#quot;"]');
  });

  it('GIVEN a source that cannot be resolved THEN it is drawn as unknown, not dropped', () => {
    const graph = graphOf({
      App: securityGroup({ SecurityGroupIngress: [ingress('tcp', 8443, 8443, { CidrIp: { 'Fn::ImportValue': 'partner-cidr' } })] }),
    });
    expect(graph).toMatch(/unknown_1\[\/"unknown: Fn::ImportValue 'partner-cidr'"\/\] -->|"tcp\/8443"| Team_App/);
  });
});

describe('compliance-check --graph', () => {
  const run = (...argv: string[]): { code: number; out: string; err: string } => {
    let out = '';
    let err = '';
    const code = runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
    return { code, out, err };
  };
  const fixture = (name: string): string => join(__dirname, '..', '..', 'fixtures', name);

  it('--graph mermaid on a template → the flowchart, exit 0 even when it has findings', () => {
    const r = run(fixture('ssh-open-ipv6.yaml'), '--graph', 'mermaid');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^flowchart LR\n/);
    expect(r.out).toContain('internet -->|"tcp/22"|');
  });

  it('--graph mermaid on a Pulumi stack export → firewalls as boxes', () => {
    const r = run(fixture('pulumi-export.json'), '--graph', 'mermaid');
    expect(r.code).toBe(0);
    expect(r.out).toContain('internet -->|"tcp/22"|');
  });

  it('--graph dot → usage error, exit 2', () => {
    const r = run(fixture('compliant.json'), '--graph', 'dot');
    expect(r.code).toBe(2);
    expect(r.err).toContain("--graph must be one of mermaid, not 'dot'");
  });
});
