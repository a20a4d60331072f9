/**
 * Exceptions: a finding a team may not fix yet, accepted for one requirement on one resource
 * (optionally one granular finding), with a reason, an owner or a ticket, and an expiry no later
 * than the requirement's fix window. Provider-neutral: the CDK side writes them into template
 * metadata, the CLI reads them from a file, and Pulumi matches them by URN or name.
 *
 * An exception that cannot be honoured (P0, expired, longer than the window, no owner, ...)
 * excepts nothing and is itself a finding: rule `<requirement>.exception` (for example
 * `NET-2.exception`), requirement and severity of the requirement it tried to except, so an
 * expired P1 exception blocks like the P1 finding it hid.
 */
import type { CheckContext } from './checks/context';
import { checkContext } from './checks/context';
import { AppliedException, Finding, ResourceRef, resourceLabel } from './finding';
import type { CheckOptions } from './options';
import { requirement, RequirementId } from './requirements';
import { FIX_WINDOW_DAYS, Severity } from './severity';

/**
 * Which resources an exception covers. Every field given must match; at least one of
 * `logicalId`, `path`, `urn` or `name` is required.
 *
 * @example
 * const target: ExceptionTarget = { stack: 'TeamWeb', logicalId: 'LbSecurityGroup0A1B2C3D' };
 * const subtree: ExceptionTarget = { path: 'TeamWeb/Lb' }; // the construct and everything below it
 */
export interface ExceptionTarget {
  /** CloudFormation logical id. */
  readonly logicalId?: string;
  /** CDK construct path: matches the construct and every construct below it. */
  readonly path?: string;
  /** Pulumi URN. */
  readonly urn?: string;
  /** Pulumi resource name. */
  readonly name?: string;
  /** CloudFormation stack name or Pulumi stack. */
  readonly stack?: string;
  /** The template file the resource was read from. */
  readonly file?: string;
}

/**
 * What an exception says, wherever it is declared.
 *
 * @example
 * const spec: ExceptionSpec = {
 *   requirement: 'NET-2',
 *   detail: 'ingress tcp/8080 from 0.0.0.0/0',
 *   reason: 'Partner webhook until the gateway ships',
 *   owner: 'team-web',
 *   ticket: 'SEC-123',
 *   granted: '2026-11-20',
 *   expires: '2026-11-27',
 * };
 */
export interface ExceptionSpec {
  readonly requirement: RequirementId;
  /**
   * Only the finding with this `detail` (as reports print it), not every finding of the
   * requirement on the resource.
   * @default every finding of the requirement on the resource
   */
  readonly detail?: string;
  /** Why the finding is accepted for now. */
  readonly reason: string;
  /** Who answers for it (a team or a person). An owner or a ticket is required. */
  readonly owner?: string;
  /** The ticket that tracks the fix. An owner or a ticket is required. */
  readonly ticket?: string;
  /**
   * When it was granted (YYYY-MM-DD): the window is counted from here, and it may not be in
   * the future.
   * @default the window is counted from today
   */
  readonly granted?: string;
  /** The last day it applies (YYYY-MM-DD). */
  readonly expires: string;
}

/**
 * An exception with the resources it covers.
 *
 * @example
 * const e: ExceptionGrant = { ...spec, target: { path: 'TeamWeb/Lb' }, source: 'exceptions.yaml' };
 */
export interface ExceptionGrant extends ExceptionSpec {
  readonly target: ExceptionTarget;
  /** Where it was declared, for messages: a file, or the construct it was granted on. */
  readonly source?: string;
  /** The resource it was declared on, when known (template metadata): findings about it point there. */
  readonly subject?: ResourceRef;
  /** How messages name that resource (`Security group 'Web/Lb/SecurityGroup'`). */
  readonly label?: string;
}

/**
 * Why an exception cannot be honoured.
 *
 * @example
 * const kind: ExceptionProblemKind = 'expired';
 */
export type ExceptionProblemKind =
  | 'p0'
  | 'no-reason'
  | 'no-owner'
  | 'bad-expiry'
  | 'bad-granted'
  | 'expired'
  | 'granted-in-future'
  | 'too-long';

/**
 * One reason an exception cannot be honoured, with a sentence saying so.
 *
 * @example
 * const p: ExceptionProblem = { kind: 'expired', text: 'expired on 2026-10-01' };
 */
export interface ExceptionProblem {
  readonly kind: ExceptionProblemKind;
  /** A clause that completes "Exception for NET-2 on X ..." */
  readonly text: string;
}

/**
 * A day as `YYYY-MM-DD`, a `Date` (its UTC day is used), for "today".
 *
 * @example
 * const today: DayInput = '2026-11-20';
 */
export type DayInput = string | Date;

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The day number (days since 1970-01-01, UTC) of a `YYYY-MM-DD` date, or undefined when the text
 * is not a real date in that form.
 *
 * @example
 * parseDay('2026-11-20') // 20777
 * parseDay('2026-02-30') // undefined
 */
export function parseDay(text: string): number | undefined {
  const m = ISO_DAY.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

/**
 * The day number of "today" as given.
 *
 * @throws Error when a string is not a `YYYY-MM-DD` date
 *
 * @example
 * dayOf(new Date('2026-11-20T23:59:00Z')) === dayOf('2026-11-20') // true
 */
export function dayOf(day: DayInput): number {
  if (day instanceof Date) return Math.floor(day.getTime() / DAY_MS);
  const n = parseDay(day);
  if (n === undefined) throw new Error(`'${day}' is not a date: use YYYY-MM-DD`);
  return n;
}

/**
 * A day number as `YYYY-MM-DD`.
 *
 * @example
 * formatDay(20777) // '2026-11-20'
 */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * What is wrong with an exception on `today`, for a requirement of `severity` (the team's
 * severity, which may be more urgent than the catalog's). Empty when it can be honoured.
 *
 * Rules: P0 requirements cannot be excepted; a reason and an owner or a ticket are required;
 * dates are `YYYY-MM-DD`; the exception applies up to and including `expires`; `expires` is at
 * most the severity's window (7, 30 or 180 days) after `granted` and after today; `granted` is
 * not in the future.
 *
 * @example
 * exceptionProblems({ requirement: 'NET-2', reason: 'r', owner: 'o', expires: '2026-12-31' }, 'P1', '2026-11-20')
 * // [{ kind: 'too-long', text: 'expires on 2026-12-31, 41 days from today; a P1 exception may last at most 7 days' }]
 */
export function exceptionProblems(spec: ExceptionSpec, severity: Severity, today: DayInput): ExceptionProblem[] {
  const problems: ExceptionProblem[] = [];
  if (severity === 'P0') {
    problems.push({ kind: 'p0', text: `is not honoured: ${spec.requirement} is P0, and P0 findings cannot be excepted` });
  }
  if (spec.reason.trim() === '') problems.push({ kind: 'no-reason', text: 'gives no reason' });
  if (!hasText(spec.owner) && !hasText(spec.ticket)) problems.push({ kind: 'no-owner', text: 'names no owner or ticket' });
  const expires = parseDay(spec.expires);
  if (expires === undefined) problems.push({ kind: 'bad-expiry', text: `has expiry '${spec.expires}', which is not a date (YYYY-MM-DD)` });
  const granted = spec.granted === undefined ? undefined : parseDay(spec.granted);
  if (spec.granted !== undefined && granted === undefined) {
    problems.push({ kind: 'bad-granted', text: `has grant date '${spec.granted}', which is not a date (YYYY-MM-DD)` });
  }
  if (severity === 'P0' || expires === undefined) return problems;

  const now = dayOf(today);
  const window = FIX_WINDOW_DAYS[severity];
  if (expires < now) problems.push({ kind: 'expired', text: `expired on ${spec.expires}` });
  if (granted !== undefined && granted > now) {
    problems.push({ kind: 'granted-in-future', text: `is dated as granted on ${spec.granted}, which is in the future` });
  }
  const limit = `a ${severity} exception may last at most ${window} days`;
  if (granted !== undefined && expires - granted > window) {
    problems.push({ kind: 'too-long', text: `expires on ${spec.expires}, ${expires - granted} days after it was granted on ${spec.granted}; ${limit}` });
  } else if (expires - now > window) {
    problems.push({ kind: 'too-long', text: `expires on ${spec.expires}, ${expires - now} days from today; ${limit}` });
  }
  return problems;
}

/**
 * Whether an exception covers a finding: same requirement, same `detail` when the exception
 * names one, and the resource matches every field of the target (a `path` matches the construct
 * and everything below it).
 *
 * @example
 * exceptionCovers({ ...spec, target: { path: 'TeamWeb/Lb' } }, finding) // true for 'TeamWeb/Lb/SecurityGroup/Resource'
 */
export function exceptionCovers(e: ExceptionGrant, f: Finding): boolean {
  if (e.requirement !== f.requirement || isExceptionFinding(f)) return false;
  if (e.detail !== undefined && e.detail !== f.detail) return false;
  return targetMatches(e.target, f.resource);
}

/**
 * Whether a resource is one the target names.
 *
 * @example
 * targetMatches({ path: 'App/Web' }, { type: 'AWS::EC2::SecurityGroup', path: 'App/Web/Sg/Resource' }) // true
 * targetMatches({ path: 'App/Web' }, { type: 'AWS::EC2::SecurityGroup', path: 'App/WebAdmin/Sg' }) // false
 */
export function targetMatches(t: ExceptionTarget, r: ResourceRef): boolean {
  if (!hasSelector(t)) return false;
  if (t.logicalId !== undefined && t.logicalId !== r.logicalId) return false;
  if (t.urn !== undefined && t.urn !== r.urn) return false;
  if (t.name !== undefined && t.name !== r.name) return false;
  if (t.stack !== undefined && t.stack !== r.stack) return false;
  if (t.file !== undefined && t.file !== r.file) return false;
  if (t.path !== undefined && !isPathWithin(r.path, t.path)) return false;
  return true;
}

/**
 * Whether a target names something (an empty target would except everything, so it excepts nothing).
 *
 * @example
 * hasSelector({ stack: 'Web' }) // false: a stack alone is too broad
 */
export function hasSelector(t: ExceptionTarget): boolean {
  return [t.logicalId, t.path, t.urn, t.name].some(hasText);
}

/**
 * Whether a finding reports a problem with an exception (rule `<requirement>.exception`).
 * Such findings are never excepted themselves.
 *
 * @example
 * isExceptionFinding({ ...f, rule: 'NET-2.exception' }) // true
 */
export function isExceptionFinding(f: Finding): boolean {
  return f.rule.endsWith(EXCEPTION_RULE_SUFFIX);
}

/**
 * The suffix of the rule id of findings about exceptions.
 *
 * @example
 * `NET-2${EXCEPTION_RULE_SUFFIX}` // 'NET-2.exception'
 */
export const EXCEPTION_RULE_SUFFIX = '.exception';

/**
 * Applies exceptions to findings. Each `fail` or `unknown` finding covered by a valid exception
 * becomes `excepted` (with `exception` set); findings already excepted are kept as they are.
 * Every exception that cannot be honoured adds one finding (rule `<requirement>.exception`,
 * at the requirement's severity) and excepts nothing. Valid exceptions that match nothing are
 * silent: the resource may have been fixed.
 *
 * @param findings the findings of a check run
 * @param exceptions the exceptions in force (template metadata, a file, component options)
 * @param today the day to judge expiry against (injectable for tests)
 * @param options the team's options: severities decide the window (a raised severity shortens it)
 *
 * @example
 * const out = applyExceptions(findings, [{ ...spec, target: { logicalId: 'WebSG' } }], '2026-11-20');
 * out.filter((f) => f.status === 'excepted').length // 1
 */
export function applyExceptions(
  findings: readonly Finding[],
  exceptions: readonly ExceptionGrant[],
  today: DayInput = new Date(),
  options: CheckOptions | CheckContext = {},
): Finding[] {
  if (exceptions.length === 0) return [...findings];
  const ctx = 'finding' in options ? options : checkContext(options);
  const severityOf = (id: RequirementId): Severity => ctx.options.severities[id] ?? requirement(id).severity;
  const judged = exceptions.map((e) => ({ e, problems: exceptionProblems(e, severityOf(e.requirement), today) }));
  const valid = judged.filter((j) => j.problems.length === 0).map((j) => j.e);

  const out: Finding[] = findings.map((f) => {
    if (f.status === 'excepted' || isExceptionFinding(f)) return f;
    const e = valid.find((x) => exceptionCovers(x, f));
    return e ? { ...f, status: 'excepted', exception: appliedException(e) } : f;
  });

  for (const { e, problems } of judged) {
    if (problems.length === 0) continue;
    const subject = e.subject ?? findings.find((f) => f.requirement === e.requirement && targetMatches(e.target, f.resource))?.resource ?? refOfTarget(e.target);
    const label = e.label ?? `'${resourceLabel(subject)}'`;
    const who = [e.owner, e.ticket].filter(hasText).join(', ');
    const scope = e.detail !== undefined ? ` (${e.detail})` : '';
    const text = problems.map((p) => p.text).join('; it ');
    const fix = problems.some((p) => p.kind === 'p0')
      ? `Fix the finding; ${requirement(e.requirement).fix}`
      : `Fix the finding, or grant a new exception with a reason, an owner or ticket, and an expiry at most ${FIX_WINDOW_DAYS[severityOf(e.requirement)]} days away.`;
    out.push(
      ctx.finding(e.requirement, subject, {
        rule: `${e.requirement}${EXCEPTION_RULE_SUFFIX}`,
        message: `Exception for ${e.requirement}${scope} on ${label}${who !== '' ? ` (${who})` : ''} ${text}.`,
        fix,
        detail: `exception ${problems.map((p) => p.kind).join('+')}${e.detail !== undefined ? `: ${e.detail}` : ''}`,
      }),
    );
  }
  return out;
}

/**
 * The exceptions whose target names no resource that was read: a typo in a logical id, a stack
 * name that changed, a resource since removed. They except nothing; reports say so in a note,
 * so a mistyped exception is not mistaken for one in force.
 *
 * @param exceptions the exceptions given (an exceptions file)
 * @param resources every resource read, as findings point at them
 *
 * @example
 * unmatchedExceptions([{ ...spec, target: { logicalId: 'WebSg' } }], [{ type: 'AWS::EC2::SecurityGroup', logicalId: 'WebSG' }]).length // 1
 */
export function unmatchedExceptions(exceptions: readonly ExceptionGrant[], resources: readonly ResourceRef[]): ExceptionGrant[] {
  return exceptions.filter((e) => !resources.some((r) => targetMatches(e.target, r)));
}

/**
 * The report note for an exception that names no resource of the input.
 *
 * @example
 * unmatchedExceptionNote({ ...spec, requirement: 'NET-3', target: { stack: 'vpn', logicalId: 'VpnGroup' }, source: 'exceptions.yaml' })
 * // "Exception for NET-3 on logicalId 'VpnGroup', stack 'vpn' (exceptions.yaml) names no resource of the input; it excepts nothing."
 */
export function unmatchedExceptionNote(e: ExceptionGrant): string {
  const t = e.target;
  const selector = (['logicalId', 'path', 'urn', 'name', 'stack', 'file'] as const)
    .filter((k) => t[k] !== undefined)
    .map((k) => `${k} '${t[k]}'`)
    .join(', ');
  const scope = e.detail !== undefined ? ` (${e.detail})` : '';
  return `Exception for ${e.requirement}${scope} on ${selector}${e.source !== undefined ? ` (${e.source})` : ''} names no resource of the input; it excepts nothing.`;
}

/**
 * What an excepted finding carries of its exception.
 *
 * @example
 * appliedException(e) // { reason: 'Partner webhook ...', owner: 'team-web', ticket: 'SEC-123', expires: '2026-11-27' }
 */
export function appliedException(e: ExceptionSpec): AppliedException {
  return {
    reason: e.reason,
    ...(hasText(e.owner) ? { owner: e.owner } : {}),
    ...(hasText(e.ticket) ? { ticket: e.ticket } : {}),
    expires: e.expires,
  };
}

function refOfTarget(t: ExceptionTarget): ResourceRef {
  return {
    type: 'unknown',
    ...(t.logicalId !== undefined ? { logicalId: t.logicalId } : {}),
    ...(t.urn !== undefined ? { urn: t.urn } : {}),
    ...(t.name !== undefined ? { name: t.name } : {}),
    ...(t.path !== undefined ? { path: t.path } : {}),
    ...(t.stack !== undefined ? { stack: t.stack } : {}),
    ...(t.file !== undefined ? { file: t.file } : {}),
  };
}

function isPathWithin(path: string | undefined, prefix: string): boolean {
  if (path === undefined) return false;
  const p = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  return path === p || path.startsWith(`${p}/`);
}

function hasText(s: string | undefined): s is string {
  return typeof s === 'string' && s.trim() !== '';
}
