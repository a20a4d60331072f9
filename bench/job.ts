/**
 * What the bench runner asks of a child process, and what the child answers.
 */

/**
 * The variants measured:
 * - `synth-bare`: the generated CDK app synthesized with no validation plugin;
 * - `synth-empty`: the same with a validation plugin that checks nothing (what CDK itself spends
 *   on any plugin: it indexes the construct tree and writes a validation report);
 * - `synth-policy`: the same with `SecurityPolicyChecks` registered;
 * - `synth-nag`: the same with cdk-nag's `AwsSolutionsChecks` registered;
 * - `cli`: `compliance-check` over the cloud assembly `synth-bare` wrote;
 * - `pulumi-bare`: the generated Pulumi program run under mocks;
 * - `pulumi-checks`: the same, then `checkResources` over what it declared.
 *
 * @example
 * const v: Variant = 'synth-policy';
 */
export type Variant = 'synth-bare' | 'synth-empty' | 'synth-policy' | 'synth-nag' | 'cli' | 'pulumi-bare' | 'pulumi-checks';

/**
 * One run of one variant.
 *
 * @example
 * const job: Job = { variant: 'synth-bare', resources: 3000, seed: 1, outdir: '/tmp/bench/a', result: '/tmp/bench/a.json' };
 */
export interface Job {
  readonly variant: Variant;
  /** About how many resources the generated app or program has. */
  readonly resources: number;
  readonly seed: number;
  /** Where the run writes (the cloud assembly of a synth, the report of the CLI). */
  readonly outdir?: string;
  /** The cloud assembly the CLI reads. */
  readonly assembly?: string;
  /** Where the child writes its `Sample`. */
  readonly result: string;
}

/**
 * What one run measured.
 *
 * @example
 * const s: Sample = { variant: 'cli', ms: 1450, cpuMs: 1900, maxRssKb: 310000, resources: 12010, phases: { load: 200, check: 1250 } };
 */
export interface Sample {
  readonly variant: Variant;
  /** Milliseconds from the start of the process to the end of the work (module loading included). */
  readonly ms: number;
  /** CPU time of the process (user and system, all its threads), in milliseconds. */
  readonly cpuMs: number;
  /** Peak resident memory of the process, in KiB (`process.resourceUsage().maxRSS`). */
  readonly maxRssKb: number;
  /** Resources the app or program had. */
  readonly resources: number;
  /** Milliseconds of named parts of the run (`plugin`: inside the validation plugin's `validate`). */
  readonly phases: Readonly<Record<string, number>>;
  /** What the checks covered, for the variants that run them. */
  readonly checked?: {
    readonly resources: number;
    /** Findings (for a plugin: the resources its violations name, as CDK reports them). */
    readonly findings: number;
    /** Requirements the pack judges (from its rule ids). */
    readonly requirements?: number;
  };
}
