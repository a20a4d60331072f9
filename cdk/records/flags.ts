/**
 * Reading settings across `Fn::If` branches: nested properties, booleans and enumerations,
 * each judged per branch and combined so that the worst branch decides (every branch may be
 * deployed, so every branch must comply).
 */
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import { describeValue, isObject, possibleValues, readBoolean, readString } from './read';
import type { Value } from './values';

/**
 * A judgement with its reason, naming the property and its value.
 *
 * @example
 * const j: Judged<boolean> = { value: false, why: 'Encrypted is false' };
 */
export interface Judged<T> {
  readonly value: Maybe<T>;
  readonly why: string;
}

/**
 * Every value the property at `path` may take, `Fn::If` branches expanded at each level;
 * `undefined` where the property (or an object on the way) is absent.
 *
 * @example
 * valuesAt({ A: { B: new Choice([true, false]) } }, ['A', 'B']) // [true, false]
 * valuesAt({}, ['A', 'B']) // [undefined]
 */
export function valuesAt(v: Value | undefined, path: readonly string[]): Array<Value | undefined> {
  let level: Array<Value | undefined> = possibleValues(v);
  for (const key of path) {
    const next: Array<Value | undefined> = [];
    for (const item of level) {
      if (item === undefined) next.push(undefined);
      else if (isObject(item)) next.push(...possibleValues(item[key]));
      else if (isUnknown(item)) next.push(item);
      else next.push(new Unknown(`${describeValue(item)}, which is not an object`));
    }
    level = next;
  }
  return level;
}

/**
 * Combines per-branch judgements of "is it compliant?": `false` wins, then unknown, then
 * `true`. When branches disagree, the reason says the failing value is one of several.
 *
 * @example
 * worstOf([{ value: true, why: 'a' }, { value: false, why: 'b' }]) // { value: false, why: 'b (in one of its possible values)' }
 */
export function worstOf(judged: readonly Judged<boolean>[]): Judged<boolean> {
  if (judged.length === 0) return { value: new Unknown('no value'), why: 'no value' };
  const rank = (j: Judged<boolean>): number => (j.value === false ? 0 : isUnknown(j.value) ? 1 : 2);
  let worst = judged[0];
  for (const j of judged) if (rank(j) < rank(worst)) worst = j;
  const mixed = judged.some((j) => rank(j) !== rank(worst));
  return mixed ? { value: worst.value, why: `${worst.why} (in one of its possible values)` } : worst;
}

/**
 * Combines judgements that must all hold (every action of a listener, every rule of a
 * configuration): `false` wins, then unknown, then `true`.
 *
 * @example
 * allOf([{ value: true, why: 'a' }, { value: false, why: 'b' }]) // { value: false, why: 'b' }
 */
export function allOf(judged: readonly Judged<boolean>[]): Judged<boolean> {
  const worst = worstOf(judged);
  const plain = judged.find((j) => j.value === worst.value || (isUnknown(j.value) && isUnknown(worst.value)));
  return plain ?? worst;
}

/**
 * Judges a boolean property over its branches: `true`/`"true"` comply, `false` does not,
 * absent takes `whenAbsent` (the service default), an intrinsic that cannot be resolved is
 * unknown.
 *
 * @example
 * readFlag([false], 'Encrypted', { value: false, why: 'Encrypted is not set' }) // { value: false, why: 'Encrypted is false' }
 */
export function readFlag(values: readonly (Value | undefined)[], name: string, whenAbsent: Judged<boolean>): Judged<boolean> {
  return worstOf(values.map((v): Judged<boolean> => {
    const flag = readBoolean(v);
    if (flag === undefined) return whenAbsent;
    if (isUnknown(flag)) return { value: flag, why: `${name} is ${flag.reason}` };
    return { value: flag, why: `${name} is ${flag}` };
  }));
}

/**
 * Judges a string property over its branches with `judge` (given the text, or undefined when
 * absent); an intrinsic that cannot be resolved is unknown.
 *
 * @example
 * readChoice(['HTTP'], 'Protocol', (p) => ({ value: p === 'HTTPS', why: `Protocol is ${p}` }))
 */
export function readChoice(
  values: readonly (Value | undefined)[],
  name: string,
  judge: (text: string | undefined) => Judged<boolean>,
): Judged<boolean> {
  return worstOf(values.map((v): Judged<boolean> => {
    const text = readString(v);
    if (isUnknown(text)) return { value: text, why: `${name} is ${text.reason}` };
    return judge(text);
  }));
}

/**
 * Every text a string property may take, with unknowns kept and absent as undefined.
 *
 * @example
 * textsAt({ Engine: new Choice(['mysql', 'postgres']) }, ['Engine']) // ['mysql', 'postgres']
 */
export function textsAt(v: Value | undefined, path: readonly string[]): Array<string | Unknown | undefined> {
  return valuesAt(v, path).map(readString);
}
