/**
 * A non-compliant app, to see `cdk synth` fail:
 *
 *   npx cdk synth --app "npx tsx cdk/examples/noncompliant-app.ts"
 *
 * A legacy bastion: SSH open to the internet (NET-1, P0), all egress allowed (NET-3, P2), in a
 * VPC whose default security group still allows traffic (NET-4, P2). The P0 finding fails the
 * synthesis; the P2 findings are warnings. Reports land in cdk.out/compliance-report.*.
 */
import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { SecurityPolicyChecks } from '../checks/pack';

/**
 * The stack that breaks the policy.
 *
 * @example
 * new LegacyBastionStack(new App(), 'LegacyBastion');
 */
export class LegacyBastionStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 1,
      natGateways: 0,
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }],
    });
    const bastion = new ec2.SecurityGroup(this, 'Bastion', { vpc, description: 'Legacy bastion' });
    bastion.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'SSH from anywhere');
  }
}

/**
 * Builds the non-compliant app with the pack registered.
 *
 * @example
 * buildNoncompliantApp().synth(); // throws (in jest) or exits 1 (from the CLI)
 */
export function buildNoncompliantApp(app: App = new App()): App {
  Validations.of(app).addPlugins(new SecurityPolicyChecks(app));
  new LegacyBastionStack(app, 'LegacyBastion');
  return app;
}

if (require.main === module) {
  buildNoncompliantApp().synth();
}
