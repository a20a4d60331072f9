/**
 * The team network: a VPC of its own (NET-4) with its default security group stripped, public
 * subnets only for the load balancer, private subnets for the app hosts, isolated subnets for
 * the database, and flow logs of all traffic (LOG-3).
 */
import { Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { TEAM_CIDR } from './defaults';

/**
 * Props of the network stack.
 *
 * @example
 * const props: NetworkStackProps = { flowLogs: logs.flowLogs };
 */
export interface NetworkStackProps extends StackProps {
  /** Where the VPC's flow logs go. */
  readonly flowLogs: logs.ILogGroup;
}

/**
 * The VPC the other stacks place their resources in.
 *
 * @example
 * const { vpc } = new NetworkStack(app, 'TeamNetwork', { flowLogs: logs.flowLogs });
 */
export class NetworkStack extends Stack {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(TEAM_CIDR),
      maxAzs: 2,
      natGateways: 2,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        { name: 'edge', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    this.vpc.addFlowLog('FlowLogs', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(props.flowLogs),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
  }
}
