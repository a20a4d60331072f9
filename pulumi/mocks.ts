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
 * Runs `program` under mocks and returns the custom resources it declared (components, the
 * stack and providers left out). Mocked outputs echo the inputs and add an `id`, a `name` and a
 * `selfLink`, so references between resources can be joined.
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
        return { id, state: { ...args.inputs, name, selfLink: `https://www.googleapis.com/compute/v1/projects/${project}/global/resources/${name}` } };
      },
      call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        return { ...args.inputs, project, id: `${project}-id`, email: `${project}@example.invalid` };
      },
    },
    project,
    stack,
    options.preview ?? false,
  );
  await program();
  // Waits for every registration the program started (mocks can be set again afterwards).
  await pulumi.runtime.disconnect();
  return recorded;
}
