/**
 * CloudFormation in, facts and findings out: the AWS side's entry into the core.
 */
import { checkContext, runChecks } from '../../constructs/checks';
import type { CheckContext } from '../../constructs/checks/context';
import type { Fact } from '../../constructs/facts';
import { applyExceptions, DayInput, ExceptionGrant } from '../../constructs/exceptions';
import { dedupeFindings, Finding, ResourceRef } from '../../constructs/finding';
import type { CheckOptions } from '../../constructs/options';
import type { RequirementId } from '../../constructs/requirements';
import type { StackTemplate } from './assembly';
import { TemplateContext, TemplateSource } from './context';
import { AUTH_BINDINGS, authFacts } from './auth';
import { IDENTITY_BINDINGS, identityFacts } from './identity';
import { exceptionsOfTemplate } from './exceptions';
import { NETWORK_BINDINGS, networkFacts } from './network';
import { mergeBindings } from './bindings';
import { ENCRYPTION_BINDINGS, encryptionFacts } from './encryption';
import { TRANSPORT_BINDINGS, transportFacts } from './transport';
import { PLAINTEXT_BINDINGS, plaintextFacts } from './plaintext';
import type { CfnTemplate } from './template';
import { AppContext } from './app-context';
import { joinGroupsAcrossStacks } from './connectivity';
import { LOGGING_BINDINGS, loggingFacts } from './logging';
import { logArchiveFacts } from './log-archive';
import { logCoverageFacts } from './log-coverage';
import { HOST_BINDINGS, hostFacts } from './host';
import { hostCareFacts } from './host-care';
import { containerFacts } from './containers';
import { deployFacts } from './deploy';
import { unreadableFindings } from './unreadable';

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
  LOGGING_BINDINGS,
  HOST_BINDINGS,
);

/** Each area's records, run once per template. */
const RECORDERS: ReadonlyArray<(ctx: TemplateContext) => Fact[]> = [
  networkFacts,
  encryptionFacts,
  transportFacts,
  identityFacts,
  authFacts,
  plaintextFacts,
  loggingFacts,
  containerFacts,
  deployFacts,
];

/**
 * Each area's app-level records, run once over every template of a run (the stacks of one
 * cloud assembly, or the templates passed together), for joins across stacks.
 */
const APP_RECORDERS: ReadonlyArray<(app: AppContext) => Fact[]> = [
  logArchiveFacts,
  logCoverageFacts,
  hostFacts,
  hostCareFacts,
];

/**
 * Every fact of one template.
 *
 * @example
 * factsOfTemplate(template, { file: 'web.yaml' }).length
 */
export function factsOfTemplate(template: CfnTemplate, source: TemplateSource = {}): Fact[] {
  return factsOfStacks([{ template, source }]);
}

/**
 * Every fact of templates read together: each template's own, then the app-level ones that
 * join across them.
 *
 * @example
 * factsOfStacks([{ template: web }, { template: logging }]).filter((f) => f.kind === 'log-archive')
 */
export function factsOfStacks(stacks: ReadonlyArray<{ template: CfnTemplate; source?: TemplateSource }>): Fact[] {
  return factsOfContexts(stacks.map((s) => new TemplateContext(s.template, s.source ?? {})));
}

function factsOfContexts(contexts: readonly TemplateContext[]): Fact[] {
  const app = new AppContext(contexts);
  return [
    ...contexts.flatMap((ctx) => RECORDERS.flatMap((record) => record(ctx))),
    ...APP_RECORDERS.flatMap((record) => record(app)),
  ];
}

/**
 * The network facts of templates read together, with security groups joined across stacks
 * (rules one stack adds to another stack's group are that group's): what `--graph` draws.
 *
 * @example
 * renderMermaidGraph(connectivityFacts([{ template: data, source: { stack: 'Data' } }, { template: service, source: { stack: 'Service' } }]))
 */
export function connectivityFacts(stacks: ReadonlyArray<{ template: CfnTemplate; source?: TemplateSource }>): Fact[] {
  const contexts = stacks.map((s) => new TemplateContext(s.template, s.source ?? {}));
  return joinGroupsAcrossStacks(contexts, contexts.flatMap(networkFacts));
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
  let resourcesChecked = 0;
  for (const s of stacks) resourcesChecked += Object.keys(s.template.Resources).length;
  const contexts = stacks.map((s) => new TemplateContext(s.template, { file: s.file, stack: s.stackName }));
  const ctx = 'finding' in options ? options : checkContext(options);
  const facts = factsOfContexts(contexts);
  const checked = runChecks(facts, ctx);
  // Resources whose Properties cannot be read are unknown for whatever no record judged.
  const findings = dedupeFindings([...checked, ...unreadableFindings(contexts, facts, checked, AWS_BINDINGS, ctx)]);
  const exceptions: ExceptionGrant[] = [...(exceptionOptions.exceptions ?? []), ...contexts.flatMap(exceptionsOfTemplate)];
  return { findings: applyExceptions(findings, exceptions, exceptionOptions.today, ctx), resourcesChecked };
}

/**
 * How findings point at every resource of the templates, found or not: to tell whether an
 * exception names a resource that exists.
 *
 * @example
 * resourceRefsOf(readCloudAssembly('cdk.out')).map((r) => r.logicalId)
 */
export function resourceRefsOf(stacks: readonly StackTemplate[]): ResourceRef[] {
  return stacks.flatMap((s) => {
    const ctx = new TemplateContext(s.template, { file: s.file, stack: s.stackName });
    return ctx.logicalIds().map((id) => ctx.ref(id));
  });
}

export { readCloudAssembly } from './assembly';
export type { StackTemplate } from './assembly';
export { TemplateContext } from './context';
export { AppContext } from './app-context';
export { EXCEPTIONS_METADATA_KEY, exceptionsOfTemplate } from './exceptions';
