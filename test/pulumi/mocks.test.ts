/**
 * Real @pulumi/gcp resources, recorded under mocks and checked.
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { checkResources, recordResources } from '../../pulumi';

describe('recordResources + checkResources', () => {
  it('records inputs and joins references: an open ssh firewall on a custom network → NET-1 only', async () => {
    const resources = await recordResources(() => {
      const net = new gcp.compute.Network('main', { autoCreateSubnetworks: false });
      const logConfig = { metadata: 'INCLUDE_ALL_METADATA' };
      new gcp.compute.Firewall('deny-egress', { network: net.id, direction: 'EGRESS', denies: [{ protocol: 'all' }], destinationRanges: ['0.0.0.0/0'], priority: 65534, logConfig });
      new gcp.compute.Firewall('ssh', { network: net.selfLink, allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['0.0.0.0/0'], logConfig });
    });
    expect(resources.map((r) => `${r.type} ${r.name}`)).toEqual([
      'gcp:compute/network:Network main',
      'gcp:compute/firewall:Firewall deny-egress',
      'gcp:compute/firewall:Firewall ssh',
    ]);
    expect(resources[1].inputs.network).toBe('main-id');
    const findings = checkResources(resources);
    expect(findings.map((f) => `${f.requirement}:${f.status} ${f.resource.name}`)).toEqual(['NET-1:fail ssh']);
  });

  it('a program can be recorded twice in one process', async () => {
    const first = await recordResources(() => new gcp.compute.Network('a', { autoCreateSubnetworks: true }));
    const second = await recordResources(() => new gcp.compute.Network('b', { autoCreateSubnetworks: false }));
    expect(first.map((r) => r.name)).toEqual(['a']);
    expect(second.map((r) => r.name)).toEqual(['b']);
  });

  it('mocked outputs a program passes on: a service account email, a sink writer identity, the project number', async () => {
    const resources = await recordResources(() => {
      const sa = new gcp.serviceaccount.Account('app', { accountId: 'app-sa' });
      const sink = new gcp.logging.ProjectSink('archive', { destination: 'storage.googleapis.com/b' });
      const project = gcp.organizations.getProjectOutput({});
      new gcp.projects.IAMMember('m', { project: project.apply((p) => p.projectId ?? ''), role: 'roles/viewer', member: pulumi.interpolate`serviceAccount:${sa.email}` });
      new gcp.storage.BucketIAMMember('w', { bucket: 'b', role: 'roles/storage.objectCreator', member: sink.writerIdentity });
      new gcp.kms.CryptoKeyIAMMember('k', { cryptoKeyId: 'k', role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: pulumi.interpolate`serviceAccount:service-${project.number}@compute-system.iam.gserviceaccount.com` });
    });
    const inputs = Object.fromEntries(resources.map((r) => [r.name, r.inputs]));
    expect(inputs.m).toEqual({ project: 'project', role: 'roles/viewer', member: 'serviceAccount:app-sa@project.iam.gserviceaccount.com' });
    expect(inputs.w.member).toBe('serviceAccount:archive@gcp-sa-logging.iam.gserviceaccount.com');
    expect(inputs.k.member).toBe('serviceAccount:service-123456789012@compute-system.iam.gserviceaccount.com');
  });
});
