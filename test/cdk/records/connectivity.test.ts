/**
 * Security groups joined across stacks for the connectivity picture: rules one stack adds to
 * another stack's group, through an import of its export.
 */
import { connectivityFacts } from '../../../cdk/records';
import type { CfnTemplate } from '../../../cdk/records/template';
import { renderMermaidGraph } from '../../../constructs/report/graph';

const port = { IpProtocol: 'tcp', FromPort: 5433, ToPort: 5433 };
const noEgress = [{ CidrIp: '255.255.255.255/32', IpProtocol: 'icmp', FromPort: 252, ToPort: 86 }];

const data: CfnTemplate = {
  Resources: {
    DbSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'db', VpcId: 'vpc-1', SecurityGroupEgress: noEgress } },
    Db: { Type: 'AWS::RDS::DBInstance', Properties: { VPCSecurityGroups: [{ 'Fn::GetAtt': ['DbSg', 'GroupId'] }] } },
  },
  Outputs: { DbSgId: { Value: { 'Fn::GetAtt': ['DbSg', 'GroupId'] }, Export: { Name: 'Data:DbSg' } } },
};

const service: CfnTemplate = {
  Resources: {
    AppSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'app', VpcId: 'vpc-1', SecurityGroupEgress: noEgress } },
    AppToDb: { Type: 'AWS::EC2::SecurityGroupEgress', Properties: { ...port, GroupId: { 'Fn::GetAtt': ['AppSg', 'GroupId'] }, DestinationSecurityGroupId: { 'Fn::ImportValue': 'Data:DbSg' } } },
    DbFromApp: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { ...port, GroupId: { 'Fn::ImportValue': 'Data:DbSg' }, SourceSecurityGroupId: { 'Fn::GetAtt': ['AppSg', 'GroupId'] } } },
  },
};

describe('connectivity across stacks', () => {
  it('GIVEN both stacks THEN the rules on the imported group are drawn on that group, as one connection declared on both sides', () => {
    const graph = renderMermaidGraph(connectivityFacts([{ template: data, source: { stack: 'Data' } }, { template: service, source: { stack: 'Service' } }]));
    expect(graph).toContain('Service_AppSg -->|"tcp/5433"| Data_DbSg');
    expect(graph).not.toContain('not defined in this template');
    expect(graph).not.toContain('ImportValue');
  });

  it('GIVEN only the stack that imports THEN the group stays an import, drawn as the template says it', () => {
    const graph = renderMermaidGraph(connectivityFacts([{ template: service, source: { stack: 'Service' } }]));
    expect(graph).toContain("Security group Fn::ImportValue 'Data:DbSg' (not defined in this template)");
    expect(graph).toContain('-.->');
  });
});
