/**
 * The options of `npm run bench`, parsed with Node's `util.parseArgs` (strict: unknown flags are errors).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * The help text.
 *
 * @example
 * process.stdout.write(`${USAGE}\n`);
 */
export const USAGE = `Usage: npm run bench -- [options]

Options:
  --quick              a smoke run: apps of about 600 and 2,400 resources, a program of 1,000, 3 rounds
  --runs N             rounds (every variant once per round; default 5, at least 3)
  --sizes A,B          CDK app sizes in resources (default 3000,12000)
  --pulumi N           Pulumi program size in resources, 0 to skip (default 10000)
  --seed N             generator seed (default 1)
  --output FILE        where to write the results (default bench/results.json)
  --help               print this help

Exit status: 0 every target met; 1 a target missed; 2 a run failed or bad options.`;

/**
 * What a bench run measures.
 *
 * @example
 * const o: BenchOptions = { runs: 5, sizes: [3000, 12000], pulumi: 10000, seed: 1, output: 'bench/results.json', quick: false };
 */
export interface BenchOptions {
  /** Rounds: every variant runs once per round. */
  readonly runs: number;
  /** CDK app sizes, in resources. */
  readonly sizes: readonly number[];
  /** Pulumi program size in resources; 0 skips the Pulumi variants. */
  readonly pulumi: number;
  readonly seed: number;
  /** Where the results are written (absolute). */
  readonly output: string;
  readonly quick: boolean;
}

/**
 * Parses the command line, or returns undefined for `--help`.
 *
 * @param defaultOutput where results go without `--output`
 * @throws Error for an unknown flag or a value that is not an integer in range
 *
 * @example
 * parseOptions(['--quick'], 'bench/results.json') // { runs: 3, sizes: [600, 2400], pulumi: 1000, ... }
 */
export function parseOptions(argv: readonly string[], defaultOutput: string): BenchOptions | undefined {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      sizes: { type: 'string' },
      pulumi: { type: 'string' },
      seed: { type: 'string', default: '1' },
      output: { type: 'string', default: defaultOutput },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  const quick = values.quick === true;
  const int = (name: string, text: string | undefined, fallback: number, min: number): number => {
    const n = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer of at least ${min}, not '${text}'`);
    return n;
  };
  const sizes = (values.sizes ?? (quick ? '600,2400' : '3000,12000')).split(',').map((s) => int('sizes', s.trim(), 0, 50));
  return {
    quick,
    runs: int('runs', values.runs, quick ? 3 : 5, 3),
    sizes,
    pulumi: int('pulumi', values.pulumi, quick ? 1000 : 10000, 0),
    seed: int('seed', values.seed, 1, 0),
    output: resolve(values.output as string),
  };
}
