/**
 * Reading boot scripts for automatic updates (HOST-1) and ClamAV (HOST-3).
 */
import fc from 'fast-check';
import { readHostScript } from '../../../constructs/host/scripts';

describe('automatic security updates', () => {
  it.each<[string, string, boolean]>([
    ['apt-get install unattended-upgrades → on', '#!/bin/bash\napt-get update && apt-get install -y unattended-upgrades', true],
    ['apt install with other packages on the line → on', 'apt install -y nginx unattended-upgrades jq', true],
    ['dpkg-reconfigure unattended-upgrades → on', 'dpkg-reconfigure -f noninteractive unattended-upgrades', true],
    ['APT::Periodic::Unattended-Upgrade "1" written to apt.conf.d → on', `echo 'APT::Periodic::Unattended-Upgrade "1";' > /etc/apt/apt.conf.d/20auto-upgrades`, true],
    ['cloud-config packages list → on', '#cloud-config\npackages:\n  - unattended-upgrades\n  - curl\n', true],
    ['dnf-automatic-install.timer enabled → on', 'dnf install -y dnf-automatic\nsystemctl enable --now dnf-automatic-install.timer', true],
    ['dnf-automatic.timer with apply_updates = yes → on', "dnf install -y dnf-automatic\nsed -i 's/apply_updates = no/apply_updates = yes/' /etc/dnf/automatic.conf\nsystemctl enable --now dnf-automatic.timer", true],
    ['yum-cron enabled with apply_updates = yes → on', "yum install -y yum-cron\nsed -i 's/apply_updates = no/apply_updates = yes/' /etc/yum/yum-cron.conf\nsystemctl enable yum-cron", true],
    ['yum-cron with chkconfig on and apply_updates = yes → on', 'yum -y install yum-cron\nsed -i "s/^apply_updates.*/apply_updates = yes/" /etc/yum/yum-cron.conf\nchkconfig yum-cron on', true],
    ['a line continuation splitting the install → on', 'apt-get install -y \\\n  unattended-upgrades', true],
    ['nothing about updates → off', '#!/bin/bash\nyum install -y nginx\nsystemctl start nginx', false],
    ['only in a comment → off', '#!/bin/bash\n# TODO: apt-get install -y unattended-upgrades', false],
    ['installed, then removed → off', 'apt-get install -y unattended-upgrades\napt-get remove -y unattended-upgrades', false],
    ['installed, then disabled → off', 'apt-get install -y unattended-upgrades\nsystemctl disable --now unattended-upgrades', false],
    ['periodic switch set to "0" → off', 'apt-get install -y unattended-upgrades\necho \'APT::Periodic::Unattended-Upgrade "0";\' > /etc/apt/apt.conf.d/20auto-upgrades', false],
    ['yum-cron enabled, apply_updates left at no → off', 'yum install -y yum-cron && systemctl enable --now yum-cron', false],
    ['dnf-automatic.timer without apply_updates → off', 'dnf install -y dnf-automatic && systemctl enable --now dnf-automatic.timer', false],
    ['dnf-automatic installed, no timer → off', 'dnf install -y dnf-automatic', false],
    ['a one-off yum update at boot → off', 'yum update -y', false],
  ])('%s', (_name, script, provided) => {
    expect(readHostScript(script).updates.provided).toBe(provided);
  });

  it.each<[string, string, RegExp]>([
    ['yum-cron left downloading only', 'yum install -y yum-cron && systemctl enable --now yum-cron', /enables yum-cron but leaves apply_updates = no \(the default\)/],
    ['a one-off upgrade', 'apt-get update && apt-get upgrade -y', /upgrades packages once at boot/],
    ['a removal', 'apt-get purge -y unattended-upgrades', /removes or disables unattended-upgrades/],
  ])('near miss: %s is named', (_name, script, note) => {
    expect(readHostScript(script).updates.note).toMatch(note);
  });
});

describe('ClamAV with refreshed signatures', () => {
  it.each<[string, string, boolean]>([
    ['yum install clamav and run freshclam → on', 'yum install -y clamav clamav-update\nfreshclam', true],
    ['apt-get install clamav (Debian brings the freshclam daemon) → on', 'apt-get install -y clamav', true],
    ['the freshclam service enabled → on', 'dnf install -y clamav clamd clamav-update\nsystemctl enable --now clamav-freshclam', true],
    ['a cron entry for freshclam → on', 'yum install -y clamav\necho "0 3 * * * root /usr/bin/freshclam" > /etc/cron.d/freshclam', true],
    ['cloud-config packages and runcmd → on', '#cloud-config\npackages:\n  - clamav\nruncmd:\n  - [ freshclam ]\n', true],
    ['installed with yum, never refreshed → off', 'yum install -y clamav', false],
    ['freshclam stopped after install → off', 'apt-get install -y clamav\nsystemctl stop clamav-freshclam\nsystemctl disable clamav-freshclam', false],
    ['only mentioned in a comment → off', '# apt-get install -y clamav && freshclam', false],
    ['freshclam without ClamAV installed → off', 'freshclam', false],
    ['installed then removed → off', 'yum install -y clamav\nfreshclam\nyum remove -y clamav', false],
  ])('%s', (_name, script, provided) => {
    expect(readHostScript(script).antivirus.provided).toBe(provided);
  });

  it('says why an install without freshclam falls short', () => {
    expect(readHostScript('yum install -y clamav').antivirus.note).toBe('installs ClamAV but never runs freshclam, so its signatures go stale');
  });
});

describe('properties', () => {
  const commands = fc.constantFrom(
    'apt-get install -y unattended-upgrades',
    'yum install -y clamav',
    'freshclam',
    'systemctl enable --now dnf-automatic-install.timer',
    'echo hello',
    'apt-get update',
  );

  it('a script commented out line by line provides nothing', () => {
    fc.assert(fc.property(fc.array(commands, { maxLength: 8 }), (lines) => {
      const reading = readHostScript(lines.map((l) => `# ${l}`).join('\n'));
      expect(reading.updates.provided).toBe(false);
      expect(reading.antivirus.provided).toBe(false);
    }));
  });

  it('removing unattended-upgrades at the end always wins', () => {
    fc.assert(fc.property(fc.array(commands, { maxLength: 8 }), (lines) => {
      const script = [...lines, 'apt-get install -y unattended-upgrades', 'apt-get purge -y unattended-upgrades'].join('\n');
      expect(readHostScript(script).updates.provided).toBe(lines.includes('systemctl enable --now dnf-automatic-install.timer'));
    }));
  });

  it('CRLF line ends read like LF', () => {
    fc.assert(fc.property(fc.array(commands, { maxLength: 8 }), (lines) => {
      expect(readHostScript(lines.join('\r\n'))).toEqual(readHostScript(lines.join('\n')));
    }));
  });
});

describe('notes', () => {
  it('a stopped freshclam is named as such', () => {
    expect(readHostScript('apt-get install -y clamav\nsystemctl disable --now clamav-freshclam').antivirus.note).toBe('installs ClamAV but stops or disables freshclam, so its signatures go stale');
  });
});
