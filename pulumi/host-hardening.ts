/**
 * What every hardened host shares, whether it is one instance or an instance template: the
 * args, their validation, the metadata (OS Login, blocked project SSH keys, serial port off, OS
 * Config on), the startup script (automatic security updates and ClamAV), Shielded VM, narrow
 * scopes, a dedicated service account, and the OS Config patch deployment.
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import type { RequirementId } from '../constructs/requirements';
import { checkProjectRole, ServiceAccountRef } from './iam-rules';
import { invalid, refuse, slug } from './refuse';
import { LeastPrivilegeServiceAccount } from './service-account';

/** ClamAV settings (HOST-3). */
export interface AntivirusOptions {
  /**
   * How many times a day freshclam fetches new signatures (1-50). 0 would leave the
   * signatures stale and is refused (HOST-3).
   * @default 24
   */
  readonly signatureChecksPerDay?: number;
  /**
   * When the file system scan runs: a systemd `OnCalendar` expression.
   * @default 'daily'
   */
  readonly scanSchedule?: string;
}

/** When the OS Config patch deployment runs (HOST-1): every day at `hour` in `timeZone`. */
export interface PatchScheduleOptions {
  /** @default 3 */
  readonly hour?: number;
  /** An IANA time zone. @default 'Etc/UTC' */
  readonly timeZone?: string;
}

/** An extra persistent disk, encrypted with the host's key. */
export interface DataDiskSpec {
  /** A short name, unique on the host; also the device name. */
  readonly name: string;
  readonly sizeGb: number;
  /** @default 'pd-balanced' */
  readonly type?: string;
}

/** Args shared by `HardenedInstance`, `HardenedInstanceTemplate` and `HardenedInstanceGroup`. */
export interface HardenedHostArgs {
  /** The project of the host's service account grants and patch deployment. */
  readonly project: pulumi.Input<string>;
  /** The customer-managed key of the boot and data disks (ENC-1, ENC-3): a `SecureKey`'s `id`. */
  readonly kmsKey: pulumi.Input<string>;
  /** The subnetwork the host's only network interface is in. */
  readonly subnetwork: pulumi.Input<string>;
  /** @default 'e2-medium' (ClamAV's scanner needs about 1 GB of memory) */
  readonly machineType?: string;
  /**
   * The boot image. The startup script uses apt: use a Debian or Ubuntu image.
   * @default 'ubuntu-os-cloud/ubuntu-2404-lts-amd64'
   */
  readonly image?: string;
  /** @default 20 */
  readonly bootDiskSizeGb?: number;
  /** @default 'pd-balanced' */
  readonly bootDiskType?: string;
  /** @default none */
  readonly dataDisks?: readonly DataDiskSpec[];
  /**
   * The host's identity. A plain email of the default compute service account
   * (`…-compute@developer.gserviceaccount.com`) is refused (IAM-4).
   * @default a dedicated `LeastPrivilegeServiceAccount` with `roles`
   */
  readonly serviceAccount?: ServiceAccountRef;
  /**
   * Project roles of the service account the component creates (owner/editor refused, IAM-1),
   * on top of `roles/logging.logWriter` and `roles/monitoring.metricWriter`. Only without
   * `serviceAccount`.
   * @default none
   */
  readonly roles?: readonly string[];
  /**
   * OAuth scopes of the instance's token. `cloud-platform` is refused (IAM-4): the token would
   * reach every API the account has roles on.
   * @default logging.write and monitoring.write
   */
  readonly scopes?: readonly string[];
  /** Network tags (firewall targets, when a workload is named by tags). @default none */
  readonly networkTags?: readonly string[];
  /** Labels. `patch-group` is the component's own. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Extra metadata. `ssh-keys` (SSH-1), weakening `enable-oslogin`, `block-project-ssh-keys`,
   * `serial-port-enable` (SSH-1) or `enable-osconfig` (HOST-1), replacing `startup-script`
   * (HOST-3) and keys that look like secrets (AUTH-3) are refused.
   * @default none
   */
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * The team's own startup script, run after the hardening (as its own file, with its own
   * interpreter line if it has one, else bash).
   * @default none
   */
  readonly startupScript?: string;
  /**
   * Require two-factor authentication for OS Login (`enable-oslogin-2fa`).
   * @default false
   */
  readonly osLogin2fa?: boolean;
  /**
   * Give the host an ephemeral external address. Hosts reach the internet through the
   * network's Cloud NAT and are reached through the load balancer or IAP; an external address
   * is rarely needed.
   * @default false
   */
  readonly externalIp?: boolean;
  /** @default signatures checked 24 times a day, a daily scan */
  readonly antivirus?: AntivirusOptions;
  /** @default every day at 03:00 UTC */
  readonly patchSchedule?: PatchScheduleOptions;
}

/** The image of hosts that do not name one. */
export const DEFAULT_IMAGE = 'ubuntu-os-cloud/ubuntu-2404-lts-amd64';
/** The machine type of hosts that do not name one. */
export const DEFAULT_MACHINE_TYPE = 'e2-medium';
/** The label the patch deployment selects hosts by. */
export const PATCH_GROUP_LABEL = 'patch-group';
/** Roles every host's own service account gets: writing its logs and metrics. */
export const DEFAULT_HOST_ROLES: readonly string[] = ['roles/logging.logWriter', 'roles/monitoring.metricWriter'];
/** Scopes of hosts that do not name theirs. */
export const DEFAULT_SCOPES: readonly string[] = ['https://www.googleapis.com/auth/logging.write', 'https://www.googleapis.com/auth/monitoring.write'];
/** Shielded VM: Secure Boot, vTPM and integrity monitoring (HOST-2, HOST-4). */
export const SHIELDED_VM = { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true } as const;

/** Metadata every hardened host carries, and why. */
const HARDENED_METADATA: Readonly<Record<string, readonly [string, RequirementId, string]>> = {
  'enable-oslogin': ['TRUE', 'SSH-1', 'shell access goes through OS Login, which needs TRUE'],
  'block-project-ssh-keys': ['TRUE', 'SSH-1', 'project-wide SSH keys stay blocked (TRUE)'],
  'serial-port-enable': ['FALSE', 'SSH-1', 'the interactive serial console stays off (FALSE)'],
  'enable-osconfig': ['TRUE', 'HOST-1', 'the OS Config agent applies the patch deployment and needs TRUE'],
};

const SSH_KEY_METADATA = ['ssh-keys', 'sshkeys'];
const STARTUP_METADATA = ['startup-script', 'startup-script-url'];
const SECRET_KEY = /(passw(or)?d|passphrase|secret|token|api[-_]?key|private[-_]?key|credential|access[-_]?key)/i;
const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const CLOUD_PLATFORM = ['cloud-platform', 'https://www.googleapis.com/auth/cloud-platform'];
const DEFAULT_COMPUTE_ACCOUNT = /-compute@developer\.gserviceaccount\.com$/i;
const TEAM_SCRIPT_END = 'COMPLIANCE_TEAM_STARTUP_SCRIPT';

/**
 * Validates the shared args; throws a `ComplianceError` for anything that can never comply.
 *
 * @example
 * validateHostArgs("HardenedInstance 'app'", { ...args, metadata: { 'ssh-keys': 'alice:ssh-ed25519 AAAA…' } });
 * // throws [SSH-1] HardenedInstance 'app': metadata 'ssh-keys' bakes SSH keys into the host; ...
 */
export function validateHostArgs(label: string, args: HardenedHostArgs): void {
  for (const [key, value] of Object.entries(args.metadata ?? {})) checkMetadata(label, key, value);
  if (args.startupScript !== undefined) {
    if (PRIVATE_KEY_BLOCK.test(args.startupScript)) {
      refuse('AUTH-3', label, 'startupScript contains a private key; metadata is readable by every process on the host and is kept in the stack state, so fetch keys from Secret Manager at boot.');
    }
    if (args.startupScript.split('\n').some((l) => l.trim() === TEAM_SCRIPT_END)) invalid(label, `startupScript must not contain a line '${TEAM_SCRIPT_END}'.`);
  }
  for (const scope of args.scopes ?? []) {
    if (CLOUD_PLATFORM.includes(scope.trim())) {
      refuse('IAM-4', label, `scope '${scope}' lets the host's token reach every API its service account has roles on; name the scopes the host needs.`);
    }
  }
  const sa = args.serviceAccount?.email;
  if (typeof sa === 'string' && (DEFAULT_COMPUTE_ACCOUNT.test(sa) || sa === 'default')) {
    refuse('IAM-4', label, `serviceAccount '${sa}' is the default compute service account, shared by every workload of the project; give the host a dedicated LeastPrivilegeServiceAccount.`);
  }
  if (args.serviceAccount !== undefined && args.roles !== undefined) {
    invalid(label, 'roles apply to the service account the component creates; grant them to the serviceAccount you pass instead.');
  }
  for (const role of args.roles ?? []) checkProjectRole(label, role);
  if (args.labels && PATCH_GROUP_LABEL in args.labels) invalid(label, `label '${PATCH_GROUP_LABEL}' is set by the component (it selects the host for patching).`);
  const checks = args.antivirus?.signatureChecksPerDay ?? 24;
  if (checks === 0) refuse('HOST-3', label, 'antivirus.signatureChecksPerDay 0 never refreshes the ClamAV signatures; check at least once a day.');
  if (!Number.isInteger(checks) || checks < 0 || checks > 50) invalid(label, `antivirus.signatureChecksPerDay ${checks} must be a whole number from 1 to 50.`);
  const schedule = args.antivirus?.scanSchedule ?? 'daily';
  if (!/^[A-Za-z0-9 *:,./~-]+$/.test(schedule)) invalid(label, `antivirus.scanSchedule '${schedule}' is not a systemd calendar expression.`);
  const hour = args.patchSchedule?.hour ?? 3;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) invalid(label, `patchSchedule.hour ${hour} must be a whole hour from 0 to 23.`);
  const tz = args.patchSchedule?.timeZone ?? 'Etc/UTC';
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz)) invalid(label, `patchSchedule.timeZone '${tz}' is not an IANA time zone.`);
  for (const d of args.dataDisks ?? []) {
    if (!/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(d.name)) invalid(label, `data disk name '${d.name}' must be lowercase letters, digits and dashes.`);
  }
}

function checkMetadata(label: string, key: string, value: string): void {
  const k = key.trim().toLowerCase();
  if (SSH_KEY_METADATA.includes(k)) {
    refuse('SSH-1', label, `metadata '${key}' bakes SSH keys into the host; shell access goes through OS Login, so grant roles/compute.osLogin instead.`);
  }
  const hardened = HARDENED_METADATA[k];
  if (hardened) {
    const [expected, requirement, why] = hardened;
    if (value.trim().toUpperCase() !== expected) refuse(requirement, label, `metadata '${key}' is '${value}'; ${why}.`);
    return;
  }
  if (k === 'enable-oslogin-2fa') invalid(label, "set two-factor OS Login with osLogin2fa, not metadata 'enable-oslogin-2fa'.");
  if (STARTUP_METADATA.includes(k)) {
    refuse('HOST-3', label, `metadata '${key}' would replace the hardening startup script that installs ClamAV and automatic updates; pass your script as startupScript, which runs after the hardening.`);
  }
  if (SECRET_KEY.test(k) || PRIVATE_KEY_BLOCK.test(value)) {
    refuse('AUTH-3', label, `metadata '${key}' looks like a secret; metadata is readable by every process on the host and is kept in the stack state, so read the secret from Secret Manager at boot.`);
  }
}

/**
 * The metadata of a hardened host: the team's extra keys, then the hardened keys and the
 * startup script (which the team's keys cannot override: `validateHostArgs` refuses that).
 *
 * @example
 * hostMetadata(args)['block-project-ssh-keys'] // 'TRUE'
 */
export function hostMetadata(args: HardenedHostArgs): Record<string, string> {
  const metadata: Record<string, string> = { ...(args.metadata ?? {}) };
  for (const [key, [value]] of Object.entries(HARDENED_METADATA)) metadata[key] = value;
  if (args.osLogin2fa) metadata['enable-oslogin-2fa'] = 'TRUE';
  metadata['startup-script'] = hardeningScript(args);
  return metadata;
}

/**
 * The startup script: automatic security updates (HOST-1), ClamAV with freshclam refreshing
 * signatures and a scheduled scan (HOST-3), then the team's own script. Runs at every boot; the
 * hardening retries apt and never blocks the team's script.
 *
 * @example
 * hardeningScript({ ...args, antivirus: { signatureChecksPerDay: 12 } }).includes('Checks 12') // true
 */
export function hardeningScript(args: Pick<HardenedHostArgs, 'antivirus' | 'startupScript'>): string {
  const checks = args.antivirus?.signatureChecksPerDay ?? 24;
  const schedule = args.antivirus?.scanSchedule ?? 'daily';
  const lines = [
    '#!/bin/bash',
    '# Host hardening by compliance-constructs: automatic security updates (HOST-1) and ClamAV with',
    '# refreshed signatures and a scheduled scan (HOST-3). Runs at every boot and is idempotent.',
    'compliance_harden() {',
    '  set -euo pipefail',
    '  export DEBIAN_FRONTEND=noninteractive',
    '  if ! command -v apt-get >/dev/null; then',
    '    echo "apt-get not found: the hardening supports Debian and Ubuntu images" >&2',
    '    return 1',
    '  fi',
    '  for attempt in 1 2 3 4 5; do',
    '    apt-get update -q && break',
    '    sleep $((attempt * 10))',
    '  done',
    '  apt-get install -y -q unattended-upgrades clamav clamav-freshclam',
    '  # HOST-1: security updates every day, besides the OS Config patch deployment.',
    "  cat > /etc/apt/apt.conf.d/20auto-upgrades <<'EOF'",
    'APT::Periodic::Update-Package-Lists "1";',
    'APT::Periodic::Unattended-Upgrade "1";',
    'EOF',
    `  # HOST-3: freshclam checks for new signatures ${checks} times a day.`,
    "  if grep -q '^Checks ' /etc/clamav/freshclam.conf; then",
    `    sed -i 's/^Checks .*/Checks ${checks}/' /etc/clamav/freshclam.conf`,
    '  else',
    `    echo 'Checks ${checks}' >> /etc/clamav/freshclam.conf`,
    '  fi',
    '  systemctl enable clamav-freshclam',
    '  systemctl restart clamav-freshclam',
    '  # HOST-3: a scheduled scan; the unit fails (and logs the files) when something is infected.',
    "  cat > /etc/systemd/system/clamav-scan.service <<'EOF'",
    '[Unit]',
    'Description=ClamAV scan of the file system (compliance-constructs HOST-3)',
    'After=clamav-freshclam.service',
    '[Service]',
    'Type=oneshot',
    'Nice=19',
    'IOSchedulingClass=idle',
    'ExecStart=/usr/bin/clamscan --recursive --infected --exclude-dir=^/proc --exclude-dir=^/sys --exclude-dir=^/dev --exclude-dir=^/run /',
    'EOF',
    "  cat > /etc/systemd/system/clamav-scan.timer <<'EOF'",
    '[Unit]',
    'Description=Scheduled ClamAV scan (compliance-constructs HOST-3)',
    '[Timer]',
    `OnCalendar=${schedule}`,
    'RandomizedDelaySec=1h',
    'Persistent=true',
    '[Install]',
    'WantedBy=timers.target',
    'EOF',
    '  systemctl daemon-reload',
    '  systemctl enable --now clamav-scan.timer',
    '}',
    '# A subshell, so that set -e applies inside and a failure never stops the team script.',
    '( compliance_harden )',
    'status=$?',
    'if [ "$status" -ne 0 ]; then',
    '  logger -t compliance-hardening -p user.err "host hardening failed (exit $status); it runs again at the next boot"',
    'fi',
  ];
  if (args.startupScript !== undefined) {
    lines.push(
      '# The team startup script, as its own file.',
      'install -d -m 0700 /var/lib/compliance',
      `cat > /var/lib/compliance/team-startup <<'${TEAM_SCRIPT_END}'`,
      args.startupScript.replace(/\n$/, ''),
      TEAM_SCRIPT_END,
      'chmod 0700 /var/lib/compliance/team-startup',
      "if head -n 1 /var/lib/compliance/team-startup | grep -q '^#!'; then",
      '  exec /var/lib/compliance/team-startup',
      'fi',
      'exec bash /var/lib/compliance/team-startup',
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The scopes of a host's token.
 *
 * @example
 * hostScopes({}) // DEFAULT_SCOPES
 */
export function hostScopes(args: Pick<HardenedHostArgs, 'scopes'>): string[] {
  return [...(args.scopes ?? DEFAULT_SCOPES)];
}

/**
 * The labels of a host: the team's, and the patch group.
 *
 * @example
 * hostLabels('web', {}) // { 'patch-group': 'web' }
 */
export function hostLabels(name: string, args: Pick<HardenedHostArgs, 'labels'>): Record<string, string> {
  return { ...(args.labels ?? {}), [PATCH_GROUP_LABEL]: patchGroup(name) };
}

function patchGroup(name: string): string {
  return slug(name).slice(0, 63).replace(/-+$/, '') || 'host';
}

/**
 * The host's service account email: the one passed, or a dedicated account created as a child.
 *
 * @example
 * const email = hostServiceAccount(this, name, args);
 */
export function hostServiceAccount(parent: pulumi.Resource, name: string, args: HardenedHostArgs): pulumi.Input<string> {
  if (args.serviceAccount) return args.serviceAccount.email;
  const account = new LeastPrivilegeServiceAccount(
    `${name}-sa`,
    { project: args.project, roles: [...DEFAULT_HOST_ROLES, ...(args.roles ?? [])], description: `Dedicated identity of ${name} (compliance-constructs)` },
    { parent },
  );
  return account.email;
}

/**
 * The OS Config patch deployment of a host or a group (HOST-1): every day, zone by zone, all
 * updates of the distribution, rebooting when a patch needs it.
 *
 * @example
 * patchDeployment(this, name, args, { managedGroups: true });
 */
export function patchDeployment(
  parent: pulumi.Resource,
  name: string,
  args: HardenedHostArgs,
  options: { readonly managedGroups: boolean },
): gcp.osconfig.PatchDeployment {
  return new gcp.osconfig.PatchDeployment(
    `${name}-patching`,
    {
      project: args.project,
      patchDeploymentId: patchDeploymentId(name),
      description: `Daily patching of ${name} (compliance-constructs HOST-1)`,
      instanceFilter: { groupLabels: [{ labels: { [PATCH_GROUP_LABEL]: patchGroup(name) } }] },
      patchConfig: { rebootConfig: 'DEFAULT', apt: { type: 'DIST' }, migInstancesAllowed: options.managedGroups },
      duration: '3600s',
      // No weekly or monthly block: the schedule recurs every day.
      recurringSchedule: {
        timeZone: { id: args.patchSchedule?.timeZone ?? 'Etc/UTC' },
        timeOfDay: { hours: args.patchSchedule?.hour ?? 3, minutes: 0, seconds: 0, nanos: 0 },
      },
      rollout: { mode: 'ZONE_BY_ZONE', disruptionBudget: { percentage: 25 } },
    },
    { parent },
  );
}

/**
 * A patch deployment id: a lowercase letter, then up to 62 letters, digits and dashes.
 *
 * @example
 * patchDeploymentId('Web') // 'web-patching'
 */
export function patchDeploymentId(name: string): string {
  let id = slug(name);
  if (!/^[a-z]/.test(id)) id = `p-${id}`;
  return `${id.slice(0, 54).replace(/-+$/, '')}-patching`;
}
