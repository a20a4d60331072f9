/**
 * The resources of one Pulumi program (or stack), read once: by type, and by every key that
 * another resource may use to point at them (name, id, self link), so references are joined
 * once instead of searched per check.
 */
import type { ResourceRef } from '../../constructs/finding';
import { PulumiResource, resourceRef } from './resource';
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
  private readonly byKey = new Map<string, PulumiResource>();

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
      for (const key of identityKeys(r)) if (!this.byKey.has(key)) this.byKey.set(key, r);
    }
  }

  /** The resources of a type. */
  ofType(type: string): readonly PulumiResource[] {
    return this.byType.get(type) ?? [];
  }

  /**
   * The resource a reference names: its id, self link, URN or name, or a URL or path ending in
   * `/<collection>/<name>`. Undefined when it names nothing in the program.
   */
  resolve(reference: unknown, type?: string): PulumiResource | undefined {
    if (typeof reference !== 'string') return undefined;
    const direct = this.byKey.get(reference);
    if (direct && (!type || direct.type === type)) return direct;
    const last = reference.split('/').pop();
    if (last && last !== reference) {
      const byName = this.byKey.get(last);
      if (byName && (!type || byName.type === type)) return byName;
    }
    return undefined;
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
    for (const field of ['id', 'selfLink', 'name', 'selfLinkWithId']) {
      const v = source?.[field];
      if (typeof v === 'string') keys.push(v);
    }
  }
  return keys;
}
