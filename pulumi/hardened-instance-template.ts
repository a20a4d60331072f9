/**
 * A hardened instance template, for managed instance groups: the same host as
 * `HardenedInstance` (CMEK disks, Shielded VM, OS Login, serial port off, dedicated service
 * account, no external address, ClamAV) with a patch deployment that covers the group's VMs.
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

/** Args of `HardenedInstanceTemplate`. */
export interface HardenedInstanceTemplateArgs extends HardenedHostArgs {
  /** The region of the template's subnetwork. */
  readonly region: string;
}

/**
 * A hardened instance template. Templates are immutable: a change creates a new template
 * (named from a prefix) and the group rolls over to it.
 *
 * @example
 * const template = new HardenedInstanceTemplate('web', { project, region, subnetwork, kmsKey: key.id, serviceAccount: webSa });
 */
export class HardenedInstanceTemplate extends pulumi.ComponentResource {
  readonly template: gcp.compute.InstanceTemplate;
  readonly patchDeployment: gcp.osconfig.PatchDeployment;
  readonly serviceAccountEmail: pulumi.Output<string>;
  /** The template's self link, for a group's versions. */
  readonly selfLink: pulumi.Output<string>;

  constructor(name: string, args: HardenedInstanceTemplateArgs, opts?: pulumi.ComponentResourceOptions) {
    validateHostArgs(componentLabel('HardenedInstanceTemplate', name), args);
    super('compliance:gcp:HardenedInstanceTemplate', name, {}, opts);
    const email = hostServiceAccount(this, name, args);
    this.serviceAccountEmail = pulumi.output(email);
    const labels = hostLabels(name, args);
    const encryption = { kmsKeySelfLink: args.kmsKey };

    this.template = new gcp.compute.InstanceTemplate(
      name,
      {
        project: args.project,
        region: args.region,
        namePrefix: `${name.slice(0, 36)}-`,
        machineType: args.machineType ?? DEFAULT_MACHINE_TYPE,
        disks: [
          {
            boot: true,
            autoDelete: true,
            sourceImage: args.image ?? DEFAULT_IMAGE,
            diskSizeGb: args.bootDiskSizeGb ?? 20,
            diskType: args.bootDiskType ?? 'pd-balanced',
            diskEncryptionKey: encryption,
          },
          ...(args.dataDisks ?? []).map((d) => ({
            boot: false,
            autoDelete: true,
            deviceName: d.name,
            diskSizeGb: d.sizeGb,
            diskType: d.type ?? 'pd-balanced',
            diskEncryptionKey: encryption,
          })),
        ],
        networkInterfaces: [{ subnetwork: args.subnetwork, ...(args.externalIp ? { accessConfigs: [{}] } : {}) }],
        serviceAccount: { email, scopes: hostScopes(args) },
        shieldedInstanceConfig: { ...SHIELDED_VM },
        metadata: hostMetadata(args),
        tags: [...(args.networkTags ?? [])],
        labels,
        canIpForward: false,
      },
      { parent: this },
    );
    this.selfLink = this.template.selfLink;
    this.patchDeployment = patchDeployment(this, name, args, { managedGroups: true });
    this.registerOutputs({ selfLink: this.selfLink, serviceAccountEmail: this.serviceAccountEmail });
  }
}
