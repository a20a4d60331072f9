/**
 * A Fargate service that rolls back failed deployments, has no public address, and reaches
 * only what it declares.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type { Construct } from 'constructs';
import { ComplianceError } from '../constructs/errors';
import { ConnectedSecurityGroup } from './connected-security-group';
import type { HardenedTaskDefinition } from './hardened-task-definition';

/** Props of a {@link HardenedFargateService}. */
export interface HardenedFargateServiceProps {
  /** The cluster. */
  readonly cluster: ecs.ICluster;
  /** The task: a {@link HardenedTaskDefinition}, so that its containers are hardened (HOST-5). */
  readonly taskDefinition: HardenedTaskDefinition;
  /**
   * How many tasks run.
   * @default 2
   */
  readonly desiredCount?: number;
  /**
   * Deployment rollback (DEPLOY-1): a circuit breaker without rollback is refused.
   * @default { enable: true, rollback: true }
   */
  readonly circuitBreaker?: ecs.DeploymentCircuitBreaker;
  /**
   * Whether tasks get public IP addresses. NET-2: `true` is refused; the internet reaches
   * services through a load balancer.
   * @default false
   */
  readonly assignPublicIp?: boolean;
  /**
   * The subnets.
   * @default private subnets with egress
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * The tasks' security group.
   * @default a new ConnectedSecurityGroup
   */
  readonly securityGroup?: ConnectedSecurityGroup;
  /**
   * Whether tasks may reach the internet on tcp/443, to pull images and write logs. Turn it off
   * when the VPC has endpoints for ECR, S3 and CloudWatch Logs.
   * @default true
   */
  readonly imagePullEgress?: boolean;
  /**
   * Whether operators may open a shell in a task (through the SSM agent, audited).
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
}

/**
 * An `ecs.FargateService` of a hardened task: the deployment circuit breaker rolls a failed
 * deployment back (DEPLOY-1), tasks have no public address (NET-2), and their security group
 * allows only declared connections (NET-3).
 *
 * @example
 * const service = new HardenedFargateService(this, 'Api', { cluster, taskDefinition: task });
 * service.securityGroup.allowTo(db.securityGroup, ec2.Port.tcp(db.port));
 */
export class HardenedFargateService extends ecs.FargateService {
  /** The tasks' security group. */
  readonly securityGroup: ConnectedSecurityGroup;

  constructor(scope: Construct, id: string, props: HardenedFargateServiceProps) {
    if (props.circuitBreaker && (props.circuitBreaker.enable === false || props.circuitBreaker.rollback !== true)) {
      throw new ComplianceError('DEPLOY-1', `Service '${id}' sets a circuit breaker without rollback; a failed deployment must roll back.`);
    }
    if (props.assignPublicIp === true) {
      throw new ComplianceError('NET-2', `Service '${id}' sets assignPublicIp: true; services are reached through a load balancer, not a public address.`);
    }
    const securityGroup = props.securityGroup ?? new ConnectedSecurityGroup(scope, `${id}SecurityGroup`, { vpc: props.cluster.vpc, description: `Service ${id}` });
    if (props.imagePullEgress !== false) securityGroup.allowToInternet(ec2.Port.tcp(443), 'Image pulls and logs');
    super(scope, id, {
      cluster: props.cluster,
      taskDefinition: props.taskDefinition,
      desiredCount: props.desiredCount ?? 2,
      circuitBreaker: { enable: true, rollback: true },
      assignPublicIp: false,
      vpcSubnets: props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [securityGroup],
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      enableExecuteCommand: props.enableExecuteCommand ?? false,
    });
    this.securityGroup = securityGroup;
  }
}
