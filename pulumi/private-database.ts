/**
 * Cloud SQL reachable only over private IP (NET-5), refusing clients without TLS (TLS-4),
 * encrypted with a customer-managed key (ENC-2, ENC-3), with automated backups and
 * point-in-time recovery, IAM database authentication, and the audit-friendly database flags
 * of the CIS Google Cloud benchmark for its engine.
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { componentLabel, invalid, refuse } from './refuse';
import type { PrivateServicesNetwork } from './secure-network';

/** Args of `PrivateDatabase`. */
export interface PrivateDatabaseArgs {
  /** @default the project of the provider */
  readonly project?: pulumi.Input<string>;
  readonly region: string;
  /** `POSTGRES_16`, `MYSQL_8_0`, `SQLSERVER_2022_STANDARD`, ... */
  readonly databaseVersion: string;
  /** @default 'db-custom-2-7680' */
  readonly tier?: string;
  /** The network with private service access (a `SecureNetwork` with `privateServicesRange`). */
  readonly network: PrivateServicesNetwork;
  /** The customer-managed key (a `SecureKey` in the same region): `id`. */
  readonly kmsKey: pulumi.Input<string>;
  /**
   * What the server demands of clients. `ALLOW_UNENCRYPTED_AND_ENCRYPTED` admits plaintext
   * connections and is refused (TLS-4).
   * @default 'ENCRYPTED_ONLY'
   */
  readonly sslMode?: 'ENCRYPTED_ONLY' | 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED' | 'ALLOW_UNENCRYPTED_AND_ENCRYPTED';
  /** @default 'REGIONAL' (a standby in another zone) */
  readonly availabilityType?: 'REGIONAL' | 'ZONAL';
  /** Automated backups kept (also the point-in-time recovery window's anchor). @default 30 */
  readonly retainedBackups?: number;
  /** Daily backup start, `HH:MM` UTC. @default '03:00' */
  readonly backupStartTime?: string;
  /**
   * Extra database flags. Turning one of the component's audit flags off is refused (LOG-5).
   * @default none
   */
  readonly databaseFlags?: Readonly<Record<string, string>>;
  /** @default true */
  readonly deletionProtection?: boolean;
  /** @default 'ENTERPRISE' */
  readonly edition?: 'ENTERPRISE' | 'ENTERPRISE_PLUS';
  /** @default 20 */
  readonly diskSizeGb?: number;
}

type Engine = 'POSTGRES' | 'MYSQL' | 'SQLSERVER';

/**
 * The audit-friendly flags per engine (CIS Google Cloud Foundations benchmark, section 6), and
 * IAM database authentication where the engine has it ("Don't Use Passwords").
 */
export const AUDIT_FLAGS: Readonly<Record<Engine, Readonly<Record<string, string>>>> = {
  POSTGRES: {
    log_connections: 'on',
    log_disconnections: 'on',
    log_statement: 'ddl',
    log_min_messages: 'warning',
    log_min_error_statement: 'error',
    log_min_duration_statement: '-1',
    log_error_verbosity: 'default',
    'cloudsql.enable_pgaudit': 'on',
    'pgaudit.log': 'ddl,role',
    'cloudsql.iam_authentication': 'on',
  },
  MYSQL: {
    local_infile: 'off',
    skip_show_database: 'on',
    cloudsql_mysql_audit: 'ON',
    cloudsql_iam_authentication: 'on',
  },
  SQLSERVER: {
    'external scripts enabled': 'off',
    'cross db ownership chaining': 'off',
    'contained database authentication': 'off',
    'remote access': 'off',
    '3625': 'on',
  },
};

const ALLOWED_SSL_MODES = ['ENCRYPTED_ONLY', 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED'];

/**
 * A private Cloud SQL instance.
 *
 * @example
 * new PrivateDatabase('orders', {
 *   region: 'europe-west1', databaseVersion: 'POSTGRES_16', network: net, kmsKey: key.id,
 * }, { dependsOn: [key] });
 */
export class PrivateDatabase extends pulumi.ComponentResource {
  readonly instance: gcp.sql.DatabaseInstance;
  /** `project:region:name`, for the Cloud SQL connectors. */
  readonly connectionName: pulumi.Output<string>;
  /** The instance's private address. */
  readonly privateIpAddress: pulumi.Output<string>;

  constructor(name: string, args: PrivateDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    const label = componentLabel('PrivateDatabase', name);
    const engine = engineOf(args.databaseVersion);
    if (!engine) invalid(label, `databaseVersion '${args.databaseVersion}' names no Cloud SQL engine (POSTGRES_…, MYSQL_…, SQLSERVER_…).`);
    const sslMode = args.sslMode ?? 'ENCRYPTED_ONLY';
    if (!ALLOWED_SSL_MODES.includes(sslMode)) {
      refuse('TLS-4', label, `sslMode '${sslMode}' accepts connections without TLS; use 'ENCRYPTED_ONLY' or 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED'.`);
    }
    const audit = AUDIT_FLAGS[engine];
    for (const [flag, value] of Object.entries(args.databaseFlags ?? {})) {
      if (flag in audit && value.toLowerCase() !== audit[flag].toLowerCase()) {
        refuse('LOG-5', label, `databaseFlags '${flag}' is '${value}'; the audit trail needs '${audit[flag]}'.`);
      }
    }
    const retained = args.retainedBackups ?? 30;
    if (!Number.isInteger(retained) || retained < 1 || retained > 365) invalid(label, `retainedBackups ${retained} must be a whole number from 1 to 365.`);
    const startTime = args.backupStartTime ?? '03:00';
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(startTime)) invalid(label, `backupStartTime '${startTime}' must be HH:MM.`);
    const flags = { ...audit, ...(args.databaseFlags ?? {}) };
    const protection = args.deletionProtection ?? true;
    const dependsOn = args.network.privateServicesConnection ? [args.network.privateServicesConnection] : [];

    super('compliance:gcp:PrivateDatabase', name, {}, opts);
    this.instance = new gcp.sql.DatabaseInstance(
      name,
      {
        region: args.region,
        databaseVersion: args.databaseVersion,
        encryptionKeyName: args.kmsKey,
        deletionProtection: protection,
        settings: {
          tier: args.tier ?? 'db-custom-2-7680',
          edition: args.edition ?? 'ENTERPRISE',
          availabilityType: args.availabilityType ?? 'REGIONAL',
          diskSize: args.diskSizeGb ?? 20,
          diskAutoresize: true,
          deletionProtectionEnabled: protection,
          ipConfiguration: {
            ipv4Enabled: false,
            privateNetwork: args.network.networkId,
            sslMode,
            enablePrivatePathForGoogleCloudServices: false,
          },
          backupConfiguration: {
            enabled: true,
            startTime,
            // Point-in-time recovery: binary logs on MySQL, write-ahead logs on PostgreSQL.
            ...(engine === 'MYSQL' ? { binaryLogEnabled: true, transactionLogRetentionDays: 7 } : {}),
            ...(engine === 'POSTGRES' ? { pointInTimeRecoveryEnabled: true, transactionLogRetentionDays: 7 } : {}),
            backupRetentionSettings: { retainedBackups: retained, retentionUnit: 'COUNT' },
          },
          databaseFlags: Object.entries(flags).map(([flagName, value]) => ({ name: flagName, value })),
          ...(engine !== 'SQLSERVER'
            ? { passwordValidationPolicy: { enablePasswordPolicy: true, minLength: 12, complexity: 'COMPLEXITY_DEFAULT', disallowUsernameSubstring: true } }
            : {}),
          maintenanceWindow: { day: 7, hour: 3, updateTrack: 'stable' },
          insightsConfig: { queryInsightsEnabled: true, recordClientAddress: false },
        },
        ...(args.project !== undefined ? { project: args.project } : {}),
      },
      { parent: this, dependsOn },
    );
    this.connectionName = this.instance.connectionName;
    this.privateIpAddress = this.instance.privateIpAddress;
    this.registerOutputs({ connectionName: this.connectionName, privateIpAddress: this.privateIpAddress });
  }
}

function engineOf(version: string): Engine | undefined {
  const prefix = version.split('_')[0].toUpperCase();
  return prefix === 'POSTGRES' || prefix === 'MYSQL' || prefix === 'SQLSERVER' ? prefix : undefined;
}
