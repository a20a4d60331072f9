/**
 * Runs a Pulumi program offline under `pulumi.runtime.setMocks` and records every custom
 * resource it declares, with its inputs: how tests and CI check a program with no cloud
 * credentials and no Pulumi CLI.
 */
import * as pulumi from '@pulumi/pulumi';
import { PulumiObject, PulumiResource, readPulumiValue } from './records/resource';

/** Where the recorded program runs. */
export interface RecordOptions {
  /** @default 'project' */
  readonly project?: string;
  /** @default 'stack' */
  readonly stack?: string;
  /** Run as a preview (`pulumi preview`), where some outputs are unknown. @default false */
  readonly preview?: boolean;
}

/**
 * Outputs the provider computes that programs commonly pass on to other resources: a service
 * account's `email` (instances and firewalls name it), a log sink's `writerIdentity` (the
 * archive bucket grants it), a managed instance group's `instanceGroup` (load balancer
 * backends name it). Deterministic, so recorded inputs can be snapshotted.
 */
function computedOutputs(type: string, name: string, inputs: Record<string, unknown>, project: string): Record<string, unknown> {
  switch (type) {
    case 'gcp:serviceaccount/account:Account': {
      const email = `${typeof inputs.accountId === 'string' ? inputs.accountId : name}@${project}.iam.gserviceaccount.com`;
      return { email, member: `serviceAccount:${email}` };
    }
    case 'gcp:logging/projectSink:ProjectSink':
      return { writerIdentity: `serviceAccount:${name}@gcp-sa-logging.iam.gserviceaccount.com` };
    case 'gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager':
    case 'gcp:compute/instanceGroupManager:InstanceGroupManager':
      return { instanceGroup: `https://www.googleapis.com/compute/v1/projects/${project}/instanceGroups/${name}` };
    default:
      return {};
  }
}

/**
 * Runs `program` under mocks and returns the custom resources it declared (components, the
 * stack and providers left out). Mocked outputs echo the inputs and add an `id`, a `name`, a
 * `selfLink` and the few computed outputs of `computedOutputs`, so references between
 * resources can be joined. Calls (data sources) echo their arguments and add the project
 * (`project`, `projectId`, a `number`), an `id` and an `email`. Rejects with the program's error,
 * including a registration that fails after the program returned (an input that throws).
 *
 * @example
 * const resources = await recordResources(async () => {
 *   new gcp.compute.Network('main', { autoCreateSubnetworks: false });
 * });
 * checkResources(resources);
 */
export async function recordResources(program: () => unknown, options: RecordOptions = {}): Promise<PulumiResource[]> {
  const project = options.project ?? 'project';
  const stack = options.stack ?? 'stack';
  const recorded: PulumiResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
        const id = `${args.name}-id`;
        if (args.custom !== false && !args.type.startsWith('pulumi:')) {
          const inputs = readPulumiValue(args.inputs);
          recorded.push({
            type: args.type,
            name: args.name,
            urn: `urn:pulumi:${stack}::${project}::${args.type}::${args.name}`,
            id,
            inputs: (inputs !== null && typeof inputs === 'object' && !Array.isArray(inputs) ? inputs : {}) as PulumiObject,
            stack,
          });
        }
        const name = typeof args.inputs.name === 'string' ? args.inputs.name : args.name;
        const selfLink = `https://www.googleapis.com/compute/v1/projects/${project}/global/resources/${name}`;
        return { id, state: { ...args.inputs, name, selfLink, ...computedOutputs(args.type, args.name, args.inputs, project) } };
      },
      call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        return { ...args.inputs, project, projectId: project, number: '123456789012', id: `${project}-id`, email: `${project}@example.invalid` };
      },
    },
    project,
    stack,
    options.preview ?? false,
  );
  // A registration whose inputs fail rejects a promise that nothing awaits: the Pulumi CLI fails
  // the program on such rejections, so the recording does too, rather than return fewer resources.
  // (Under jest the listener sees nothing: jest fails the test on the rejection by itself.)
  const failures: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    failures.push(reason);
  };
  process.on('unhandledRejection', onRejection);
  try {
    await program();
    // Waits for every registration the program started (mocks can be set again afterwards).
    await pulumi.runtime.disconnect();
    // Node reports unhandled rejections after the current turn.
    await new Promise((done) => setImmediate(done));
  } finally {
    process.off('unhandledRejection', onRejection);
  }
  if (failures.length > 0) throw failures[0] instanceof Error ? failures[0] : new Error(String(failures[0]));
  return recorded;
}
