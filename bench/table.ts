/**
 * The bench's report: a Markdown table of the figures and the targets, as the README shows it.
 */
import type { Variant } from './job';
import { pct, PulumiFigures, SizeFigures, TargetResult, VariantFigures } from './stats';

const NAMES: Readonly<Record<Variant, string>> = {
  'synth-bare': 'bare synth',
  'synth-empty': 'synth + an empty plugin',
  'synth-policy': 'synth + SecurityPolicyChecks',
  'synth-nag': 'synth + AwsSolutionsChecks',
  cli: 'compliance-check cdk.out',
  'pulumi-bare': 'mocked program',
  'pulumi-checks': 'mocked program + checkResources',
};

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/**
 * The report of one run: a row per size and variant (median time, time added to the baseline
 * and its share, time inside the checks, peak memory, findings), then the targets.
 *
 * @example
 * console.log(renderTable([small, large], pulumi, judgeTargets([small, large], pulumi)));
 */
export function renderTable(sizes: readonly SizeFigures[], pulumi: PulumiFigures | undefined, targets: readonly TargetResult[]): string {
  const rows: string[][] = [];
  const row = (resources: number, variant: Variant, f: VariantFigures | undefined, added: string, share: string, inside: string): void => {
    if (!f) return;
    rows.push([String(resources), NAMES[variant], seconds(f.ms), added, share, inside, seconds(f.cpuMs), `${f.maxRssMb.toFixed(0)} MB`, f.findings !== undefined ? String(f.findings) : '']);
  };
  for (const s of sizes) {
    const v = s.variants;
    const bare = v['synth-bare']?.ms ?? Number.NaN;
    row(s.resources, 'synth-bare', v['synth-bare'], '', '', '');
    if (s.emptyAddedMs !== undefined && s.emptyAddedRatio !== undefined) {
      row(s.resources, 'synth-empty', v['synth-empty'], seconds(s.emptyAddedMs), pct(s.emptyAddedRatio), seconds(v['synth-empty']?.phases.plugin ?? Number.NaN));
    }
    row(s.resources, 'synth-policy', v['synth-policy'], seconds(s.policyAddedMs), pct(s.policyAddedRatio), seconds(v['synth-policy']?.phases.plugin ?? Number.NaN));
    row(s.resources, 'synth-nag', v['synth-nag'], seconds(s.nagAddedMs), pct(s.nagAddedRatio), seconds(v['synth-nag']?.phases.plugin ?? Number.NaN));
    row(s.resources, 'cli', v.cli, '', `${((v.cli?.ms ?? Number.NaN) / bare).toFixed(2)}× bare`, seconds(v.cli?.phases.check ?? Number.NaN));
  }
  if (pulumi) {
    const v = pulumi.variants;
    row(pulumi.resources, 'pulumi-bare', v['pulumi-bare'], '', '', '');
    row(pulumi.resources, 'pulumi-checks', v['pulumi-checks'], seconds(pulumi.checksAddedMs), pct(pulumi.checksAddedRatio), seconds(v['pulumi-checks']?.phases.check ?? Number.NaN));
  }
  const header = ['resources', 'variant', 'median time', 'added', 'added / bare', 'in checks', 'CPU time', 'peak memory', 'findings'];
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  const cpu = sizes.map(
    (s) =>
      `- ${s.resources} resources, over CPU time: SecurityPolicyChecks adds ${pct(s.cpu.policyAddedRatio)}, AwsSolutionsChecks ${pct(s.cpu.nagAddedRatio)} ` +
      `(ours ${s.cpu.policyOverNag.toFixed(2)}× theirs); compliance-check ${s.cpu.cliOverBare.toFixed(2)}× bare synth`,
  );
  const own = sizes
    .filter((s) => s.emptyAddedMs !== undefined)
    .map((s) => {
      const beyond = (addedMs: number): string => pct((addedMs - (s.emptyAddedMs ?? 0)) / (s.variants['synth-bare']?.ms ?? Number.NaN));
      return (
        `- ${s.resources} resources: CDK's own work for any plugin adds ${pct(s.emptyAddedRatio ?? Number.NaN)}; ` +
        `beyond it, SecurityPolicyChecks adds ${beyond(s.policyAddedMs)} and AwsSolutionsChecks ${beyond(s.nagAddedMs)}`
      );
    });
  const judged = targets.map((t) => `- ${t.met ? 'met' : 'MISSED'}: ${t.name}: ${t.value.toFixed(3)} (limit ${t.limit.toFixed(2)})`);
  return [...lines, '', 'The same over CPU time (less disturbed by other processes):', ...cpu, ...(own.length > 0 ? ['', 'What the plugins add beyond what CDK spends on any plugin (an empty one):', ...own] : []), '', 'Targets (elapsed time):', ...judged].join('\n');
}
