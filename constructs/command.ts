/**
 * What the library's commands share (`compliance-check`, `npm run pulumi:check`): exit codes,
 * where output goes, when findings block, and one-line errors without stack traces.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from './errors';
import type { Finding } from './finding';
import { isAtOrAbove, Severity } from './severity';

/** Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input error. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

/** Where a command writes; injectable for tests. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The process's own standard output and error. */
export const PROCESS_IO: CommandIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/**
 * A mistake in the command line: printed with a pointer to `--help`.
 *
 * @example
 * throw new UsageError("--format must be one of text, json, sarif, markdown, not 'xml'");
 */
export class UsageError extends Error {}

/**
 * Whether any finding that is not excepted is at or above `failOn`.
 *
 * @example
 * blocking(findings, 'P1') // true when a P0 or P1 finding is neither passed nor excepted
 */
export function blocking(findings: readonly Finding[], failOn: Severity | 'none'): boolean {
  if (failOn === 'none') return false;
  return findings.some((f) => f.status !== 'excepted' && isAtOrAbove(f.severity, failOn));
}

/**
 * Writes `text` (with a final newline) to `output`, or to standard output when there is none.
 *
 * @example
 * emit(report, values.output, io);
 */
export function emit(text: string, output: string | undefined, io: CommandIo): void {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (output === undefined) {
    io.stdout(body);
    return;
  }
  if (!existsSync(dirname(output) || '.')) throw new InputError(output, 'cannot be written: its folder does not exist');
  try {
    writeFileSync(output, body);
  } catch (e) {
    throw new InputError(output, `cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** How a command names itself and its help in error lines. */
export interface ErrorStyle {
  /** `compliance-check` */
  readonly command: string;
  /** `compliance-check --help` */
  readonly help: string;
  /** Other error classes whose message is the whole story (printed without "internal error"). */
  readonly expected?: ReadonlyArray<new (...args: never[]) => Error>;
}

/**
 * Prints an error as one line (`command: file: problem`), with a pointer to the help for usage
 * mistakes, and a stack trace only with `--debug`; returns exit code 2.
 *
 * @example
 * return reportError(e, io, debug, { command: 'compliance-check', help: 'compliance-check --help' });
 */
export function reportError(e: unknown, io: CommandIo, debug: boolean, style: ErrorStyle): number {
  const expected = e instanceof InputError || e instanceof UsageError || (style.expected ?? []).some((c) => e instanceof c);
  if (expected) {
    io.stderr(`${style.command}: ${oneLine((e as Error).message)}\n`);
    if (e instanceof UsageError) io.stderr(`Run '${style.help}' for usage.\n`);
  } else if (isParseArgsError(e)) {
    io.stderr(`${style.command}: ${oneLine((e as Error).message)}\nRun '${style.help}' for usage.\n`);
  } else {
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`${style.command}: internal error: ${oneLine(message)}${debug ? '' : ' (run with --debug for details)'}\n`);
  }
  if (debug && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
  return EXIT.error;
}

function isParseArgsError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/**
 * Text on one line: a message that spans lines would break the one-line error convention.
 *
 * @example
 * oneLine('a\n  b') // 'a b'
 */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
