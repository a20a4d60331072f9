import { longestInterval } from '../../../cdk/records/schedule';
import { isUnknown } from '../../../constructs/unknown';

describe('longestInterval', () => {
  it.each<[string, number | undefined]>([
    ['rate(30 days)', 30],
    ['rate(1 day)', 1],
    ['rate(91 days)', 91],
    ['rate(12 hours)', 0.5],
    ['rate(120 minutes)', 120 / 1440],
    ['cron(0 4 * * ? *)', 1],
    ['cron(0 4 ? * MON *)', 7],
    ['cron(0 4 ? * 2 *)', 7],
    ['cron(0 4 1 * ? *)', 31],
    ['cron(0 4 L * ? *)', 31],
    ['cron(0 4 1 1,4,7,10 ? *)', 92],
    ['cron(0 4 1 */3 ? *)', 92],
    ['cron(0 4 1 JAN,JUL ? *)', 184],
    ['cron(0 4 1 NOV-FEB ? *)', 274],
    ['cron(0 4 ? * 6L *)', 35],
    ['cron(0 4 ? * MON#1 *)', 35],
    ['cron(0 4 15W * ? *)', 32],
    ['cron(0 4 31 * ? *)', 61],
    ['cron(0 4 29 2 ? *)', 1461],
  ])('%s → %s days', (expression, days) => {
    expect(longestInterval(expression)).toBe(days);
  });

  it('a day that never comes (30 February) → never runs', () => {
    expect(longestInterval('cron(0 4 30 2 ? *)')).toBeUndefined();
  });

  it.each(['rate(0 days)', 'every month', 'cron(0 4 1 * ?)', 'cron(0 4 1 * ? 2025)', 'cron(0 4 1 FOO ? *)'])('%s → unknown', (expression) => {
    expect(isUnknown(longestInterval(expression))).toBe(true);
  });
});
