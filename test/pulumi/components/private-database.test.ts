/**
 * PrivateDatabase: private IP only (NET-5), TLS required (TLS-4), CMEK (ENC-2, ENC-3), backups
 * with point-in-time recovery, audit flags (LOG-5).
 */
import { checkResources } from '../../../pulumi/records';
import type { PulumiObject, PulumiResource } from '../../../pulumi/records/resource';
import { PrivateDatabase, PrivateDatabaseArgs } from '../../../pulumi/private-database';
import { deepFreeze, failure, inputsOf, record, refusal, snapshotOf, T } from './fixtures';

const KEY = 'projects/team-project/locations/europe-west1/keyRings/data/cryptoKeys/data';
const NETWORK = 'projects/team-project/global/networks/team';
const args: PrivateDatabaseArgs = { region: 'europe-west1', databaseVersion: 'POSTGRES_16', network: { networkId: NETWORK }, kmsKey: KEY };

function settingsOf(resources: readonly PulumiResource[]): PulumiObject {
  return inputsOf(resources, T.sqlInstance, 'orders').settings as PulumiObject;
}

function flagsOf(resources: readonly PulumiResource[]): Record<string, string> {
  const flags = settingsOf(resources).databaseFlags as Array<{ name: string; value: string }>;
  return Object.fromEntries(flags.map((f) => [f.name, f.value]));
}

describe('PrivateDatabase: GIVEN PostgreSQL', () => {
  let resources: PulumiResource[];
  beforeAll(async () => {
    resources = await record(() => new PrivateDatabase('orders', deepFreeze({ ...args, network: { networkId: NETWORK } })));
  });

  it('THEN the instance has a private address only and requires TLS (NET-5, TLS-4)', () => {
    expect(settingsOf(resources).ipConfiguration).toEqual({ ipv4Enabled: false, privateNetwork: NETWORK, sslMode: 'ENCRYPTED_ONLY', enablePrivatePathForGoogleCloudServices: false });
  });

  it('THEN it is encrypted with the customer-managed key and protected from deletion (ENC-2, ENC-3)', () => {
    expect(inputsOf(resources, T.sqlInstance, 'orders')).toMatchObject({ encryptionKeyName: KEY, deletionProtection: true, databaseVersion: 'POSTGRES_16', region: 'europe-west1' });
    expect(settingsOf(resources)).toMatchObject({ deletionProtectionEnabled: true, availabilityType: 'REGIONAL' });
  });

  it('THEN backups run daily with point-in-time recovery', () => {
    expect(settingsOf(resources).backupConfiguration).toEqual({
      enabled: true,
      startTime: '03:00',
      pointInTimeRecoveryEnabled: true,
      transactionLogRetentionDays: 7,
      backupRetentionSettings: { retainedBackups: 30, retentionUnit: 'COUNT' },
    });
  });

  it('THEN connections, DDL and roles are audited and IAM authentication is on (LOG-5)', () => {
    expect(flagsOf(resources)).toEqual({
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
    });
    expect(settingsOf(resources).passwordValidationPolicy).toEqual({ enablePasswordPolicy: true, minLength: 12, complexity: 'COMPLEXITY_DEFAULT', disallowUsernameSubstring: true });
  });

  it('THEN the checks find nothing', () => {
    expect(checkResources(resources)).toEqual([]);
  });

  it('snapshot of the recorded inputs', () => {
    expect(snapshotOf(resources)).toMatchSnapshot();
  });
});

describe('PrivateDatabase engines and options', () => {
  it('MySQL: binary logs for recovery, the audit plugin, no local infile', async () => {
    const resources = await record(() => new PrivateDatabase('orders', { ...args, databaseVersion: 'MYSQL_8_0', sslMode: 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED' }));
    expect(flagsOf(resources)).toEqual({ local_infile: 'off', skip_show_database: 'on', cloudsql_mysql_audit: 'ON', cloudsql_iam_authentication: 'on' });
    expect(settingsOf(resources).backupConfiguration).toMatchObject({ binaryLogEnabled: true });
    expect(settingsOf(resources).ipConfiguration).toMatchObject({ sslMode: 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED' });
  });

  it('SQL Server: the CIS flags, no password policy block', async () => {
    const resources = await record(() => new PrivateDatabase('orders', { ...args, databaseVersion: 'SQLSERVER_2022_STANDARD' }));
    expect(flagsOf(resources)).toMatchObject({ 'cross db ownership chaining': 'off', 'contained database authentication': 'off', 'remote access': 'off', '3625': 'on' });
    expect(settingsOf(resources).passwordValidationPolicy).toBeUndefined();
  });

  it('extra flags are added, and an audit flag may be restated', async () => {
    const resources = await record(() => new PrivateDatabase('orders', { ...args, databaseFlags: { max_connections: '200', log_connections: 'ON' } }));
    expect(flagsOf(resources)).toMatchObject({ max_connections: '200', log_connections: 'ON' });
  });
});

describe('PrivateDatabase refuses', () => {
  it.each<[string, Partial<PrivateDatabaseArgs>, string]>([
    [
      'connections without TLS → TLS-4',
      { sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED' },
      "[TLS-4] PrivateDatabase 'orders': sslMode 'ALLOW_UNENCRYPTED_AND_ENCRYPTED' accepts connections without TLS; use 'ENCRYPTED_ONLY' or 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED'.",
    ],
    ['connection logging off → LOG-5', { databaseFlags: { log_connections: 'off' } }, "[LOG-5] PrivateDatabase 'orders': databaseFlags 'log_connections' is 'off'; the audit trail needs 'on'."],
    ['pgaudit off → LOG-5', { databaseFlags: { 'cloudsql.enable_pgaudit': 'off' } }, "[LOG-5] PrivateDatabase 'orders': databaseFlags 'cloudsql.enable_pgaudit' is 'off'; the audit trail needs 'on'."],
  ])('%s', async (_name, extra, message) => {
    expect((await refusal(() => new PrivateDatabase('orders', { ...args, ...extra }))).message).toBe(message);
  });

  it.each<[string, Partial<PrivateDatabaseArgs>, string]>([
    ['an unknown engine', { databaseVersion: 'ORACLE_19' }, "PrivateDatabase 'orders': databaseVersion 'ORACLE_19' names no Cloud SQL engine (POSTGRES_…, MYSQL_…, SQLSERVER_…)."],
    ['no retained backup', { retainedBackups: 0 }, "PrivateDatabase 'orders': retainedBackups 0 must be a whole number from 1 to 365."],
    ['a backup time that is no time', { backupStartTime: '3am' }, "PrivateDatabase 'orders': backupStartTime '3am' must be HH:MM."],
  ])('rejects %s', async (_name, extra, message) => {
    expect((await failure(() => new PrivateDatabase('orders', { ...args, ...extra }))).message).toBe(message);
  });
});
