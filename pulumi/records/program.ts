/**
 * The resources of one Pulumi program (or stack), read once: by type, and by every key that
 * another resource may use to point at them (name, id, self link), so references are joined
 * once instead of searched per check.
 */
import type { ResourceRef } from '../../constructs/finding';
import { isUnknown, Unknown } from '../../constructs/unknown';
import { at } from './read';
import { PulumiResource, PulumiValue, ResourceKey, resourceRef } from './resource';
import { GCP_KIND_NAMES } from './types';

/**
 * One program's resources with their indexes.
 *
 * @example
 * const program = new ProgramContext(resources);
 * program.resolve(firewall.inputs.network) // the Network resource it names
 */
export class ProgramContext {
  private readonly byType = new Map<string, PulumiResource[]>();
  private readonly byKey = new Map<string, PulumiResource[]>();

  /**
   * @param complete whether `resources` is the whole program. While a program is still
   * registering (in-program enforcement), facts that need resources not seen yet, such as a
   * network's implied egress rule that a later deny firewall closes, are left for the end.
   */
  constructor(
    readonly resources: readonly PulumiResource[],
    readonly complete = true,
  ) {
    for (const r of resources) {
      const list = this.byType.get(r.type) ?? [];
      list.push(r);
      this.byType.set(r.type, list);
      for (const key of new Set(identityKeys(r))) {
        const same = this.byKey.get(key) ?? [];
        same.push(r);
        this.byKey.set(key, same);
      }
    }
  }

  /** The resources of a type. */
  ofType(type: string): readonly PulumiResource[] {
    return this.byType.get(type) ?? [];
  }

  /** The resources of any of the types. */
  ofTypes(types: readonly string[]): PulumiResource[] {
    return types.flatMap((t) => this.ofType(t));
  }

  /**
   * The resource a reference names: its id, self link, URN or name, or a URL or path ending in
   * `/<collection>/<name>`. Undefined when it names nothing in the program (of `type`, or of
   * one of `type`'s list).
   */
  resolve(reference: unknown, type?: string | readonly string[]): PulumiResource | undefined {
    if (typeof reference !== 'string' || reference === '') return undefined;
    const fits = (r: PulumiResource): boolean => type === undefined || (typeof type === 'string' ? r.type === type : type.includes(r.type));
    const direct = this.byKey.get(reference)?.find(fits);
    if (direct) return direct;
    const last = reference.replace(/\/+$/, '').split('/').pop();
    if (last && last !== reference) return this.byKey.get(last)?.find(fits);
    return undefined;
  }

  /**
   * What an input of `owner` points at (`path` from the top-level input): the resource of
   * `type` it names, or else the one resource of `type` it was computed from (its property
   * dependencies); for a value not known yet and no such lineage, an `Unknown` saying so.
   * Undefined when the input is absent or names nothing in the program (a resource declared
   * elsewhere).
   *
   * @example
   * program.target(firewall, ['network'], GCP.network) // the Network, even in a preview
   */
  target(owner: PulumiResource, path: readonly string[], type: string | readonly string[]): PulumiResource | Unknown | undefined {
    return this.targetOf(owner, path[0], at(owner.inputs, ...path), type, path.join('.'));
  }

  /**
   * `target` for a value already read (an element of a list input): `property` is the
   * top-level input whose dependencies apply, `shown` how messages name the value.
   *
   * @example
   * program.targetOf(instance, 'attachedDisks', disk.source, GCP.disk, 'attachedDisks[0].source')
   */
  targetOf(owner: PulumiResource, property: string, value: PulumiValue | undefined, type: string | readonly string[], shown: string): PulumiResource | Unknown | undefined {
    if (value === undefined || value === null) return undefined;
    const named = isUnknown(value) ? undefined : this.resolve(value, type);
    if (named) return named;
    // A value computed from a resource of the program (its id, once known, may be a generated
    // name no index holds) names that resource.
    const types = typeof type === 'string' ? [type] : type;
    const from = (owner.dependencies?.[property] ?? []).map((k) => this.lookup(k)).filter((r): r is PulumiResource => r !== undefined && types.includes(r.type));
    const distinct = [...new Set(from)];
    if (distinct.length === 1) return distinct[0];
    if (!isUnknown(value)) return undefined;
    const what = `${shown} of ${this.label(owner)}`;
    return new Unknown(distinct.length > 1 ? `${what}, which depends on several resources` : `${what}, ${value.reason}`);
  }

  /** The resource a dependency names. */
  lookup(key: ResourceKey): PulumiResource | undefined {
    if (key.urn !== undefined) {
      const byUrn = this.byKey.get(key.urn)?.find((r) => r.urn === key.urn);
      if (byUrn) return byUrn;
    }
    return this.byKey.get(key.name)?.find((r) => r.type === key.type && r.name === key.name);
  }

  /** A finding's pointer. */
  ref(r: PulumiResource): ResourceRef {
    return resourceRef(r);
  }

  /** `Firewall 'allow-ssh'`. */
  label(r: PulumiResource): string {
    return `${GCP_KIND_NAMES[r.type] ?? r.type} '${r.name}'`;
  }
}

function identityKeys(r: PulumiResource): string[] {
  const keys = [r.name];
  if (r.urn) keys.push(r.urn);
  if (r.id) keys.push(r.id);
  for (const source of [r.outputs, r.inputs]) {
    for (const field of ['id', 'selfLink', 'name', 'selfLinkWithId', 'email', 'accountId']) {
      const v = source?.[field];
      if (typeof v === 'string' && v !== '') keys.push(v);
    }
  }
  return keys;
}
