/**
 * `PolicyException`: a governed exception granted on a construct for one requirement. It is
 * written into the template metadata of every resource under the construct, so the pack at
 * `cdk synth` and `compliance-check` on the cloud assembly both honour it, and both report the
 * finding as `excepted` rather than hiding it.
 */
import { Aspects, CfnResource, IAspect } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { ComplianceError } from '../../constructs/errors';
import { ExceptionSpec, parseDay } from '../../constructs/exceptions';
import { requirement, RequirementId } from '../../constructs/requirements';
import { FIX_WINDOW_DAYS } from '../../constructs/severity';
import { EXCEPTIONS_METADATA_KEY } from '../records/exceptions';

/**
 * What an exception says: the core `ExceptionSpec` (requirement, optional `detail`, reason, owner
 * or ticket, optional `granted`, `expires`; dates are `YYYY-MM-DD`). The expiry may be at most the
 * requirement's fix window (P1 7 days, P2 30, P3 180) after `granted` and after the day of the
 * check: a later expiry, or one in the past, is itself a finding, and the exception excepts
 * nothing.
 *
 * @example
 * const props: PolicyExceptionProps = {
 *   requirement: 'NET-2',
 *   reason: 'Partner webhook on 8443 until the API gateway ships',
 *   owner: 'team-web',
 *   ticket: 'SEC-123',
 *   expires: '2026-11-27',
 * };
 */
export interface PolicyExceptionProps extends ExceptionSpec {
  /** The requirement excepted. P0 requirements (NET-1, IAM-1, IAM-3, AUTH-3) cannot be. */
  readonly requirement: RequirementId;
}

/**
 * A governed exception: one requirement (optionally one granular finding) on a construct and
 * everything below it, with a reason, an owner or ticket, and an expiry.
 *
 * Refused at construction (a `ComplianceError`): P0 requirements, no reason, neither owner nor
 * ticket, dates not in `YYYY-MM-DD` form. Judged at each check: an expired exception, or one
 * longer than the requirement's window, excepts nothing and is itself a finding
 * (`<requirement>.exception`).
 *
 * @example
 * new PolicyException(web.loadBalancerSecurityGroup, 'PartnerWebhook', {
 *   requirement: 'NET-2',
 *   detail: 'ingress tcp/8443 from 0.0.0.0/0',
 *   reason: 'Partner webhook until the API gateway ships',
 *   owner: 'team-web',
 *   ticket: 'SEC-123',
 *   expires: '2026-11-27',
 * });
 */
export class PolicyException extends Construct {
  /** The exception as written into template metadata. */
  readonly spec: ExceptionSpec;
  /** The construct it was granted on. */
  readonly target: IConstruct;

  /**
   * @param scope the construct excepted (a resource, an L2 construct, a stack); the exception
   * is added as a child of it, so it shows in the construct tree next to what it excepts
   * @param id a name for the exception, unique under `scope`
   */
  constructor(scope: Construct, id: string, props: PolicyExceptionProps) {
    super(scope, id);
    const req = requirement(props.requirement);
    const refuse = (problem: string): never => {
      throw new ComplianceError(props.requirement, `PolicyException '${this.node.path}' ${problem}`);
    };
    if (req.severity === 'P0') refuse(`is refused: ${req.id} is P0 (${FIX_WINDOW_DAYS.P0} days to fix), and P0 findings cannot be excepted. ${req.fix}`);
    if (props.reason.trim() === '') refuse('needs a reason.');
    if (!nonEmpty(props.owner) && !nonEmpty(props.ticket)) refuse('needs an owner or a ticket.');
    if (parseDay(props.expires) === undefined) refuse(`has expires '${props.expires}', which is not a date (YYYY-MM-DD).`);
    if (props.granted !== undefined && parseDay(props.granted) === undefined) {
      refuse(`has granted '${props.granted}', which is not a date (YYYY-MM-DD).`);
    }
    this.target = scope;
    this.spec = {
      requirement: req.id,
      ...(props.detail !== undefined ? { detail: props.detail } : {}),
      reason: props.reason,
      ...(nonEmpty(props.owner) ? { owner: props.owner } : {}),
      ...(nonEmpty(props.ticket) ? { ticket: props.ticket } : {}),
      ...(props.granted !== undefined ? { granted: props.granted } : {}),
      expires: props.expires,
    };
    Aspects.of(scope).add(new WriteException(this.spec, scope.node.path, this.node.path));
  }
}

/**
 * Writes an exception into the metadata of every resource under the construct it was granted
 * on, once per resource even when the app is synthesized again.
 */
class WriteException implements IAspect {
  constructor(
    private readonly spec: ExceptionSpec,
    private readonly grantedOn: string,
    private readonly id: string,
  ) {}

  visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    const existing: unknown = node.getMetadata(EXCEPTIONS_METADATA_KEY);
    const entries: unknown[] = Array.isArray(existing) ? existing : [];
    if (entries.some((e) => typeof e === 'object' && e !== null && (e as { id?: unknown }).id === this.id)) return;
    node.addMetadata(EXCEPTIONS_METADATA_KEY, [...entries, { ...this.spec, grantedOn: this.grantedOn, id: this.id }]);
  }
}

function nonEmpty(s: string | undefined): s is string {
  return typeof s === 'string' && s.trim() !== '';
}
