/**
 * A relational database that stays private, refuses clients without TLS, is encrypted with a
 * customer key, and keeps its credentials in Secrets Manager, rotated at most every 90 days.
 */
import { Duration, Names, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ComplianceError } from '../constructs/errors';
import { POLICY_SECRET_ROTATION_DAYS } from '../constructs/options';
import { ConnectedSecurityGroup } from './connected-security-group';
import { RetainedLogGroup } from './retained-log-group';
import { RotatingKey } from './rotating-key';

/** The longest the policy lets a machine secret live (AUTH-2). */
export const MAX_SECRET_AGE_DAYS = POLICY_SECRET_ROTATION_DAYS;

/** Props of a {@link SecureDatabase}. */
export interface SecureDatabaseProps {
  /** The VPC (NET-4: a VPC you define). */
  readonly vpc: ec2.IVpc;
  /**
   * The engine: PostgreSQL, MySQL, MariaDB or SQL Server, whose parameter for refusing clients
   * without TLS is known. TLS-4.
   * @default PostgreSQL 16
   */
  readonly engine?: rds.IInstanceEngine;
  /**
   * The instance type.
   * @default db.t4g.medium
   */
  readonly instanceType?: ec2.InstanceType;
  /**
   * Where the database runs. NET-5: public subnets are refused.
   * @default isolated subnets when the VPC has them, else private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Whether the database gets a public endpoint. NET-5: `true` is refused.
   * @default false
   */
  readonly publiclyAccessible?: boolean;
  /**
   * Whether storage is encrypted. ENC-2: `false` is refused.
   * @default true
   */
  readonly storageEncrypted?: boolean;
  /**
   * The customer-managed key of the storage and of the credentials (ENC-3).
   * @default a new {@link RotatingKey}
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * The master user's name; the password is generated into Secrets Manager (AUTH-3).
   * @default 'dbadmin'
   */
  readonly username?: string;
  /**
   * How often the credentials rotate. AUTH-2: more than 90 days is refused.
   * @default Duration.days(30)
   */
  readonly rotationInterval?: Duration;
  /**
   * The port. A port other than the engine's default keeps cdk-nag's RDS11 quiet.
   * @default the engine's default port plus one (5433 for PostgreSQL)
   */
  readonly port?: number;
  /**
   * Storage in GiB.
   * @default 20
   */
  readonly allocatedStorage?: number;
  /**
   * Whether a standby runs in a second zone.
   * @default true
   */
  readonly multiAz?: boolean;
  /**
   * How long automated backups are kept.
   * @default Duration.days(7)
   */
  readonly backupRetention?: Duration;
  /**
   * Whether the database is protected from deletion.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * The initial database name.
   * @default none
   */
  readonly databaseName?: string;
  /**
   * The database's security group. Add callers with `database.allowFrom(...)`.
   * @default a new ConnectedSecurityGroup
   */
  readonly securityGroup?: ConnectedSecurityGroup;
  /**
   * Whether roles may connect with short-lived IAM tokens (`instance.grantConnect(role, user)`)
   * instead of passwords.
   * @default false
   */
  readonly iamAuthentication?: boolean;
  /**
   * The instance identifier, which names its log groups.
   * @default generated from the construct path when logs are exported, else by CloudFormation
   */
  readonly instanceIdentifier?: string;
  /**
   * The logs the engine exports to CloudWatch Logs (PostgreSQL: `postgresql`, `upgrade`; MySQL
   * and MariaDB: `error`, `general`, `slowquery`, `audit`). Each goes to a
   * {@link RetainedLogGroup} created before the instance, kept `logRetention` (LOG-1) and
   * encrypted with the database's key (ENC-3), rather than to a group RDS would create with
   * neither.
   * @default none
   */
  readonly cloudwatchLogsExports?: readonly string[];
  /**
   * How long the exported logs are kept. LOG-1: fewer than 90 days is refused.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
}

/** The parameter that makes an engine refuse clients without TLS, and its default port. */
const ENGINES: Readonly<Record<string, { readonly parameter: string; readonly value: string; readonly port: number }>> = {
  postgres: { parameter: 'rds.force_ssl', value: '1', port: 5432 },
  mysql: { parameter: 'require_secure_transport', value: 'ON', port: 3306 },
  mariadb: { parameter: 'require_secure_transport', value: 'ON', port: 3306 },
  'sqlserver-ee': { parameter: 'rds.force_ssl', value: '1', port: 1433 },
  'sqlserver-se': { parameter: 'rds.force_ssl', value: '1', port: 1433 },
  'sqlserver-ex': { parameter: 'rds.force_ssl', value: '1', port: 1433 },
  'sqlserver-web': { parameter: 'rds.force_ssl', value: '1', port: 1433 },
};

/**
 * An RDS instance in private subnets without a public endpoint (NET-5), storage encrypted
 * with a rotating customer key (ENC-2, ENC-3), a parameter group that refuses clients without
 * TLS (TLS-4), and credentials generated into Secrets Manager (AUTH-3) and rotated every 30
 * days (AUTH-2) by the engine's rotation application, which reaches the database through a
 * declared connection.
 *
 * @example
 * const db = new SecureDatabase(this, 'Orders', { vpc });
 * db.allowFrom(api.securityGroup);
 */
export class SecureDatabase extends Construct {
  /** The instance. */
  readonly instance: rds.DatabaseInstance;
  /** The credentials. */
  readonly secret: secretsmanager.ISecret;
  /** The database's security group. */
  readonly securityGroup: ConnectedSecurityGroup;
  /** The security group of the rotation function. */
  readonly rotationSecurityGroup: ConnectedSecurityGroup;
  /** The key of the storage and the credentials. */
  readonly encryptionKey: kms.IKey;
  /** The port the database listens on. */
  readonly port: number;
  /** The log groups of the exported logs, by log type. */
  readonly logGroups: Readonly<Record<string, RetainedLogGroup>>;

  constructor(scope: Construct, id: string, props: SecureDatabaseProps) {
    const engine = props.engine ?? rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });
    const tls = ENGINES[engine.engineType];
    if (!tls) {
      throw new Error(`Database '${id}': no known parameter makes ${engine.engineType} refuse clients without TLS; use PostgreSQL, MySQL, MariaDB or SQL Server.`);
    }
    if (props.publiclyAccessible === true) {
      throw new ComplianceError('NET-5', `Database '${id}' sets publiclyAccessible: true; databases are not reachable from the internet.`);
    }
    if (props.vpcSubnets?.subnetType === ec2.SubnetType.PUBLIC) {
      throw new ComplianceError('NET-5', `Database '${id}' is placed in public subnets; databases are not reachable from the internet.`);
    }
    if (props.storageEncrypted === false) {
      throw new ComplianceError('ENC-2', `Database '${id}' sets storageEncrypted: false; databases must be encrypted at rest.`);
    }
    const rotationDays = (props.rotationInterval ?? Duration.days(30)).toDays();
    if (rotationDays > MAX_SECRET_AGE_DAYS || rotationDays < 1) {
      throw new ComplianceError('AUTH-2', `Database '${id}' rotates its credentials every ${rotationDays} days; machine secrets rotate at least every ${MAX_SECRET_AGE_DAYS} days.`);
    }
    super(scope, id);
    this.encryptionKey = props.encryptionKey ?? new RotatingKey(this, 'Key', { description: `Encrypts database ${this.node.path}` });
    this.securityGroup = props.securityGroup ?? new ConnectedSecurityGroup(this, 'SecurityGroup', { vpc: props.vpc, description: `Database ${this.node.path}` });
    this.port = props.port ?? tls.port + 1;
    const parameterGroup = new rds.ParameterGroup(this, 'Parameters', {
      engine,
      description: `Refuses clients without TLS (${tls.parameter} = ${tls.value})`,
      parameters: { [tls.parameter]: tls.value },
    });
    const vpcSubnets = props.vpcSubnets ?? (props.vpc.isolatedSubnets.length > 0 ? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } : { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
    const exports = props.cloudwatchLogsExports ?? [];
    const instanceIdentifier = props.instanceIdentifier
      ?? (exports.length > 0 ? Names.uniqueResourceName(this, { maxLength: 63, separator: '-' }).toLowerCase() : undefined);
    // RDS writes to /aws/rds/instance/<identifier>/<log type>; created here first, the groups are ours.
    const logGroups: Record<string, RetainedLogGroup> = {};
    for (const type of exports) {
      logGroups[type] = new RetainedLogGroup(this, `${type.replace(/[^A-Za-z0-9]/g, '')}Logs`, {
        logGroupName: `/aws/rds/instance/${instanceIdentifier}/${type}`,
        encryptionKey: this.encryptionKey,
        ...(props.logRetention !== undefined ? { retention: props.logRetention } : {}),
      });
    }
    this.logGroups = logGroups;
    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      engine,
      vpc: props.vpc,
      vpcSubnets,
      instanceType: props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
      securityGroups: [this.securityGroup],
      port: this.port,
      publiclyAccessible: false,
      storageEncrypted: true,
      storageEncryptionKey: this.encryptionKey,
      credentials: rds.Credentials.fromGeneratedSecret(props.username ?? 'dbadmin', { encryptionKey: this.encryptionKey }),
      parameterGroup,
      allocatedStorage: props.allocatedStorage ?? 20,
      multiAz: props.multiAz ?? true,
      backupRetention: props.backupRetention ?? Duration.days(7),
      deletionProtection: props.deletionProtection ?? true,
      autoMinorVersionUpgrade: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      ...(props.databaseName !== undefined ? { databaseName: props.databaseName } : {}),
      ...(props.iamAuthentication !== undefined ? { iamAuthentication: props.iamAuthentication } : {}),
      ...(instanceIdentifier !== undefined ? { instanceIdentifier } : {}),
      ...(exports.length > 0 ? { cloudwatchLogsExports: [...exports] } : {}),
    });
    for (const group of Object.values(logGroups)) this.instance.node.addDependency(group);
    this.secret = this.instance.secret!;
    this.rotationSecurityGroup = new ConnectedSecurityGroup(this, 'RotationSecurityGroup', {
      vpc: props.vpc,
      description: `Credential rotation of ${this.node.path}`,
    });
    // The rotation function calls the Secrets Manager API over HTTPS.
    this.rotationSecurityGroup.allowToInternet(ec2.Port.tcp(443), 'Secrets Manager API');
    this.instance.addRotationSingleUser({
      automaticallyAfter: Duration.days(rotationDays),
      securityGroup: this.rotationSecurityGroup,
      vpcSubnets: props.vpc.privateSubnets.length > 0 ? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } : vpcSubnets,
    });
  }

  /**
   * Lets `caller` connect to the database on its port: egress there, ingress here. Declared
   * from the caller's side, so that when the caller lives in another stack both rules are
   * written in the caller's stack and the database's stack does not depend on it.
   *
   * @example
   * db.allowFrom(api.securityGroup);
   */
  allowFrom(caller: ec2.IConnectable, description?: string): void {
    caller.connections.allowTo(this.securityGroup, ec2.Port.tcp(this.port), description);
  }
}
