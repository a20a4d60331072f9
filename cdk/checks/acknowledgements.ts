/**
 * `Validations.of(construct).acknowledge({ id, reason })` on one of our rule ids. An
 * acknowledgement has a reason but no owner and no expiry, so the policy does not honour it:
 * the findings stay, and the reports say the acknowledgement was ignored and what to use instead.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Finding } from '../../constructs/finding';
import { requirementOfRule } from '../../constructs/requirements';

/**
 * One acknowledgement of one of our rules.
 *
 * @example
 * const a: Acknowledgement = { id: 'NET-2', rule: 'NET-2', path: 'TeamWeb/Lb', reason: 'migration', suppressesInCdk: false };
 */
export interface Acknowledgement {
  /** The id as given, with any namespace (`NET-2`, `SecurityPolicy::NET-2`, `NET-2[ingress tcp/8080 from 0.0.0.0/0]`). */
  readonly id: string;
  /** The rule part: a rule id (`NET-2`, `TLS-2.cloudfront`). */
  readonly rule: string;
  /** The granular part in brackets, when given (CDK stores it with spaces turned into dashes). */
  readonly detail?: string;
  /** The construct it was made on; it covers that construct and everything below it. */
  readonly path: string;
  readonly reason: string;
  /**
   * Whether CDK itself would suppress our violations with it (the id is qualified with the
   * pack's namespace): the pack then reports those violations as `fatal`, which CDK never suppresses.
   */
  readonly suppressesInCdk: boolean;
}

/**
 * Every acknowledgement in the tree under `root` of a rule of ours, from one walk.
 *
 * @param namespace the pack's validation namespace (its plugin name, spaces as dashes)
 *
 * @example
 * acknowledgementsOf(app, 'SecurityPolicy') // [{ id: 'NET-2', rule: 'NET-2', path: 'TeamWeb/Lb', ... }]
 */
export function acknowledgementsOf(root: IConstruct, namespace: string): Acknowledgement[] {
  const out: Acknowledgement[] = [];
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || typeof entry.data !== 'object' || entry.data === null) continue;
      for (const [qualified, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        const ack = parseAcknowledgement(qualified, namespace);
        if (ack) out.push({ ...ack, path: c.node.path, reason: typeof reason === 'string' ? reason : '' });
      }
    }
  }
  return out;
}

/** `Annotation::NET-2[x]` → rule NET-2, detail x; undefined for ids that are not ours. */
function parseAcknowledgement(qualified: string, namespace: string): Pick<Acknowledgement, 'id' | 'rule' | 'detail' | 'suppressesInCdk'> | undefined {
  const sep = qualified.indexOf('::');
  const ns = sep >= 0 ? qualified.slice(0, sep) : undefined;
  const id = sep >= 0 ? qualified.slice(sep + 2) : qualified;
  // Plain ids are stored under the annotation namespace; ids of other plugins are not ours.
  if (ns !== undefined && ns !== namespace && ns.toLowerCase() !== 'annotation') return undefined;
  const m = /^([^[\]]+)(?:\[(.*)\])?$/.exec(id);
  if (!m || requirementOfRule(m[1]) === undefined) return undefined;
  return {
    id: ns !== undefined && ns.toLowerCase() !== 'annotation' ? qualified : id,
    rule: m[1],
    ...(m[2] !== undefined ? { detail: m[2] } : {}),
    suppressesInCdk: ns === namespace,
  };
}

/**
 * Whether an acknowledgement is about a finding: same rule (or its requirement), same detail
 * when it names one, on the construct or below it.
 *
 * @example
 * acknowledges({ rule: 'NET-2', path: 'TeamWeb/Lb', ... }, finding) // true for a NET-2 finding on 'TeamWeb/Lb/SecurityGroup/Resource'
 */
export function acknowledges(a: Acknowledgement, f: Finding): boolean {
  if (a.rule !== f.rule && a.rule !== f.requirement) return false;
  // CDK stores acknowledged ids with spaces turned into dashes.
  if (a.detail !== undefined && (f.detail === undefined || dashed(a.detail) !== dashed(f.detail))) return false;
  const path = f.resource.path;
  if (path === undefined) return false;
  return a.path === '' || path === a.path || path.startsWith(`${a.path}/`);
}

/**
 * The note a report carries for an acknowledgement.
 *
 * @example
 * acknowledgementNote(ack, 1)
 * // "Validations.of('TeamWeb/Lb').acknowledge({ id: 'NET-2' }) is not honoured: an acknowledgement has no owner and no expiry, so 1 finding is still reported. Grant a PolicyException (reason, owner or ticket, expiry) instead."
 */
export function acknowledgementNote(a: Acknowledgement, findings: number): string {
  const still =
    findings === 0 ? 'it covers no finding now' : `so ${findings === 1 ? '1 finding is' : `${findings} findings are`} still reported`;
  return (
    `Validations.of('${a.path}').acknowledge({ id: '${a.id}' }) is not honoured: an acknowledgement has no owner and no expiry, ` +
    `${still}. Grant a PolicyException (reason, owner or ticket, expiry) instead.`
  );
}

function dashed(s: string): string {
  return s.replace(/ /g, '-');
}
