/**
 * The team network: a VPC of its own whose default security group is stripped (NET-4), with
 * public subnets only for the load balancer, private subnets for the app hosts and the worker,
 * isolated subnets for the database, and flow logs of all traffic to a log group and the
 * archive (LOG-3, LOG-2).
 */
import { Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import type { LogArchiveBucket } from '../log-archive-bucket';
import type { RetainedLogGroup } from '../retained-log-group';
import { SecureVpc } from '../secure-vpc';

/**
 * The team VPC's address range.
 *
 * @example
 * ec2.IpAddresses.cidr(TEAM_CIDR)
 */
export const TEAM_CIDR = '10.20.0.0/16';

/**
 * Props of the network stack: where the flow logs go.
 *
 * @example
 * const props: NetworkStackProps = { flowLogs: logs.flowLogs, archive: logs.archive };
 */
export interface NetworkStackProps extends StackProps {
  /** The log group of the flow logs. */
  readonly flowLogs: RetainedLogGroup;
  /** The archive that keeps a copy of the flow logs. */
  readonly archive: LogArchiveBucket;
}

/**
 * The VPC the other stacks place their resources in.
 *
 * @example
 * const { vpc } = new NetworkStack(app, 'TeamNetwork', { flowLogs: logs.flowLogs, archive: logs.archive });
 */
export class NetworkStack extends Stack {
  readonly vpc: SecureVpc;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    this.vpc = new SecureVpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(TEAM_CIDR),
      maxAzs: 2,
      natGateways: 2,
      subnetConfiguration: [
        { name: 'edge', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      flowLogGroup: props.flowLogs,
      flowLogArchive: props.archive,
    });
  }
}
