/**
 * From samples to the figures the bench reports: medians, the time a variant adds to its
 * baseline, and the target ratios it must meet. Pure, so it is unit-tested without timings.
 */
import type { Sample, Variant } from './job';

/**
 * The median of a non-empty list (the mean of the middle two for an even count).
 *
 * @example
 * median([3, 1, 2]) // 2
 * median([4, 1, 3, 2]) // 2.5
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The time a variant adds to its baseline: the median of the differences of runs made in the
 * same round (the variants alternate, so a round's runs share the machine's load of the moment),
 * and never less than the median time measured inside the added work (`floor`, such as the
 * plugin's `validate`): that work runs on the synthesis' path, so a difference below it is noise.
 *
 * @example
 * addedTime([10, 11, 30], [12, 12, 33]) // 2, the median of 2, 1 and 3
 * addedTime([10, 11, 30], [12, 12, 33], [3, 3, 3]) // 3, the time inside the added work
 */
export function addedTime(baseline: readonly number[], variant: readonly number[], floor: readonly number[] = []): number {
  if (baseline.length !== variant.length) throw new Error(`rounds differ: ${baseline.length} baseline runs, ${variant.length} variant runs`);
  const paired = median(variant.map((v, i) => v - baseline[i]));
  return floor.length > 0 ? Math.max(paired, median(floor)) : paired;
}

/**
 * The figures of one app size, each over the rounds of the run.
 *
 * @example
 * const s: SizeFigures = summarizeSize(3010, samplesOf3k);
 */
export interface SizeFigures {
  /** Resources of the generated app. */
  readonly resources: number;
  /** Median process time and peak memory of each variant. */
  readonly variants: Readonly<Partial<Record<Variant, VariantFigures>>>;
  /** Time `SecurityPolicyChecks` adds to a bare synth (paired median), and that as a share of the bare synth. */
  readonly policyAddedMs: number;
  readonly policyAddedRatio: number;
  /** The same for cdk-nag's `AwsSolutionsChecks`. */
  readonly nagAddedMs: number;
  readonly nagAddedRatio: number;
  /** Our added time over cdk-nag's. */
  readonly policyOverNag: number;
  /**
   * What CDK itself adds for any validation plugin (a plugin that checks nothing), paid by both
   * packs, and that as a share of the bare synth; absent without `synth-empty` runs.
   */
  readonly emptyAddedMs?: number;
  readonly emptyAddedRatio?: number;
  /** `compliance-check` over the cloud assembly, as a share of the bare synth. */
  readonly cliOverBare: number;
  /** The same ratios over CPU time (less sensitive to other processes on the machine than elapsed time). */
  readonly cpu: {
    readonly policyAddedRatio: number;
    readonly nagAddedRatio: number;
    readonly policyOverNag: number;
    readonly cliOverBare: number;
  };
}

/**
 * Median time (process start to end of work), median time inside named phases, median peak
 * memory, of one variant.
 *
 * @example
 * const f: VariantFigures = { ms: 11800, cpuMs: 14100, maxRssMb: 1450, phases: { synth: 6300 }, runs: 5 };
 */
export interface VariantFigures {
  readonly ms: number;
  readonly cpuMs: number;
  readonly maxRssMb: number;
  readonly phases: Readonly<Record<string, number>>;
  readonly runs: number;
  readonly findings?: number;
}

/**
 * The figures of one variant's samples.
 *
 * @example
 * variantFigures(samples.filter((s) => s.variant === 'cli')).ms
 */
export function variantFigures(samples: readonly Sample[]): VariantFigures {
  const phases: Record<string, number> = {};
  for (const name of new Set(samples.flatMap((s) => Object.keys(s.phases)))) {
    phases[name] = median(samples.map((s) => s.phases[name] ?? 0));
  }
  const findings = samples.find((s) => s.checked)?.checked?.findings;
  return {
    ms: median(samples.map((s) => s.ms)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    maxRssMb: median(samples.map((s) => s.maxRssKb / 1024)),
    phases,
    runs: samples.length,
    ...(findings !== undefined ? { findings } : {}),
  };
}

/** The time of one phase (inside the plugin, inside the checks) of one variant's samples, in round order. */
function phaseTimes(samples: readonly Sample[], variant: Variant, phase: string): number[] {
  return samples.filter((s) => s.variant === variant && s.phases[phase] !== undefined).map((s) => s.phases[phase]);
}

/** The times (elapsed, or CPU) of one variant's samples, in round order. */
function times(samples: readonly Sample[], variant: Variant, clock: 'ms' | 'cpuMs' = 'ms'): number[] {
  return samples.filter((s) => s.variant === variant).map((s) => s[clock]);
}

/**
 * The figures of one CDK app size from its samples (every variant once per round, in round order).
 *
 * @example
 * summarizeSize(12010, samples).policyAddedRatio // 0.06
 */
export function summarizeSize(resources: number, samples: readonly Sample[]): SizeFigures {
  const variants: Partial<Record<Variant, VariantFigures>> = {};
  for (const v of ['synth-bare', 'synth-empty', 'synth-policy', 'synth-nag', 'cli'] as const) {
    const of = samples.filter((s) => s.variant === v);
    if (of.length > 0) variants[v] = variantFigures(of);
  }
  const ratios = (clock: 'ms' | 'cpuMs'): { policyAdded: number; nagAdded: number; bare: number; cliOverBare: number } => {
    const bare = times(samples, 'synth-bare', clock);
    const inside = clock === 'ms' ? 'plugin' : 'pluginCpu';
    return {
      policyAdded: addedTime(bare, times(samples, 'synth-policy', clock), phaseTimes(samples, 'synth-policy', inside)),
      nagAdded: addedTime(bare, times(samples, 'synth-nag', clock), phaseTimes(samples, 'synth-nag', inside)),
      bare: median(bare),
      cliOverBare: median(times(samples, 'cli', clock)) / median(bare),
    };
  };
  const overNag = (policy: number, nag: number): number => (nag > 0 ? policy / nag : Number.POSITIVE_INFINITY);
  const wall = ratios('ms');
  const cpu = ratios('cpuMs');
  const bare = times(samples, 'synth-bare');
  const empty = times(samples, 'synth-empty');
  const emptyAdded = empty.length > 0 ? addedTime(bare, empty) : undefined;
  return {
    resources,
    variants,
    ...(emptyAdded !== undefined ? { emptyAddedMs: emptyAdded, emptyAddedRatio: emptyAdded / wall.bare } : {}),
    policyAddedMs: wall.policyAdded,
    policyAddedRatio: wall.policyAdded / wall.bare,
    nagAddedMs: wall.nagAdded,
    nagAddedRatio: wall.nagAdded / wall.bare,
    policyOverNag: overNag(wall.policyAdded, wall.nagAdded),
    cliOverBare: wall.cliOverBare,
    cpu: {
      policyAddedRatio: cpu.policyAdded / cpu.bare,
      nagAddedRatio: cpu.nagAdded / cpu.bare,
      policyOverNag: overNag(cpu.policyAdded, cpu.nagAdded),
      cliOverBare: cpu.cliOverBare,
    },
  };
}

/**
 * The Pulumi figures: the mocked program with and without `checkResources`.
 *
 * @example
 * summarizePulumi(10000, samples).checksAddedRatio // 0.01
 */
export interface PulumiFigures {
  readonly resources: number;
  readonly variants: Readonly<Partial<Record<Variant, VariantFigures>>>;
  readonly checksAddedMs: number;
  readonly checksAddedRatio: number;
}

/**
 * The figures of the Pulumi program from its samples.
 *
 * @example
 * summarizePulumi(10000, samples).variants['pulumi-checks']?.ms
 */
export function summarizePulumi(resources: number, samples: readonly Sample[]): PulumiFigures {
  const bare = times(samples, 'pulumi-bare');
  const added = addedTime(bare, times(samples, 'pulumi-checks'), phaseTimes(samples, 'pulumi-checks', 'check'));
  return {
    resources,
    variants: {
      'pulumi-bare': variantFigures(samples.filter((s) => s.variant === 'pulumi-bare')),
      'pulumi-checks': variantFigures(samples.filter((s) => s.variant === 'pulumi-checks')),
    },
    checksAddedMs: added,
    checksAddedRatio: added / median(bare),
  };
}

/**
 * One target of the issue, judged on the figures of one run.
 *
 * @example
 * const t: TargetResult = { name: 'policy adds at most 10% to bare synth (12010 resources)', value: 0.06, limit: 0.1, met: true };
 */
export interface TargetResult {
  readonly name: string;
  readonly value: number;
  readonly limit: number;
  readonly met: boolean;
}

/** The limits of the targets. */
export const LIMITS = {
  /** Our pack adds at most this share to a bare synth of the large app. */
  policyAdded: 0.1,
  /** Our added time over `AwsSolutionsChecks`' added time. */
  policyOverNag: 0.5,
  /** `compliance-check` over the cloud assembly, as a share of the bare synth. */
  cliOverBare: 0.3,
  /** Growth of the check time from the small app to the large one, over the growth of the resources (linear is 1; 4.4 for 4× the resources is 1.1). */
  growth: 1.1,
  /** Pulumi checks add at most this share to the mocked program's run. */
  pulumiAdded: 0.1,
} as const;

/**
 * Judges the targets on one run's figures: the share our pack adds, against cdk-nag, the CLI
 * against a bare synth (all at the largest size), how the check time grows from the smallest
 * size to the largest, and what the Pulumi checks add.
 *
 * The growth target compares the time spent inside the checks (the plugin's `validate`, the
 * CLI's run after loading), which a fixed start-up cost does not flatter.
 *
 * @example
 * judgeTargets([small, large], pulumi).filter((t) => !t.met) // [] when every target is met
 */
export function judgeTargets(sizes: readonly SizeFigures[], pulumi?: PulumiFigures): TargetResult[] {
  const out: TargetResult[] = [];
  const target = (name: string, value: number, limit: number): void => {
    out.push({ name, value, limit, met: Number.isFinite(value) && value <= limit });
  };
  if (sizes.length > 0) {
    const sorted = [...sizes].sort((a, b) => a.resources - b.resources);
    const large = sorted[sorted.length - 1];
    const at = ` (${large.resources} resources)`;
    target(`SecurityPolicyChecks adds at most ${pct(LIMITS.policyAdded)} to bare synth${at}`, large.policyAddedRatio, LIMITS.policyAdded);
    target(`its added time is at most ${LIMITS.policyOverNag}× AwsSolutionsChecks' added time${at}`, large.policyOverNag, LIMITS.policyOverNag);
    target(`compliance-check takes at most ${LIMITS.cliOverBare}× bare synth${at}`, large.cliOverBare, LIMITS.cliOverBare);
    if (sorted.length > 1) {
      const small = sorted[0];
      const resourceGrowth = large.resources / small.resources;
      const limit = LIMITS.growth * resourceGrowth;
      const growthOf = (figures: SizeFigures, variant: Variant, phase: string): number => figures.variants[variant]?.phases[phase] ?? Number.NaN;
      const span = `${small.resources} → ${large.resources} resources`;
      target(`SecurityPolicyChecks time grows at most ${limit.toFixed(2)}× (${span})`, growthOf(large, 'synth-policy', 'plugin') / growthOf(small, 'synth-policy', 'plugin'), limit);
      target(`compliance-check time grows at most ${limit.toFixed(2)}× (${span})`, growthOf(large, 'cli', 'check') / growthOf(small, 'cli', 'check'), limit);
    }
  }
  if (pulumi) target(`checkResources adds at most ${pct(LIMITS.pulumiAdded)} to the mocked program (${pulumi.resources} resources)`, pulumi.checksAddedRatio, LIMITS.pulumiAdded);
  return out;
}

/**
 * A ratio as a percentage.
 *
 * @example
 * pct(0.062) // '6.2%'
 */
export function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}
