/**
 * Pulumi's own file formats: `pulumi stack export` (deployment version 3) and
 * `pulumi preview --json`. Both are read into the resources the checks see.
 */
import { InputError } from '../../constructs/errors';
import { isUnknown } from '../../constructs/unknown';
import { nameFromUrn, PulumiObject, PulumiResource, readPropertyDependencies, readPulumiValue, stackFromUrn } from './resource';

/** Which Pulumi document a JSON value is, if any. */
export type PulumiDocumentKind = 'stack-export' | 'preview';

/**
 * Tells a stack export (`{ version, deployment: { resources } }`) from a preview
 * (`{ steps: [...] }`); undefined for anything else.
 *
 * @example
 * pulumiDocumentKind({ version: 3, deployment: { resources: [] } }) // 'stack-export'
 */
export function pulumiDocumentKind(doc: unknown): PulumiDocumentKind | undefined {
  if (!isRecord(doc)) return undefined;
  if (isRecord(doc.deployment) && 'version' in doc) return 'stack-export';
  if (Array.isArray(doc.steps)) return 'preview';
  return undefined;
}

/**
 * The resources of a stack export or a preview, without providers and the stack itself.
 * Throws `InputError` naming the file for shapes it cannot read.
 *
 * @example
 * readPulumiDocument(JSON.parse(text), 'stack.json').map((r) => r.type)
 */
export function readPulumiDocument(doc: unknown, file: string): PulumiResource[] {
  const kind = pulumiDocumentKind(doc);
  if (kind === 'stack-export') return readStackExport(doc as Record<string, unknown>, file);
  if (kind === 'preview') return readPreview(doc as Record<string, unknown>, file);
  throw new InputError(file, 'is not a Pulumi stack export or preview');
}

function readStackExport(doc: Record<string, unknown>, file: string): PulumiResource[] {
  const version = doc.version;
  if (version !== 3 && version !== 2 && version !== 1) {
    throw new InputError(file, `is a Pulumi stack export of version ${JSON.stringify(version)}; versions 1 to 3 are read`);
  }
  const deployment = doc.deployment as Record<string, unknown>;
  const resources = deployment.resources ?? [];
  if (!Array.isArray(resources)) throw new InputError(file, 'deployment.resources is not a list');
  return resources.flatMap((r: unknown, i: number) => toResource(r, `deployment.resources[${i}]`, file));
}

function readPreview(doc: Record<string, unknown>, file: string): PulumiResource[] {
  const steps = doc.steps as unknown[];
  return steps.flatMap((step: unknown, i: number) => {
    if (!isRecord(step)) throw new InputError(file, `steps[${i}] is not an object`);
    // A step that deletes leaves nothing deployed; every other step deploys its new state.
    if (typeof step.op === 'string' && DELETING_OP.test(step.op)) return [];
    if (step.newState === undefined || step.newState === null) {
      // Skipping it would pass a resource nobody looked at.
      const op = typeof step.op === 'string' ? `'${step.op}'` : 'without an op';
      throw new InputError(file, `steps[${i}] (${op}) has no newState: what it deploys cannot be checked`);
    }
    return toResource(step.newState, `steps[${i}].newState`, file);
  });
}

/** Steps that leave nothing deployed: `delete`, `discard`, `delete-replaced`, `read-discard`, ... */
const DELETING_OP = /^(delete|discard|delete-replaced|discard-replaced|read-discard|remove-pending-replace)$/;

function toResource(raw: unknown, where: string, file: string): PulumiResource[] {
  if (!isRecord(raw)) throw new InputError(file, `${where} is not an object`);
  const { urn, type } = raw;
  if (typeof urn !== 'string' || typeof type !== 'string') throw new InputError(file, `${where} has no urn or type`);
  if (type.startsWith('pulumi:')) return []; // the stack and providers
  const inputs = readPulumiValue(raw.inputs ?? {});
  const outputs = readPulumiValue(raw.outputs ?? {});
  if (isUnknown(inputs) || Array.isArray(inputs) || inputs === null || typeof inputs !== 'object') {
    throw new InputError(file, `${where}.inputs is not an object`);
  }
  const stack = stackFromUrn(urn);
  const dependencies = readPropertyDependencies(raw.propertyDependencies);
  return [{
    type,
    name: nameFromUrn(urn),
    urn,
    ...(typeof raw.id === 'string' ? { id: raw.id } : {}),
    inputs: inputs as PulumiObject,
    ...(outputs !== null && typeof outputs === 'object' && !Array.isArray(outputs) && !isUnknown(outputs) ? { outputs: outputs as PulumiObject } : {}),
    ...(dependencies !== undefined ? { dependencies } : {}),
    ...(stack !== undefined ? { stack } : {}),
    file,
  }];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
