/**
 * HOST-1..HOST-4 and DEPLOY-1 over GCP: patching and ClamAV on instances and templates, Shielded
 * VM and Artifact Registry scanning, GKE metadata concealment, managed instance group updates.
 */
import type { PulumiObject, PulumiResource, PulumiValue } from '../../../pulumi/records/resource';
import { GCP } from '../../../pulumi/records/types';
import { judge, only, res, UNKNOWN } from '../fixtures';

const SCRIPT = '#!/bin/bash\napt-get install -y unattended-upgrades clamav clamav-freshclam\nsystemctl enable --now clamav-freshclam\n';
const SHIELDED = { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true };
const host = (inputs: PulumiObject, type: string = GCP.instance) => res(type, 'app', { labels: { 'patch-group': 'app' }, shieldedInstanceConfig: SHIELDED, ...inputs });
const patching = (inputs: PulumiObject = {}) =>
  res(GCP.patchDeployment, 'daily', {
    patchDeploymentId: 'daily',
    instanceFilter: { groupLabels: [{ labels: { 'patch-group': 'app' } }] },
    recurringSchedule: { timeZone: { id: 'Etc/UTC' }, timeOfDay: { hours: 3 } },
    ...inputs,
  });

describe('HOST-1: automatic security updates', () => {
  const OSCONFIG = { 'enable-osconfig': 'TRUE' };
  it.each<[string, PulumiResource[], string[]]>([
    ['a patch deployment selecting its label, OS Config on → pass', [host({ metadata: OSCONFIG }), patching()], []],
    ['unattended upgrades in the startup script → pass', [host({ metadata: { 'startup-script': SCRIPT } })], []],
    ['metadataStartupScript enabling unattended upgrades → pass', [host({ metadataStartupScript: SCRIPT })], []],
    ['a patch deployment for every instance (all) → pass', [host({ metadata: OSCONFIG }), patching({ instanceFilter: { all: true } })], []],
    ['a deployment naming the instance → pass', [host({ metadata: OSCONFIG }), patching({ instanceFilter: { instances: ['zones/europe-west1-b/instances/app'] } })], []],
    ['OS Config on in project metadata → pass', [host({}), patching(), res(GCP.projectMetadataItem, 'osconfig', { key: 'enable-osconfig', value: 'TRUE' })], []],
    ['selected but the OS Config agent is off → fail', [host({}), patching()], ['HOST-1:fail']],
    ['a deployment for other labels → fail', [host({ metadata: OSCONFIG }), patching({ instanceFilter: { groupLabels: [{ labels: { 'patch-group': 'web' } }] } })], ['HOST-1:fail']],
    ['a one-time patch job is not automatic → fail', [host({ metadata: OSCONFIG }), patching({ recurringSchedule: null, oneTimeSchedule: { executeTime: '2026-12-01T00:00:00Z' } })], ['HOST-1:fail']],
    ['a template, patched without migInstancesAllowed → fail', [host({ metadata: OSCONFIG }, GCP.instanceTemplate), patching()], ['HOST-1:fail']],
    ['a template, patched with migInstancesAllowed → pass', [host({ metadata: OSCONFIG }, GCP.instanceTemplate), patching({ patchConfig: { migInstancesAllowed: true } })], []],
    ['nothing → fail', [host({})], ['HOST-1:fail']],
    ['the instance filter known only at deploy → unknown', [host({ metadata: OSCONFIG }), patching({ instanceFilter: UNKNOWN })], ['HOST-1:unknown']],
    ['the startup script known only at deploy → unknown', [host({ metadata: { 'startup-script': UNKNOWN } })], ['HOST-1:unknown']],
    ['a startup script fetched from a URL → unknown', [host({ metadata: { 'startup-script-url': 'gs://b/boot.sh' } })], ['HOST-1:unknown']],
  ])('%s', (_name, resources, expected) => {
    expect(judge(resources, 'HOST-1')).toEqual(expected);
  });

  it('message names what is missing', () => {
    expect(only([host({}), patching()], 'HOST-1').message).toBe(
      "Instance 'app' does not take security updates automatically: Patch deployment 'daily' selects it, but enable-osconfig is not set, so the OS Config agent does not apply patches, and its startup script does not turn on unattended upgrades (it has no startup script).",
    );
  });
});

describe('HOST-3: ClamAV', () => {
  it.each<[string, PulumiResource, string[]]>([
    ['a startup script installing ClamAV and running freshclam → pass', host({ metadata: { 'startup-script': SCRIPT } }), []],
    ['no startup script → fail', host({}), ['HOST-3:fail']],
    ['ClamAV in a comment only → fail', host({ metadata: { 'startup-script': '#!/bin/bash\n# apt-get install -y clamav\n' } }), ['HOST-3:fail']],
    ['the script known only at deploy → unknown', host({ metadataStartupScript: UNKNOWN }), ['HOST-3:unknown']],
  ])('%s', (_name, r, expected) => {
    expect(judge([r], 'HOST-3')).toEqual(expected);
  });
});

describe('HOST-2: Shielded VM and image scanning', () => {
  it.each<[string, PulumiResource, string[]]>([
    ['Secure Boot, vTPM and integrity monitoring → pass', host({}), []],
    ['Secure Boot alone (vTPM and integrity on by default) → pass', host({ shieldedInstanceConfig: { enableSecureBoot: true } }), []],
    ['no shieldedInstanceConfig (Secure Boot off by default) → fail', res(GCP.instance, 'app', {}), ['HOST-2:fail']],
    ['integrity monitoring off → fail', host({ shieldedInstanceConfig: { ...SHIELDED, enableIntegrityMonitoring: false } }), ['HOST-2:fail']],
    ['Secure Boot known only at deploy → unknown', host({ shieldedInstanceConfig: { enableSecureBoot: UNKNOWN } }), ['HOST-2:unknown']],
    ['a Docker repository with scanning DISABLED → fail', res(GCP.artifactRepository, 'images', { format: 'DOCKER', vulnerabilityScanningConfig: { enablementConfig: 'DISABLED' } }), ['HOST-2:fail']],
    ['a Docker repository, the scanning API not enabled by the program → unknown', res(GCP.artifactRepository, 'images', { format: 'DOCKER' }), ['HOST-2:unknown']],
    ['an npm repository is not scanned for images → not applicable', res(GCP.artifactRepository, 'npm', { format: 'NPM' }), []],
  ])('%s', (_name, r, expected) => {
    expect(judge([r], 'HOST-2')).toEqual(expected);
  });

  it('the program enables containerscanning.googleapis.com → pass', () => {
    expect(judge([res(GCP.artifactRepository, 'images', { format: 'DOCKER' }), res(GCP.projectService, 'scanning', { service: 'containerscanning.googleapis.com' })], 'HOST-2')).toEqual([]);
  });

  it('message names Secure Boot', () => {
    expect(only([res(GCP.instance, 'app', {})], 'HOST-2').message).toBe(
      "Instance 'app' is not scanned for vulnerabilities: shieldedInstanceConfig.enableSecureBoot is not set (off by default), so nothing verifies the boot chain (Shielded VM).",
    );
  });
});

describe('HOST-4: GKE conceals the node metadata server from pods', () => {
  const GKE_METADATA = { workloadMetadataConfig: { mode: 'GKE_METADATA' } };
  const cluster = (inputs: PulumiObject) => res(GCP.gkeCluster, 'gke', { location: 'europe-west1', ...inputs });
  it.each<[string, PulumiResource[], string[]]>([
    ['an Autopilot cluster → pass', [cluster({ enableAutopilot: true })], []],
    ['default node pool with GKE_METADATA → pass', [cluster({ nodeConfig: GKE_METADATA })], []],
    ['default node pool with GCE_METADATA → fail', [cluster({ nodeConfig: { workloadMetadataConfig: { mode: 'GCE_METADATA' } } })], ['HOST-4:fail']],
    ['default node pool unset, no Workload Identity → fail', [cluster({})], ['HOST-4:fail']],
    ['default node pool unset, Workload Identity on → pass', [cluster({ workloadIdentityConfig: { workloadPool: 'p.svc.id.goog' } })], []],
    ['default pool removed, a node pool unset on a cluster with Workload Identity → pass', [cluster({ removeDefaultNodePool: true, workloadIdentityConfig: { workloadPool: 'p.svc.id.goog' } }), res(GCP.gkeNodePool, 'pool', { cluster: 'gke-id' })], []],
    ['a node pool unset on a cluster without Workload Identity → fail', [cluster({ removeDefaultNodePool: true }), res(GCP.gkeNodePool, 'pool', { cluster: 'gke-id' })], ['HOST-4:fail']],
    ['a node pool of a cluster declared elsewhere, mode unset → unknown', [res(GCP.gkeNodePool, 'pool', { cluster: 'projects/p/locations/l/clusters/shared' })], ['HOST-4:unknown']],
    ['mode known only at deploy → unknown', [cluster({ nodeConfig: { workloadMetadataConfig: { mode: UNKNOWN } } })], ['HOST-4:unknown']],
  ])('%s', (_name, resources, expected) => {
    expect(judge(resources, 'HOST-4')).toEqual(expected);
  });

  it('message says what pods can reach', () => {
    expect(only([cluster({ nodeConfig: { workloadMetadataConfig: { mode: 'GCE_METADATA' } } })], 'HOST-4').message).toBe(
      "GKE cluster 'gke' does not conceal the node's metadata server from pods: nodeConfig.workloadMetadataConfig.mode is GCE_METADATA, so pods reach the node's metadata server and its service account token.",
    );
  });
});

describe('DEPLOY-1: managed instance groups roll out (and back) by themselves', () => {
  const group = (updatePolicy: PulumiValue | undefined, type: string = GCP.regionInstanceGroupManager) =>
    res(type, 'web', { baseInstanceName: 'web', versions: [{ instanceTemplate: 't' }], ...(updatePolicy !== undefined ? { updatePolicy } : {}) });
  it.each<[string, PulumiResource, string[]]>([
    ['PROACTIVE → pass', group({ type: 'PROACTIVE', minimalAction: 'REPLACE', maxUnavailableFixed: 0 }), []],
    ['OPPORTUNISTIC → fail', group({ type: 'OPPORTUNISTIC', minimalAction: 'REPLACE' }), ['DEPLOY-1:fail']],
    ['a zonal group, OPPORTUNISTIC → fail', group({ type: 'OPPORTUNISTIC', minimalAction: 'REPLACE' }, GCP.instanceGroupManager), ['DEPLOY-1:fail']],
    ['no updatePolicy (the API default, not shown) → unknown', group(undefined), ['DEPLOY-1:unknown']],
    ['type known only at deploy → unknown', group({ type: UNKNOWN }), ['DEPLOY-1:unknown']],
  ])('%s', (_name, r, expected) => {
    expect(judge([r], 'DEPLOY-1')).toEqual(expected);
  });

  it('message names the update type', () => {
    expect(only([group({ type: 'OPPORTUNISTIC' })], 'DEPLOY-1').message).toBe(
      "Regional instance group manager 'web' does not roll back a failed deployment: updatePolicy.type is OPPORTUNISTIC, so a new or previous template reaches instances only when each is recreated.",
    );
  });
});
