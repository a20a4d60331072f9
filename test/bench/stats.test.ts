/**
 * The bench's arithmetic and its report, on made-up samples (no timings are measured here).
 */
import type { Sample, Variant } from '../../bench/job';
import { parseOptions } from '../../bench/options';
import { addedTime, judgeTargets, LIMITS, median, pct, summarizePulumi, summarizeSize } from '../../bench/stats';
import { renderTable } from '../../bench/table';

/** A sample of `variant` taking `ms` (and as much CPU time). */
function sample(variant: Variant, ms: number, phases: Record<string, number> = {}, resources = 1000): Sample {
  return { variant, ms, cpuMs: ms, maxRssKb: 1024 * 100, resources, phases };
}

/** Rounds of the four CDK variants: bare, ours, cdk-nag, the CLI, with the time inside the checks. */
function rounds(times: ReadonlyArray<[number, number, number, number]>, plugin = 40, check = 100): Sample[] {
  return times.flatMap(([bare, policy, nag, cli]) => [
    sample('synth-bare', bare),
    sample('synth-policy', policy, { plugin }),
    sample('synth-nag', nag, { plugin: 3 * plugin }),
    sample('cli', cli, { check }),
  ]);
}

describe('median', () => {
  it.each<[string, number[], number]>([
    ['odd count → the middle value', [3, 1, 2], 2],
    ['even count → the mean of the middle two', [4, 1, 3, 2], 2.5],
    ['one value → itself', [7], 7],
  ])('%s', (_name, values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('no values → error', () => {
    expect(() => median([])).toThrow('median of no values');
  });
});

describe('addedTime', () => {
  it('is the median of the differences within each round', () => {
    expect(addedTime([10, 11, 30], [12, 12, 33])).toBe(2);
  });

  it('a slow round moves the medians of both, not the added time', () => {
    // Round 3 ran on a busy machine: both variants were slow.
    expect(addedTime([100, 100, 300], [105, 105, 320])).toBe(5);
  });

  it('is never less than the time measured inside the added work (a smaller difference is noise)', () => {
    expect(addedTime([10, 11, 30], [12, 12, 33], [3, 3, 4])).toBe(3);
    expect(addedTime([10, 11, 30], [15, 16, 35], [3, 3, 4])).toBe(5);
  });

  it('rounds of different counts → error', () => {
    expect(() => addedTime([1, 2], [1])).toThrow('rounds differ');
  });
});

describe('summarizeSize', () => {
  const figures = summarizeSize(12000, rounds([
    [1000, 1050, 1200, 200],
    [1010, 1070, 1190, 210],
    [2000, 2060, 2220, 400],
  ]));

  it('ratios of the added times to the bare synth', () => {
    expect(figures.policyAddedMs).toBe(60);
    expect(figures.nagAddedMs).toBe(200);
    expect(figures.policyAddedRatio).toBeCloseTo(60 / 1010);
    expect(figures.policyOverNag).toBeCloseTo(0.3);
    expect(figures.cliOverBare).toBeCloseTo(210 / 1010);
  });

  it('medians of each variant, phases included', () => {
    expect(figures.variants['synth-policy']).toMatchObject({ ms: 1070, runs: 3, phases: { plugin: 40 }, maxRssMb: 100 });
  });

  it('the same ratios over CPU time', () => {
    expect(figures.cpu.policyOverNag).toBeCloseTo(0.3);
  });

  it("without runs of an empty plugin, CDK's own share is not reported", () => {
    expect(figures.emptyAddedMs).toBeUndefined();
  });

  it("with runs of an empty plugin, CDK's own share is its paired added time", () => {
    const withEmpty = [1000, 1010, 2000].flatMap((bare, i) => [sample('synth-bare', bare), sample('synth-empty', bare + [20, 30, 40][i], { plugin: 0 })]);
    const f = summarizeSize(12000, [...rounds([[1000, 1050, 1200, 200], [1010, 1070, 1190, 210], [2000, 2060, 2220, 400]]), ...withEmpty.filter((x) => x.variant === 'synth-empty')]);
    expect(f.emptyAddedMs).toBe(30);
    expect(f.emptyAddedRatio).toBeCloseTo(30 / 1010);
  });
});

describe('judgeTargets', () => {
  const small = summarizeSize(3000, rounds([[300, 310, 350, 50], [300, 310, 350, 50], [300, 310, 350, 50]], 10, 30));
  const large = summarizeSize(12000, rounds([[1000, 1050, 1200, 200], [1000, 1050, 1200, 200], [1000, 1050, 1200, 200]], 40, 120));
  const pulumi = summarizePulumi(10000, [sample('pulumi-bare', 5000), sample('pulumi-checks', 5100, { check: 100 }), sample('pulumi-bare', 5000), sample('pulumi-checks', 5100, { check: 100 })]);

  it('every target met → all met', () => {
    const targets = judgeTargets([small, large], pulumi);
    expect(targets.map((t) => t.met)).toEqual([true, true, true, true, true, true]);
  });

  it('a difference smaller than the time inside the plugin → the time inside the plugin is what it adds', () => {
    const noisy = summarizeSize(12000, rounds([[1000, 1020, 1200, 200], [1000, 1020, 1200, 200], [1000, 1020, 1200, 200]], 110));
    expect(noisy.policyAddedMs).toBe(110);
    expect(judgeTargets([noisy])[0]).toMatchObject({ value: 0.11, met: false });
  });

  it('our pack adding 15% → the first target missed', () => {
    const slow = summarizeSize(12000, rounds([[1000, 1150, 1400, 200], [1000, 1150, 1400, 200], [1000, 1150, 1400, 200]]));
    const [added, overNag] = judgeTargets([slow]);
    expect(added).toMatchObject({ value: 0.15, limit: LIMITS.policyAdded, met: false });
    expect(overNag).toMatchObject({ value: 0.375, met: true });
  });

  it('check time growing faster than the resources → growth missed', () => {
    const quadratic = summarizeSize(12000, rounds([[1000, 1050, 1200, 200], [1000, 1050, 1200, 200], [1000, 1050, 1200, 200]], 10 * 16, 120));
    const growth = judgeTargets([small, quadratic]).find((t) => t.name.startsWith('SecurityPolicyChecks time grows'));
    // 4× the resources allows 1.1 × 4 = 4.4× the time.
    expect(growth).toMatchObject({ value: 16, limit: 4.4, met: false });
  });

  it('cdk-nag adding nothing → the comparison is missed, not divided by zero', () => {
    const noNag = summarizeSize(12000, rounds([[1000, 1050, 1000, 200], [1000, 1050, 1000, 200], [1000, 1050, 1000, 200]], 0));
    expect(judgeTargets([noNag])[1]).toMatchObject({ value: Number.POSITIVE_INFINITY, met: false });
  });
});

describe('renderTable', () => {
  it('a row per size and variant, then the targets', () => {
    const large = summarizeSize(12000, rounds([[1000, 1050, 1200, 200], [1000, 1050, 1200, 200], [1000, 1050, 1200, 200]]));
    const text = renderTable([large], undefined, judgeTargets([large]));
    expect(text).toContain('| 12000 | synth + SecurityPolicyChecks | 1.05 s | 0.05 s | 5.0% | 0.04 s | 1.05 s | 100 MB |  |');
    expect(text).toContain('- met: SecurityPolicyChecks adds at most 10.0% to bare synth (12000 resources): 0.050 (limit 0.10)');
    expect(text).not.toContain('empty plugin');
  });

  it("a row for the empty plugin, and what each pack adds beyond CDK's own work", () => {
    const samples = rounds([[1000, 1050, 1200, 200], [1000, 1050, 1200, 200], [1000, 1050, 1200, 200]]);
    const empty = [1, 2, 3].map(() => sample('synth-empty', 1020, { plugin: 0 }));
    const large = summarizeSize(12000, [...samples, ...empty]);
    const text = renderTable([large], undefined, judgeTargets([large]));
    expect(text).toContain('| 12000 | synth + an empty plugin | 1.02 s | 0.02 s | 2.0% | 0.00 s | 1.02 s | 100 MB |  |');
    expect(text).toContain("- 12000 resources: CDK's own work for any plugin adds 2.0%; beyond it, SecurityPolicyChecks adds 3.0% and AwsSolutionsChecks 18.0%");
  });
});

describe('parseOptions', () => {
  it.each<[string, string[], Record<string, unknown>]>([
    ['defaults', [], { runs: 5, sizes: [3000, 12000], pulumi: 10000, quick: false }],
    ['--quick → small sizes, 3 rounds', ['--quick'], { runs: 3, sizes: [600, 2400], pulumi: 1000, quick: true }],
    ['--sizes and --pulumi 0', ['--sizes', '1000, 4000', '--pulumi', '0', '--runs', '7'], { runs: 7, sizes: [1000, 4000], pulumi: 0 }],
  ])('%s', (_name, argv, expected) => {
    expect(parseOptions(argv, '/tmp/results.json')).toMatchObject({ ...expected, output: '/tmp/results.json' });
  });

  it.each<[string, string[], string]>([
    ['fewer than 3 rounds', ['--runs', '2'], '--runs must be an integer of at least 3'],
    ['a size that is no number', ['--sizes', '3000,lots'], "--sizes must be an integer of at least 50, not 'lots'"],
    ['an unknown flag', ['--fast'], "Unknown option '--fast'"],
  ])('%s → error', (_name, argv, message) => {
    expect(() => parseOptions(argv, 'r.json')).toThrow(message);
  });

  it('--help → undefined', () => {
    expect(parseOptions(['--help'], 'r.json')).toBeUndefined();
  });
});

describe('pct', () => {
  it('a ratio as a percentage with one decimal', () => {
    expect(pct(0.0625)).toBe('6.3%');
  });
});
