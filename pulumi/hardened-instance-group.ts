/**
 * A regional managed instance group of hardened hosts that rolls updates out, and back,
 * proactively and without losing capacity (DEPLOY-1), and heals instances that fail an HTTPS
 * health check. Its hosts come from a `HardenedInstanceTemplate`.
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { HardenedHostArgs, validateHostArgs } from './host-hardening';
import { HardenedInstanceTemplate } from './hardened-instance-template';
import { componentLabel, invalid, refuse } from './refuse';

/** A named port of the group (load balancer backends send traffic to it). */
export interface NamedPort {
  readonly name: string;
  readonly port: number;
}

/** Args of `HardenedInstanceGroup`. */
export interface HardenedInstanceGroupArgs extends HardenedHostArgs {
  readonly region: string;
  /** @default 2 */
  readonly targetSize?: number;
  /** @default [{ name: 'https', port: 443 }] */
  readonly namedPorts?: readonly NamedPort[];
  /**
   * The HTTPS health check that replaces unhealthy instances.
   * @default port 443, path '/healthz', 300 s grace after boot
   */
  readonly autoHealing?: { readonly port?: number; readonly requestPath?: string; readonly initialDelaySec?: number };
  /**
   * How a new template reaches the group. `OPPORTUNISTIC` only applies it to instances created
   * later, so neither an update nor its rollback ever completes; it is refused (DEPLOY-1).
   * @default 'PROACTIVE'
   */
  readonly updateType?: 'PROACTIVE' | 'OPPORTUNISTIC';
  /**
   * Instances added above the target size during a rollout (at least the number of zones,
   * 3 by default, for a regional group).
   * @default 3
   */
  readonly maxSurge?: number;
  /** Instances that may be unavailable during a rollout. @default 0 */
  readonly maxUnavailable?: number;
}

/**
 * A self-healing group of hardened hosts with rolling updates.
 *
 * @example
 * const web = new HardenedInstanceGroup('web', {
 *   project, region: 'europe-west1', subnetwork: net.subnetworks.web.id, kmsKey: key.id,
 *   serviceAccount: webSa, startupScript: WEB_SERVER_SCRIPT,
 * });
 * new TlsLoadBalancer('web', { backends: [{ group: web.instanceGroup }], domains: ['shop.example.com'] });
 */
export class HardenedInstanceGroup extends pulumi.ComponentResource {
  readonly template: HardenedInstanceTemplate;
  readonly healthCheck: gcp.compute.HealthCheck;
  readonly manager: gcp.compute.RegionInstanceGroupManager;
  /** The instance group URL, for load balancer backends. */
  readonly instanceGroup: pulumi.Output<string>;

  constructor(name: string, args: HardenedInstanceGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const label = componentLabel('HardenedInstanceGroup', name);
    validateHostArgs(label, args);
    if ((args.updateType ?? 'PROACTIVE') === 'OPPORTUNISTIC') {
      refuse('DEPLOY-1', label, "updateType 'OPPORTUNISTIC' applies a new template only to instances created later, so an update and its rollback never complete; use 'PROACTIVE'.");
    }
    const maxSurge = args.maxSurge ?? 3;
    const maxUnavailable = args.maxUnavailable ?? 0;
    if (maxSurge + maxUnavailable === 0) invalid(label, 'maxSurge and maxUnavailable are both 0: a rollout could never replace an instance.');
    const targetSize = args.targetSize ?? 2;
    if (!Number.isInteger(targetSize) || targetSize < 1) invalid(label, `targetSize ${targetSize} must be a whole number, at least 1.`);
    const healing = args.autoHealing ?? {};

    const { region, targetSize: _size, namedPorts, autoHealing: _healing, updateType: _type, maxSurge: _surge, maxUnavailable: _unavailable, ...host } = args;
    super('compliance:gcp:HardenedInstanceGroup', name, {}, opts);
    this.template = new HardenedInstanceTemplate(`${name}-template`, { ...host, region }, { parent: this });
    this.healthCheck = new gcp.compute.HealthCheck(
      `${name}-autohealing`,
      {
        project: args.project,
        httpsHealthCheck: { port: healing.port ?? 443, requestPath: healing.requestPath ?? '/healthz' },
        checkIntervalSec: 10,
        timeoutSec: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
        logConfig: { enable: true },
      },
      { parent: this },
    );
    this.manager = new gcp.compute.RegionInstanceGroupManager(
      name,
      {
        project: args.project,
        region,
        baseInstanceName: name,
        targetSize,
        versions: [{ name: 'primary', instanceTemplate: this.template.selfLink }],
        namedPorts: (namedPorts ?? [{ name: 'https', port: 443 }]).map((p) => ({ ...p })),
        autoHealingPolicies: { healthCheck: this.healthCheck.id, initialDelaySec: healing.initialDelaySec ?? 300 },
        updatePolicy: {
          type: 'PROACTIVE',
          minimalAction: 'REPLACE',
          replacementMethod: 'SUBSTITUTE',
          maxSurgeFixed: maxSurge,
          maxUnavailableFixed: maxUnavailable,
          minReadySec: 60,
        },
      },
      { parent: this },
    );
    this.instanceGroup = this.manager.instanceGroup;
    this.registerOutputs({ instanceGroup: this.instanceGroup });
  }
}
