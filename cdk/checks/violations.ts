/**
 * Findings as CDK policy violations: one violation per finding (each message names its
 * resource), at a level chosen by the pack's `failAt`.
 */
import type { PolicyViolation } from 'aws-cdk-lib';
import type { Finding } from '../../constructs/finding';
import { requirement } from '../../constructs/requirements';
import { isAtOrAbove, Severity } from '../../constructs/severity';
import { exceptionText, unknownMessage } from '../../constructs/report/format';
import { Acknowledgement, acknowledges } from './acknowledgements';

/**
 * The CDK level of a finding. Findings at or above `failAt` are `error` (synth fails), others
 * `warning`; excepted findings are `info`, so they stay visible without failing. A blocking
 * finding that an acknowledgement qualified with the pack's namespace would let CDK suppress is
 * `fatal`, the one level CDK never suppresses.
 *
 * @example
 * violationLevel(p2Finding, 'P1', []) // 'warning'
 */
export function violationLevel(f: Finding, failAt: Severity | 'none', acks: readonly Acknowledgement[]): 'fatal' | 'error' | 'warning' | 'info' {
  if (f.status === 'excepted') return 'info';
  if (failAt === 'none' || !isAtOrAbove(f.severity, failAt)) return 'warning';
  return acks.some((a) => a.suppressesInCdk && acknowledges(a, f)) ? 'fatal' : 'error';
}

/**
 * The violations of a run, in the order of the findings.
 *
 * @param verbose add the requirement's title to each description
 *
 * @example
 * toViolations(evaluation.findings, 'P1', evaluation.acknowledgements, false)[0]
 * // { ruleName: 'NET-1', description: "[NET-1 P0] Security group 'Web/Sg' allows tcp/22 from 0.0.0.0/0 ... (Security Groups)", severity: 'error', ... }
 */
export function toViolations(findings: readonly Finding[], failAt: Severity | 'none', acks: readonly Acknowledgement[], verbose: boolean): PolicyViolation[] {
  return findings.map((f) => {
    const r = f.resource;
    const ignored = acks.filter((a) => acknowledges(a, f));
    const notes = [
      ...(f.status === 'excepted' ? [`[${exceptionText(f.exception)}]`] : []),
      ...ignored.map((a) => `Acknowledged at '${a.path}' with Validations.acknowledge, which this policy does not honour: grant a PolicyException instead.`),
    ];
    const title = verbose ? ` ${requirement(f.requirement).title}.` : '';
    return {
      ruleName: f.rule,
      description: [`[${f.requirement} ${f.severity}] ${unknownMessage(f)}${title} (${f.clause})`, ...notes].join(' '),
      fix: f.fix,
      severity: violationLevel(f, failAt, acks),
      ruleMetadata: {
        requirement: f.requirement,
        severity: f.severity,
        status: f.status,
        clause: f.clause,
        fixWithinDays: String(f.fixWithinDays),
        ...(f.detail !== undefined ? { detail: f.detail } : {}),
      },
      violatingResources: [
        {
          ...(r.logicalId !== undefined ? { resourceLogicalId: r.logicalId } : {}),
          ...(r.file !== undefined ? { templatePath: r.file } : {}),
          ...(r.path !== undefined ? { constructPath: r.path } : {}),
          locations: ['Properties'],
        },
      ],
    };
  });
}
