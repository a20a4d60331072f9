/**
 * CloudFormation in, facts and findings out: the AWS side's entry into the core.
 */
import { runChecks } from '../../constructs/checks';
import type { CheckContext } from '../../constructs/checks/context';
import type { Fact } from '../../constructs/facts';
import { applyExceptions, DayInput, ExceptionGrant } from '../../constructs/exceptions';
import type { Finding } from '../../constructs/finding';
import type { CheckOptions } from '../../constructs/options';
import type { RequirementId } from '../../constructs/requirements';
import type { StackTemplate } from './assembly';
import { TemplateContext, TemplateSource } from './context';
import { exceptionsOfTemplate } from './exceptions';
import { NETWORK_BINDINGS, networkFacts } from './network';
import type { CfnTemplate } from './template';

/**
 * For each CloudFormation resource type, the requirements it is judged against.
 * The requirements page and the catalog test read this table.
 */
export const AWS_BINDINGS: Readonly<Record<string, readonly RequirementId[]>> = {
  ...NETWORK_BINDINGS,
};

/** Each area's records, run once per template. */
const RECORDERS: ReadonlyArray<(ctx: TemplateContext) => Fact[]> = [networkFacts];

/**
 * Every fact of one template.
 *
 * @example
 * factsOfTemplate(template, { file: 'web.yaml' }).length
 */
export function factsOfTemplate(template: CfnTemplate, source: TemplateSource = {}): Fact[] {
  return factsOfContext(new TemplateContext(template, source));
}

function factsOfContext(ctx: TemplateContext): Fact[] {
  return RECORDERS.flatMap((record) => record(ctx));
}

/** What checking CloudFormation found. */
export interface CloudFormationCheckResult {
  readonly findings: Finding[];
  /** How many resources were read. */
  readonly resourcesChecked: number;
}

/**
 * Exceptions beyond those the templates carry, and the day to judge them on.
 *
 * @example
 * checkStackTemplates(stacks, {}, { exceptions: readExceptionsFile('exceptions.yaml'), today: '2026-11-20' });
 */
export interface ExceptionOptions {
  /**
   * Exceptions from elsewhere (an exceptions file), applied with those in template metadata.
   * @default none
   */
  readonly exceptions?: readonly ExceptionGrant[];
  /**
   * The day exceptions are judged on (expiry, window).
   * @default today
   */
  readonly today?: DayInput;
}

/**
 * Checks templates (from files or a cloud assembly) and returns the findings, without
 * duplicates (`Fn::If` branches can yield the same finding twice), with the exceptions written
 * into the templates' metadata (and any given) applied: covered findings are `excepted`, and
 * each exception that cannot be honoured is a finding of its own.
 *
 * @example
 * checkStackTemplates(readCloudAssembly('cdk.out')).findings.filter((f) => f.severity === 'P0')
 */
export function checkStackTemplates(
  stacks: readonly StackTemplate[],
  options: CheckOptions | CheckContext = {},
  exceptionOptions: ExceptionOptions = {},
): CloudFormationCheckResult {
  const findings: Finding[] = [];
  const exceptions: ExceptionGrant[] = [...(exceptionOptions.exceptions ?? [])];
  let resourcesChecked = 0;
  for (const s of stacks) {
    resourcesChecked += Object.keys(s.template.Resources).length;
    const ctx = new TemplateContext(s.template, { file: s.file, stack: s.stackName });
    findings.push(...runChecks(factsOfContext(ctx), options));
    exceptions.push(...exceptionsOfTemplate(ctx));
  }
  return { findings: applyExceptions(dedupe(findings), exceptions, exceptionOptions.today, options), resourcesChecked };
}

function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const r = f.resource;
    const key = [f.rule, f.status, r.file, r.stack, r.logicalId ?? r.urn, f.detail, f.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export { readCloudAssembly } from './assembly';
export type { StackTemplate } from './assembly';
export { TemplateContext } from './context';
export { EXCEPTIONS_METADATA_KEY, exceptionsOfTemplate } from './exceptions';
