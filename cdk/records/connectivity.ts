/**
 * Security groups joined across the stacks of one run, for pictures of who may connect to whom
 * (`compliance-check --graph`). One template's records see a group that another stack exports
 * only as an import; across the app the import is followed to the group it is, so the rules a
 * stack adds to another stack's group are drawn on that group, and a rule naming another
 * stack's group points at it. The checks keep judging each template's own facts.
 */
import type { Fact } from '../../constructs/facts';
import type { NetworkBoundaryFact, NetworkRule } from '../../constructs/facts/network';
import type { ResourceRef } from '../../constructs/finding';
import { AppContext } from './app-context';
import type { TemplateContext } from './context';
import type { Value } from './values';

const SG = 'AWS::EC2::SecurityGroup';
const SG_INGRESS = 'AWS::EC2::SecurityGroupIngress';
const SG_EGRESS = 'AWS::EC2::SecurityGroupEgress';

/**
 * The boundaries of several templates with imported security groups resolved: a boundary made
 * of standalone rules on a group of another stack is merged into that group's boundary, and a
 * group peer named through an import gets the group as its subject. What the templates do not
 * resolve (an import no stack exports) stays as it was.
 *
 * @example
 * joinGroupsAcrossStacks([dataCtx, serviceCtx], [...networkFacts(dataCtx), ...networkFacts(serviceCtx)])
 */
export function joinGroupsAcrossStacks(contexts: readonly TemplateContext[], facts: readonly Fact[]): Fact[] {
  const app = new AppContext(contexts);
  const bySource = new Map(contexts.map((ctx) => [sourceKey(ctx.source), ctx]));
  const located = (r: ResourceRef): { ctx: TemplateContext; logicalId: string } | undefined => {
    const ctx = bySource.get(sourceKey(r));
    return ctx !== undefined && r.logicalId !== undefined ? { ctx, logicalId: r.logicalId } : undefined;
  };
  const groupNamedBy = (ctx: TemplateContext, value: Value | undefined): ResourceRef | undefined => {
    const targets = app.targets(ctx, value, [SG]);
    const t = targets.length === 1 ? targets[0] : undefined;
    if (t?.kind !== 'resource' || t.resource.ctx.typeOf(t.resource.logicalId) !== SG) return undefined;
    return t.resource.ctx.ref(t.resource.logicalId);
  };
  const labelOf = (group: ResourceRef): string => {
    const at = located(group);
    return at ? at.ctx.label(at.logicalId) : group.logicalId ?? group.type;
  };
  const resolvePeer = (rule: NetworkRule): NetworkRule => {
    const at = located(rule.declaredBy);
    if (rule.peer.kind !== 'group' || rule.peer.subject !== undefined || at === undefined || !isStandaloneRule(at.ctx.typeOf(at.logicalId))) return rule;
    const group = groupNamedBy(at.ctx, at.ctx.properties(at.logicalId)[rule.direction === 'ingress' ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId']);
    return group ? { ...rule, peer: { kind: 'group', label: labelOf(group), subject: group } } : rule;
  };

  // Standalone rules on another stack's group, by the group they belong to.
  const moved = new Map<string, NetworkRule[]>();
  const kept: Fact[] = [];
  for (const f of facts) {
    if (!isBoundary(f)) {
      kept.push(f);
      continue;
    }
    const rules = f.rules.map(resolvePeer);
    const at = located(f.subject);
    const owner = at !== undefined && isStandaloneRule(f.subject.type) ? groupNamedBy(at.ctx, at.ctx.properties(at.logicalId).GroupId) : undefined;
    if (owner !== undefined) {
      const key = refKey(owner);
      moved.set(key, [...(moved.get(key) ?? []), ...rules]);
    } else {
      kept.push({ ...f, rules });
    }
  }
  return kept.map((f) => {
    const extra = isBoundary(f) ? moved.get(refKey(f.subject)) : undefined;
    return extra !== undefined && isBoundary(f) ? { ...f, rules: [...f.rules, ...extra] } : f;
  });
}

function isBoundary(f: Fact): f is NetworkBoundaryFact {
  return f.kind === 'network-boundary';
}

function isStandaloneRule(type: string | undefined): boolean {
  return type === SG_INGRESS || type === SG_EGRESS;
}

function sourceKey(s: { readonly stack?: string; readonly file?: string }): string {
  return `${s.stack ?? ''}\u0000${s.file ?? ''}`;
}

function refKey(r: ResourceRef): string {
  return `${sourceKey(r)}\u0000${r.logicalId ?? ''}`;
}
