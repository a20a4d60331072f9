/**
 * One hardened VM: CMEK boot and data disks, Shielded VM, OS Login with project SSH keys
 * blocked and the serial port off, a dedicated service account with narrow scopes, no external
 * address, daily OS Config patching, and ClamAV installed by the startup script.
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import {
  DEFAULT_IMAGE,
  DEFAULT_MACHINE_TYPE,
  HardenedHostArgs,
  hostLabels,
  hostMetadata,
  hostScopes,
  hostServiceAccount,
  patchDeployment,
  SHIELDED_VM,
  validateHostArgs,
} from './host-hardening';
import { componentLabel } from './refuse';

/** Args of `HardenedInstance`. */
export interface HardenedInstanceArgs extends HardenedHostArgs {
  /** The zone (`europe-west1-b`). */
  readonly zone: string;
  /** @default false */
  readonly deletionProtection?: boolean;
}

/**
 * A hardened VM.
 *
 * @example
 * new HardenedInstance('worker', {
 *   project, zone: 'europe-west1-b', subnetwork: net.subnetworks.app.id, kmsKey: key.id,
 *   serviceAccount: workerSa,
 *   startupScript: '#!/bin/bash\nsystemctl start worker\n',
 * });
 */
export class HardenedInstance extends pulumi.ComponentResource {
  readonly instance: gcp.compute.Instance;
  readonly dataDisks: readonly gcp.compute.Disk[];
  readonly patchDeployment: gcp.osconfig.PatchDeployment;
  /** The email of the instance's service account. */
  readonly serviceAccountEmail: pulumi.Output<string>;

  constructor(name: string, args: HardenedInstanceArgs, opts?: pulumi.ComponentResourceOptions) {
    validateHostArgs(componentLabel('HardenedInstance', name), args);
    super('compliance:gcp:HardenedInstance', name, {}, opts);
    const email = hostServiceAccount(this, name, args);
    this.serviceAccountEmail = pulumi.output(email);
    const labels = hostLabels(name, args);

    const disks = (args.dataDisks ?? []).map((spec) => ({
      spec,
      disk: new gcp.compute.Disk(
        `${name}-${spec.name}`,
        { zone: args.zone, size: spec.sizeGb, type: spec.type ?? 'pd-balanced', diskEncryptionKey: { kmsKeySelfLink: args.kmsKey }, labels, project: args.project },
        { parent: this },
      ),
    }));
    this.dataDisks = disks.map((d) => d.disk);
    this.instance = new gcp.compute.Instance(
      name,
      {
        project: args.project,
        zone: args.zone,
        machineType: args.machineType ?? DEFAULT_MACHINE_TYPE,
        bootDisk: {
          autoDelete: true,
          kmsKeySelfLink: args.kmsKey,
          initializeParams: { image: args.image ?? DEFAULT_IMAGE, size: args.bootDiskSizeGb ?? 20, type: args.bootDiskType ?? 'pd-balanced' },
        },
        attachedDisks: disks.map(({ spec, disk }) => ({ source: disk.selfLink, deviceName: spec.name, kmsKeySelfLink: args.kmsKey })),
        networkInterfaces: [{ subnetwork: args.subnetwork, ...(args.externalIp ? { accessConfigs: [{}] } : {}) }],
        serviceAccount: { email, scopes: hostScopes(args) },
        shieldedInstanceConfig: { ...SHIELDED_VM },
        metadata: hostMetadata(args),
        tags: [...(args.networkTags ?? [])],
        labels,
        canIpForward: false,
        allowStoppingForUpdate: true,
        deletionProtection: args.deletionProtection ?? false,
      },
      { parent: this },
    );
    this.patchDeployment = patchDeployment(this, name, args, { managedGroups: false });
    this.registerOutputs({ instanceId: this.instance.id, serviceAccountEmail: this.serviceAccountEmail });
  }
}
