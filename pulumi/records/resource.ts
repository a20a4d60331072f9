/**
 * A Pulumi resource as the checks see it: type token, name, URN and inputs, read from a stack
 * export, a preview, or resources recorded under mocks. Pulumi's own markers are read at the
 * edge: the unknown sentinel becomes `Unknown`, secrets become `PulumiSecret`.
 */
import type { ResourceRef } from '../../constructs/finding';
import { Unknown } from '../../constructs/unknown';

/** The value Pulumi writes for an output not known yet (previews, exports of pending state). */
export const UNKNOWN_SENTINEL = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';
/** The key that marks a secret-wrapped value. */
export const SECRET_SIGNATURE_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIGNATURE = '1b47061264138c4ac30d75fd1eb44270';

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
  if (raw === UNKNOWN_SENTINEL) return new Unknown('a value not known until deployment');
  if (raw === undefined) return null;
  if (raw === null || typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : new Unknown(`the number ${raw}`);
  if (raw instanceof Unknown) return raw;
  if (Array.isArray(raw)) return raw.map((v: unknown) => readPulumiValue(v, depth + 1));
  if (typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
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
