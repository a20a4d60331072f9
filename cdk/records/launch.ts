/**
 * What an instance or auto scaling group is launched from: its launch template or launch
 * configuration, followed across stacks.
 */
import type { AppContext, AppResource, Target } from './app-context';
import { isObject, possibleValues } from './read';
import type { Value } from './values';

/** Host and launch resource types. */
export const INSTANCE = 'AWS::EC2::Instance';
export const ASG = 'AWS::AutoScaling::AutoScalingGroup';
export const LAUNCH_TEMPLATE = 'AWS::EC2::LaunchTemplate';
export const LAUNCH_CONFIGURATION = 'AWS::AutoScaling::LaunchConfiguration';

/**
 * The launch templates or configurations a host uses, one target per `Fn::If` branch and
 * specification (an auto scaling group's mixed instances policy included); `[]` when it uses none.
 *
 * @example
 * launchSources(app, { ctx, logicalId: 'Web' }) // [{ kind: 'resource', resource: { ctx, logicalId: 'WebLt' }, ... }]
 */
export function launchSources(app: AppContext, host: AppResource): Target[] {
  const p = host.ctx.properties(host.logicalId);
  const specs: Array<Value | undefined> = [p.LaunchTemplate];
  for (const mixed of possibleValues(p.MixedInstancesPolicy)) {
    if (isObject(mixed) && isObject(mixed.LaunchTemplate)) specs.push(mixed.LaunchTemplate.LaunchTemplateSpecification);
  }
  const out: Target[] = [];
  for (const spec of specs) {
    for (const s of possibleValues(spec)) {
      if (s === undefined) continue;
      if (!isObject(s)) {
        out.push(...app.targets(host.ctx, s, [LAUNCH_TEMPLATE]));
        continue;
      }
      out.push(...app.targets(host.ctx, s.LaunchTemplateId ?? s.LaunchTemplateName, [LAUNCH_TEMPLATE]));
    }
  }
  if (p.LaunchConfigurationName !== undefined) out.push(...app.targets(host.ctx, p.LaunchConfigurationName, [LAUNCH_CONFIGURATION]));
  return out;
}

/**
 * How a launch target reads in messages: a resource's label, else the name or reason.
 *
 * @example
 * describeTarget({ kind: 'external', text: 'lt-0abc' }) // "'lt-0abc', which is not in the templates checked"
 */
export function describeTarget(t: Target): string {
  if (t.kind === 'resource') return t.resource.ctx.label(t.resource.logicalId);
  if (t.kind === 'external') return `'${t.text}', which is not in the templates checked`;
  return t.reason;
}
