/**
 * The example team app that `cdk synth` runs (see cdk.json). For now one small network stack
 * that complies with the NET requirements; the full team app comes with the CDK face.
 */
import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/** A VPC with its default group stripped, and a group that admits only declared peers. */
export class NetworkStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
    });
    const app = new ec2.SecurityGroup(this, 'App', { vpc, allowAllOutbound: false, description: 'Application hosts' });
    app.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(8443), 'Callers inside the VPC');
    app.addEgressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443), 'Services inside the VPC');
  }
}

/** Builds the example app. */
export function buildApp(app: App = new App()): App {
  new NetworkStack(app, 'TeamNetwork');
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
