/**
 * Reading how busy the machine was (CPU steal) from /proc/stat texts.
 */
import { parseProcStat, stealShare } from '../../bench/machine';

describe('parseProcStat', () => {
  it('sums the eight states of the aggregate cpu line and reads steal (guest time is not counted twice)', () => {
    expect(parseProcStat('cpu  100 0 50 800 10 0 0 40 7 0\ncpu0 50 0 25 400 5 0 0 20 0 0\n')).toEqual({ total: 1000, steal: 40 });
  });

  it.each<[string, string]>([
    ['no cpu line', 'intr 1 2 3\n'],
    ['a line too short (an old kernel without steal)', 'cpu 1 2 3 4\n'],
    ['a field that is no number', 'cpu  1 2 3 4 5 6 7 x\n'],
  ])('%s → undefined', (_name, text) => {
    expect(parseProcStat(text)).toBeUndefined();
  });
});

describe('stealShare', () => {
  it('is the stolen share of the time between two readings', () => {
    expect(stealShare({ total: 1000, steal: 40 }, { total: 2000, steal: 540 })).toBe(0.5);
  });

  it('is undefined without both readings or without time passing', () => {
    expect(stealShare(undefined, { total: 1, steal: 0 })).toBeUndefined();
    expect(stealShare({ total: 5, steal: 0 }, { total: 5, steal: 0 })).toBeUndefined();
  });
});
