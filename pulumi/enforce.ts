/**
 * In-program enforcement for real `pulumi preview` and `pulumi up`: a stack-wide resource
 * transform that refuses a non-compliant resource before it is registered, and a last check
 * over the whole program for what needs several resources together.
 */
import * as pulumi from '@pulumi/pulumi';
import { ComplianceError } from '../constructs/errors';
import type { Finding } from '../constructs/finding';
import type { CheckOptions } from '../constructs/options';
import { isAtOrAbove, Severity } from '../constructs/severity';
import { checkResources } from './records';
import { PulumiObject, PulumiResource, readPulumiValue } from './records/resource';

/** Options of in-program enforcement. */
export interface EnforceOptions extends CheckOptions {
  /**
   * Findings at or above this severity stop the program; the rest are logged as warnings.
   * @default 'P1'
   */
  readonly failAt?: Severity;
}

/** What a resource registration looks like to the enforcer. */
export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly custom: boolean;
}

/**
 * The state of enforcement over one program run: the resources seen so far. Kept apart from
 * the Pulumi wiring so that it can be tested without the engine (transforms do not run under
 * mocks).
 *
 * @example
 * const enforcer = new PolicyEnforcer({ failAt: 'P1' });
 * enforcer.register({ type: 'gcp:compute/firewall:Firewall', name: 'ssh', props, custom: true }); // throws ComplianceError
 */
export class PolicyEnforcer {
  private readonly seen: PulumiResource[] = [];
  private readonly reported = new Set<string>();
  private readonly failAt: Severity;

  constructor(
    private readonly options: EnforceOptions = {},
    private readonly log: { warn(message: string): void; error(message: string): void } = pulumi.log,
  ) {
    this.failAt = options.failAt ?? 'P1';
  }

  /**
   * Checks one resource as it is registered. Throws a `ComplianceError` for a finding at or above
   * `failAt` that the resource carries by itself; warns for the rest.
   */
  register(resource: RegisteredResource): void {
    if (!resource.custom) return;
    const inputs = readPulumiValue(resource.props);
    const record: PulumiResource = {
      type: resource.type,
      name: resource.name,
      inputs: (inputs !== null && typeof inputs === 'object' && !Array.isArray(inputs) ? inputs : {}) as PulumiObject,
    };
    this.seen.push(record);
    const own = checkResources([record], this.options, false);
    const blocking = own.filter((f) => this.blocks(f));
    for (const f of own) this.reported.add(key(f));
    for (const f of own.filter((x) => !this.blocks(x))) this.log.warn(line(f));
    if (blocking.length > 0) {
      throw new ComplianceError(blocking[0].requirement, blocking.map(line).join('\n'));
    }
  }

  /**
   * The last check over everything registered: findings that needed several resources together.
   * Logs errors for blocking ones (which fails the update) and warnings for the rest; returns them.
   */
  finish(): Finding[] {
    const fresh = checkResources(this.seen, this.options).filter((f) => !this.reported.has(key(f)));
    for (const f of fresh) {
      this.reported.add(key(f));
      if (this.blocks(f)) this.log.error(line(f));
      else this.log.warn(line(f));
    }
    return fresh;
  }

  private blocks(f: Finding): boolean {
    return f.status !== 'excepted' && isAtOrAbove(f.severity, this.failAt);
  }
}

function key(f: Finding): string {
  return [f.rule, f.resource.type, f.resource.name, f.detail].join('\u0000');
}

function line(f: Finding): string {
  return `[${f.requirement} ${f.severity}] ${f.message} ${f.fix} (${f.clause})`;
}

/**
 * Enforces the policy for the rest of the program: call it first in a Pulumi program.
 * Needs the Pulumi engine (`pulumi preview`, `pulumi up`); under mocks, record the resources
 * with `recordResources` and call `checkResources` instead.
 *
 * @example
 * import { enforceSecurityPolicy } from 'compliance-constructs/pulumi';
 * enforceSecurityPolicy({ failAt: 'P1' });
 * new gcp.compute.Firewall('ssh', { ... }); // throws: [NET-1 P0] Firewall 'ssh' allows tcp/22 from 0.0.0.0/0 ...
 */
export function enforceSecurityPolicy(options: EnforceOptions = {}): PolicyEnforcer {
  const enforcer = new PolicyEnforcer(options);
  pulumi.runtime.registerResourceTransform((args) => {
    enforcer.register({ type: args.type, name: args.name, props: args.props, custom: args.custom });
    return undefined;
  });
  process.once('beforeExit', () => enforcer.finish());
  return enforcer;
}
