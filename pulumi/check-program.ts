#!/usr/bin/env node
/**
 * `npm run pulumi:check`: runs a Pulumi program offline under `pulumi.runtime.setMocks`, records
 * every resource it declares, runs the checks and reports the findings the way
 * `compliance-check` does (same formats, same exit codes). CI can check a Pulumi program with
 * no cloud credentials and no Pulumi CLI.
 *
 * The program is loaded like the Pulumi CLI loads it: a module whose export is a function is
 * called (and awaited); any other module declares its resources when it is loaded.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as pulumi from '@pulumi/pulumi';
import { blocking, CommandIo, emit, EXIT, oneLine, PROCESS_IO, reportError, UsageError } from '../constructs/command';
export { EXIT } from '../constructs/command';
import { InputError } from '../constructs/errors';
import { packageVersion } from '../constructs/version';
import { readExceptionsFile } from '../constructs/exceptions-input';
import { isReportFormat, REPORT_FORMATS, renderReport, ReportFormat } from '../constructs/report';
import { isSeverity, Severity } from '../constructs/severity';
import { recordResources } from './mocks';
import { checkResources } from './records';
import type { PulumiResource } from './records/resource';


const COMMAND = 'pulumi-check';

const USAGE = `Usage: npm run pulumi:check -- [options]

Runs a Pulumi program offline (no cloud credentials, no Pulumi CLI), records every
resource it declares and checks them against the security policy.

Options:
  --program PATH                      the program (default: pulumi/program.ts)
  --format text|json|sarif|markdown   report format (default: text)
  --output FILE                       write the report to FILE instead of standard output
  --fail-on P0|P1|P2|P3|none          exit 1 when a finding is at or above this severity (default: P1)
  --exceptions FILE                   apply the exceptions in FILE (JSON or YAML, resources by urn or
                                      name); may be repeated
  --config KEY=VALUE                  stack configuration, as 'pulumi config set' (repeatable;
                                      a key without a namespace gets the project's)
  --project NAME                      the Pulumi project name (default: compliance-constructs)
  --stack NAME                        the stack name (default: offline)
  --debug                             print stack traces of unexpected errors
  --help                              print this help and exit

Exit status: 0 no finding at or above --fail-on; 1 findings at or above it;
2 usage error, a program that cannot be loaded, or a program that fails (a component's
ComplianceError included).`;

/** Where the command writes; injectable for tests. */
export type CheckIo = CommandIo;

/** A program that failed while it ran. */
class ProgramError extends Error {}

/**
 * Runs the command with `argv` (without `node` and the script) and resolves to the exit code.
 *
 * @example
 * const code = await runCheckProgram(['--program', 'pulumi/examples/noncompliant.ts', '--format', 'sarif']);
 */
export async function runCheckProgram(argv: readonly string[], io: CheckIo = PROCESS_IO): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const { values } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: {
        program: { type: 'string' },
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        'fail-on': { type: 'string', default: 'P1' },
        config: { type: 'string', multiple: true, default: [] },
        exceptions: { type: 'string', multiple: true, default: [] },
        project: { type: 'string', default: 'compliance-constructs' },
        stack: { type: 'string', default: 'offline' },
        debug: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    debug = values.debug === true;
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT.ok;
    }
    const format = values.format as string;
    if (!isReportFormat(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not '${format}'`);
    const failOn = values['fail-on'] as string;
    if (failOn !== 'none' && !isSeverity(failOn)) throw new UsageError(`--fail-on must be P0, P1, P2, P3 or none, not '${failOn}'`);
    const project = values.project as string;
    const config = (values.config as string[]).map((entry) => parseConfig(entry, project));
    const exceptions = (values.exceptions as string[]).flatMap((file) => readExceptionsFile(file));

    const programPath = resolveProgram(values.program);
    const shown = relative(process.cwd(), programPath) || programPath;
    // Configuration lives in the process (as the Pulumi CLI passes it): set it for this run only.
    const previousConfig = pulumi.runtime.allConfig();
    for (const [key, value] of config) pulumi.runtime.setConfig(key, value);
    let resources: PulumiResource[];
    try {
      resources = await recordResources(() => runProgram(programPath), { project, stack: values.stack as string });
    } catch (e: unknown) {
      if (debug && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
      throw new ProgramError(`${shown}: the program failed: ${oneLine(e instanceof Error ? e.message : String(e))}`);
    } finally {
      pulumi.runtime.setAllConfig(previousConfig);
    }
    const located = resources.map((r) => ({ ...r, file: shown }));
    const findings = checkResources(located, { exceptions });
    const report = renderReport(format as ReportFormat, {
      tool: { name: COMMAND, version: packageVersion() },
      findings,
      inputs: [shown],
      resourcesChecked: located.length,
      failOn: failOn as Severity | 'none',
    });
    emit(report, values.output, io);
    if (values.output) {
      io.stderr(`${findings.length} finding${findings.length === 1 ? '' : 's'} in ${located.length} resource${located.length === 1 ? '' : 's'}. Report written to ${values.output}.\n`);
    }
    return blocking(findings, failOn as Severity | 'none') ? EXIT.findings : EXIT.ok;
  } catch (e: unknown) {
    return reportError(e, io, debug, { command: COMMAND, help: 'npm run pulumi:check -- --help', expected: [ProgramError] });
  }
}

/**
 * Loads a program and runs it as the Pulumi CLI does: an exported function is called and
 * awaited, a module that declares its resources at the top level has done so once loaded.
 *
 * @example
 * await recordResources(() => runProgram('/repo/pulumi/program.ts'));
 */
export async function runProgram(path: string): Promise<void> {
  // The program is named at run time: a dynamic require, as the Pulumi CLI does.
  const loaded: unknown = require(path);
  const main = typeof loaded === 'function' ? loaded : isRecord(loaded) && typeof loaded.default === 'function' ? loaded.default : undefined;
  if (main) await (main as () => unknown)();
}

function resolveProgram(given: string | undefined): string {
  if (given === undefined) return require.resolve(join(__dirname, 'program'));
  const absolute = resolve(given);
  if (!existsSync(absolute)) throw new InputError(given, 'no such file');
  try {
    return require.resolve(absolute);
  } catch {
    throw new InputError(given, 'cannot be loaded as a program (a .ts or .js module)');
  }
}

function parseConfig(entry: string, project: string): [string, string] {
  const eq = entry.indexOf('=');
  if (eq <= 0) throw new UsageError(`--config takes KEY=VALUE, not '${entry}'`);
  const key = entry.slice(0, eq);
  return [key.includes(':') ? key : `${project}:${key}`, entry.slice(eq + 1)];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object';
}

if (require.main === module) {
  void runCheckProgram(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
