/**
 * The team's data: a PostgreSQL `SecureDatabase` in isolated subnets (private, encrypted with
 * the team's rotating key, TLS only, generated credentials rotated every 30 days, IAM
 * authentication, its logs exported to retained groups), and a job queue with its dead-letter
 * queue, encrypted with the same key and refusing clients without TLS.
 */
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { LOG_RETENTION } from './logs';
import { RotatingKey } from '../rotating-key';
import { SecureDatabase } from '../secure-database';

/**
 * The database's instance identifier; RDS names its log groups after it.
 *
 * @example
 * `/aws/rds/instance/${DATABASE_INSTANCE_ID}/postgresql` // '/aws/rds/instance/team-db/postgresql'
 */
export const DATABASE_INSTANCE_ID = 'team-db';

/**
 * Props of the data stack.
 *
 * @example
 * const props: DataStackProps = { vpc: network.vpc };
 */
export interface DataStackProps extends StackProps {
  readonly vpc: ec2.IVpc;
}

/**
 * The database and the queue of the service.
 *
 * @example
 * const data = new DataStack(app, 'TeamData', { vpc: network.vpc });
 * data.database.allowFrom(hosts.securityGroup);
 */
export class DataStack extends Stack {
  /** The key of the database, its credentials, its logs and the queues. */
  readonly key: RotatingKey;
  readonly database: SecureDatabase;
  /** Jobs the app hosts hand to the worker. */
  readonly queue: sqs.Queue;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    this.key = new RotatingKey(this, 'DataKey', { description: 'Team database, credentials, database logs and queues' });
    this.database = new SecureDatabase(this, 'Database', {
      vpc: props.vpc,
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.LARGE),
      instanceIdentifier: DATABASE_INSTANCE_ID,
      username: 'teamadmin',
      encryptionKey: this.key,
      iamAuthentication: true,
      cloudwatchLogsExports: ['postgresql', 'upgrade'],
      logRetention: LOG_RETENTION,
      backupRetention: Duration.days(14),
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
