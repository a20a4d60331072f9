/**
 * Reading Pulumi inputs into typed values at the edge, keeping unknowns.
 */
import { Unknown } from '../../constructs/unknown';
import type { PulumiObject, PulumiValue } from './resource';

/**
 * Whether a value is a plain input object.
 *
 * @example
 * isObject({ ports: ['22'] }) // true
 */
export function isObject(v: PulumiValue | undefined): v is PulumiObject {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Unknown);
}

/**
 * A nested input (`settings.ipConfiguration.ipv4Enabled`): undefined where a step is absent,
 * the Unknown where a step is unknown.
 *
 * @example
 * at(inputs, 'settings', 'ipConfiguration', 'ipv4Enabled')
 */
export function at(obj: PulumiValue | undefined, ...path: string[]): PulumiValue | undefined {
  let cur: PulumiValue | undefined = obj;
  for (const key of path) {
    if (cur === undefined || cur === null) return undefined;
    if (cur instanceof Unknown) return cur;
    if (Array.isArray(cur)) {
      // Providers model single nested blocks as one-element lists in some versions.
      cur = cur.length === 1 && isObject(cur[0]) ? cur[0] : undefined;
      if (cur === undefined) return undefined;
    }
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur === null ? undefined : cur;
}

/**
 * A boolean (`true`, `"true"`), undefined when absent.
 *
 * @example
 * readBoolean('false') // false
 */
export function readBoolean(v: PulumiValue | undefined): boolean | Unknown | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  if (v instanceof Unknown) return v;
  return new Unknown(`${JSON.stringify(v)}, which is not a boolean`);
}

/**
 * A string (numbers as text), undefined when absent.
 *
 * @example
 * readString(443) // '443'
 */
export function readString(v: PulumiValue | undefined): string | Unknown | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Unknown) return v;
  return new Unknown(`${JSON.stringify(v)}, which is not a string`);
}

/**
 * A number (`"30"` too), undefined when absent.
 *
 * @example
 * readNumber('1000') // 1000
 */
export function readNumber(v: PulumiValue | undefined): number | Unknown | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  if (v instanceof Unknown) return v;
  return new Unknown(`${JSON.stringify(v)}, which is not a number`);
}

/**
 * A list, undefined when absent, Unknown when unknown or not a list.
 *
 * @example
 * readList(['0.0.0.0/0']) // ['0.0.0.0/0']
 */
export function readList(v: PulumiValue | undefined): readonly PulumiValue[] | Unknown | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v;
  if (v instanceof Unknown) return v;
  return new Unknown(`${JSON.stringify(v)}, which is not a list`);
}
