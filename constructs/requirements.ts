/**
 * The catalog: every requirement of POLICY-MAP.md, once. Checks, packs, reports, exceptions
 * and docs cite these entries; nothing else restates a severity, a clause or a fix.
 */
import { FIX_WINDOW_DAYS, Severity } from './severity';

/** The area of the policy a requirement belongs to (the id's prefix). */
export type RequirementArea = 'NET' | 'ENC' | 'TLS' | 'IAM' | 'AUTH' | 'SSH' | 'LOG' | 'HOST' | 'DEPLOY';

/** What the catalog says about one requirement. */
export interface RequirementSpec {
  /** Default severity, from the policy's triage windows. A team may raise it, never lower a P0. */
  readonly severity: Severity;
  /** The heading of security-policy.md that this requirement implements. */
  readonly clause: string;
  /** One line: what must hold. */
  readonly title: string;
  /** How to fix a violation, in one or two sentences. */
  readonly fix: string;
}

const CATALOG = {
  'NET-1': {
    severity: 'P0',
    clause: 'Security Groups',
    title:
      'No ingress from anywhere (0.0.0.0/0, ::/0 or ranges that together cover the internet) to admin or data ports, or to all ports and protocols',
    fix: 'Restrict the source, or put the service behind a load balancer on 443.',
  },
  'NET-2': {
    severity: 'P1',
    clause: 'Security Groups',
    title: 'World ingress only on 80/443, and only to an internet-facing load balancer or CDN',
    fix: 'Serve the world through an internet-facing load balancer on 443 (80 only to redirect), and let the service accept traffic from the balancer only.',
  },
  'NET-3': {
    severity: 'P2',
    clause: 'Security Groups',
    title: 'Egress is an allow-list: no allow-all egress to the world',
    fix: 'Declare the destinations and ports the service needs instead of allowing all egress.',
  },
  'NET-4': {
    severity: 'P2',
    clause: 'Security Groups',
    title: 'Default networks are not used; default security groups deny all',
    fix: 'Place resources in a VPC you define, and strip the rules of its default security group.',
  },
  'NET-5': {
    severity: 'P1',
    clause: 'Security Groups',
    title: 'Databases, caches and search clusters are not reachable from the internet',
    fix: 'Keep data services in private subnets without a public endpoint; reach them through the application.',
  },
  'ENC-1': {
    severity: 'P1',
    clause: 'Storage of Data',
    title: 'Block storage is encrypted at rest',
    fix: 'Encrypt the volume or disk (Encrypted: true, ideally with a customer-managed key).',
  },
  'ENC-2': {
    severity: 'P1',
    clause: 'Storage of Data',
    title: 'Databases, file systems, caches, queues, topics, streams, backups and buckets are encrypted at rest',
    fix: 'Turn on encryption at rest for the store.',
  },
  'ENC-3': {
    severity: 'P2',
    clause: 'Storage of Data',
    title: 'Sensitive data uses customer-managed keys, and keys rotate',
    fix: 'Encrypt with a customer-managed KMS key and enable its automatic rotation.',
  },
  'TLS-1': {
    severity: 'P1',
    clause: 'Inter-Service Communication',
    title: 'Listeners reachable from other hosts speak TLS; plain HTTP only to redirect to HTTPS',
    fix: 'Listen on HTTPS/TLS; keep an HTTP listener only to redirect to HTTPS.',
  },
  'TLS-2': {
    severity: 'P1',
    clause: 'Inter-Service Communication',
    title: 'TLS 1.2 or newer with modern ciphers',
    fix: 'Choose a security policy that allows only TLS 1.2 and newer.',
  },
  'TLS-3': {
    severity: 'P2',
    clause: 'Inter-Service Communication',
    title: 'The load balancer to backend hop uses TLS',
    fix: 'Use HTTPS/TLS target groups and backends, or HTTPS-only origins.',
  },
  'TLS-4': {
    severity: 'P1',
    clause: 'Inter-Service Communication',
    title: 'Data services refuse clients that do not use TLS',
    fix: 'Enforce TLS on the service (a policy denying aws:SecureTransport=false, force_ssl, transit encryption).',
  },
  'IAM-1': {
    severity: 'P0',
    clause: 'Separation of Duties and Authorization',
    title: 'No full-admin grants',
    fix: 'Grant only the actions and resources the workload needs.',
  },
  'IAM-2': {
    severity: 'P1',
    clause: 'Separation of Duties and Authorization',
    title: 'No wildcard actions on all resources, no NotAction allows, and iam:PassRole is scoped',
    fix: 'Name the actions and scope the resources; scope iam:PassRole to the roles the workload passes.',
  },
  'IAM-3': {
    severity: 'P0',
    clause: 'Separation of Duties and Authorization',
    title: 'Nothing is open to any principal',
    fix: 'Name the principals (no "*", allUsers or allAuthenticatedUsers), or narrow "*" with a condition such as aws:PrincipalOrgID or aws:SourceArn.',
  },
  'IAM-4': {
    severity: 'P1',
    clause: 'Separation of Duties and Authorization',
    title: 'Workloads use roles and short-lived tokens, not long-lived user keys',
    fix: 'Use roles (or workload identity, and dedicated service accounts with narrow scopes) instead of user access keys, service account keys and console passwords.',
  },
  'AUTH-1': {
    severity: 'P1',
    clause: 'Password Policies',
    title:
      'Where people sign in with passwords: MFA, at least 8 characters with letters, numbers and symbols, 90-day rotation, lockout after repeated failures',
    fix: 'Require MFA, a password policy of at least 8 characters with letters, numbers and symbols, and lockout on repeated failures.',
  },
  'AUTH-2': {
    severity: 'P2',
    clause: 'Password Policies',
    title: 'Machine secrets rotate at least every 90 days',
    fix: 'Attach a rotation schedule of 90 days or less to the secret.',
  },
  'AUTH-3': {
    severity: 'P0',
    clause: 'Secrets in Logs',
    title: 'No plaintext secrets in infrastructure code',
    fix: 'Reference the secret from a secret store (Secrets Manager, SSM SecureString, Secret Manager) instead of writing it in code.',
  },
  'SSH-1': {
    severity: 'P1',
    clause: 'SSH Keys',
    title: 'No SSH key pairs baked into hosts; shell access goes through the cloud identity',
    fix: 'Remove the key pair and use Session Manager (AWS) or OS Login (GCP) for shell access.',
  },
  'LOG-1': {
    severity: 'P2',
    clause: 'Backing Up Logs',
    title: 'Logs are kept at least 90 days',
    fix: 'Keep logs for at least 90 days.',
  },
  'LOG-2': {
    severity: 'P2',
    clause: 'Backing Up Logs',
    title: 'Logs are backed up to cloud storage',
    fix: 'Deliver the logs to a storage bucket (GCP: a log sink to Cloud Storage) whose lifecycle keeps them at least 90 days.',
  },
  'LOG-3': {
    severity: 'P2',
    clause: 'What We Log',
    title: 'Network and access logs are on',
    fix: 'Turn on flow logs and access logs for the resource.',
  },
  'LOG-4': {
    severity: 'P3',
    clause: 'Log format',
    title: 'Access log formats carry date, time, operation and a unique request id',
    fix: 'Include the request time, the operation and a unique request id in the access log format.',
  },
  'LOG-5': {
    severity: 'P2',
    clause: 'What We Log',
    title: 'An audit trail of operations exists and cannot be silently altered',
    fix: 'Record every operation in a multi-region audit trail with integrity validation (GCP: Data Access audit logs for allServices, no exemptions).',
  },
  'HOST-1': {
    severity: 'P2',
    clause: 'Ubuntu Automatic Security Updates',
    title: 'Hosts take security updates automatically',
    fix: 'Patch hosts automatically (an SSM patch baseline association, OS Config patching, or unattended upgrades).',
  },
  'HOST-2': {
    severity: 'P2',
    clause: 'Vulnerability Scanning',
    title: 'Images and hosts are scanned for vulnerabilities',
    fix: 'Turn on image scanning on push (or registry-wide scanning) and host vulnerability scanning (GCP: Shielded VM with Secure Boot).',
  },
  'HOST-3': {
    severity: 'P3',
    clause: 'AntiVirus Software',
    title: 'Hosts run ClamAV with updated signatures',
    fix: 'Install ClamAV and schedule freshclam on the host.',
  },
  'HOST-4': {
    severity: 'P2',
    clause: 'Limiting Access to Operating System Files',
    title: 'Instance metadata needs session tokens (IMDSv2)',
    fix: 'Require IMDSv2 session tokens (HttpTokens: required), or turn the metadata endpoint off; on GKE, use workload metadata GKE_METADATA.',
  },
  'HOST-5': {
    severity: 'P1',
    clause: 'Limiting Access to Operating System Files',
    title: 'Containers mount only the folders they need',
    fix: 'Run containers unprivileged with a read-only root file system and only the host folders they declare.',
  },
  'DEPLOY-1': {
    severity: 'P3',
    clause: 'Deploying Updates',
    title: 'Deployments can roll back',
    fix: 'Turn on automatic rollback (ECS circuit breaker with rollback, a rolling update policy, a PROACTIVE managed instance group update policy).',
  },
} as const satisfies Record<string, RequirementSpec>;

/** The id of a requirement, such as `'NET-1'`. A wrong id is a compile error. */
export type RequirementId = keyof typeof CATALOG;

/** A requirement with its id, area and fix window. */
export interface Requirement extends RequirementSpec {
  readonly id: RequirementId;
  readonly area: RequirementArea;
  /** Days within which a violation must be fixed (from the severity). */
  readonly fixWithinDays: number;
}

/**
 * Every requirement, in catalog order.
 *
 * @example
 * REQUIREMENTS.filter((r) => r.severity === 'P0').map((r) => r.id) // ['NET-1', 'IAM-1', 'IAM-3', 'AUTH-3']
 */
export const REQUIREMENTS: readonly Requirement[] = Object.entries(CATALOG).map(([id, spec]) => ({
  id: id as RequirementId,
  area: id.split('-')[0] as RequirementArea,
  fixWithinDays: FIX_WINDOW_DAYS[spec.severity],
  ...spec,
}));

const BY_ID: ReadonlyMap<string, Requirement> = new Map(REQUIREMENTS.map((r) => [r.id, r]));

/**
 * Whether `id` names a requirement of the catalog.
 *
 * @example
 * isRequirementId('NET-1') // true
 * isRequirementId('NET-9') // false
 */
export function isRequirementId(id: unknown): id is RequirementId {
  return typeof id === 'string' && BY_ID.has(id);
}

/**
 * The catalog entry of a requirement.
 *
 * @example
 * requirement('NET-1').severity // 'P0'
 */
export function requirement(id: RequirementId): Requirement {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`Unknown requirement '${id}'`);
  return r;
}

/**
 * The requirement a rule id belongs to: rule ids are a requirement id, optionally followed by
 * a provider suffix or sub-number (`TLS-2.cloudfront`).
 *
 * @example
 * requirementOfRule('TLS-2.cloudfront') // 'TLS-2'
 */
export function requirementOfRule(rule: string): RequirementId | undefined {
  const id = rule.split('.')[0];
  return isRequirementId(id) ? id : undefined;
}
