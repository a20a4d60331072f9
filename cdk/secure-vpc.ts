/**
 * A VPC of your own, with flow logs to a retained log group and to a log archive bucket, and
 * its default security group closed: nothing relies on the default VPC.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ComplianceError } from '../constructs/errors';
import { LogArchiveBucket } from './log-archive-bucket';
import { RetainedLogGroup } from './retained-log-group';

/** Props of a {@link SecureVpc}: those of `ec2.Vpc`, with the security defaults fixed. */
export interface SecureVpcProps extends ec2.VpcProps {
  /**
   * Whether the rules of the VPC's default security group are removed, so that anything left
   * on it is cut off. NET-4: `false` is refused.
   * @default true
   */
  readonly restrictDefaultSecurityGroup?: boolean;
  /**
   * Where the flow logs go (LOG-3). Its retention must be at least 90 days (LOG-1): use a
   * {@link RetainedLogGroup}.
   * @default a new {@link RetainedLogGroup}
   */
  readonly flowLogGroup?: RetainedLogGroup;
  /**
   * The bucket the flow logs are also delivered to, so they are backed up to cloud storage
   * (LOG-2): its lifecycle must keep objects at least 90 days. Use a {@link LogArchiveBucket}.
   * @default a new {@link LogArchiveBucket}
   */
  readonly flowLogArchive?: s3.IBucket;
  /**
   * Which traffic the flow logs record (LOG-3).
   * @default ec2.FlowLogTrafficType.ALL
   */
  readonly flowLogTrafficType?: ec2.FlowLogTrafficType;
}

/**
 * An `ec2.Vpc` whose default security group has no rules (NET-4) and whose traffic is
 * recorded in flow logs kept at least 90 days (LOG-3, LOG-1). Build its security groups with
 * {@link ConnectedSecurityGroup}.
 *
 * @example
 * const vpc = new SecureVpc(this, 'Network', { maxAzs: 2, natGateways: 1 });
 */
export class SecureVpc extends ec2.Vpc {
  /** The log group that receives the flow logs. */
  readonly flowLogGroup: logs.ILogGroup;
  /** The bucket that keeps a copy of the flow logs. */
  readonly flowLogArchive: s3.IBucket;

  constructor(scope: Construct, id: string, props: SecureVpcProps = {}) {
    if (props.restrictDefaultSecurityGroup === false) {
      throw new ComplianceError('NET-4', `VPC '${id}' sets restrictDefaultSecurityGroup: false; the default security group must deny all traffic.`);
    }
    const flowLogGroup = props.flowLogGroup ?? new RetainedLogGroup(scope, `${id}FlowLogs`);
    const flowLogArchive = props.flowLogArchive ?? new LogArchiveBucket(scope, `${id}FlowLogArchive`);
    const { flowLogGroup: _group, flowLogArchive: _archive, flowLogTrafficType, ...vpcProps } = props;
    const trafficType = flowLogTrafficType ?? ec2.FlowLogTrafficType.ALL;
    super(scope, id, {
      ...vpcProps,
      restrictDefaultSecurityGroup: true,
      flowLogs: {
        ...props.flowLogs,
        FlowLogs: { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup), trafficType },
        FlowLogArchive: { destination: ec2.FlowLogDestination.toS3(flowLogArchive, 'flow-logs/'), trafficType },
      },
    });
    this.flowLogGroup = flowLogGroup;
    this.flowLogArchive = flowLogArchive;
  }
}
