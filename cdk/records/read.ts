/**
 * Reading resolved values into typed ones at the edge: booleans, numbers and strings as
 * CloudFormation accepts them, with unknowns kept and `Fn::If` branches expanded.
 */
import { Unknown } from '../../constructs/unknown';
import { alternatives } from './resolver';
import { Choice, NO_VALUE, Value, ValueObject } from './values';

/** Most combinations of `Fn::If` branches expanded for one object before giving up. */
const MAX_COMBINATIONS = 64;

/**
 * Every value a property may take: the branches of `Fn::If`, with `AWS::NoValue` as undefined.
 *
 * @example
 * possibleValues(new Choice(['a', NO_VALUE])) // ['a', undefined]
 */
export function possibleValues(v: Value | undefined): Array<Value | undefined> {
  if (v === undefined || v === NO_VALUE) return [undefined];
  if (!(v instanceof Choice)) return [v];
  return alternatives(v).map((x) => (x === NO_VALUE ? undefined : x));
}

/**
 * Whether a resolved value is a plain JSON object (not a list, not an unknown or a choice).
 *
 * @example
 * isObject({ CidrIp: '10.0.0.0/8' }) // true
 */
export function isObject(v: Value | undefined): v is ValueObject {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Unknown) && !(v instanceof Choice);
}

/**
 * The alternatives of an object when some of its fields are `Fn::If`: one object per
 * combination of branches (a field whose branch is `AWS::NoValue` is absent).
 *
 * @example
 * expandFields({ CidrIp: new Choice(['10.0.0.0/8', '0.0.0.0/0']), FromPort: 22 }, ['CidrIp', 'FromPort'])
 * // [{ CidrIp: '10.0.0.0/8', FromPort: 22 }, { CidrIp: '0.0.0.0/0', FromPort: 22 }]
 */
export function expandFields(obj: ValueObject, keys: readonly string[]): ValueObject[] | Unknown {
  // Most objects have no Fn::If among the fields: they are their only variant, read as they are.
  let choices = false;
  for (let i = 0; i < keys.length && !choices; i++) choices = obj[keys[i]] instanceof Choice;
  if (!choices) return [obj];
  let out: Array<Record<string, Value>> = [{ ...obj }];
  for (const key of keys) {
    if (!(obj[key] instanceof Choice)) continue;
    const options = possibleValues(obj[key]);
    const next: Array<Record<string, Value>> = [];
    for (const partial of out) {
      for (const option of options) {
        const copy = { ...partial };
        if (option === undefined) delete copy[key];
        else copy[key] = option;
        next.push(copy);
      }
    }
    if (next.length > MAX_COMBINATIONS) return new Unknown(`more than ${MAX_COMBINATIONS} combinations of Fn::If branches`);
    out = next;
  }
  return out;
}

/**
 * A boolean as CloudFormation accepts it (`true`, `"true"`, `"True"`), undefined when absent,
 * Unknown when not literal or not a boolean.
 *
 * @example
 * readBoolean('false') // false
 */
export function readBoolean(v: Value | undefined): boolean | Unknown | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  if (v instanceof Unknown) return v;
  return new Unknown(`${JSON.stringify(v)}, which is not a boolean`);
}

/**
 * A number as CloudFormation accepts it (`22`, `"22"`).
 *
 * @example
 * readNumber('-1') // -1
 */
export function readNumber(v: Value | undefined): number | Unknown | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  if (v instanceof Unknown) return v;
  return new Unknown(`${JSON.stringify(v)}, which is not a number`);
}

/**
 * A string (numbers and booleans as their text).
 *
 * @example
 * readString(6) // '6'
 */
export function readString(v: Value | undefined): string | Unknown | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Unknown) return v;
  return new Unknown(`${describeValue(v)}, which is not a string`);
}

/**
 * A short description of a resolved value for messages.
 *
 * @example
 * describeValue(new Unknown("Fn::ImportValue 'x'")) // "Fn::ImportValue 'x'"
 */
export function describeValue(v: Value | undefined): string {
  if (v === undefined) return 'absent';
  if (v instanceof Unknown) return v.reason;
  if (v instanceof Choice) return 'one of several Fn::If branches';
  if (v === NO_VALUE) return 'AWS::NoValue';
  const text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
