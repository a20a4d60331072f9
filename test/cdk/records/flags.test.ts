import fc from 'fast-check';
import { allOf, Judged, readFlag, valuesAt, worstOf } from '../../../cdk/records/flags';
import { Choice, NO_VALUE } from '../../../cdk/records/values';
import { isUnknown, Unknown } from '../../../constructs/unknown';

const judged = fc.oneof(
  fc.constant<Judged<boolean>>({ value: true, why: 'ok' }),
  fc.constant<Judged<boolean>>({ value: false, why: 'bad' }),
  fc.constant<Judged<boolean>>({ value: new Unknown('u'), why: 'unknown' }),
);

describe('flags', () => {
  it('valuesAt expands Fn::If branches at every level, absent as undefined', () => {
    expect(valuesAt({ A: new Choice([{ B: true }, { B: false }, NO_VALUE]) }, ['A', 'B'])).toEqual([true, false, undefined]);
    expect(valuesAt({}, ['A', 'B'])).toEqual([undefined]);
  });

  it('readFlag: string booleans, defaults when absent, unknown intrinsics', () => {
    expect(readFlag(['TRUE'], 'X', { value: false, why: 'absent' }).value).toBe(true);
    expect(readFlag([undefined], 'X', { value: false, why: 'absent' })).toEqual({ value: false, why: 'absent' });
    expect(isUnknown(readFlag([new Unknown('import')], 'X', { value: false, why: 'absent' }).value)).toBe(true);
    expect(readFlag([1], 'X', { value: false, why: 'absent' }).why).toBe('X is 1, which is not a boolean');
  });

  it('property: the worst branch decides; one failing branch always fails', () => {
    fc.assert(fc.property(fc.array(judged, { minLength: 1, maxLength: 6 }), (js) => {
      for (const combine of [worstOf, allOf]) {
        const r = combine(js).value;
        if (js.some((j) => j.value === false)) { if (r !== false) return false; }
        else if (js.some((j) => isUnknown(j.value))) { if (!isUnknown(r)) return false; }
        else if (r !== true) return false;
      }
      return true;
    }));
  });
});
