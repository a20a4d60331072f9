/**
 * Jest matchers over CDK constructs: `expect(stack).toBeCompliant()` and
 * `expect(stack).toHaveFinding('NET-1', { resource })`. Both synthesize the app (as
 * `Template.fromStack` does) and run the pack's evaluation, so a test sees what `cdk synth`
 * enforces: rendered templates, exceptions and all.
 */
import { Construct, IConstruct } from 'constructs';
import type { Finding, FindingStatus } from '../../constructs/finding';
import { renderText } from '../../constructs/report';
import { findingLine, locationLine } from '../../constructs/report/text';
import { isAtOrAbove, Severity } from '../../constructs/severity';
import { EvaluationOptions, evaluateScope } from '../checks/evaluate';

/**
 * Options of `toBeCompliant`.
 *
 * @example
 * expect(stack).toBeCompliant({ failAt: 'P1', today: '2026-11-20' });
 */
export interface CompliantOptions extends EvaluationOptions {
  /**
   * The least urgent severity that counts: findings below it are allowed.
   * @default 'P3' (any finding that is not excepted fails the test)
   */
  readonly failAt?: Severity;
}

/**
 * What `toHaveFinding` looks for besides the rule.
 *
 * @example
 * expect(stack).toHaveFinding('NET-1', { resource: webSg, status: 'fail' });
 */
export interface FindingQuery extends EvaluationOptions {
  /**
   * The resource: a construct (it and everything below it), a construct path (same), or a
   * logical id.
   * @default any resource
   */
  readonly resource?: IConstruct | string;
  /** @default any status */
  readonly status?: FindingStatus;
  /** The finding's `detail`, such as `ingress tcp/22 from 0.0.0.0/0`. @default any */
  readonly detail?: string;
}

/**
 * What a matcher returns to jest.
 *
 * @example
 * const r: MatcherResult = toBeCompliant.call({}, stack);
 * r.pass // false when the stack has findings
 */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/**
 * The part of jest's matcher context the matchers use.
 *
 * @example
 * toHaveFinding.call({ isNot: false } as MatcherState, stack, 'NET-1');
 */
export interface MatcherState {
  readonly isNot?: boolean;
}

/**
 * Passes when the construct (a stack, an app, any construct) has no finding at or above
 * `failAt` that is not excepted. The failure message lists the findings in the text report format.
 *
 * @example
 * expect(stack).toBeCompliant();
 */
export function toBeCompliant(this: MatcherState, received: unknown, options: CompliantOptions = {}): MatcherResult {
  const scope = asConstruct(received, 'toBeCompliant');
  const { failAt = 'P3', ...evaluationOptions } = options;
  const findings = evaluateScope(scope, evaluationOptions).findings;
  const blocking = findings.filter((f) => f.status !== 'excepted' && isAtOrAbove(f.severity, failAt));
  const name = describe(scope);
  return {
    pass: blocking.length === 0,
    message: () =>
      blocking.length === 0
        ? `Expected ${name} not to be compliant, but it has no finding at or above ${failAt}.`
        : `Expected ${name} to be compliant, but it has ${blocking.length} ${blocking.length === 1 ? 'finding' : 'findings'} at or above ${failAt}:\n\n` +
          renderText({ tool: { name: 'compliance-constructs', version: '' }, findings: blocking }),
  };
}

/**
 * Passes when the construct has a finding of `rule` (a requirement id such as `NET-1`, or a
 * rule id such as `TLS-2.cloudfront` or `NET-2.exception`) matching the query.
 *
 * @example
 * expect(stack).toHaveFinding('NET-1', { resource: bastionSg });
 * expect(stack).not.toHaveFinding('NET-3');
 */
export function toHaveFinding(this: MatcherState, received: unknown, rule: string, query: FindingQuery = {}): MatcherResult {
  const scope = asConstruct(received, 'toHaveFinding');
  const { resource, status, detail, ...evaluationOptions } = query;
  const findings = evaluateScope(scope, evaluationOptions).findings;
  const matches = findings.filter(
    (f) =>
      (f.rule === rule || f.requirement === rule) &&
      (status === undefined || f.status === status) &&
      (detail === undefined || f.detail === detail) &&
      (resource === undefined || isOnResource(f, resource)),
  );
  const what = [
    `a ${rule} finding`,
    resource !== undefined ? `on ${typeof resource === 'string' ? `'${resource}'` : `'${resource.node.path}'`}` : '',
    status !== undefined ? `with status ${status}` : '',
    detail !== undefined ? `with detail '${detail}'` : '',
  ]
    .filter((s) => s !== '')
    .join(' ');
  return {
    pass: matches.length > 0,
    message: () =>
      matches.length > 0
        ? `Expected ${describe(scope)} not to have ${what}, but found:\n${listFindings(matches)}`
        : `Expected ${describe(scope)} to have ${what}, but ${findings.length === 0 ? 'it has no findings' : `its findings are:\n${listFindings(findings)}`}`,
  };
}

/**
 * The matchers, for `expect.extend(complianceMatchers)`.
 *
 * @example
 * expect.extend(complianceMatchers);
 */
export const complianceMatchers = { toBeCompliant, toHaveFinding };

function isOnResource(f: Finding, resource: IConstruct | string): boolean {
  const r = f.resource;
  const path = typeof resource === 'string' ? resource : resource.node.path;
  if (typeof resource === 'string' && r.logicalId === resource) return true;
  return r.path !== undefined && (r.path === path || r.path.startsWith(`${path}/`));
}

function asConstruct(received: unknown, matcher: string): IConstruct {
  if (!Construct.isConstruct(received)) {
    throw new Error(`${matcher}: expected a construct (a Stack, an App, or a construct inside one), got ${received === null ? 'null' : typeof received}`);
  }
  return received;
}

function describe(scope: IConstruct): string {
  return scope.node.path === '' ? 'the app' : `'${scope.node.path}'`;
}

function listFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${findingLine(f)}\n    ${locationLine(f.resource)}`).join('\n');
}
