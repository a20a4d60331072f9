/**
 * CloudFormation in, facts and findings out: the AWS side's entry into the core.
 */
import { runChecks } from '../../constructs/checks';
import type { CheckContext } from '../../constructs/checks/context';
import type { Fact } from '../../constructs/facts';
import { dedupeFindings, Finding } from '../../constructs/finding';
import type { CheckOptions } from '../../constructs/options';
import type { RequirementId } from '../../constructs/requirements';
import type { StackTemplate } from './assembly';
import { TemplateContext, TemplateSource } from './context';
import { AUTH_BINDINGS, authFacts } from './auth';
import { IDENTITY_BINDINGS, identityFacts } from './identity';
import { NETWORK_BINDINGS, networkFacts } from './network';
import { mergeBindings } from './bindings';
import { ENCRYPTION_BINDINGS, encryptionFacts } from './encryption';
import { TRANSPORT_BINDINGS, transportFacts } from './transport';
import { PLAINTEXT_BINDINGS, plaintextFacts } from './plaintext';
import type { CfnTemplate } from './template';

/**
 * For each CloudFormation resource type, the requirements it is judged against.
 * The requirements page and the catalog test read this table.
 */
export const AWS_BINDINGS: Readonly<Record<string, readonly RequirementId[]>> = mergeBindings(
  NETWORK_BINDINGS,
  ENCRYPTION_BINDINGS,
  TRANSPORT_BINDINGS,
  IDENTITY_BINDINGS,
  AUTH_BINDINGS,
  PLAINTEXT_BINDINGS,
);

/** Each area's records, run once per template. */
const RECORDERS: ReadonlyArray<(ctx: TemplateContext) => Fact[]> = [
  networkFacts,
  encryptionFacts,
  transportFacts,
  identityFacts,
  authFacts,
  plaintextFacts,
];

/**
 * Every fact of one template.
 *
 * @example
 * factsOfTemplate(template, { file: 'web.yaml' }).length
 */
export function factsOfTemplate(template: CfnTemplate, source: TemplateSource = {}): Fact[] {
  const ctx = new TemplateContext(template, source);
  return RECORDERS.flatMap((record) => record(ctx));
}

/** What checking CloudFormation found. */
export interface CloudFormationCheckResult {
  readonly findings: Finding[];
  /** How many resources were read. */
  readonly resourcesChecked: number;
}

/**
 * Checks templates (from files or a cloud assembly) and returns the findings, without
 * duplicates (`Fn::If` branches can yield the same finding twice).
 *
 * @example
 * checkStackTemplates(readCloudAssembly('cdk.out')).findings.filter((f) => f.severity === 'P0')
 */
export function checkStackTemplates(
  stacks: readonly StackTemplate[],
  options: CheckOptions | CheckContext = {},
): CloudFormationCheckResult {
  const findings: Finding[] = [];
  let resourcesChecked = 0;
  for (const s of stacks) {
    resourcesChecked += Object.keys(s.template.Resources).length;
    findings.push(...runChecks(factsOfTemplate(s.template, { file: s.file, stack: s.stackName }), options));
  }
  return { findings: dedupeFindings(findings), resourcesChecked };
}

export { readCloudAssembly } from './assembly';
export type { StackTemplate } from './assembly';
export { TemplateContext } from './context';
