/**
 * `npm run bench`: the cost of the checks, measured against bare synthesis and against cdk-nag
 * on generated apps of two sizes, and against a mocked Pulumi program, in one run.
 *
 * Each run of each variant is a fresh `node` process on the compiled JavaScript (built once by
 * `tsc -p bench/tsconfig.json`), so loading costs are equal, peak memory is the variant's own,
 * and no run reuses another's caches. The variants alternate (ABCD ABCD ...) and each figure is
 * a median over the rounds; the time a variant adds is the median of its differences to the
 * baseline run of the same round, and at least the median time inside the added work (the
 * plugin's `validate`, `checkResources`). Exits 1 when a target ratio is missed, 2 when a run fails.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job, Sample, Variant } from './job';
import { cpuCounters, stealShare } from './machine';
import { BenchOptions, parseOptions, USAGE } from './options';
import { judgeTargets, PulumiFigures, SizeFigures, summarizePulumi, summarizeSize } from './stats';
import { renderTable } from './table';

const CDK_VARIANTS: readonly Variant[] = ['synth-bare', 'synth-empty', 'synth-policy', 'synth-nag', 'cli'];
const PULUMI_VARIANTS: readonly Variant[] = ['pulumi-bare', 'pulumi-checks'];
/** Pulumi keeps a stack trace per promise: a mocked program of 10,000 resources holds about 4 GB. */
const PULUMI_HEAP_MB = 8192;

class RunFailed extends Error {}

/** Runs one job in a fresh process and returns its sample; its output goes to `log`. */
function runJob(job: Job, log: string): Sample {
  rmSync(job.result, { force: true });
  if (job.outdir !== undefined && job.variant !== 'cli') rmSync(job.outdir, { recursive: true, force: true });
  const fd = openSync(log, 'w');
  const heap = job.variant.startsWith('pulumi') ? [`--max-old-space-size=${PULUMI_HEAP_MB}`] : [];
  try {
    const child = spawnSync(process.execPath, [...heap, join(__dirname, 'child.js'), JSON.stringify(job)], { stdio: ['ignore', fd, fd] });
    if (child.status !== 0 || !existsSync(job.result)) {
      const tail = readFileSync(log, 'utf8').slice(-2000);
      throw new RunFailed(`${job.variant} (${job.resources} resources) failed with ${child.status ?? child.signal}:\n${tail}`);
    }
  } finally {
    closeSync(fd);
  }
  return JSON.parse(readFileSync(job.result, 'utf8')) as Sample;
}

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

function main(argv: readonly string[]): number {
  let parsed: BenchOptions | undefined;
  try {
    parsed = parseOptions(argv, join(__dirname, '..', '..', '..', 'bench', 'results.json'));
  } catch (e: unknown) {
    progress(e instanceof Error ? e.message : String(e));
    return 2;
  }
  if (!parsed) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const opts = parsed;
  const work = mkdtempSync(join(tmpdir(), 'compliance-bench-'));
  const log = join(work, 'child.log');
  const started = Date.now();
  const load = loadavg();
  const counters = cpuCounters();
  try {
    const job = (variant: Variant, resources: number, name: string): Job => ({
      variant,
      resources,
      seed: opts.seed,
      outdir: join(work, `${name}-${variant}`),
      assembly: join(work, `${name}-assembly`),
      result: join(work, 'sample.json'),
    });
    // The cloud assembly the CLI reads, written once per size (this also warms the file cache).
    const actual = new Map<number, number>();
    for (const size of opts.sizes) {
      const warm = runJob({ ...job('synth-bare', size, String(size)), outdir: join(work, `${size}-assembly`) }, log);
      actual.set(size, warm.resources);
      progress(`warm-up: ${warm.resources} resources synthesized in ${(warm.ms / 1000).toFixed(1)} s`);
    }
    if (opts.pulumi > 0) runJob(job('pulumi-bare', 200, 'warm'), log);

    const samples = new Map<string, Sample[]>();
    const record = (key: string, s: Sample): void => {
      samples.set(key, [...(samples.get(key) ?? []), s]);
    };
    for (let round = 1; round <= opts.runs; round++) {
      for (const size of opts.sizes) {
        for (const variant of CDK_VARIANTS) {
          const s = runJob(job(variant, size, String(size)), log);
          record(String(size), s);
          progress(`round ${round}/${opts.runs}: ${s.resources} resources, ${variant}: ${(s.ms / 1000).toFixed(2)} s, ${(s.maxRssKb / 1024).toFixed(0)} MB`);
        }
      }
      if (opts.pulumi > 0) {
        for (const variant of PULUMI_VARIANTS) {
          const s = runJob(job(variant, opts.pulumi, 'pulumi'), log);
          record('pulumi', s);
          progress(`round ${round}/${opts.runs}: Pulumi ${s.resources} resources, ${variant}: ${(s.ms / 1000).toFixed(2)} s, ${(s.maxRssKb / 1024).toFixed(0)} MB`);
        }
      }
    }

    const sizes: SizeFigures[] = opts.sizes.map((size) => summarizeSize(actual.get(size) ?? size, samples.get(String(size)) ?? []));
    const pulumi: PulumiFigures | undefined = opts.pulumi > 0 ? summarizePulumi(samples.get('pulumi')?.[0]?.resources ?? opts.pulumi, samples.get('pulumi') ?? []) : undefined;
    const targets = judgeTargets(sizes, pulumi);
    const steal = stealShare(counters, cpuCounters());
    const table = renderTable(sizes, pulumi, targets);
    const results = {
      date: new Date(started).toISOString(),
      minutes: Number(((Date.now() - started) / 60000).toFixed(1)),
      machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, loadAverageAtStart: load.map((l) => Number(l.toFixed(2))), ...(steal !== undefined ? { cpuStealShare: Number(steal.toFixed(3)) } : {}) },
      options: { runs: opts.runs, sizes: opts.sizes, pulumi: opts.pulumi, seed: opts.seed, quick: opts.quick },
      sizes,
      ...(pulumi ? { pulumi } : {}),
      targets,
      samples: Object.fromEntries(samples),
      table,
    };
    writeFileSync(opts.output, `${JSON.stringify(results, null, 2)}\n`);
    const stolen = steal !== undefined ? `; the hypervisor took ${(steal * 100).toFixed(0)}% of the machine's CPU time during the run (steal)` : '';
    process.stdout.write(`${table}\n\n${opts.runs} rounds in ${results.minutes} min${stolen}; results in ${opts.output}\n`);
    return targets.every((t) => t.met) ? 0 : 1;
  } catch (e: unknown) {
    progress(e instanceof RunFailed ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e));
    return 2;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));
