/**
 * A non-compliant team program, written with raw `@pulumi/gcp` resources the way a rushed team
 * might: an auto-mode network with SSH open to the world, no egress control and no firewall
 * logs, a public Cloud SQL instance open to the internet, accepting plaintext and without a
 * customer-managed key, a VM on the default compute service account with the cloud-platform
 * scope, SSH keys in metadata, OS Login off, a raw disk key in the code and the serial port on,
 * no patching, antivirus or Shielded VM, a TLS 1.0 SSL policy, a key rotated once a year, an
 * editor grant and the project readable by anyone signed in.
 *
 * `npm run pulumi:check -- --program pulumi/examples/noncompliant.ts` shows the failing run.
 */
import * as gcp from '@pulumi/gcp';

function noncompliantProgram(): void {
  // NET-4: auto-mode network; NET-3: no deny-all egress, so the implied allow-all egress stays.
  const network = new gcp.compute.Network('legacy', { autoCreateSubnetworks: true });
  // NET-1: SSH from anywhere (and, like the next rule, no firewall logs: LOG-3).
  new gcp.compute.Firewall('allow-ssh', { network: network.id, allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'] });
  // NET-2: the app port straight from the internet, not through a load balancer.
  new gcp.compute.Firewall('allow-app', { network: network.id, allows: [{ protocol: 'tcp', ports: ['8080'] }], sourceRanges: ['0.0.0.0/0'] });

  // NET-5: a public IP that authorizes the whole internet; TLS-4: plaintext accepted; ENC-3: no CMEK.
  new gcp.sql.DatabaseInstance('orders', {
    databaseVersion: 'POSTGRES_16',
    region: 'europe-west1',
    deletionProtection: false,
    settings: {
      tier: 'db-f1-micro',
      ipConfiguration: { ipv4Enabled: true, sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED', authorizedNetworks: [{ name: 'anyone', value: '0.0.0.0/0' }] },
    },
  });

  // IAM-4: the default account with cloud-platform; SSH-1: SSH keys, OS Login off, serial port on;
  // AUTH-3: a raw disk key in the code; HOST-1..3: no patching, no ClamAV, no Shielded VM.
  new gcp.compute.Instance('worker', {
    zone: 'europe-west1-b',
    machineType: 'e2-small',
    bootDisk: {
      initializeParams: { image: 'debian-cloud/debian-12' },
      diskEncryptionKeyRaw: 'SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0=',
    },
    networkInterfaces: [{ network: network.id, accessConfigs: [{}] }],
    serviceAccount: { email: '123456789012-compute@developer.gserviceaccount.com', scopes: ['cloud-platform'] },
    metadata: { 'ssh-keys': 'alice:ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx alice', 'serial-port-enable': 'TRUE' },
  });

  // TLS-2: TLS 1.0 with the COMPATIBLE profile.
  new gcp.compute.SSLPolicy('legacy-tls', { profile: 'COMPATIBLE', minTlsVersion: 'TLS_1_0' });

  // ENC-3: a key rotated once a year.
  const ring = new gcp.kms.KeyRing('legacy', { location: 'europe-west1' });
  new gcp.kms.CryptoKey('legacy', { keyRing: ring.id, rotationPeriod: '31536000s' });

  // IAM-1 and IAM-3: editor for a person, the project readable by anyone signed in.
  new gcp.projects.IAMMember('dev-editor', { project: 'team-project', role: 'roles/editor', member: 'user:dev@example.com' });
  new gcp.projects.IAMMember('everyone-viewer', { project: 'team-project', role: 'roles/viewer', member: 'allAuthenticatedUsers' });
}

export = noncompliantProgram;
