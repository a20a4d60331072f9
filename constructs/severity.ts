/**
 * Severities follow the policy's own triage ("Responding to Security Threats"):
 * P0 drop everything, P1 within 7 days, P2 within 30 days, P3 within 180 days.
 */

/** A triage level from the security policy. */
export type Severity = 'P0' | 'P1' | 'P2' | 'P3';

/** Every severity, most urgent first. */
export const SEVERITIES: readonly Severity[] = ['P0', 'P1', 'P2', 'P3'];

/**
 * Days within which a finding of each severity must be fixed.
 *
 * @example
 * FIX_WINDOW_DAYS.P1 // 7
 */
export const FIX_WINDOW_DAYS: Readonly<Record<Severity, number>> = { P0: 0, P1: 7, P2: 30, P3: 180 };

/**
 * Whether `s` is a severity name.
 *
 * @example
 * isSeverity('P2') // true
 */
export function isSeverity(s: unknown): s is Severity {
  return s === 'P0' || s === 'P1' || s === 'P2' || s === 'P3';
}

/**
 * Urgency rank: 0 for P0 (most urgent) up to 3 for P3.
 *
 * @example
 * severityRank('P1') // 1
 */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/**
 * Whether `s` is as urgent as `threshold` or more.
 *
 * @example
 * isAtOrAbove('P0', 'P1') // true: a P0 breaks a P1 threshold
 * isAtOrAbove('P2', 'P1') // false
 */
export function isAtOrAbove(s: Severity, threshold: Severity): boolean {
  return severityRank(s) <= severityRank(threshold);
}

/**
 * Orders severities most urgent first, for `Array.prototype.sort`.
 *
 * @example
 * ['P2', 'P0'].sort(compareSeverity) // ['P0', 'P2']
 */
export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank(a) - severityRank(b);
}
