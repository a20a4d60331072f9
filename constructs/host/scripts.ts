/**
 * Reading host boot and maintenance scripts (user data, startup scripts, commands run by a
 * configuration agent) for two safeguards of the policy: automatic security updates (HOST-1)
 * and ClamAV with refreshed signatures (HOST-3). Provider-neutral: an EC2 user data script and
 * a GCE startup script read the same way.
 *
 * The reading is deliberately literal: a package named in a comment does nothing, a service
 * installed but never enabled does not run, and a later command that removes or disables it
 * wins.
 */

/** What a script does for one safeguard. */
export interface ScriptSafeguard {
  readonly provided: boolean;
  /** How it provides it (`installs unattended-upgrades`), or the near miss that does not (`enables yum-cron but leaves apply_updates = no`). */
  readonly note?: string;
}

/** What a script does for the host safeguards. */
export interface ScriptReading {
  readonly updates: ScriptSafeguard;
  readonly antivirus: ScriptSafeguard;
}

const PACKAGE_MANAGER = String.raw`\b(?:apt|apt-get|aptitude|yum|dnf|microdnf|zypper|apk|amazon-linux-extras|snap)\b`;
const INSTALL = new RegExp(String.raw`${PACKAGE_MANAGER}[^\n]*\b(?:install|add)\b`);
const APT_INSTALL = /\b(?:apt|apt-get|aptitude)\b[^\n]*\binstall\b/;
const ENABLE = /\bsystemctl\b[^\n]*\b(?:enable|start|restart|reenable)\b|\bchkconfig\b[^\n]*\bon\b|\bservice\b[^\n]*\b(?:start|restart)\b|\bupdate-rc\.d\b[^\n]*\benable\b/;
const DISABLE = /\bsystemctl\b[^\n]*\b(?:disable|stop|mask)\b|\bchkconfig\b[^\n]*\boff\b|\bservice\b[^\n]*\bstop\b|\b(?:remove|purge|autoremove|erase|uninstall)\b/;
const APPLY_UPDATES = /\bapply_updates\s*=\s*(?:yes|true|1)\b/i;

/**
 * Reads a script: shell, cloud-config, or both (a MIME multipart user data is read as one text).
 *
 * @example
 * readHostScript('#!/bin/bash\napt-get install -y unattended-upgrades clamav').updates.provided // true
 * readHostScript('# apt-get install -y unattended-upgrades').updates.provided // false (a comment)
 */
export function readHostScript(text: string): ScriptReading {
  const lines = scriptLines(text);
  return { updates: readUpdates(lines), antivirus: readAntivirus(lines) };
}

/**
 * The command lines of a script: continuations joined, comments dropped, commands chained with
 * `&&`, `||` or `;` split apart, and cloud-config list items (`- unattended-upgrades`) read as
 * packages to install.
 */
function scriptLines(text: string): string[] {
  const out: string[] = [];
  let inPackages = false;
  for (const raw of text.replace(/\r\n?/g, '\n').replace(/\\\n/g, ' ').split('\n')) {
    const line = raw.replace(/(^|\s)#(?!!).*$/, '').trimEnd();
    if (line.trim() === '') continue;
    // cloud-config: `packages:` followed by `- name` items.
    if (/^packages\s*:\s*$/.test(line)) {
      inPackages = true;
      continue;
    }
    const item = /^\s*-\s*(?:\[\s*)?['"]?([A-Za-z0-9.+_-]+)/.exec(line);
    if (inPackages && item) {
      out.push(`package install ${item[1]}`);
      continue;
    }
    if (/^\S/.test(line)) inPackages = false;
    out.push(...line.split(/&&|\|\||;/).map((s) => s.trim()).filter((s) => s !== ''));
  }
  return out;
}

/** Whether the last line that mentions `name` enables it (an install or an enable), and not a removal. */
function lastWord(lines: readonly string[], name: RegExp, on: RegExp): 'on' | 'off' | undefined {
  let state: 'on' | 'off' | undefined;
  for (const line of lines) {
    if (!name.test(line)) continue;
    if (DISABLE.test(line)) state = 'off';
    else if (on.test(line)) state = 'on';
  }
  return state;
}

const INSTALL_OR_ENABLE = new RegExp(`${INSTALL.source}|${ENABLE.source}|\\bpackage install\\b|\\bdpkg-reconfigure\\b`);

function readUpdates(lines: readonly string[]): ScriptSafeguard {
  const text = lines.join('\n');
  const nearMisses: string[] = [];

  // Ubuntu and Debian: the unattended-upgrades package, or its periodic switch.
  const unattended = lastWord(lines, /\bunattended-upgrades?\b/, INSTALL_OR_ENABLE);
  const periodic = /APT::Periodic::Unattended-Upgrade\s+"?(\d+)"?/.exec(text);
  if (periodic && periodic[1] === '0') nearMisses.push('sets APT::Periodic::Unattended-Upgrade "0"');
  else if (unattended === 'on') return { provided: true, note: 'installs unattended-upgrades' };
  else if (periodic) return { provided: true, note: `sets APT::Periodic::Unattended-Upgrade "${periodic[1]}"` };
  if (unattended === 'off') nearMisses.push('removes or disables unattended-upgrades');

  // Fedora, RHEL 8+, Amazon Linux 2023: dnf-automatic's timers.
  const dnfInstall = lastWord(lines, /\bdnf-automatic-install\.timer\b/, ENABLE);
  const dnfTimer = lastWord(lines, /\bdnf-automatic\.timer\b/, ENABLE);
  if (dnfInstall === 'on') return { provided: true, note: 'enables dnf-automatic-install.timer' };
  if (dnfTimer === 'on') {
    if (APPLY_UPDATES.test(text)) return { provided: true, note: 'enables dnf-automatic.timer with apply_updates = yes' };
    nearMisses.push('enables dnf-automatic.timer but leaves apply_updates = no (the default), so updates are downloaded, not installed');
  } else if (lines.some((l) => /\bdnf-automatic\b/.test(l) && INSTALL.test(l))) {
    nearMisses.push('installs dnf-automatic but enables none of its timers');
  }

  // RHEL/CentOS 7, Amazon Linux 2: yum-cron.
  const yumCron = lastWord(lines, /\byum-cron\b/, ENABLE);
  if (yumCron === 'on') {
    if (APPLY_UPDATES.test(text)) return { provided: true, note: 'enables yum-cron with apply_updates = yes' };
    nearMisses.push('enables yum-cron but leaves apply_updates = no (the default), so updates are downloaded, not installed');
  } else if (lines.some((l) => /\byum-cron\b/.test(l) && INSTALL.test(l))) {
    nearMisses.push('installs yum-cron but never enables it');
  }

  if (nearMisses.length === 0 && lines.some((l) => /\b(?:apt|apt-get|yum|dnf)\b[^\n]*\b(?:upgrade|dist-upgrade|update\s+-y|-y\s+update)\b/.test(l) || /^package_upgrade\s*:\s*true/.test(l))) {
    nearMisses.push('upgrades packages once at boot, which does not keep the host patched');
  }
  return { provided: false, ...(nearMisses.length > 0 ? { note: nearMisses.join('; ') } : {}) };
}

function readAntivirus(lines: readonly string[]): ScriptSafeguard {
  // ClamAV itself; lines about its freshclam service alone are read below.
  const clam = /\b(?:clamav(?!-freshclam)|clamd|clamav-daemon|clamav-update)\b/;
  const installed = lastWord(lines, clam, new RegExp(`${INSTALL.source}|\\bpackage install\\b`));
  if (installed === 'off') return { provided: false, note: 'installs ClamAV, then removes or stops it' };
  if (installed !== 'on') return { provided: false };
  const refresh = lastWord(lines, /\bfreshclam\b/, /./);
  if (refresh === 'off') return { provided: false, note: 'installs ClamAV but stops or disables freshclam, so its signatures go stale' };
  if (refresh === 'on') return { provided: true, note: 'installs ClamAV and runs freshclam' };
  // Debian's clamav package depends on clamav-freshclam, which runs as a daemon once installed.
  if (lines.some((l) => /\bclamav\b/.test(l) && APT_INSTALL.test(l))) {
    return { provided: true, note: 'installs ClamAV with apt, which brings the clamav-freshclam daemon' };
  }
  return { provided: false, note: 'installs ClamAV but never runs freshclam, so its signatures go stale' };
}
