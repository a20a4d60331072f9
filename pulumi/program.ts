/**
 * The example team program (Google Cloud): a shop's web tier behind the TLS load balancer, app
 * instances, a private Cloud SQL database, customer-managed keys, and project logging, all
 * built from the compliant components. `pulumi preview` / `pulumi up` run it (Pulumi.yaml at the
 * repository root points here); `npm run pulumi:check` runs it offline under mocks and checks
 * every resource it declares.
 *
 * Configuration (all optional, declared in Pulumi.yaml): `gcp:project` (else the provider's
 * default project), `region` (default `europe-west1`), `domain` (default `shop.example.com`),
 * `oncallGroup` and `developersGroup` (who may log in to the hosts).
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { AuditLogging } from './audit-logging';
import { Peer, Port } from './connections';
import { enforceSecurityPolicy } from './enforce';
import { HardenedInstance } from './hardened-instance';
import { HardenedInstanceGroup } from './hardened-instance-group';
import { PrivateDatabase } from './private-database';
import { ProjectIamGrants } from './project-iam';
import { SecureKey } from './secure-key';
import { SecureNetwork } from './secure-network';
import { LeastPrivilegeServiceAccount } from './service-account';
import { serviceAgents } from './service-agents';
import { TlsLoadBalancer } from './tls-load-balancer';

/** The web servers: nginx on 443 with a host certificate (the balancer encrypts to it, TLS-3). */
const WEB_SERVER_SCRIPT = `#!/bin/bash
set -euo pipefail
apt-get install -y -q nginx openssl
if [ ! -f /etc/ssl/private/web.key ]; then
  openssl req -x509 -nodes -newkey rsa:2048 -days 365 -subj "/CN=$(hostname)" \\
    -keyout /etc/ssl/private/web.key -out /etc/ssl/certs/web.crt
fi
cat > /etc/nginx/sites-available/default <<'EOF'
server {
  listen 443 ssl default_server;
  ssl_certificate /etc/ssl/certs/web.crt;
  ssl_certificate_key /etc/ssl/private/web.key;
  ssl_protocols TLSv1.2 TLSv1.3;
  location = /healthz { return 200 "ok\\n"; }
  location / { root /var/www/html; }
}
EOF
systemctl restart nginx
`;

/** The app servers: the team's service, listening with TLS on 8443 (deployed by the team's pipeline). */
const APP_SERVER_SCRIPT = `#!/bin/bash
set -euo pipefail
mkdir -p /srv/app
systemctl start app.service || echo "app.service is not installed yet" >&2
`;

/**
 * Declares the team's infrastructure and returns the stack outputs.
 *
 * @example
 * // Pulumi.yaml: main: pulumi/program.ts (the CLI calls the exported function)
 * // offline: await recordResources(teamProgram)
 */
function teamProgram(): teamProgram.Outputs {
  // Transforms need the engine: under mocks (npm run pulumi:check, tests) the recorded resources
  // are checked by checkResources instead, and registering a transform would throw.
  if (pulumi.runtime.getEngine() !== undefined) enforceSecurityPolicy();

  const config = new pulumi.Config();
  const region = config.get('region') ?? 'europe-west1';
  const domain = config.get('domain') ?? 'shop.example.com';
  const oncall = config.get('oncallGroup') ?? 'group:oncall@example.com';
  const developers = config.get('developersGroup') ?? 'group:developers@example.com';
  const projectInfo = gcp.organizations.getProjectOutput({});
  const project = pulumi.output(gcp.config.project ?? projectInfo.projectId).apply((id) => {
    if (!id) throw new Error('No Google Cloud project: run `pulumi config set gcp:project <id>`.');
    return id;
  });
  const agents = serviceAgents(projectInfo.number);

  // One customer-managed key for the region's disks, database and log archive (ENC-1..3).
  const key = new SecureKey('team-data', { location: region, users: [agents.compute, agents.cloudSql, agents.storage] });

  const webAccount = new LeastPrivilegeServiceAccount('web', {
    project,
    roles: ['roles/logging.logWriter', 'roles/monitoring.metricWriter'],
  });
  const appAccount = new LeastPrivilegeServiceAccount('app', {
    project,
    roles: ['roles/logging.logWriter', 'roles/monitoring.metricWriter', 'roles/cloudsql.client', 'roles/cloudsql.instanceUser'],
  });

  const net = new SecureNetwork('team', {
    subnetworks: [
      { name: 'web', region, ipCidrRange: '10.10.0.0/24' },
      { name: 'app', region, ipCidrRange: '10.10.1.0/24' },
    ],
    workloads: { web: { serviceAccount: webAccount }, app: { serviceAccount: appAccount } },
    connections: [
      { from: Peer.loadBalancer(), to: 'web', ports: [Port.tcp(443)], description: 'The load balancer and its health checks reach the web servers' },
      { from: 'web', to: 'app', ports: [Port.tcp(8443)], description: 'The web tier calls the app API' },
      { from: 'app', to: Peer.privateServices(), ports: [Port.tcp(5432)], description: 'The app uses the database' },
      { from: Peer.iapTunnel(), to: 'web', ports: [Port.tcp(22)], description: 'On-call shell access through IAP and OS Login' },
      { from: Peer.iapTunnel(), to: 'app', ports: [Port.tcp(22)], description: 'On-call shell access through IAP and OS Login' },
      { from: 'web', to: Peer.internet(), ports: [Port.tcp(80), Port.tcp(443)], description: 'Package mirrors, ClamAV signatures, Google APIs' },
      { from: 'app', to: Peer.internet(), ports: [Port.tcp(80), Port.tcp(443)], description: 'Package mirrors, ClamAV signatures, Google APIs' },
    ],
    privateServicesRange: '10.100.0.0/16',
  });

  const web = new HardenedInstanceGroup(
    'web',
    { project, region, subnetwork: net.subnetworks.web.id, kmsKey: key.id, serviceAccount: webAccount, startupScript: WEB_SERVER_SCRIPT, targetSize: 2 },
    { dependsOn: [key] },
  );
  for (const zone of ['b', 'c']) {
    new HardenedInstance(
      `app-${zone}`,
      {
        project,
        zone: `${region}-${zone}`,
        subnetwork: net.subnetworks.app.id,
        kmsKey: key.id,
        serviceAccount: appAccount,
        dataDisks: [{ name: 'data', sizeGb: 50 }],
        startupScript: APP_SERVER_SCRIPT,
        osLogin2fa: true,
      },
      { dependsOn: [key] },
    );
  }

  const lb = new TlsLoadBalancer('shop', { backends: [{ group: web.instanceGroup }], domains: [domain] });
  const db = new PrivateDatabase('orders', { region, databaseVersion: 'POSTGRES_16', network: net, kmsKey: key.id }, { dependsOn: [key] });
  const logs = new AuditLogging('audit', { project, archive: { location: region, kmsKey: key.id } }, { dependsOn: [key] });

  new ProjectIamGrants('team-access', {
    project,
    grants: [
      { role: 'roles/compute.osAdminLogin', members: [oncall] },
      { role: 'roles/compute.osLogin', members: [developers] },
      { role: 'roles/iap.tunnelResourceAccessor', members: [oncall, developers] },
    ],
  });

  return { address: lb.ipAddress, database: db.connectionName, logArchive: logs.archiveBucket.name };
}

namespace teamProgram {
  /** What the stack exports. */
  export interface Outputs {
    /** The load balancer's address: point the domain's A record here. */
    readonly address: pulumi.Output<string>;
    /** The database's connection name, for the Cloud SQL connectors. */
    readonly database: pulumi.Output<string>;
    /** The log archive bucket. */
    readonly logArchive: pulumi.Output<string>;
  }
}

// The Pulumi CLI calls a program module's exported function and exports what it returns.
export = teamProgram;
