/**
 * CloudFormation deployable units -> rollback facts (DEPLOY-1): ECS services (circuit breaker
 * or alarms with rollback, or a CodeDeploy deployment group that rolls back) and auto scaling
 * groups (a rolling or replacing `UpdatePolicy`, a resource attribute outside `Properties`).
 */
import type { RollbackFact } from '../../constructs/facts/deploy';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import type { TemplateContext } from './context';
import { describeValue, isObject, possibleValues, readBoolean, readString } from './read';
import type { Value } from './values';

const SERVICE = 'AWS::ECS::Service';
const ASG = 'AWS::AutoScaling::AutoScalingGroup';
const DEPLOYMENT_GROUP = 'AWS::CodeDeploy::DeploymentGroup';

/**
 * The rollback facts of one template.
 *
 * @example
 * deployFacts(new TemplateContext(template)).filter((f) => f.rollsBack === false)
 */
export function deployFacts(ctx: TemplateContext): RollbackFact[] {
  const out: RollbackFact[] = [];
  const add = (id: string, rollsBack: Maybe<boolean>, why: string): void => {
    out.push({ kind: 'rollback', subject: ctx.ref(id), label: ctx.label(id), rollsBack, why });
  };
  for (const id of ctx.ofType(SERVICE)) {
    const p = ctx.properties(id);
    for (const controller of possibleValues(p.DeploymentController)) {
      const type = controller === undefined ? 'ECS' : isObject(controller) ? readString(controller.Type) ?? 'ECS' : new Unknown(`DeploymentController is ${describeValue(controller)}`);
      if (isUnknown(type)) add(id, type, '');
      else if (type === 'CODE_DEPLOY') add(id, ...codeDeployRollback(ctx, id));
      else if (type === 'EXTERNAL') add(id, new Unknown('it uses an EXTERNAL deployment controller, which rolls back (or not) outside the template'), '');
      else for (const [v, why] of ecsRollback(p.DeploymentConfiguration)) add(id, v, why);
    }
  }
  for (const id of ctx.ofType(ASG)) {
    for (const [v, why] of updatePolicyRollback(ctx.resolver.resolve(ctx.resource(id)?.UpdatePolicy))) add(id, v, why);
  }
  return out;
}

/** The circuit breaker or CloudWatch alarms, with rollback on, over every Fn::If branch. */
function ecsRollback(config: Value | undefined): Array<[Maybe<boolean>, string]> {
  return possibleValues(config).map((c): [Maybe<boolean>, string] => {
    if (c === undefined) return [false, 'DeploymentConfiguration is not set, so neither the deployment circuit breaker nor alarms roll it back'];
    if (!isObject(c)) return [new Unknown(`DeploymentConfiguration is ${describeValue(c)}`), ''];
    const breaker = switches(c.DeploymentCircuitBreaker, 'DeploymentConfiguration.DeploymentCircuitBreaker');
    if (breaker[0] === true) return breaker;
    const alarms = switches(c.Alarms, 'DeploymentConfiguration.Alarms');
    if (alarms[0] === true) {
      const names = isObject(c.Alarms) ? c.Alarms.AlarmNames : undefined;
      if (Array.isArray(names) && names.length > 0) return alarms;
      return [false, `${breaker[1]}, and DeploymentConfiguration.Alarms names no alarm`];
    }
    if (isUnknown(breaker[0])) return breaker;
    if (isUnknown(alarms[0])) return alarms;
    return [false, breaker[1]];
  });
}

/** `{ Enable, Rollback }` both true. */
function switches(v: Value | undefined, property: string): [Maybe<boolean>, string] {
  if (v === undefined) return [false, `${property} is not set`];
  if (!isObject(v)) return [new Unknown(`${property} is ${describeValue(v)}`), ''];
  for (const key of ['Enable', 'Rollback']) {
    const options = possibleValues(v[key]).map(readBoolean);
    const unknown = options.find(isUnknown);
    if (unknown) return [new Unknown(`${property}.${key} is ${unknown.reason}`), ''];
    if (options.some((b) => b !== true)) return [false, `${property}.${key} is ${options.some((b) => b === undefined) ? 'not set' : 'false'}`];
  }
  return [true, ''];
}

/** A CodeDeploy deployment group of this template that deploys the service and rolls back failed deployments. */
function codeDeployRollback(ctx: TemplateContext, serviceId: string): [Maybe<boolean>, string] {
  const groups = ctx.referrers(serviceId).filter((r) => r.fromType === DEPLOYMENT_GROUP && r.path[0] === 'ECSServices');
  if (groups.length === 0) return [new Unknown('it deploys through CodeDeploy, and no AWS::CodeDeploy::DeploymentGroup of its template names it'), ''];
  for (const g of groups) {
    const config = ctx.properties(g.from).AutoRollbackConfiguration;
    if (!isObject(config)) return [false, `${ctx.label(g.from)} has no AutoRollbackConfiguration`];
    const enabled = readBoolean(config.Enabled);
    if (isUnknown(enabled)) return [new Unknown(`AutoRollbackConfiguration.Enabled of ${ctx.label(g.from)} is ${enabled.reason}`), ''];
    const events = Array.isArray(config.Events) ? config.Events : [];
    if (enabled !== true || !events.includes('DEPLOYMENT_FAILURE')) {
      return [false, `${ctx.label(g.from)} does not roll back on DEPLOYMENT_FAILURE (AutoRollbackConfiguration)`];
    }
  }
  return [true, ''];
}

/** An auto scaling group's UpdatePolicy: a rolling update, or a replacing update that replaces. */
function updatePolicyRollback(policy: Value): Array<[Maybe<boolean>, string]> {
  return possibleValues(policy).map((p): [Maybe<boolean>, string] => {
    if (p === undefined) return [false, 'it has no UpdatePolicy, so CloudFormation changes its launch settings without replacing instances or rolling them back'];
    if (!isObject(p)) return [new Unknown(`UpdatePolicy is ${describeValue(p)}`), ''];
    const rolling = p.AutoScalingRollingUpdate;
    if (rolling !== undefined) return isObject(rolling) ? [true, ''] : [new Unknown(`UpdatePolicy.AutoScalingRollingUpdate is ${describeValue(rolling)}`), ''];
    const replacing = p.AutoScalingReplacingUpdate;
    if (isObject(replacing)) {
      const will = readBoolean(replacing.WillReplace);
      if (isUnknown(will)) return [new Unknown(`UpdatePolicy.AutoScalingReplacingUpdate.WillReplace is ${will.reason}`), ''];
      if (will === true) return [true, ''];
      return [false, `UpdatePolicy.AutoScalingReplacingUpdate.WillReplace is ${will === undefined ? 'not set' : 'false'}`];
    }
    return [false, 'UpdatePolicy has neither AutoScalingRollingUpdate nor AutoScalingReplacingUpdate'];
  });
}
