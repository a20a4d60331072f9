/**
 * A generated Pulumi program for the benchmark: Google Cloud projects of a team's shape
 * (networks and subnetworks with flow logs, firewalls, instances with disks, service accounts
 * and their grants, buckets, keys, databases, load balancer front ends), built from the plain
 * `@pulumi/gcp` resources so that the program itself runs no check.
 */
import * as gcp from '@pulumi/gcp';
import { Random } from './random';

/**
 * What to generate.
 *
 * @example
 * const plan: PulumiProgramPlan = { resources: 10000, seed: 1 };
 */
export interface PulumiProgramPlan {
  /** About how many resources in all; the program stops at the first unit that reaches it. */
  readonly resources: number;
  /** @default 1 */
  readonly seed?: number;
}

const REGION = 'europe-west1';
/** What each service's account may do in the project. */
const SERVICE_ROLES = ['roles/logging.logWriter', 'roles/monitoring.metricWriter', 'roles/cloudtrace.agent', 'roles/secretmanager.secretAccessor'];

/**
 * A program that declares about `plan.resources` resources, and how many it will declare. The
 * same plan always declares the same resources.
 *
 * @example
 * const { program } = generatePulumiProgram({ resources: 10000 });
 * const recorded = await recordResources(program);
 */
export function generatePulumiProgram(plan: PulumiProgramPlan): { program: () => void; resources: () => number } {
  let declared = 0;
  const program = (): void => {
    const rng = new Random(plan.seed ?? 1);
    declared = 0;
    const count = (n: number): void => {
      declared += n;
    };
    for (let p = 1; declared < plan.resources; p++) count(projectUnit(`t${String(p).padStart(3, '0')}`, rng, plan.resources - declared));
  };
  return { program, resources: () => declared };
}

/**
 * One team's network (a VPC without automatic subnetworks, subnetworks with flow logs, a
 * deny-all egress rule) and services in it until about `budget` resources; returns how many
 * resources it declared.
 */
function projectUnit(prefix: string, rng: Random, budget: number): number {
  let n = 0;
  const network = new gcp.compute.Network(`${prefix}-net`, { autoCreateSubnetworks: false, routingMode: 'REGIONAL' });
  const subnets = [0, 1].map(
    (i) =>
      new gcp.compute.Subnetwork(`${prefix}-sub${i}`, {
        network: network.id,
        region: REGION,
        ipCidrRange: `10.${i}.0.0/20`,
        privateIpGoogleAccess: true,
        logConfig: { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' },
      }),
  );
  new gcp.compute.Firewall(`${prefix}-deny-egress`, {
    network: network.id,
    direction: 'EGRESS',
    priority: 65534,
    denies: [{ protocol: 'all' }],
    destinationRanges: ['0.0.0.0/0'],
    logConfig: { metadata: 'INCLUDE_ALL_METADATA' },
  });
  const ring = new gcp.kms.KeyRing(`${prefix}-ring`, { location: REGION });
  const key = new gcp.kms.CryptoKey(`${prefix}-key`, { keyRing: ring.id, rotationPeriod: '7776000s' });
  n += 6;

  for (let s = 1; n < budget && n < 480; s++) {
    const name = `${prefix}-svc${s}`;
    const mistake = rng.chance(0.05) ? rng.pick(['ssh-open', 'public-sql', 'owner', 'plain-disk'] as const) : undefined;
    const account = new gcp.serviceaccount.Account(`${name}-sa`, { accountId: `${name}-sa`, displayName: `Service ${name}` });
    const member = account.email.apply((e) => `serviceAccount:${e}`);
    for (const role of [...SERVICE_ROLES, ...(mistake === 'owner' ? ['roles/owner'] : [])]) {
      new gcp.projects.IAMMember(`${name}-${role.split('/')[1]}`, { project: 'project', role, member });
      n += 1;
    }
    new gcp.compute.Firewall(`${name}-lb-in`, {
      network: network.id,
      direction: 'INGRESS',
      allows: [{ protocol: 'tcp', ports: ['8443'] }],
      sourceRanges: ['130.211.0.0/22', '35.191.0.0/16'],
      targetServiceAccounts: [account.email],
      logConfig: { metadata: 'INCLUDE_ALL_METADATA' },
    });
    new gcp.compute.Firewall(`${name}-out`, {
      network: network.id,
      direction: 'EGRESS',
      priority: 1000,
      allows: [{ protocol: 'tcp', ports: ['443'] }],
      destinationRanges: ['10.0.0.0/8'],
      targetServiceAccounts: [account.email],
    });
    if (mistake === 'ssh-open') {
      new gcp.compute.Firewall(`${name}-ssh`, { network: network.id, direction: 'INGRESS', allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'] });
      n += 1;
    }
    n += 3;
    for (let i = rng.int(1, 3); i > 0; i--) {
      // Some hosts keep data on a disk of their own.
      const disk =
        rng.chance(0.3) || mistake === 'plain-disk'
          ? new gcp.compute.Disk(`${name}-data${i}`, {
              zone: `${REGION}-b`,
              size: rng.int(20, 500),
              type: 'pd-balanced',
              ...(mistake === 'plain-disk' ? {} : { diskEncryptionKey: { kmsKeySelfLink: key.id } }),
            })
          : undefined;
      new gcp.compute.Instance(`${name}-vm${i}`, {
        zone: `${REGION}-b`,
        machineType: rng.pick(['e2-standard-2', 'n2-standard-4', 't2a-standard-2']),
        bootDisk: { initializeParams: { image: 'debian-cloud/debian-12', size: 20 }, kmsKeySelfLink: key.id },
        ...(disk ? { attachedDisks: [{ source: disk.id }] } : {}),
        networkInterfaces: [{ subnetwork: subnets[i % 2].id }],
        serviceAccount: { email: account.email, scopes: ['cloud-platform'] },
        shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
        metadata: { 'enable-oslogin': 'TRUE', 'block-project-ssh-keys': 'TRUE', 'enable-osconfig': 'TRUE' },
      });
      n += disk ? 2 : 1;
    }
    const bucket = new gcp.storage.Bucket(`${name}-data`, {
      location: 'EU',
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      versioning: { enabled: true },
      encryption: { defaultKmsKeyName: key.id },
      lifecycleRules: [{ action: { type: 'Delete' }, condition: { age: 400 } }],
    });
    for (const role of ['roles/storage.objectViewer', 'roles/storage.objectCreator']) {
      new gcp.storage.BucketIAMMember(`${name}-data-${role.split('.')[1]}`, { bucket: bucket.name, role, member });
    }
    new gcp.compute.GlobalForwardingRule(`${name}-https`, { target: `projects/project/global/targetHttpsProxies/${name}`, portRange: '443', loadBalancingScheme: 'EXTERNAL_MANAGED' });
    n += 4;
    if (rng.chance(0.2)) {
      new gcp.sql.DatabaseInstance(`${name}-db`, {
        region: REGION,
        databaseVersion: 'POSTGRES_16',
        encryptionKeyName: key.id,
        settings: {
          tier: 'db-custom-2-7680',
          ipConfiguration: mistake === 'public-sql' ? { ipv4Enabled: true, authorizedNetworks: [{ value: '0.0.0.0/0' }] } : { ipv4Enabled: false, privateNetwork: network.id, sslMode: 'ENCRYPTED_ONLY' },
          backupConfiguration: { enabled: true },
        },
        deletionProtection: true,
      });
      n += 1;
    }
  }
  return n;
}
