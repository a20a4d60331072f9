/**
 * What a team may tune. Defaults are the policy's values.
 */
import type { PasswordCharacterClass } from './facts/auth';
import { PRINCIPAL_NARROWING_KEYS } from './iam/policy';
import type { PortRange } from './net/ports';
import { STORE_CATEGORIES, StoreCategory } from './facts/encryption';
import { compareTlsVersions, isTlsVersion, TlsVersion } from './facts/transport';
import { isRequirementId, requirement, RequirementId } from './requirements';
import { isSeverity, Severity } from './severity';

/** Options for the checks. Every field is optional; defaults come from the policy. */
export interface CheckOptions {
  /**
   * Ports that must never be reachable from the internet (NET-1).
   * @default ADMIN_AND_DATA_PORTS
   */
  readonly adminPorts?: readonly PortRange[];
  /**
   * TCP ports the internet may reach on an internet-facing load balancer or CDN (NET-2).
   * @default [80, 443]
   */
  readonly publicEntryPorts?: readonly number[];
  /**
   * Condition keys that narrow a grant to any principal (IAM-3): a `*` principal is compliant
   * when a positive condition on one of them applies.
   * @default PRINCIPAL_NARROWING_KEYS (aws:PrincipalOrgID, aws:SourceArn, aws:SourceAccount, aws:PrincipalArn, ...)
   */
  readonly principalNarrowingKeys?: readonly string[];
  /**
   * Shortest password a sign-in directory may accept (AUTH-1). May be raised, not lowered below
   * the policy's 8.
   * @default 8
   */
  readonly passwordMinimumLength?: number;
  /**
   * Character classes a password policy must require (AUTH-1). The policy asks for letters,
   * numbers and symbols: `symbols` and `numbers` and at least one letter class must stay.
   * @default ['symbols', 'numbers', 'uppercase', 'lowercase']
   */
  readonly passwordCharacterClasses?: readonly PasswordCharacterClass[];
  /**
   * Longest time between two rotations of a machine secret, in days (AUTH-2). May be lowered,
   * not raised above the policy's 90.
   * @default 90
   */
  readonly secretRotationDays?: number;
  /**
   * Longest time between two automatic rotations of a customer-managed key, in days (ENC-3),
   * judged where the key declares its period (a Cloud KMS `rotationPeriod`). May be lowered,
   * not raised above 90, the policy's rotation period for credentials, which the key
   * components also keep.
   * @default 90
   */
  readonly keyRotationDays?: number;
  /**
   * Severity per requirement, where a team treats one as more urgent. A P0 cannot be lowered.
   * @default the catalog's severities
   */
  readonly severities?: Partial<Record<RequirementId, Severity>>;
  /**
   * Stores that hold sensitive data and so must use a customer-managed key (ENC-3): store
   * categories (`'database'`, `'bucket'`, ...) or exact resource types (`'AWS::SQS::Queue'`).
   * Replaces the default list.
   * @default DEFAULT_SENSITIVE_STORES
   */
  readonly sensitiveStores?: readonly (StoreCategory | string)[];
  /**
   * The oldest TLS version an endpoint may accept (TLS-2). May be raised to TLSv1.3, never
   * lowered below the policy's TLSv1.2.
   * @default 'TLSv1.2'
   */
  readonly minimumTlsVersion?: TlsVersion;
  /**
   * The fewest days logs must be kept: in log stores (LOG-1) and in the storage they are
   * backed up to (LOG-2). Shorter retention is a finding; a team may only ask for more.
   * @default 90 (the policy: "At least 90 days of logs should be kept for each service")
   */
  readonly logRetentionDays?: number;
  /**
   * Host folders containers may mount, read-only (HOST-5): absolute paths; a folder inside one
   * is allowed too. Any other host path, or a declared one mounted writable, is a finding.
   * @default [] (containers mount no host folder)
   */
  readonly containerHostPaths?: readonly string[];
  /**
   * Linux capabilities containers must not add (HOST-5), upper case without `CAP_`.
   * @default DANGEROUS_CAPABILITIES
   */
  readonly forbiddenCapabilities?: readonly string[];
}

/**
 * Stores that hold sensitive user data by default (ENC-3): databases, warehouses, file
 * systems, tables, search indexes and backups. Caches, queues, topics and streams carry data
 * in passing, disks are mostly system volumes, and buckets mostly hold assets and logs: a team
 * that keeps user data there adds them.
 */
export const DEFAULT_SENSITIVE_STORES: readonly StoreCategory[] = ['database', 'warehouse', 'file-system', 'table', 'search', 'backup'];

/**
 * Capabilities that reach past the container's own files and processes (HOST-5): mounting
 * file systems and most of root's powers (SYS_ADMIN), reading any file regardless of its
 * permissions (DAC_READ_SEARCH), loading kernel modules, tracing other processes, raw devices.
 */
export const DANGEROUS_CAPABILITIES: readonly string[] = [
  'ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'SYS_BOOT', 'SYS_TIME', 'DAC_READ_SEARCH',
  'NET_ADMIN', 'BPF', 'PERFMON', 'MAC_ADMIN', 'MAC_OVERRIDE', 'LINUX_IMMUTABLE', 'SYSLOG', 'SYS_RESOURCE',
];

/**
 * Admin and data ports (NET-1): remote shells and desktops, file sharing, container and
 * cluster control planes, databases, caches, queues and search engines.
 */
export const ADMIN_AND_DATA_PORTS: readonly PortRange[] = [
  [20, 21], [22, 23], [111], [135], [137, 139], [445], [873], [2049], [389], [636], [88],
  [3389], [5900, 5903], [5985, 5986],
  [1433, 1434], [1521], [3306], [5432], [5984], [6379], [7000, 7001], [7199], [9042], [9160],
  [8020], [50070], [9092], [2181], [5672], [15672], [61616], [9200, 9300], [5601], [11211],
  [27017, 27019], [28017], [8086], [2375, 2376], [2379, 2380], [6443], [10250], [8500], [8200],
  [4505, 4506],
].map(([from, to]) => ({ from, to: to ?? from }));

/** The policy's shortest password ("Passwords should be a minimum of 8 characters"). */
export const POLICY_PASSWORD_MINIMUM_LENGTH = 8;

/** The policy's longest rotation period ("Passwords should be rolled every 90 days"). */
export const POLICY_SECRET_ROTATION_DAYS = 90;

/** The fewest days logs are kept: "At least 90 days of logs should be kept for each service" (LOG-1, LOG-2). */
export const POLICY_LOG_RETENTION_DAYS = 90;

/** Every character class a password policy can require. */
export const ALL_CHARACTER_CLASSES: readonly PasswordCharacterClass[] = ['symbols', 'numbers', 'uppercase', 'lowercase'];

/** Options with every default filled in. */
export interface ResolvedOptions {
  readonly adminPorts: readonly PortRange[];
  readonly publicEntryPorts: readonly number[];
  readonly principalNarrowingKeys: readonly string[];
  readonly passwordMinimumLength: number;
  readonly passwordCharacterClasses: readonly PasswordCharacterClass[];
  readonly secretRotationDays: number;
  readonly keyRotationDays: number;
  readonly severities: Readonly<Partial<Record<RequirementId, Severity>>>;
  readonly sensitiveStores: readonly string[];
  readonly minimumTlsVersion: TlsVersion;
  readonly logRetentionDays: number;
  readonly containerHostPaths: readonly string[];
  readonly forbiddenCapabilities: readonly string[];
}

/**
 * Fills in defaults and refuses what the policy forbids (lowering a P0).
 *
 * @example
 * resolveOptions({ severities: { 'LOG-1': 'P1' } }).publicEntryPorts // [80, 443]
 */
export function resolveOptions(options: CheckOptions = {}): ResolvedOptions {
  for (const [id, sev] of Object.entries(options.severities ?? {})) {
    if (!isRequirementId(id)) throw new Error(`Unknown requirement '${id}' in severities`);
    if (!isSeverity(sev)) throw new Error(`Invalid severity '${String(sev)}' for ${id}: use P0, P1, P2 or P3`);
    if (requirement(id).severity === 'P0' && sev !== 'P0') {
      throw new Error(`${id} is P0 in the policy and cannot be lowered to ${sev}`);
    }
  }
  for (const store of options.sensitiveStores ?? []) {
    if (!(STORE_CATEGORIES as readonly string[]).includes(store) && !/^[A-Za-z0-9]+(::|:)[A-Za-z0-9/:]+/.test(store)) {
      throw new Error(`Unknown store '${store}' in sensitiveStores: use a category (${STORE_CATEGORIES.join(', ')}) or a resource type`);
    }
  }
  const tls = options.minimumTlsVersion;
  if (tls !== undefined && (!isTlsVersion(tls) || compareTlsVersions(tls, 'TLSv1.2') < 0)) {
    throw new Error(`minimumTlsVersion '${String(tls)}' is not allowed: the policy needs TLSv1.2 or TLSv1.3`);
  }
  const passwordMinimumLength = options.passwordMinimumLength ?? POLICY_PASSWORD_MINIMUM_LENGTH;
  if (!Number.isInteger(passwordMinimumLength) || passwordMinimumLength < POLICY_PASSWORD_MINIMUM_LENGTH) {
    throw new Error(`passwordMinimumLength ${passwordMinimumLength} is weaker than the policy's ${POLICY_PASSWORD_MINIMUM_LENGTH} characters`);
  }
  const classes = options.passwordCharacterClasses ?? ALL_CHARACTER_CLASSES;
  for (const c of classes) {
    if (!ALL_CHARACTER_CLASSES.includes(c)) throw new Error(`Unknown password character class '${String(c)}': use ${ALL_CHARACTER_CLASSES.join(', ')}`);
  }
  if (!classes.includes('symbols') || !classes.includes('numbers') || !(classes.includes('uppercase') || classes.includes('lowercase'))) {
    throw new Error('passwordCharacterClasses must keep symbols, numbers and at least one letter class: the policy asks for alpha-numeric characters and symbols');
  }
  const secretRotationDays = options.secretRotationDays ?? POLICY_SECRET_ROTATION_DAYS;
  if (!(secretRotationDays > 0) || secretRotationDays > POLICY_SECRET_ROTATION_DAYS) {
    throw new Error(`secretRotationDays ${secretRotationDays} is weaker than the policy's ${POLICY_SECRET_ROTATION_DAYS} days`);
  }
  const keyRotationDays = options.keyRotationDays ?? POLICY_SECRET_ROTATION_DAYS;
  if (!(keyRotationDays > 0) || keyRotationDays > POLICY_SECRET_ROTATION_DAYS) {
    throw new Error(`keyRotationDays ${keyRotationDays} is weaker than the policy's ${POLICY_SECRET_ROTATION_DAYS} days`);
  }
  const logRetentionDays = options.logRetentionDays ?? POLICY_LOG_RETENTION_DAYS;
  if (!Number.isInteger(logRetentionDays) || logRetentionDays < POLICY_LOG_RETENTION_DAYS) {
    throw new Error(`logRetentionDays must be a whole number of days, at least the policy's ${POLICY_LOG_RETENTION_DAYS}; got ${String(options.logRetentionDays)}`);
  }
  for (const path of options.containerHostPaths ?? []) {
    if (typeof path !== 'string' || !path.startsWith('/')) throw new Error(`containerHostPaths must be absolute paths; got '${String(path)}'`);
  }
  return {
    logRetentionDays,
    containerHostPaths: options.containerHostPaths ?? [],
    forbiddenCapabilities: (options.forbiddenCapabilities ?? DANGEROUS_CAPABILITIES).map((c) => c.toUpperCase().replace(/^CAP_/, '')),
    adminPorts: options.adminPorts ?? ADMIN_AND_DATA_PORTS,
    publicEntryPorts: options.publicEntryPorts ?? [80, 443],
    principalNarrowingKeys: options.principalNarrowingKeys ?? PRINCIPAL_NARROWING_KEYS,
    passwordMinimumLength,
    passwordCharacterClasses: classes,
    secretRotationDays,
    keyRotationDays,
    severities: options.severities ?? {},
    sensitiveStores: options.sensitiveStores ?? DEFAULT_SENSITIVE_STORES,
    minimumTlsVersion: tls ?? 'TLSv1.2',
  };
}
