/**
 * Live program values, as a resource transform sees them: inputs that are outputs of other
 * resources (not known while the program registers), the resources those outputs come from,
 * and the URN a resource will get. Duck-typed on Pulumi's own markers (`__pulumiOutput`,
 * `__pulumiResource`), so that two copies of the SDK in one program still work.
 */
import type { ResourceKey } from './records/resource';
import { SECRET_SIGNATURE, SECRET_SIGNATURE_KEY, UNKNOWN_SENTINEL } from './records/resource';

/** What the enforcer uses of an output. */
interface OutputLike {
  readonly __pulumiOutput: true;
  resources(): Set<unknown>;
  promise(withUnknowns?: boolean): Promise<unknown>;
  readonly isKnown: Promise<boolean>;
  readonly isSecret: Promise<boolean>;
}

/** What the enforcer uses of a resource object. */
interface ResourceLike {
  readonly __pulumiResource: true;
  readonly __pulumiType?: string;
  readonly __name?: string;
  readonly __parentResource?: unknown;
}

function isOutput(v: unknown): v is OutputLike {
  return typeof v === 'object' && v !== null && (v as { __pulumiOutput?: unknown }).__pulumiOutput === true;
}

function isResource(v: unknown): v is ResourceLike {
  return typeof v === 'object' && v !== null && (v as { __pulumiResource?: unknown }).__pulumiResource === true;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/**
 * For each top-level input, the resources its outputs come from (however deep in the value).
 *
 * @example
 * liveDependencies({ network: net.id }) // { network: [{ type: 'gcp:compute/network:Network', name: 'main', urn }] }
 */
export function liveDependencies(props: Readonly<Record<string, unknown>>, stack: string, project: string): Record<string, ResourceKey[]> | undefined {
  const out: Record<string, ResourceKey[]> = {};
  for (const [property, value] of Object.entries(props)) {
    const found = new Set<ResourceLike>();
    collect(value, found, 0);
    const keys = [...found].flatMap((r) => (r.__pulumiType && r.__name ? [{ type: r.__pulumiType, name: r.__name, urn: urnOf(r.__pulumiType, r.__name, r.__parentResource, stack, project) }] : []));
    if (keys.length > 0) out[property] = keys;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function collect(v: unknown, found: Set<ResourceLike>, depth: number): void {
  if (depth > 50 || typeof v !== 'object' || v === null) return;
  if (isOutput(v)) {
    for (const r of v.resources()) if (isResource(r)) found.add(r);
    return;
  }
  if (isResource(v)) {
    found.add(v);
    return;
  }
  for (const x of Array.isArray(v) ? v : Object.values(v)) collect(x, found, depth + 1);
}

/**
 * The URN Pulumi gives a resource: its type qualified by its parents' types (the stack itself
 * left out), and its name.
 *
 * @example
 * urnOf('gcp:compute/network:Network', 'main', undefined, 'dev', 'team') // 'urn:pulumi:dev::team::gcp:compute/network:Network::main'
 */
export function urnOf(type: string, name: string, parent: unknown, stack: string, project: string): string {
  const chain: string[] = [];
  let p: unknown = parent;
  for (let i = 0; i < 100 && isResource(p) && p.__pulumiType !== undefined && p.__pulumiType !== 'pulumi:pulumi:Stack'; i++) {
    chain.unshift(p.__pulumiType);
    p = p.__parentResource;
  }
  return `urn:pulumi:${stack}::${project}::${[...chain, type].join('$')}::${name}`;
}

/**
 * Waits for the outputs in a value and returns it as plain data, the way a stack export writes
 * it: an output not known (a preview) becomes Pulumi's unknown marker, a secret output a secret
 * wrapper. Awaiting never blocks the program: the transform does not wait for it.
 *
 * @example
 * await settleValue({ network: net.id }) // { network: 'main-id' } (or the unknown marker in a preview)
 */
export async function settleValue(v: unknown, depth = 0): Promise<unknown> {
  if (depth > 50) return UNKNOWN_SENTINEL;
  if (isOutput(v)) {
    const [known, secret] = await Promise.all([v.isKnown, v.isSecret]);
    const inner = known ? await settleValue(await v.promise(true), depth + 1) : UNKNOWN_SENTINEL;
    return secret ? { [SECRET_SIGNATURE_KEY]: SECRET_SIGNATURE, value: inner } : inner;
  }
  if (isResource(v)) return UNKNOWN_SENTINEL;
  if (isThenable(v)) return settleValue(await v, depth + 1);
  if (Array.isArray(v)) return Promise.all(v.map((x: unknown) => settleValue(x, depth + 1)));
  if (typeof v === 'object' && v !== null) {
    if ((v as { __pulumiUnknown?: unknown }).__pulumiUnknown === true) return UNKNOWN_SENTINEL;
    const entries = await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await settleValue(x, depth + 1)] as const));
    return Object.fromEntries(entries);
  }
  return v;
}
