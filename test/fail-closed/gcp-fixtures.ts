/**
 * Fixtures of the fail-closed audit on Pulumi GCP resources: for every type token and every
 * requirement it is bound to, resources that comply with the requirement and the one input
 * that decides it. The audit replaces that input by Pulumi's unknown marker (what a preview or
 * a stack export holds for an output not known yet) and expects "could not be verified".
 */
import type { RequirementId } from '../../constructs/requirements';
import { IAM_SCOPES } from '../../pulumi/records/identity';
import { SECRET_SIGNATURE, SECRET_SIGNATURE_KEY } from '../../pulumi/records/resource';
import { GCP } from '../../pulumi/records/types';
import type { Json } from '../cdk/fixtures';

/** A resource as a stack export holds it. */
export interface GcpResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: { [k: string]: Json };
}

/** One (type, requirement) pair of the audit. */
export interface GcpAuditFixture {
  /** Resources that comply with the requirement; the bound resource is named `subject`. */
  readonly resources: readonly GcpResource[];
  /** The decisive input: a resource name, then the path inside its inputs. */
  readonly decisive: readonly [string, ...Array<string | number>];
  /** Where the finding is reported. @default the resource holding the decisive input */
  readonly reportedOn?: string;
  /**
   * `fail` where the check reads this unknown as a violation rather than "could not be
   * verified" (still never a pass); `why` must say why.
   * @default 'unknown'
   */
  readonly closedAs?: 'unknown' | 'fail';
  /**
   * The requirement the finding comes under, where a stricter one subsumes this one (an
   * opening that may include admin ports is NET-1, not NET-2); `why` must say why.
   * @default the requirement of the pair
   */
  readonly reportedAs?: RequirementId;
  /**
   * `false` for a type that fails the requirement whenever it applies (no configuration
   * complies); the audit then checks that the unknown input does not make it pass. `why` must
   * say why.
   * @default true
   */
  readonly compliant?: boolean;
  /** Why this input decides, where no single input of the subject does. */
  readonly why?: string;
}

/** Pulumi's marker for a value not known until deployment. */
export const PULUMI_UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

const network = (name: string, inputs: { [k: string]: Json } = {}): GcpResource => ({ type: GCP.network, name, inputs: { autoCreateSubnetworks: false, ...inputs } });
const firewall = (name: string, inputs: { [k: string]: Json }): GcpResource => ({ type: GCP.firewall, name, inputs: { network: 'main', ...inputs } });
/** The deny-all egress firewall that closes a network's implied allow-all egress rule. */
const denyAllEgress = firewall('deny-all-egress', { direction: 'EGRESS', priority: 65534, denies: [{ protocol: 'all' }], destinationRanges: ['0.0.0.0/0'] });
const forwarding = (type: string): GcpResource => ({ type, name: 'subject', inputs: { loadBalancingScheme: 'EXTERNAL_MANAGED', ipProtocol: 'TCP', portRange: '443', target: 'proxy' } });

/** Why an unknown port range of a forwarding rule is NET-1 rather than NET-2. */
const SUBSUMED = 'NET-2 is decided by the ports a public entry point opens (only 80 and 443); a port range unknown until deployment may include admin ports, so it is reported under the stricter NET-1';


/** Why an unknown role granted project-, folder- or organization-wide is IAM-1 rather than IAM-2. */
const ROLE_SUBSUMED = 'IAM-2 is decided by the role granted (impersonation roles); a role unknown until deployment may be roles/owner, so it is reported under the stricter IAM-1';

/** An IAM member, binding or policy that grants a read-only role to one named user. */
function iamGrant(type: string): GcpResource {
  const scope = IAM_SCOPES[type];
  const base = { [scope.on]: 'target' };
  if (scope.form === 'member') return { type, name: 'subject', inputs: { ...base, role: 'roles/viewer', member: 'user:alice@example.com' } };
  if (scope.form === 'binding') return { type, name: 'subject', inputs: { ...base, role: 'roles/viewer', members: ['user:alice@example.com'] } };
  return { type, name: 'subject', inputs: { ...base, policyData: { bindings: [{ role: 'roles/viewer', members: ['user:alice@example.com'] }] } } };
}

/** The fixtures of every IAM member, binding and policy type: the member decides IAM-3, the role IAM-1 and IAM-2. */
const IAM_FIXTURES: Record<string, Partial<Record<RequirementId, GcpAuditFixture>>> = Object.fromEntries(
  Object.entries(IAM_SCOPES).map(([type, scope]) => {
    const resources = [iamGrant(type)];
    const member: GcpAuditFixture['decisive'] = scope.form === 'member' ? ['subject', 'member'] : scope.form === 'binding' ? ['subject', 'members', 0] : ['subject', 'policyData', 'bindings', 0, 'members', 0];
    const role: GcpAuditFixture['decisive'] = scope.form === 'policy' ? ['subject', 'policyData', 'bindings', 0, 'role'] : ['subject', 'role'];
    const out: Partial<Record<RequirementId, GcpAuditFixture>> = { 'IAM-3': { resources, decisive: member } };
    if (scope.level !== 'resource') {
      out['IAM-1'] = { resources, decisive: role };
      out['IAM-2'] = { resources, decisive: role, reportedAs: 'IAM-1', why: ROLE_SUBSUMED };
    }
    return [type, out];
  }),
);


/** A Pulumi secret as a stack export holds it: encrypted, never plaintext. */
const SECRET: Json = { [SECRET_SIGNATURE_KEY]: SECRET_SIGNATURE, ciphertext: 'v1:c2VjcmV0' };
const subject = (type: string, inputs: { [k: string]: Json }): GcpResource => ({ type, name: 'subject', inputs });
/** A value named like a secret, held as a Pulumi secret: its value decides AUTH-3. */
const envSecret: Json = [{ name: 'DB_PASSWORD', value: SECRET }];
/** AUTH-3: where each type holds a value named like a secret, and that value as a Pulumi secret. */
const AUTH3: Record<string, { inputs: { [k: string]: Json }; decisive: GcpAuditFixture['decisive'] }> = {
  [GCP.instance]: { inputs: { metadata: { 'db-password': SECRET } }, decisive: ['subject', 'metadata', 'db-password'] },
  [GCP.instanceTemplate]: { inputs: { metadata: { 'db-password': SECRET } }, decisive: ['subject', 'metadata', 'db-password'] },
  [GCP.regionInstanceTemplate]: { inputs: { metadata: { 'db-password': SECRET } }, decisive: ['subject', 'metadata', 'db-password'] },
  [GCP.disk]: { inputs: { diskEncryptionKey: { rawKey: SECRET } }, decisive: ['subject', 'diskEncryptionKey', 'rawKey'] },
  [GCP.regionDisk]: { inputs: { diskEncryptionKey: { rawKey: SECRET } }, decisive: ['subject', 'diskEncryptionKey', 'rawKey'] },
  [GCP.sqlUser]: { inputs: { name: 'app', instance: 'db', password: SECRET }, decisive: ['subject', 'password'] },
  [GCP.sqlDatabaseInstance]: { inputs: { databaseVersion: 'POSTGRES_16', rootPassword: SECRET }, decisive: ['subject', 'rootPassword'] },
  [GCP.secretVersion]: { inputs: { secret: 'db', secretData: SECRET }, decisive: ['subject', 'secretData'] },
  [GCP.projectMetadata]: { inputs: { metadata: { 'db-password': SECRET } }, decisive: ['subject', 'metadata', 'db-password'] },
  [GCP.projectMetadataItem]: { inputs: { key: 'db-password', value: SECRET }, decisive: ['subject', 'value'] },
  [GCP.cloudRunService]: { inputs: { template: { spec: { containers: [{ image: 'app', envs: envSecret }] } } }, decisive: ['subject', 'template', 'spec', 'containers', 0, 'envs', 0, 'value'] },
  [GCP.cloudRunV2Service]: { inputs: { template: { containers: [{ image: 'app', envs: envSecret }] } }, decisive: ['subject', 'template', 'containers', 0, 'envs', 0, 'value'] },
  [GCP.cloudRunV2Job]: { inputs: { template: { template: { containers: [{ image: 'app', envs: envSecret }] } } }, decisive: ['subject', 'template', 'template', 'containers', 0, 'envs', 0, 'value'] },
  [GCP.cloudFunction]: { inputs: { environmentVariables: { DB_PASSWORD: SECRET } }, decisive: ['subject', 'environmentVariables', 'DB_PASSWORD'] },
  [GCP.cloudFunctionV2]: { inputs: { serviceConfig: { environmentVariables: { DB_PASSWORD: SECRET } } }, decisive: ['subject', 'serviceConfig', 'environmentVariables', 'DB_PASSWORD'] },
};

/** SSH-1 on a host: OS Login on in its own metadata, and no SSH key baked in. */
const SSH1_HOST: GcpAuditFixture['decisive'] = ['subject', 'metadata', 'enable-oslogin'];

/** Per type, the fixtures that are neither IAM grants nor the network ones below. */
const TYPE_FIXTURES: Record<string, Partial<Record<RequirementId, GcpAuditFixture>>> = {};
const add = (type: string, requirement: RequirementId, f: GcpAuditFixture): void => {
  TYPE_FIXTURES[type] = { ...TYPE_FIXTURES[type], [requirement]: f };
};
for (const [type, a] of Object.entries(AUTH3)) add(type, 'AUTH-3', { resources: [subject(type, a.inputs)], decisive: a.decisive });
for (const type of [GCP.instance, GCP.instanceTemplate, GCP.regionInstanceTemplate]) {
  add(type, 'SSH-1', { resources: [subject(type, { metadata: { 'enable-oslogin': 'TRUE' } })], decisive: SSH1_HOST });
}
// A project metadata map known only at deploy may hold ssh-keys; so may an item whose key is.
add(GCP.projectMetadata, 'SSH-1', { resources: [subject(GCP.projectMetadata, { metadata: { 'enable-oslogin': 'TRUE' } })], decisive: ['subject', 'metadata'] });
add(GCP.projectMetadataItem, 'SSH-1', { resources: [subject(GCP.projectMetadataItem, { key: 'enable-oslogin', value: 'TRUE' })], decisive: ['subject', 'key'] });
for (const type of [GCP.bucketAccessControl, GCP.defaultObjectAccessControl, GCP.objectAccessControl]) {
  add(type, 'IAM-3', { resources: [subject(type, { bucket: 'data', role: 'READER', entity: 'user-alice@example.com' })], decisive: ['subject', 'entity'] });
}
for (const type of [GCP.bucketAcl, GCP.defaultObjectAcl, GCP.objectAcl]) {
  add(type, 'IAM-3', { resources: [subject(type, { bucket: 'data', roleEntities: ['READER:user-alice@example.com'] })], decisive: ['subject', 'roleEntities', 0] });
}

// ---- transport (TLS-1..TLS-4)
const redirectMap = (type: string): GcpResource => ({ type, name: 'redirect', inputs: { defaultUrlRedirect: { httpsRedirect: true } } });
for (const [proxy, map] of [[GCP.targetHttpProxy, GCP.urlMap], [GCP.regionTargetHttpProxy, GCP.regionUrlMap]]) {
  add(proxy, 'TLS-1', {
    resources: [redirectMap(map), subject(proxy, { urlMap: 'redirect' })],
    decisive: ['redirect', 'defaultUrlRedirect', 'httpsRedirect'],
    reportedOn: 'subject',
    why: 'an HTTP proxy complies only where its URL map redirects every request to HTTPS',
  });
}
const modernPolicy = (type: string, name: string): GcpResource => ({ type, name, inputs: { profile: 'MODERN', minTlsVersion: 'TLS_1_2' } });
for (const type of [GCP.sslPolicy, GCP.regionSslPolicy]) add(type, 'TLS-2', { resources: [modernPolicy(type, 'subject')], decisive: ['subject', 'minTlsVersion'] });
for (const [proxy, policy] of [[GCP.targetHttpsProxy, GCP.sslPolicy], [GCP.targetSslProxy, GCP.sslPolicy], [GCP.regionTargetHttpsProxy, GCP.regionSslPolicy]]) {
  add(proxy, 'TLS-2', { resources: [modernPolicy(policy, 'modern'), subject(proxy, { sslPolicy: 'modern' })], decisive: ['subject', 'sslPolicy'] });
}
for (const type of [GCP.backendService, GCP.regionBackendService]) add(type, 'TLS-3', { resources: [subject(type, { protocol: 'HTTPS', loadBalancingScheme: 'EXTERNAL_MANAGED' })], decisive: ['subject', 'protocol'] });
add(GCP.sqlDatabaseInstance, 'TLS-4', {
  resources: [subject(GCP.sqlDatabaseInstance, { databaseVersion: 'POSTGRES_16', settings: { tier: 'db-f1-micro', ipConfiguration: { ipv4Enabled: false, privateNetwork: 'main', sslMode: 'ENCRYPTED_ONLY' } } })],
  decisive: ['subject', 'settings', 'ipConfiguration', 'sslMode'],
});
add(GCP.redisInstance, 'TLS-4', { resources: [subject(GCP.redisInstance, { memorySizeGb: 1, transitEncryptionMode: 'SERVER_AUTHENTICATION' })], decisive: ['subject', 'transitEncryptionMode'] });

// ---- IAM-4 on hosts: a service account of its own, not the default compute one
for (const type of [GCP.instance, GCP.instanceTemplate, GCP.regionInstanceTemplate]) {
  add(type, 'IAM-4', { resources: [subject(type, { serviceAccount: { email: 'app@example-project.iam.gserviceaccount.com', scopes: ['cloud-platform'] } })], decisive: ['subject', 'serviceAccount', 'email'] });
}

// ---- ENC-3: the key block of disks, the key of stores whose key sits in a block, key rotation
const KMS = 'projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k';
for (const type of [GCP.disk, GCP.regionDisk]) add(type, 'ENC-3', { resources: [subject(type, { diskEncryptionKey: { kmsKeySelfLink: KMS } })], decisive: ['subject', 'diskEncryptionKey'] });
add(GCP.instance, 'ENC-3', { resources: [subject(GCP.instance, { bootDisk: { kmsKeySelfLink: KMS, initializeParams: { image: 'debian-12' } } })], decisive: ['subject', 'bootDisk'] });
for (const type of [GCP.instanceTemplate, GCP.regionInstanceTemplate]) {
  add(type, 'ENC-3', { resources: [subject(type, { disks: [{ boot: true, sourceImage: 'debian-12', diskEncryptionKey: { kmsKeySelfLink: KMS } }] })], decisive: ['subject', 'disks', 0, 'diskEncryptionKey'] });
}
add(GCP.bigqueryDataset, 'ENC-3', { resources: [subject(GCP.bigqueryDataset, { datasetId: 'd', defaultEncryptionConfiguration: { kmsKeyName: KMS } })], decisive: ['subject', 'defaultEncryptionConfiguration'] });
add(GCP.bucket, 'ENC-3', { resources: [subject(GCP.bucket, { location: 'EU', encryption: { defaultKmsKeyName: KMS } })], decisive: ['subject', 'encryption'] });
add(GCP.cryptoKey, 'ENC-3', { resources: [subject(GCP.cryptoKey, { keyRing: 'r', rotationPeriod: '7776000s' })], decisive: ['subject', 'rotationPeriod'] });

// ---- hosts (HOST-1..HOST-4)
const SHIELDED: Json = { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true };
const CLAMAV_SCRIPT = '#!/bin/bash\napt-get install -y clamav clamav-freshclam\nsystemctl enable --now clamav-freshclam\n';
/** A recurring OS Config patch deployment for every instance, managed groups included. */
const patchEverything: GcpResource = {
  type: GCP.patchDeployment,
  name: 'daily',
  inputs: { patchDeploymentId: 'daily', instanceFilter: { all: true }, patchConfig: { migInstancesAllowed: true }, recurringSchedule: { timeZone: { id: 'Etc/UTC' }, timeOfDay: { hours: 3 } } },
};
for (const type of [GCP.instance, GCP.instanceTemplate, GCP.regionInstanceTemplate]) {
  add(type, 'HOST-1', {
    resources: [patchEverything, subject(type, { metadata: { 'enable-osconfig': 'TRUE' } })],
    decisive: ['subject', 'metadata', 'enable-osconfig'],
    why: 'a patch deployment that selects the host patches it only where the OS Config agent runs on it (enable-osconfig)',
  });
  add(type, 'HOST-2', { resources: [subject(type, { shieldedInstanceConfig: SHIELDED })], decisive: ['subject', 'shieldedInstanceConfig', 'enableSecureBoot'] });
  add(type, 'HOST-3', { resources: [subject(type, { metadata: { 'startup-script': CLAMAV_SCRIPT } })], decisive: ['subject', 'metadata', 'startup-script'] });
}
add(GCP.artifactRepository, 'HOST-2', {
  resources: [subject(GCP.artifactRepository, { format: 'DOCKER', repositoryId: 'images' }), { type: GCP.projectService, name: 'scanning', inputs: { service: 'containerscanning.googleapis.com' } }],
  decisive: ['subject', 'format'],
});
const GKE_METADATA: Json = { workloadMetadataConfig: { mode: 'GKE_METADATA' } };
add(GCP.gkeCluster, 'HOST-4', { resources: [subject(GCP.gkeCluster, { location: 'europe-west1', nodeConfig: GKE_METADATA })], decisive: ['subject', 'nodeConfig', 'workloadMetadataConfig', 'mode'] });
add(GCP.gkeNodePool, 'HOST-4', {
  resources: [{ type: GCP.gkeCluster, name: 'cluster', inputs: { location: 'europe-west1', removeDefaultNodePool: true, workloadIdentityConfig: { workloadPool: 'p.svc.id.goog' } } }, subject(GCP.gkeNodePool, { cluster: 'cluster', nodeConfig: GKE_METADATA })],
  decisive: ['subject', 'nodeConfig', 'workloadMetadataConfig', 'mode'],
});

// ---- AUTH-1, AUTH-2, DEPLOY-1
add(GCP.identityPlatformConfig, 'AUTH-1', {
  resources: [subject(GCP.identityPlatformConfig, { signIn: { email: { enabled: true, passwordRequired: false } } })],
  decisive: ['subject', 'signIn', 'email', 'passwordRequired'],
  why: 'the password policy is not part of identityplatform.Config, so only sign-in by email link (no password) complies; whether a password is required decides',
});
add(GCP.secret, 'AUTH-2', { resources: [subject(GCP.secret, { secretId: 'db', rotation: { rotationPeriod: '2592000s', nextRotationTime: '2027-01-01T00:00:00Z' }, topics: [{ name: 'rotations' }] })], decisive: ['subject', 'rotation', 'rotationPeriod'] });
for (const type of [GCP.instanceGroupManager, GCP.regionInstanceGroupManager]) {
  add(type, 'DEPLOY-1', { resources: [subject(type, { baseInstanceName: 'app', updatePolicy: { type: 'PROACTIVE', minimalAction: 'REPLACE' } })], decisive: ['subject', 'updatePolicy', 'type'] });
}

// ---- NET-4 on hosts, LOG-1..LOG-3, LOG-5
for (const type of [GCP.instance, GCP.instanceTemplate, GCP.regionInstanceTemplate]) {
  add(type, 'NET-4', { resources: [network('main'), subject(type, { networkInterfaces: [{ network: 'main' }] })], decisive: ['subject', 'networkInterfaces'] });
}
add(GCP.subnetwork, 'LOG-3', { resources: [network('main'), subject(GCP.subnetwork, { network: 'main', ipCidrRange: '10.0.0.0/24', logConfig: { flowSampling: 0.5, aggregationInterval: 'INTERVAL_5_SEC' } })], decisive: ['subject', 'logConfig', 'flowSampling'] });
add(GCP.firewall, 'LOG-3', { resources: [network('main'), denyAllEgress, firewall('subject', { allows: [{ protocol: 'tcp', ports: ['8080'] }], sourceRanges: ['10.0.0.0/8'], logConfig: { metadata: 'INCLUDE_ALL_METADATA' } })], decisive: ['subject', 'logConfig'] });
for (const type of [GCP.backendService, GCP.regionBackendService]) {
  add(type, 'LOG-3', { resources: [subject(type, { protocol: 'HTTPS', loadBalancingScheme: 'EXTERNAL_MANAGED', logConfig: { enable: true, sampleRate: 1 } })], decisive: ['subject', 'logConfig', 'enable'] });
}
for (const type of [GCP.projectLogBucket, GCP.folderLogBucket, GCP.organizationLogBucket, GCP.billingAccountLogBucket]) {
  add(type, 'LOG-1', { resources: [subject(type, { bucketId: 'app', location: 'global', retentionDays: 400 })], decisive: ['subject', 'retentionDays'] });
}
/** A Cloud Storage bucket that keeps its objects forever (no lifecycle rule deletes them). */
const archive: GcpResource = { type: GCP.bucket, name: 'archive', inputs: { name: 'archive', location: 'EU' } };
for (const type of [GCP.projectSink, GCP.folderSink, GCP.organizationSink, GCP.billingAccountSink]) {
  add(type, 'LOG-2', { resources: [archive, subject(type, { name: 'archive', destination: 'storage.googleapis.com/archive', filter: '' })], decisive: ['subject', 'destination'] });
}
add(GCP.projectLogBucket, 'LOG-2', {
  resources: [subject(GCP.projectLogBucket, { bucketId: '_Default', location: 'global', retentionDays: 30 }), archive, { type: GCP.projectSink, name: 'sink', inputs: { name: 'archive', destination: 'storage.googleapis.com/archive' } }],
  decisive: ['archive', 'lifecycleRules'],
  reportedOn: 'sink',
  why: "the project's _Default log bucket is backed up by a sink that copies logs to Cloud Storage, and judged through it: what that bucket keeps decides, and is reported on the sink",
});
const AUDIT_ALL: Json = { service: 'allServices', auditLogConfigs: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }] };
for (const type of [GCP.projectAuditConfig, GCP.folderAuditConfig, GCP.organizationAuditConfig]) {
  add(type, 'LOG-5', { resources: [subject(type, { ...(AUDIT_ALL as { [k: string]: Json }) })], decisive: ['subject', 'auditLogConfigs'] });
}
for (const type of [GCP.projectIamPolicy, GCP.folderIamPolicy, GCP.organizationIamPolicy]) {
  add(type, 'LOG-5', { resources: [subject(type, { policyData: { bindings: [{ role: 'roles/viewer', members: ['user:alice@example.com'] }], auditConfigs: [AUDIT_ALL] } })], decisive: ['subject', 'policyData', 'auditConfigs'] });
}

// ---- types that no configuration makes comply
for (const type of [GCP.targetTcpProxy, GCP.regionTargetTcpProxy]) {
  add(type, 'TLS-1', {
    resources: [subject(type, { backendService: 'backend', proxyHeader: 'NONE' })],
    decisive: ['subject', 'backendService'],
    compliant: false,
    why: 'a TCP proxy relays plain TCP and terminates no TLS, whatever its inputs; TLS passed through to the backends is an exception to record',
  });
}
add(GCP.serviceAccountKey, 'IAM-4', {
  resources: [{ type: 'gcp:serviceaccount/account:Account', name: 'app', inputs: { accountId: 'app' } }, subject(GCP.serviceAccountKey, { serviceAccountId: 'app' })],
  decisive: ['subject', 'serviceAccountId'],
  compliant: false,
  why: 'a service account key stays valid until someone deletes it: every key is a long-lived credential, whichever account it belongs to',
});

/** The network fixtures. */
const NETWORK_FIXTURES: Record<string, Partial<Record<RequirementId, GcpAuditFixture>>> = {
  [GCP.firewall]: {
    'NET-1': { resources: [network('main'), denyAllEgress, firewall('subject', { allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['10.0.0.0/8'] })], decisive: ['subject', 'sourceRanges', 0] },
    'NET-2': { resources: [network('main'), denyAllEgress, firewall('subject', { allows: [{ protocol: 'tcp', ports: ['8080'] }], sourceRanges: ['10.0.0.0/8'] })], decisive: ['subject', 'sourceRanges', 0] },
    'NET-3': { resources: [network('main'), denyAllEgress, firewall('subject', { direction: 'EGRESS', allows: [{ protocol: 'all' }], destinationRanges: ['10.0.0.0/8'] })], decisive: ['subject', 'destinationRanges', 0] },
  },
  [GCP.network]: {
    'NET-3': {
      resources: [network('subject'), { ...denyAllEgress, inputs: { ...denyAllEgress.inputs, network: 'subject' } }],
      decisive: ['deny-all-egress', 'destinationRanges', 0],
      reportedOn: 'subject',
      closedAs: 'fail',
      why: 'the implied allow-all egress rule is closed only by a deny that surely applies; a deny whose range is unknown is left out (it can only hide traffic), so the rule stays open',
    },
    'NET-4': { resources: [network('subject'), denyAllEgress], decisive: ['subject', 'autoCreateSubnetworks'] },
  },
  [GCP.forwardingRule]: {
    'NET-1': { resources: [forwarding(GCP.forwardingRule)], decisive: ['subject', 'portRange'] },
    'NET-2': { resources: [forwarding(GCP.forwardingRule)], decisive: ['subject', 'portRange'], reportedAs: 'NET-1', why: SUBSUMED },
  },
  [GCP.globalForwardingRule]: {
    'NET-1': { resources: [forwarding(GCP.globalForwardingRule)], decisive: ['subject', 'portRange'] },
    'NET-2': { resources: [forwarding(GCP.globalForwardingRule)], decisive: ['subject', 'portRange'], reportedAs: 'NET-1', why: SUBSUMED },
  },
  [GCP.sqlDatabaseInstance]: {
    'NET-5': {
      resources: [{ type: GCP.sqlDatabaseInstance, name: 'subject', inputs: { databaseVersion: 'POSTGRES_16', settings: { tier: 'db-f1-micro', ipConfiguration: { ipv4Enabled: false, privateNetwork: 'main' } } } }],
      decisive: ['subject', 'settings', 'ipConfiguration', 'ipv4Enabled'],
    },
  },
};

/** For each bound type token, the fixture of each requirement it is bound to. */
export const GCP_FIXTURES: Readonly<Record<string, Partial<Record<RequirementId, GcpAuditFixture>>>> = [IAM_FIXTURES, TYPE_FIXTURES, NETWORK_FIXTURES].reduce<Record<string, Partial<Record<RequirementId, GcpAuditFixture>>>>((all, some) => {
  for (const [type, byRequirement] of Object.entries(some)) all[type] = { ...all[type], ...byRequirement };
  return all;
}, {});

/**
 * GCP pairs whose fail-closed fixtures are still to be written, as `'<type token> <requirement>'`:
 * the GCP records of the other requirements (issue 8) landed after this audit. Each entry is to
 * be replaced by a fixture above; the audit fails for any bound pair that is in neither place.
 * What remains is grouped by why: a record that fails open (to fix in the record, then give a
 * fixture), or a pair where no input can be unknown (the audit needs a flag for those).
 */
export const GCP_PENDING: readonly string[] = [
  // no input decides: Google encrypts every disk and data store at rest whatever the inputs (the fact is always encrypted), so nothing can be unknown; these need an audit flag for requirements that always hold
  'gcp:bigquery/dataset:Dataset ENC-2',
  'gcp:compute/disk:Disk ENC-1',
  'gcp:compute/instance:Instance ENC-1',
  'gcp:compute/instanceTemplate:InstanceTemplate ENC-1',
  'gcp:compute/regionDisk:RegionDisk ENC-1',
  'gcp:compute/regionInstanceTemplate:RegionInstanceTemplate ENC-1',
  'gcp:filestore/instance:Instance ENC-2',
  'gcp:pubsub/topic:Topic ENC-2',
  'gcp:redis/instance:Instance ENC-2',
  'gcp:sql/databaseInstance:DatabaseInstance ENC-2',
  'gcp:storage/bucket:Bucket ENC-2',
  // no input decides: a key input unknown until deployment still names a Cloud KMS key (customer-managed, pulumi/records/encryption.ts), and an absent key is never unknown in a stack export
  'gcp:filestore/instance:Instance ENC-3',
  'gcp:pubsub/topic:Topic ENC-3',
  'gcp:redis/instance:Instance ENC-3',
  'gcp:sql/databaseInstance:DatabaseInstance ENC-3',
  // no input decides: a firewall's network unknown until deployment is a network being created, never the default one, which exists already (pulumi/records/network.ts)
  'gcp:compute/firewall:Firewall NET-4',
];
