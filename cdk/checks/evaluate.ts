/**
 * One evaluation of rendered templates: the checks the CLI runs, the exceptions the templates
 * carry, and the acknowledgements the policy does not honour. The pack and the jest matchers
 * share it, so a test sees exactly what `cdk synth` enforces.
 */
import type { IConstruct } from 'constructs';
import type { DayInput, ExceptionGrant } from '../../constructs/exceptions';
import type { Finding } from '../../constructs/finding';
import type { CheckOptions } from '../../constructs/options';
import type { StackTemplate } from '../records/assembly';
import { checkStackTemplates } from '../records';
import { acknowledgementNote, Acknowledgement, acknowledgementsOf, acknowledges } from './acknowledgements';
import { RenderedStacks, templatesOfScope } from './templates';

/**
 * The pack's name, and so its validation namespace: CDK prints rule ids as `SecurityPolicy::NET-1`.
 *
 * @example
 * new SecurityPolicyChecks().name === PACK_NAME // true
 */
export const PACK_NAME = 'SecurityPolicy';

/**
 * What an evaluation takes: the team's check options, extra exceptions, and the day.
 *
 * @example
 * const options: EvaluationOptions = { severities: { 'NET-3': 'P1' }, today: '2026-11-20' };
 */
export interface EvaluationOptions extends CheckOptions {
  /**
   * Exceptions besides those granted with `PolicyException` (read from a file, for example).
   * @default none
   */
  readonly exceptions?: readonly ExceptionGrant[];
  /**
   * The day exceptions are judged on.
   * @default today
   */
  readonly today?: DayInput;
}

/**
 * The result of one evaluation.
 *
 * @example
 * const e: PolicyEvaluation = evaluateScope(stack);
 * e.findings.filter((f) => f.status !== 'excepted').length // 0 when the stack complies
 */
export interface PolicyEvaluation {
  /** Findings in scope, exceptions applied (excepted findings included, with status `excepted`). */
  readonly findings: Finding[];
  /** Resources in the templates read. */
  readonly resourcesChecked: number;
  /** Acknowledgements of our rules that were not honoured. */
  readonly acknowledgements: Acknowledgement[];
  /** Notes for the reports (one per acknowledgement not honoured). */
  readonly notes: string[];
  /** The templates read. */
  readonly stacks: StackTemplate[];
  /** The cloud assembly folder they were read from. */
  readonly assemblyDir: string;
}

/**
 * Evaluates rendered templates once: checks, exceptions, acknowledgements.
 *
 * @param rendered the templates (`templatesOfContext`, `templatesOfScope`)
 * @param root the construct tree, to find acknowledgements (undefined: none are looked for)
 * @param scopePath keep only findings on constructs at or below this path ('' keeps all)
 *
 * @example
 * evaluateRendered(templatesOfContext(context), context.appConstruct, '', { today: '2026-11-20' })
 */
export function evaluateRendered(
  rendered: RenderedStacks,
  root: IConstruct | undefined,
  scopePath: string,
  options: EvaluationOptions = {},
): PolicyEvaluation {
  const { exceptions, today, ...checkOptions } = options;
  const checked = checkStackTemplates(rendered.stacks, checkOptions, {
    ...(exceptions !== undefined ? { exceptions } : {}),
    ...(today !== undefined ? { today } : {}),
  });
  const findings = scopePath === '' ? checked.findings : checked.findings.filter((f) => isWithin(f.resource.path, scopePath));
  const acknowledgements = root === undefined ? [] : acknowledgementsOf(root, PACK_NAME).filter((a) => scopePath === '' || isWithin(a.path, scopePath) || isWithin(scopePath, a.path));
  const notes = acknowledgements.map((a) => acknowledgementNote(a, findings.filter((f) => f.status !== 'excepted' && acknowledges(a, f)).length));
  return {
    findings,
    resourcesChecked: checked.resourcesChecked,
    acknowledgements,
    notes,
    stacks: rendered.stacks,
    assemblyDir: rendered.assemblyDir,
  };
}

/**
 * Synthesizes the app holding `scope` and evaluates the stacks in and around it, keeping the
 * findings on `scope` and below.
 *
 * @example
 * evaluateScope(stack, { today: '2026-11-20' }).findings.map((f) => f.rule) // ['NET-1']
 */
export function evaluateScope(scope: IConstruct, options: EvaluationOptions = {}): PolicyEvaluation {
  return evaluateRendered(templatesOfScope(scope), scope.node.root, scope.node.path, options);
}

function isWithin(path: string | undefined, prefix: string): boolean {
  if (path === undefined) return false;
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}
