/**
 * One measurement, in a process of its own (so its peak memory is its own and no run shares
 * a cache with another): `node bench/dist/bench/child.js '<Job JSON>'`. It writes a `Sample`
 * as JSON to `job.result` and exits 0; anything else is a failed run.
 *
 * Times are read from the process's own clock (`performance.now()`, which starts with the
 * process), so they include loading the modules a variant needs, as `cdk synth` pays them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport } from 'aws-cdk-lib';
import type { Job, Sample } from './job';

/** The context `cdk synth` passes to an app (path metadata on, as the CLI's default). */
const CLI_CONTEXT = {
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  'aws:cdk:version-reporting': false,
};

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as Job;
  // aws-cdk-lib's own CloudFormation validation is off in every variant (it is not what is compared).
  process.env.CDK_VALIDATION = 'false';
  // As under `cdk synth`: a failed validation prints its report and sets the exit code.
  process.env.CDK_APP_MODE = 'process';
  let sample: Sample;
  switch (job.variant) {
    case 'synth-bare':
    case 'synth-empty':
    case 'synth-policy':
    case 'synth-nag':
      sample = await synth(job);
      break;
    case 'cli':
      sample = await cli(job);
      break;
    case 'pulumi-bare':
    case 'pulumi-checks':
      sample = await pulumiRun(job);
      break;
  }
  writeFileSync(job.result, JSON.stringify(sample));
  process.exitCode = 0;
}

function finish(job: Job, fields: Omit<Sample, 'variant' | 'ms' | 'cpuMs' | 'maxRssKb'>): Sample {
  const usage = process.resourceUsage();
  return { variant: job.variant, ms: performance.now(), cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKb: usage.maxRSS, ...fields };
}

/** Times the `validate` of a validation plugin (its own share of the synthesis) and counts what it reports. */
function timed<T extends IPolicyValidationPlugin>(plugin: T, into: { ms: number; cpuMs: number; violations: number }): T {
  const validate = plugin.validate.bind(plugin);
  plugin.validate = (context: IPolicyValidationContext): PolicyValidationPluginReport => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    try {
      const report = validate(context);
      into.violations += report.violations.reduce((n, v) => n + v.violatingResources.length, 0);
      return report;
    } finally {
      const used = process.cpuUsage(cpu);
      into.ms += performance.now() - start;
      into.cpuMs += (used.user + used.system) / 1000;
    }
  };
  return plugin;
}

async function synth(job: Job): Promise<Sample> {
  const cdk = await import('aws-cdk-lib');
  const { generateCdkApp } = await import('./cdk-app');
  mkdirSync(job.outdir as string, { recursive: true });
  const app = new cdk.App({ outdir: job.outdir, builtinCloudFormationValidation: false, context: CLI_CONTEXT });
  const plugin = { ms: 0, cpuMs: 0, violations: 0 };
  let checked: Sample['checked'];
  let policy: import('../cdk/checks/pack').SecurityPolicyChecks | undefined;
  if (job.variant === 'synth-policy') {
    const { SecurityPolicyChecks } = await import('../cdk/checks/pack');
    policy = timed(new SecurityPolicyChecks(app), plugin);
    cdk.Validations.of(app).addPlugins(policy);
  } else if (job.variant === 'synth-empty') {
    cdk.Validations.of(app).addPlugins(timed({ name: 'empty', validate: () => ({ success: true, violations: [] }) }, plugin));
  } else if (job.variant === 'synth-nag') {
    const { AwsSolutionsChecks } = await import('cdk-nag');
    cdk.Validations.of(app).addPlugins(timed(new AwsSolutionsChecks(app), plugin));
  }
  const generated = generateCdkApp(app, { resources: job.resources, seed: job.seed });
  const constructed = performance.now();
  app.synth();
  const synthMs = performance.now() - constructed;
  if (policy) {
    const evaluation = policy.lastEvaluation;
    if (!evaluation) throw new Error('SecurityPolicyChecks did not run');
    checked = { resources: evaluation.resourcesChecked, findings: plugin.violations, requirements: policy.ruleIds.length };
  } else if (job.variant === 'synth-nag') {
    checked = { resources: generated.resources, findings: plugin.violations };
  }
  return finish(job, {
    resources: generated.resources,
    phases: { construct: constructed, synth: synthMs, ...(job.variant !== 'synth-bare' ? { plugin: plugin.ms, pluginCpu: plugin.cpuMs } : {}) },
    ...(checked ? { checked } : {}),
  });
}

async function cli(job: Job): Promise<Sample> {
  const { runCli } = await import('../constructs/cli');
  const loaded = performance.now();
  const output = join(job.outdir as string, 'compliance-check.json');
  mkdirSync(job.outdir as string, { recursive: true });
  const code = runCli([job.assembly as string, '--format', 'json', '--output', output, '--fail-on', 'none'], {
    stdout: () => undefined,
    stderr: (t) => process.stderr.write(t),
  });
  if (code !== 0) throw new Error(`compliance-check exited ${code}`);
  const report = JSON.parse(readFileSync(output, 'utf8')) as { findings: unknown[]; summary: { resourcesChecked?: number } };
  return finish(job, {
    resources: report.summary.resourcesChecked ?? job.resources,
    phases: { load: loaded, check: performance.now() - loaded },
    checked: { resources: report.summary.resourcesChecked ?? -1, findings: report.findings.length },
  });
}

async function pulumiRun(job: Job): Promise<Sample> {
  const { recordResources } = await import('../pulumi/mocks');
  const { generatePulumiProgram } = await import('./pulumi-program');
  const generated = generatePulumiProgram({ resources: job.resources, seed: job.seed });
  const recorded = await recordResources(generated.program);
  const ran = performance.now();
  let checked: Sample['checked'];
  if (job.variant === 'pulumi-checks') {
    const { checkResources } = await import('../pulumi/records');
    checked = { resources: recorded.length, findings: checkResources(recorded).length };
  }
  return finish(job, {
    resources: recorded.length,
    phases: { program: ran, ...(checked ? { check: performance.now() - ran } : {}) },
    ...(checked ? { checked } : {}),
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 3;
});
