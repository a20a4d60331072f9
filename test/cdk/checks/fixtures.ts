/**
 * CDK builders for the pack's tests: a compliant network (a VPC with its default group stripped
 * and an allow-list group), mutated one escape hatch at a time.
 */
import { App, AppProps, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';

/** The VPC range the fixtures use, as a literal. */
export const CIDR = '10.0.0.0/16';

/** An app whose failed validation throws in jest and from a script alike. */
export function testApp(props: AppProps = {}): App {
  return new App({ ...props, context: { '@aws-cdk/core:appMode': 'inmemory', ...props.context } });
}

/**
 * A compliant network in a stack: restricted default group, flow logs to a TLS-only log bucket,
 * a group admitting the VPC on 8443.
 */
export function compliantNetwork(stack: Stack): { vpc: ec2.Vpc; group: ec2.SecurityGroup } {
  const logs = new s3.Bucket(stack, 'FlowLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    flowLogs: { all: { destination: ec2.FlowLogDestination.toS3(logs), trafficType: ec2.FlowLogTrafficType.ALL } },
    ipAddresses: ec2.IpAddresses.cidr(CIDR),
    maxAzs: 1,
    natGateways: 0,
    restrictDefaultSecurityGroup: true,
    subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
  });
  const group = new ec2.SecurityGroup(stack, 'App', { vpc, allowAllOutbound: false, description: 'App hosts' });
  group.addIngressRule(ec2.Peer.ipv4(CIDR), ec2.Port.tcp(8443), 'Callers inside the VPC');
  group.addEgressRule(ec2.Peer.ipv4(CIDR), ec2.Port.tcp(443), 'Services inside the VPC');
  return { vpc, group };
}

/** `NET-1:error` strings of a report, sorted, for compact assertions. */
export function levels(report: PolicyValidationPluginReport): string[] {
  return report.violations.map((v: PolicyViolation) => `${v.ruleName}:${v.severity ?? ''}`).sort();
}

/** The construct paths a report's violations point at. */
export function violatingPaths(report: PolicyValidationPluginReport): string[] {
  return report.violations.flatMap((v) => v.violatingResources.map((r) => r.constructPath ?? '')).sort();
}
