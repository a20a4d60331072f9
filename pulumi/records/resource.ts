/**
 * A Pulumi resource as the checks see it: type token, name, URN and inputs, read from a stack
 * export, a preview, or resources recorded under mocks. Pulumi's own markers are read at the
 * edge: the unknown sentinel becomes `Unknown`, secrets become `PulumiSecret`.
 */
import type { ResourceRef } from '../../constructs/finding';
import { Unknown } from '../../constructs/unknown';

/** The value Pulumi writes for an output not known yet (previews, exports of pending state). */
export const UNKNOWN_SENTINEL = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

/**
 * Every unknown marker: the engine's, and the typed ones CrossGuard hands a policy during a
 * preview (boolean, number, array, asset, archive, object).
 */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  UNKNOWN_SENTINEL,
  '1c4a061d-8072-4f0a-a4cb-0ff528b18fe7',
  '3eeb2bf0-c639-47a8-9e75-3b44932eb421',
  '6a19a0b0-7e62-4c92-b797-7f8e31da9cc2',
  '030794c1-ac77-496b-92df-f27374a8bd58',
  'e48ece36-62e2-4504-bad9-02848725956a',
  'dd056dcd-154b-4c76-9bd3-c8f88648b5ff',
]);
/** The key that marks a secret-wrapped value. */
export const SECRET_SIGNATURE_KEY = '4dabf18193072939515e22adb298388d';
/** The value of the secret marker key. */
export const SECRET_SIGNATURE = '1b47061264138c4ac30d75fd1eb44270';

/** A secret-wrapped value: encrypted in state, so not plaintext there; its value may be unknown. */
export class PulumiSecret extends Unknown {
  constructor(readonly plaintext?: PulumiValue) {
    super('a Pulumi secret');
  }
}

/** An input value after the markers are read. */
export type PulumiValue = string | number | boolean | null | readonly PulumiValue[] | PulumiObject | Unknown;

/** An input object. */
export interface PulumiObject {
  readonly [key: string]: PulumiValue;
}

/**
 * A resource another resource's input depends on: its type token and name, and its URN where
 * the source says it.
 *
 * @example
 * const key: ResourceKey = { type: 'gcp:compute/network:Network', name: 'main', urn: 'urn:pulumi:dev::app::gcp:compute/network:Network::main' };
 */
export interface ResourceKey {
  readonly type: string;
  readonly name: string;
  readonly urn?: string;
}

/** One resource of a program. */
export interface PulumiResource {
  readonly type: string;
  readonly name: string;
  readonly urn?: string;
  /** The provider id, where the source knows it (exports, mocks). */
  readonly id?: string;
  readonly inputs: PulumiObject;
  /** Outputs, where the source has them (exports): used to join references by id or self link. */
  readonly outputs?: PulumiObject;
  /**
   * For each top-level input, the resources its value was computed from (Pulumi's property
   * dependencies: a preview's or export's `propertyDependencies`, CrossGuard's, an output's
   * resources). How a reference that is not known yet (the id of a network being created) is
   * still joined to the resource it names.
   */
  readonly dependencies?: Readonly<Record<string, readonly ResourceKey[]>>;
  /** The stack the resource belongs to. */
  readonly stack?: string;
  /** The file it was read from. */
  readonly file?: string;
}

/**
 * Reads a raw input value: the unknown sentinel becomes `Unknown`, secret wrappers become
 * `PulumiSecret`, and everything else stays JSON.
 *
 * @example
 * readPulumiValue('04da6b54-80e4-46f7-96ec-b56ff0331ba9') // Unknown('a value not known until deployment')
 */
export function readPulumiValue(raw: unknown, depth = 0): PulumiValue {
  if (depth > 100) return new Unknown('a value nested too deeply');
  if (typeof raw === 'string' && UNKNOWN_SENTINELS.has(raw)) return new Unknown('a value not known until deployment');
  if (raw === undefined) return null;
  if (raw === null || typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : new Unknown(`the number ${raw}`);
  if (raw instanceof Unknown) return raw;
  if (Array.isArray(raw)) return raw.map((v: unknown) => readPulumiValue(v, depth + 1));
  if (typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    // Live program values (a resource transform's props): outputs, promises and Pulumi's own
    // unknown are not known while the program registers.
    if (o.__pulumiOutput === true || typeof o.then === 'function') return new Unknown('an output not resolved yet');
    if (o.__pulumiUnknown === true) return new Unknown('a value not known until deployment');
    if (o.__pulumiResource === true) return new Unknown('a resource object');
    if (o[SECRET_SIGNATURE_KEY] === SECRET_SIGNATURE) {
      return 'plaintext' in o && typeof o.plaintext === 'string'
        ? new PulumiSecret(readPulumiValue(safeJson(o.plaintext), depth + 1))
        : 'value' in o
          ? new PulumiSecret(readPulumiValue(o.value, depth + 1))
          : new PulumiSecret();
    }
    const out: Record<string, PulumiValue> = {};
    // Defined, not assigned: an input named `__proto__` must stay an input, not become the
    // prototype that lends the object properties it does not have (`disabled: true`).
    for (const [k, v] of Object.entries(o)) {
      if (v !== undefined) Object.defineProperty(out, k, { value: readPulumiValue(v, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return new Unknown(`a ${typeof raw} value`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The name of a resource from its URN (`urn:pulumi:dev::app::gcp:compute/firewall:Firewall::ssh` → `ssh`).
 *
 * @example
 * nameFromUrn('urn:pulumi:dev::app::gcp:compute/network:Network::main') // 'main'
 */
export function nameFromUrn(urn: string): string {
  const i = urn.lastIndexOf('::');
  return i >= 0 ? urn.slice(i + 2) : urn;
}

/**
 * The type token of a URN: the last part of its (possibly qualified) type
 * (`urn:pulumi:dev::app::compliance:gcp:SecureNetwork$gcp:compute/network:Network::main` →
 * `gcp:compute/network:Network`).
 *
 * @example
 * typeFromUrn('urn:pulumi:dev::app::gcp:compute/network:Network::main') // 'gcp:compute/network:Network'
 */
export function typeFromUrn(urn: string): string {
  const parts = urn.split('::');
  const qualified = parts.length >= 4 ? parts[parts.length - 2] : '';
  return qualified.split('$').pop() ?? qualified;
}

/**
 * A dependency named by its URN.
 *
 * @example
 * keyFromUrn('urn:pulumi:dev::app::gcp:compute/network:Network::main') // { type: 'gcp:compute/network:Network', name: 'main', urn }
 */
export function keyFromUrn(urn: string): ResourceKey {
  return { type: typeFromUrn(urn), name: nameFromUrn(urn), urn };
}

/**
 * Property dependencies as Pulumi writes them (`{ network: [urn, ...] }`), read into keys;
 * undefined when there are none.
 *
 * @example
 * readPropertyDependencies({ network: ['urn:pulumi:dev::app::gcp:compute/network:Network::main'] })
 */
export function readPropertyDependencies(raw: unknown): Record<string, ResourceKey[]> | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const out: Record<string, ResourceKey[]> = {};
  for (const [property, urns] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(urns)) continue;
    const keys = urns.filter((u): u is string => typeof u === 'string' && u.startsWith('urn:')).map(keyFromUrn);
    if (keys.length > 0) out[property] = keys;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The stack of a URN (`urn:pulumi:dev::app::...` → `dev`).
 *
 * @example
 * stackFromUrn('urn:pulumi:dev::app::gcp:compute/network:Network::main') // 'dev'
 */
export function stackFromUrn(urn: string): string | undefined {
  const m = /^urn:pulumi:([^:]+)::/.exec(urn);
  return m ? m[1] : undefined;
}

/**
 * A finding's pointer to a Pulumi resource.
 *
 * @example
 * resourceRef({ type: 'gcp:compute/firewall:Firewall', name: 'ssh', inputs: {} }) // { type, name: 'ssh' }
 */
export function resourceRef(r: PulumiResource): ResourceRef {
  return {
    type: r.type,
    name: r.name,
    ...(r.urn !== undefined ? { urn: r.urn } : {}),
    ...(r.stack !== undefined ? { stack: r.stack } : {}),
    ...(r.file !== undefined ? { file: r.file } : {}),
  };
}
