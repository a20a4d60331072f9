/**
 * Findings: what a check reports about one resource for one requirement.
 */
import { requirement, RequirementId } from './requirements';
import { Severity } from './severity';

/** The outcome of one check on one resource. Only `fail` and `unknown` become findings. */
export type Verdict = 'pass' | 'fail' | 'unknown' | 'not-applicable';

/**
 * The status of a finding: `fail` (violates), `unknown` (could not be verified: treated as a
 * violation at the requirement's severity), `excepted` (violates under a valid exception).
 */
export type FindingStatus = 'fail' | 'unknown' | 'excepted';

/** Where a finding points: enough to find the resource in a template, an assembly or a stack. */
export interface ResourceRef {
  /** CloudFormation resource type or Pulumi type token. */
  readonly type: string;
  /** CloudFormation logical id. */
  readonly logicalId?: string;
  /** Pulumi URN. */
  readonly urn?: string;
  /** A readable name (Pulumi resource name); defaults to the logical id. */
  readonly name?: string;
  /** CDK construct path (`aws:cdk:path` metadata) where known. */
  readonly path?: string;
  /** The stack (CloudFormation stack name or Pulumi stack). */
  readonly stack?: string;
  /** The file the resource was read from. */
  readonly file?: string;
}

/** An exception that turned a violation into an `excepted` finding. */
export interface AppliedException {
  readonly reason: string;
  readonly owner?: string;
  readonly ticket?: string;
  /** ISO date (YYYY-MM-DD) after which the exception no longer applies. */
  readonly expires: string;
}

/** One violation, or one requirement that could not be verified, on one resource. */
export interface Finding {
  readonly requirement: RequirementId;
  /** The rule that found it: the requirement id, optionally with a suffix (`TLS-2.cloudfront`). */
  readonly rule: string;
  readonly severity: Severity;
  readonly status: FindingStatus;
  /** What is wrong, naming the resource, the property and the value: one or two sentences. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** The heading of the security policy this requirement implements. */
  readonly clause: string;
  readonly fixWithinDays: number;
  readonly resource: ResourceRef;
  /**
   * What exactly is wrong, stable across runs, so an exception can be that narrow
   * (`ingress tcp/22 from 0.0.0.0/0`, `Statement[2] Action s3:*`).
   */
  readonly detail?: string;
  /** The exception that applies, when `status` is `excepted`. */
  readonly exception?: AppliedException;
}

/** What a check supplies; the catalog fills in the rest. */
export interface FindingInput {
  readonly status?: 'fail' | 'unknown';
  readonly message: string;
  readonly rule?: string;
  readonly fix?: string;
  readonly detail?: string;
  /** Raise the severity above the catalog's default (never lowers it). */
  readonly severity?: Severity;
}

/**
 * Builds a finding, taking severity, clause, fix and window from the catalog.
 *
 * @example
 * makeFinding('NET-1', { type: 'AWS::EC2::SecurityGroup', logicalId: 'Web' }, {
 *   message: "Security group 'Web' allows tcp/22 from 0.0.0.0/0.",
 * });
 */
export function makeFinding(id: RequirementId, resource: ResourceRef, input: FindingInput): Finding {
  const req = requirement(id);
  const severity = input.severity ?? req.severity;
  const status = input.status ?? 'fail';
  return {
    requirement: id,
    rule: input.rule ?? id,
    severity,
    status,
    message: status === 'unknown' && !/^could not be verified/i.test(input.message)
      ? `Could not be verified: ${lowerFirst(input.message)}`
      : input.message,
    fix: input.fix ?? req.fix,
    clause: req.clause,
    fixWithinDays: req.fixWithinDays,
    resource,
    ...(input.detail !== undefined ? { detail: input.detail } : {}),
  };
}

/**
 * A readable name for a resource: its construct path, else its name, logical id or URN.
 *
 * @example
 * resourceLabel({ type: 'AWS::EC2::SecurityGroup', logicalId: 'WebSG' }) // 'WebSG'
 */
export function resourceLabel(r: ResourceRef): string {
  return r.path ?? r.name ?? r.logicalId ?? r.urn ?? r.type;
}

function lowerFirst(s: string): string {
  return s.length > 1 && /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

/**
 * Findings without repeats: the branches of a condition can report the same thing twice.
 *
 * @example
 * dedupeFindings([f, f]).length // 1
 */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const r = f.resource;
    const key = [f.rule, f.status, r.file, r.stack, r.logicalId ?? r.urn ?? r.name, f.detail, f.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
