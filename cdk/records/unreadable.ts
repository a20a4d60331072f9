/**
 * The fail-closed net under every record: a resource whose whole `Properties` block cannot be
 * read (an `AWS::Include` transform, an `Fn::If` between two blocks, an import) may declare
 * anything, so every requirement bound to its type that no record judged on it is "could not
 * be verified". Records that read a property by its presence (a `VpcId`) or by its shape
 * would otherwise pass such a resource silently. A record that did judge the resource (it made
 * a fact about it that a check of the requirement reads) keeps its verdict: it knew the
 * Properties were unreadable, and may know the requirement does not apply.
 */
import { requirementsOfKind } from '../../constructs/checks';
import type { CheckContext } from '../../constructs/checks/context';
import type { Fact } from '../../constructs/facts';
import type { Finding } from '../../constructs/finding';
import type { RequirementId } from '../../constructs/requirements';
import type { TemplateContext } from './context';

/**
 * Unknown findings for the resources whose `Properties` cannot be read, one per requirement
 * bound to the resource's type that no fact and no finding covers.
 *
 * @param contexts the templates checked
 * @param facts what the records made of them
 * @param findings what the checks found
 * @param bindings resource type → requirements (`AWS_BINDINGS`)
 * @param ctx the check context (the team's severities)
 *
 * @example
 * unreadableFindings(contexts, facts, findings, AWS_BINDINGS, checkContext())
 * // [{ requirement: 'NET-4', status: 'unknown', message: "Could not be verified: what Security group 'Web' declares: its Properties are Fn::Transform ..." }]
 */
export function unreadableFindings(
  contexts: readonly TemplateContext[],
  facts: readonly Fact[],
  findings: readonly Finding[],
  bindings: Readonly<Record<string, readonly RequirementId[]>>,
  ctx: CheckContext,
): Finding[] {
  // Unreadable Properties are rare: find those resources first, and index what was judged only then.
  const opaque: Array<{ template: TemplateContext; id: string; reason: string; requirements: readonly RequirementId[] }> = [];
  for (const template of contexts) {
    for (const id of template.logicalIds()) {
      const requirements = bindings[template.typeOf(id) as string];
      if (requirements === undefined) continue;
      const unknown = template.resolver.propertiesUnknown(id);
      if (unknown !== undefined) opaque.push({ template, id, reason: unknown.reason, requirements });
    }
  }
  if (opaque.length === 0) return [];
  const reported = new Set(findings.map((f) => key(f.requirement, f.resource.file, f.resource.stack, f.resource.logicalId)));
  for (const f of facts) {
    for (const requirement of requirementsOfKind(f.kind)) reported.add(key(requirement, f.subject.file, f.subject.stack, f.subject.logicalId));
  }
  const out: Finding[] = [];
  for (const { template, id, reason, requirements } of opaque) {
    const ref = template.ref(id);
    for (const requirement of requirements) {
      if (reported.has(key(requirement, ref.file, ref.stack, id))) continue;
      out.push(
        ctx.finding(requirement, ref, {
          status: 'unknown',
          message: `what ${template.label(id)} declares: its Properties are ${reason}.`,
          detail: 'Properties unreadable',
        }),
      );
    }
  }
  return out;
}

function key(requirement: string, file: string | undefined, stack: string | undefined, logicalId: string | undefined): string {
  return [requirement, file ?? '', stack ?? '', logicalId ?? ''].join('\u0000');
}
