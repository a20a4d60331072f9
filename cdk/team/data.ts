/**
 * The team's data: a PostgreSQL database in isolated subnets (not public, NET-5), encrypted
 * with a rotating CMK (ENC-2, ENC-3), refusing clients without TLS (TLS-4), with a generated and
 * rotated master secret (AUTH-2, AUTH-3) and its logs exported; and a job queue with a
 * dead-letter queue, both encrypted and TLS-only.
 */
import { Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { teamKey } from './defaults';
import { DATABASE_INSTANCE_ID } from './logs';

/**
 * The port the database listens on (not PostgreSQL's default).
 *
 * @example
 * ec2.Port.tcp(DATABASE_PORT) // tcp/5433
 */
export const DATABASE_PORT = 5433;

/**
 * Props of the data stack.
 *
 * @example
 * const props: DataStackProps = { vpc: network.vpc, databaseLogs: logs.databaseLogs };
 */
export interface DataStackProps extends StackProps {
  readonly vpc: ec2.IVpc;
  /** The log groups RDS exports to, created beforehand so their retention and key are ours. */
  readonly databaseLogs: readonly logs.ILogGroup[];
}

/**
 * The database and the queue the app hosts use.
 *
 * @example
 * const data = new DataStack(app, 'TeamData', { vpc: network.vpc, databaseLogs: logs.databaseLogs });
 * data.queue.queueArn;
 */
export class DataStack extends Stack {
  readonly database: rds.DatabaseInstance;
  /** The database's security group: the service stack adds the app hosts to it. */
  readonly databaseSecurityGroup: ec2.SecurityGroup;
  readonly queue: sqs.Queue;
  /** The key of the database, its secret and the queues. */
  readonly key: ReturnType<typeof teamKey>;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    this.key = teamKey(this, 'DataKey', 'Team database, secrets and queues');

    const databaseGroup = (this.databaseSecurityGroup = new ec2.SecurityGroup(this, 'DatabaseSecurityGroup', {
      vpc: props.vpc,
      description: 'Team database: reachable from the app hosts only',
      allowAllOutbound: false,
    }));
    const parameters = new rds.ParameterGroup(this, 'DatabaseParameters', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      description: 'Team database: TLS only, connections logged',
      parameters: { 'rds.force_ssl': '1', log_connections: '1', log_disconnections: '1' },
    });
    this.database = new rds.DatabaseInstance(this, 'Database', {
      instanceIdentifier: DATABASE_INSTANCE_ID,
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.LARGE),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [databaseGroup],
      port: DATABASE_PORT,
      publiclyAccessible: false,
      multiAz: true,
      storageEncrypted: true,
      storageEncryptionKey: this.key,
      credentials: rds.Credentials.fromGeneratedSecret('teamadmin', { encryptionKey: this.key }),
      iamAuthentication: true,
      parameterGroup: parameters,
      caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
      cloudwatchLogsExports: ['postgresql', 'upgrade'],
      backupRetention: Duration.days(14),
      deletionProtection: true,
      autoMinorVersionUpgrade: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
    });
    for (const group of props.databaseLogs) this.database.node.addDependency(group);

    // The rotation function runs next to the hosts: it needs the Secrets Manager endpoint (443) and the database.
    const rotation = new ec2.SecurityGroup(this, 'SecretRotationSecurityGroup', {
      vpc: props.vpc,
      description: 'Master secret rotation: HTTPS to Secrets Manager and the database port',
      allowAllOutbound: false,
    });
    rotation.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'Secrets Manager API through the NAT gateways');
    this.database.addRotationSingleUser({
      automaticallyAfter: Duration.days(30),
      securityGroup: rotation,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    });

    const deadLetters = new sqs.Queue(this, 'JobDeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Jobs', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      visibilityTimeout: Duration.minutes(5),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
    });
  }
}
