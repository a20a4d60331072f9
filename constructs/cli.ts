#!/usr/bin/env node
/**
 * `compliance-check`: checks synthesized CloudFormation (templates, cloud assemblies) against
 * the security policy and reports the findings. The one file that imports both the core and a
 * provider side.
 *
 * Arguments are parsed with Node's own `util.parseArgs` (strict: unknown flags are errors), so
 * the command needs no argument-parsing dependency.
 */
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkStackTemplates, connectivityFacts, readCloudAssembly, resourceRefsOf, StackTemplate } from '../cdk/records';
import { looksLikeTemplate, toTemplate } from '../cdk/records/template';
import { parseTemplateText } from '../cdk/records/template-file';
import { checkResources, factsOfResources, PulumiResource, pulumiDocumentKind, readPulumiDocument, resourceRef } from '../pulumi/records';
import { blocking, CommandIo, emit, EXIT, PROCESS_IO, reportError, UsageError } from './command';
export { EXIT } from './command';
import { InputError } from './errors';
import { applyExceptions, unmatchedExceptionNote, unmatchedExceptions } from './exceptions';
import { readExceptionsFile } from './exceptions-input';
import { fileProblem, readInputFile } from './input-file';
import type { Finding } from './finding';
import { REPORT_FORMATS, renderReport, ReportFormat } from './report';
import { GRAPH_FORMATS, renderMermaidGraph } from './report/graph';
import { REQUIREMENTS } from './requirements';
import { isSeverity, Severity } from './severity';
import { packageVersion } from './version';

const USAGE = `Usage: compliance-check PATH... [options]

Checks CloudFormation templates (JSON or YAML), CDK cloud assemblies (cdk.out),
Pulumi stack exports (pulumi stack export) and previews (pulumi preview --json)
against the security policy.

Options:
  --format text|json|sarif|markdown   report format (default: text)
  --output FILE                       write the report to FILE instead of standard output
  --fail-on P0|P1|P2|P3|none          exit 1 when a finding is at or above this severity (default: P1)
  --exceptions FILE                   apply the exceptions in FILE (JSON or YAML); may be repeated.
                                      Exceptions written into templates by CDK are always applied.
  --list-requirements                 list the requirements and exit
  --graph mermaid                     draw the network connectivity of PATH... instead of checking it
  --debug                             print stack traces of unexpected errors
  --version                           print the version and exit
  --help                              print this help and exit

Exit status: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage or input error.`;

/** Where the command writes; injectable for tests. */
export type CliIo = CommandIo;

/**
 * Runs the command with `argv` (without `node` and the script) and returns the exit code.
 *
 * @example
 * const code = runCli(['cdk.out', '--format', 'sarif', '--output', 'report.sarif']);
 */
export function runCli(argv: readonly string[], io: CliIo = PROCESS_IO): number {
  let debug = argv.includes('--debug');
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        'fail-on': { type: 'string', default: 'P1' },
        exceptions: { type: 'string', multiple: true, default: [] },
        'list-requirements': { type: 'boolean', default: false },
        graph: { type: 'string' },
        debug: { type: 'boolean', default: false },
        version: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    debug = values.debug === true;
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT.ok;
    }
    if (values.version) {
      io.stdout(`${packageVersion()}\n`);
      return EXIT.ok;
    }
    const format = values.format as string;
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not '${format}'`);
    }
    const failOn = values['fail-on'] as string;
    if (failOn !== 'none' && !isSeverity(failOn)) {
      throw new UsageError(`--fail-on must be P0, P1, P2, P3 or none, not '${failOn}'`);
    }
    if (values['list-requirements']) {
      emit(listRequirements(format as ReportFormat), values.output, io);
      return EXIT.ok;
    }
    if (positionals.length === 0) throw new UsageError('no PATH given: name a template file or a cloud assembly folder');

    const exceptions = (values.exceptions ?? []).flatMap((file) => readExceptionsFile(file));
    const inputs = positionals.map(readInput);
    const stacks = inputs.flatMap((i) => i.stacks);
    const resources = inputs.flatMap((i) => i.resources);
    if (values.graph !== undefined) {
      emit(drawGraph(values.graph, stacks, resources), values.output, io);
      return EXIT.ok;
    }
    const cfn = checkStackTemplates(stacks);
    const findings = applyExceptions([...cfn.findings, ...checkResources(resources)], exceptions);
    const resourcesChecked = cfn.resourcesChecked + resources.length;
    const notes = unmatchedExceptions(exceptions, [...resourceRefsOf(stacks), ...resources.map(resourceRef)]).map(unmatchedExceptionNote);
    const report = renderReport(format as ReportFormat, {
      tool: { name: 'compliance-check', version: packageVersion() },
      findings,
      inputs: positionals,
      resourcesChecked,
      failOn: failOn as Severity | 'none',
      ...(notes.length > 0 ? { notes } : {}),
    });
    emit(report, values.output, io);
    if (values.output) io.stderr(`${summaryLine(findings, resourcesChecked)} Report written to ${values.output}.\n`);
    return blocking(findings, failOn as Severity | 'none') ? EXIT.findings : EXIT.ok;
  } catch (e) {
    return reportError(e, io, debug, { command: 'compliance-check', help: 'compliance-check --help' });
  }
}

/** `--graph FORMAT`: the connectivity of every input, from the same facts the checks read. */
function drawGraph(format: string, stacks: readonly StackTemplate[], resources: readonly PulumiResource[]): string {
  if (!(GRAPH_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--graph must be one of ${GRAPH_FORMATS.join(', ')}, not '${format}'`);
  }
  const facts = [
    ...connectivityFacts(stacks.map((s) => ({ template: s.template, source: { file: s.file, stack: s.stackName } }))),
    ...(resources.length > 0 ? factsOfResources(resources) : []),
  ];
  return renderMermaidGraph(facts);
}

/** What one PATH holds: CloudFormation stacks or Pulumi resources. */
interface Input {
  readonly stacks: StackTemplate[];
  readonly resources: PulumiResource[];
}

function readInput(path: string): Input {
  let stat;
  try {
    stat = statSync(path);
  } catch (e: unknown) {
    throw new InputError(path, fileProblem(e));
  }
  if (stat.isDirectory()) return { stacks: readCloudAssembly(path), resources: [] };
  // Bounded: a device such as /dev/zero or an endless pipe is refused, never read into memory.
  const doc = parseTemplateText(readInputFile(path), path);
  if (looksLikeTemplate(doc)) return { stacks: [{ file: path, stackName: stackNameOf(path), template: toTemplate(doc, path) }], resources: [] };
  if (pulumiDocumentKind(doc)) return { stacks: [], resources: readPulumiDocument(doc, path) };
  throw new InputError(path, 'is not a CloudFormation template (no Resources section), a cloud assembly or a Pulumi stack export');
}

function stackNameOf(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/(\.template)?\.(json|ya?ml|template)$/i, '');
}

function summaryLine(findings: readonly Finding[], resources: number): string {
  return `${findings.length} finding${findings.length === 1 ? '' : 's'} in ${resources} resource${resources === 1 ? '' : 's'}.`;
}

function listRequirements(format: ReportFormat): string {
  if (format === 'json') return JSON.stringify(REQUIREMENTS, null, 2);
  if (format === 'markdown') {
    const rows = REQUIREMENTS.map((r) => `| ${r.id} | ${r.severity} | ${r.fixWithinDays} | ${r.clause} | ${r.title} |`);
    return ['| id | severity | fix within (days) | clause | requirement |', '|---|---|---|---|---|', ...rows].join('\n');
  }
  const width = Math.max(...REQUIREMENTS.map((r) => r.id.length));
  return REQUIREMENTS.map((r) => `${r.id.padEnd(width)}  ${r.severity}  ${String(r.fixWithinDays).padStart(3)}d  ${r.title} (${r.clause})`).join('\n');
}

if (require.main === module) {
  process.exitCode = runCli(process.argv.slice(2));
}
