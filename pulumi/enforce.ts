/**
 * In-program enforcement for real `pulumi preview` and `pulumi up`: a stack-wide resource
 * transform that refuses a non-compliant resource before it is registered, and a last check
 * over the whole program for what needs several resources together or values known only once
 * other resources resolve.
 */
import * as pulumi from '@pulumi/pulumi';
import { ComplianceError } from '../constructs/errors';
import type { Finding } from '../constructs/finding';
import { compareSeverity, isAtOrAbove, Severity } from '../constructs/severity';
import { liveDependencies, settleValue, urnOf } from './live';
import { checkResources, PulumiCheckOptions } from './records';
import { isObject } from './records/read';
import { PulumiObject, PulumiResource, PulumiValue, readPulumiValue } from './records/resource';

/**
 * Options of in-program enforcement: the team's check options and exceptions, and `failAt`.
 *
 * @example
 * const options: EnforceOptions = { failAt: 'P2', exceptions: readExceptionsFile('exceptions.yaml') };
 */
export interface EnforceOptions extends PulumiCheckOptions {
  /**
   * Findings at or above this severity stop the program; the rest are logged as warnings.
   * @default 'P1'
   */
  readonly failAt?: Severity;
}

/**
 * What a resource registration looks like to the enforcer.
 *
 * @example
 * const r: RegisteredResource = { type: 'gcp:compute/firewall:Firewall', name: 'ssh', props: { network: net.id }, custom: true };
 */
export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  /** The inputs as the program gives them: plain values, or outputs of other resources. */
  readonly props: Record<string, unknown>;
  readonly custom: boolean;
  /** The URN the resource will get, where known (exceptions may name it). */
  readonly urn?: string;
  /** Stack and project, for the URNs of the resources the inputs depend on. */
  readonly stack?: string;
  readonly project?: string;
}

/**
 * The state of enforcement over one program run: the resources seen so far. Kept apart from
 * the Pulumi wiring so that it can be tested without the engine (transforms do not run under
 * mocks).
 *
 * A resource is refused at registration only for what its own known inputs decide. What an
 * input not known yet leaves open (an output of another resource) waits for `settled()`, when
 * the outputs have resolved (or are known to stay unknown, in a preview), and is judged by
 * `finish()` with everything the program registered.
 *
 * @example
 * const enforcer = new PolicyEnforcer({ failAt: 'P1' });
 * enforcer.register({ type: 'gcp:compute/firewall:Firewall', name: 'ssh', props, custom: true }); // throws ComplianceError
 */
export class PolicyEnforcer {
  private readonly seen: PulumiResource[] = [];
  private readonly pending: Array<Promise<void>> = [];
  private readonly reported = new Set<string>();
  private readonly failAt: Severity;

  constructor(
    private readonly options: EnforceOptions = {},
    private readonly log: { warn(message: string): void; error(message: string): void } = pulumi.log,
  ) {
    this.failAt = options.failAt ?? 'P1';
  }

  /**
   * Checks one resource as it is registered. Throws a `ComplianceError` for a failing finding at
   * or above `failAt` that the resource carries by itself; warns for failing findings below it.
   */
  register(resource: RegisteredResource): void {
    if (!resource.custom) return;
    const index = this.seen.length;
    const dependencies = liveDependencies(resource.props, resource.stack ?? 'stack', resource.project ?? 'project');
    const record: PulumiResource = {
      type: resource.type,
      name: resource.name,
      ...(resource.urn !== undefined ? { urn: resource.urn } : {}),
      inputs: toInputs(readPulumiValue(resource.props)),
      ...(dependencies !== undefined ? { dependencies } : {}),
    };
    this.seen.push(record);
    this.pending.push(
      settleValue(resource.props).then(
        (settled) => {
          this.seen[index] = { ...record, inputs: toInputs(readPulumiValue(settled)) };
        },
        () => undefined, // an input that fails fails its registration: the engine reports it
      ),
    );
    // Unknown findings may be decided once the outputs resolve: they wait for finish().
    const own = checkResources([record], this.options, false).filter((f) => f.status !== 'unknown');
    // The most urgent finding names the refusal.
    const blocking = own.filter((f) => this.blocks(f)).sort((a, b) => compareSeverity(a.severity, b.severity));
    for (const f of own) this.reported.add(key(f));
    for (const f of own.filter((x) => !this.blocks(x) && x.status !== 'excepted')) this.log.warn(line(f));
    if (blocking.length > 0) {
      throw new ComplianceError(blocking[0].requirement, blocking.map(line).join('\n'));
    }
  }

  /** Resolves once the outputs in every registered resource's inputs have settled. */
  async settled(): Promise<void> {
    let done = 0;
    // Registrations may continue while outputs settle.
    while (done < this.pending.length) {
      const batch = this.pending.slice(done);
      done = this.pending.length;
      await Promise.all(batch);
    }
  }

  /**
   * The last check over everything registered: findings that needed several resources together
   * or values not known at registration. Logs errors for blocking ones (which fails the update)
   * and warnings for the rest; returns them.
   */
  finish(): Finding[] {
    const fresh = checkResources(this.seen, this.options).filter((f) => !this.reported.has(key(f)));
    for (const f of fresh) {
      this.reported.add(key(f));
      if (f.status === 'excepted') continue;
      if (this.blocks(f)) this.log.error(line(f));
      else this.log.warn(line(f));
    }
    return fresh;
  }

  private blocks(f: Finding): boolean {
    return f.status !== 'excepted' && isAtOrAbove(f.severity, this.failAt);
  }
}

function toInputs(v: PulumiValue): PulumiObject {
  return isObject(v) ? v : {};
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
 * enforceSecurityPolicy({ failAt: 'P1', exceptions: readExceptionsFile('exceptions.yaml') });
 * new gcp.compute.Firewall('ssh', { ... }); // throws: [NET-1 P0] Firewall 'ssh' allows tcp/22 from 0.0.0.0/0 ...
 */
export function enforceSecurityPolicy(options: EnforceOptions = {}): PolicyEnforcer {
  const enforcer = new PolicyEnforcer(options);
  const stack = pulumi.getStack();
  const project = pulumi.getProject();
  pulumi.runtime.registerResourceTransform((args) => {
    const urn = urnOf(args.type, args.name, args.opts.parent, stack, project);
    enforcer.register({ type: args.type, name: args.name, props: args.props, custom: args.custom, urn, stack, project });
    return undefined;
  });
  process.once('beforeExit', () => {
    void enforcer.settled().then(() => enforcer.finish());
  });
  return enforcer;
}
