/**
 * Reading a nested property by path through `Fn::If` branches and lists, naming where each value
 * was found: `LaunchTemplateData.KeyName`, `LaunchSpecifications[1].KeyName`.
 */
import { Unknown } from '../../constructs/unknown';
import { isObject, possibleValues } from './read';
import type { Value } from './values';

/** A value found at a path, with the path it was found at. */
export interface Found {
  readonly where: string;
  /** Undefined when the property is absent on this branch. */
  readonly value: Value | undefined;
}

/**
 * Every value at `path` below `root`, one per `Fn::If` branch; `*` steps into each item of a
 * list. A step into something that is not an object gives that value (an unknown stays unknown).
 *
 * @example
 * valuesAt({ LaunchTemplateData: { KeyName: 'ops' } }, ['LaunchTemplateData', 'KeyName'])
 * // [{ where: 'LaunchTemplateData.KeyName', value: 'ops' }]
 */
export function valuesAt(root: Value, path: readonly string[]): Found[] {
  let found: Found[] = [{ where: '', value: root }];
  for (const step of path) {
    const next: Found[] = [];
    for (const f of found) {
      for (const v of possibleValues(f.value)) {
        if (v === undefined) {
          next.push({ where: join(f.where, step), value: undefined });
        } else if (step === '*') {
          if (Array.isArray(v)) v.forEach((item: Value, i: number) => next.push({ where: `${f.where}[${i}]`, value: item }));
          else next.push({ where: `${f.where}[*]`, value: v instanceof Unknown ? v : undefined });
        } else if (isObject(v)) {
          next.push({ where: join(f.where, step), value: v[step] });
        } else {
          next.push({ where: join(f.where, step), value: v instanceof Unknown ? v : undefined });
        }
      }
    }
    found = next;
  }
  return found.flatMap((f) => possibleValues(f.value).map((value) => ({ where: f.where, value })));
}

function join(a: string, b: string): string {
  return a.length > 0 ? `${a}.${b}` : b;
}
