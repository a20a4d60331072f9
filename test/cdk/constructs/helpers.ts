/**
 * Helpers for construct tests: a fresh stack, the policy's findings and cdk-nag's AwsSolutions
 * errors on what a stack synthesizes, and the resources of constructs for a snapshot (written
 * through the shared serializers of `compliance-constructs/testing`).
 */
import { App, CfnResource, Stack, StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { checkStackTemplates } from '../../../cdk/records';
import type { CfnTemplate } from '../../../cdk/records/template';
import type { Finding } from '../../../constructs/finding';
// The matchers and snapshot serializers of `compliance-constructs/testing`, for every construct test.
import '../../../cdk/testing/setup';

/**
 * A stack in a fresh app (CDK's own CloudFormation validation is off: see test/setup-env.ts),
 * with construct paths in the template so that findings name resources as the CLI does.
 */
export function newStack(id = 'Test', props: StackProps = {}): Stack {
  return new Stack(newApp(), id, props);
}

/** A fresh app that writes construct paths into templates, as the CDK CLI does. */
export function newApp(): App {
  return new App({ context: { 'aws:cdk:enable-path-metadata': true } });
}

/** A stack with a region but no account: still offline, for what needs a region (ELB logs). */
export function regionalStack(id = 'Test'): Stack {
  return newStack(id, { env: { region: 'eu-west-1' } });
}

/** The synthesized template as JSON. */
export function templateOf(stack: Stack): CfnTemplate {
  return Template.fromStack(stack).toJSON() as unknown as CfnTemplate;
}

/**
 * Every finding of the whole policy on the stack's template, through the generic runner: the
 * checks that exist today and those that land later.
 */
export function policyFindings(stack: Stack): Finding[] {
  return checkStackTemplates([{ file: `${stack.stackName}.template.json`, stackName: stack.stackName, template: templateOf(stack) }]).findings;
}

/** Findings as `[NET-3 P2] message` lines, readable in a failed assertion. */
export function findingLines(stack: Stack): string[] {
  return policyFindings(stack).map((f) => `[${f.rule} ${f.severity}] ${f.message}`);
}

/** cdk-nag AwsSolutions violations of a level, as `rule @ construct path` lines. */
export function nagViolations(scope: IConstruct, level: 'error' | 'warning' = 'error'): string[] {
  const report = new AwsSolutionsChecks(scope).validateScope(scope);
  return report.violations
    .filter((v) => v.severity === level)
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath ?? r.resourceLogicalId ?? '?'}`))
    .sort();
}

/**
 * The resources of `constructs` (every CloudFormation resource under each), for a snapshot.
 * Asset hashes are replaced when the snapshot is written, by the shared serializers of
 * `compliance-constructs/testing` that this module registers (as a user's jest setup would).
 */
export function snapshotOf(stack: Stack, ...constructs: IConstruct[]): unknown {
  const resources = templateOf(stack).Resources as Record<string, unknown>;
  const ids = new Set(constructs.flatMap((c) => c.node.findAll().filter(CfnResource.isCfnResource).map((r) => stack.resolve(r.logicalId) as string)));
  return Object.fromEntries(Object.entries(resources).filter(([id]) => ids.has(id)));
}

/** Resources of one type in the template, by logical id. */
export function resourcesOfType(stack: Stack, type: string): Record<string, { Properties?: Record<string, unknown> }> {
  return Template.fromStack(stack).findResources(type) as Record<string, { Properties?: Record<string, unknown> }>;
}
