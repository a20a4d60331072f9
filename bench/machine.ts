/**
 * How busy the machine was around a bench run. On a shared virtual machine the hypervisor may
 * give the CPU to other guests ("steal" time), which slows every variant unevenly: the share of
 * stolen time is reported with the figures so a reader can tell a quiet run from a noisy one.
 */
import { readFileSync } from 'node:fs';

/**
 * The machine-wide CPU counters of Linux's `/proc/stat` (in clock ticks since boot).
 *
 * @example
 * const c: CpuCounters = { total: 1000, steal: 50 };
 */
export interface CpuCounters {
  /** Every state summed (user, nice, system, idle, iowait, irq, softirq, steal). */
  readonly total: number;
  /** Time the hypervisor ran other guests while this one wanted to run. */
  readonly steal: number;
}

/**
 * Reads the aggregate `cpu` line of a `/proc/stat` text; undefined when there is none.
 *
 * @example
 * parseProcStat('cpu  100 0 50 800 10 0 0 40 0 0\ncpu0 ...') // { total: 1000, steal: 40 }
 */
export function parseProcStat(text: string): CpuCounters | undefined {
  const line = text.split('\n').find((l) => /^cpu\s/.test(l));
  if (line === undefined) return undefined;
  // user nice system idle iowait irq softirq steal [guest guest_nice]: guest time is already in user.
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return undefined;
  return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] };
}

/**
 * The counters now, or undefined off Linux.
 *
 * @example
 * const before = cpuCounters();
 */
export function cpuCounters(): CpuCounters | undefined {
  try {
    return parseProcStat(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The share of CPU time stolen between two readings, or undefined when either is missing.
 *
 * @example
 * stealShare({ total: 1000, steal: 40 }, { total: 2000, steal: 540 }) // 0.5
 */
export function stealShare(before: CpuCounters | undefined, after: CpuCounters | undefined): number | undefined {
  if (before === undefined || after === undefined) return undefined;
  const total = after.total - before.total;
  return total > 0 ? (after.steal - before.steal) / total : undefined;
}
