/**
 * DEPLOY-1 over CloudFormation: ECS services and auto scaling groups roll back failed deployments.
 */
import { findingsOf, Json, Res, template, verdicts } from '../fixtures';
import { autoScalingGroup, ecsService, launchTemplate } from './ops-fixtures';

const PARAMS = { Parameters: { NoDefault: { Type: 'String' } } };

describe('DEPLOY-1: ECS services', () => {
  const breaker = (b: Json): Res => ecsService({ DeploymentConfiguration: { DeploymentCircuitBreaker: b } });
  it.each<[string, Res, string[]]>([
    ['circuit breaker with rollback → pass', ecsService(), []],
    ['no DeploymentConfiguration → fail', ecsService({ DeploymentConfiguration: { Ref: 'AWS::NoValue' } }), ['DEPLOY-1:fail']],
    ['circuit breaker without rollback → fail', breaker({ Enable: true, Rollback: false }), ['DEPLOY-1:fail']],
    ['circuit breaker "false" → fail', breaker({ Enable: 'false', Rollback: 'true' }), ['DEPLOY-1:fail']],
    ['rollback in one Fn::If branch only → fail', breaker({ Enable: true, Rollback: { 'Fn::If': ['Prod', true, false] } }), ['DEPLOY-1:fail']],
    ['rollback from a parameter with no default → unknown', breaker({ Enable: true, Rollback: { Ref: 'NoDefault' } }), ['DEPLOY-1:unknown']],
    ['alarms with rollback → pass', ecsService({ DeploymentConfiguration: { Alarms: { Enable: true, Rollback: true, AlarmNames: ['api-5xx'] } } }), []],
    ['alarms with rollback but no alarm named → fail', ecsService({ DeploymentConfiguration: { Alarms: { Enable: true, Rollback: true, AlarmNames: [] } } }), ['DEPLOY-1:fail']],
    ['an EXTERNAL controller → unknown', ecsService({ DeploymentController: { Type: 'EXTERNAL' }, DeploymentConfiguration: { Ref: 'AWS::NoValue' } }), ['DEPLOY-1:unknown']],
    ['CodeDeploy without a deployment group in the template → unknown', ecsService({ DeploymentController: { Type: 'CODE_DEPLOY' } }), ['DEPLOY-1:unknown']],
  ])('%s', (_name, service, expected) => {
    expect(verdicts(findingsOf(template({ Api: service }, PARAMS)), 'DEPLOY-1')).toEqual(expected);
  });

  it.each<[string, Json, string[]]>([
    ['CodeDeploy rolling back failed deployments → pass', { Enabled: true, Events: ['DEPLOYMENT_FAILURE'] }, []],
    ['CodeDeploy rolling back only on alarms → fail', { Enabled: true, Events: ['DEPLOYMENT_STOP_ON_ALARM'] }, ['DEPLOY-1:fail']],
    ['CodeDeploy with rollback off → fail', { Enabled: false, Events: ['DEPLOYMENT_FAILURE'] }, ['DEPLOY-1:fail']],
  ])('%s', (_name, rollback, expected) => {
    const t = template({
      Api: ecsService({ DeploymentController: { Type: 'CODE_DEPLOY' } }),
      Group: {
        Type: 'AWS::CodeDeploy::DeploymentGroup',
        Properties: { ApplicationName: 'app', ServiceRoleArn: 'r', ECSServices: [{ ClusterName: 'cluster', ServiceName: { 'Fn::GetAtt': ['Api', 'Name'] } }], AutoRollbackConfiguration: rollback },
      },
    });
    expect(verdicts(findingsOf(t), 'DEPLOY-1')).toEqual(expected);
  });

  it('message', () => {
    const [f] = findingsOf(template({ Api: ecsService({ DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: false } } }) })).filter((x) => x.requirement === 'DEPLOY-1');
    expect(f.message).toBe("ECS service 'Api' does not roll back a failed deployment: DeploymentConfiguration.DeploymentCircuitBreaker.Rollback is false.");
    expect(f).toMatchObject({ severity: 'P3', clause: 'Deploying Updates' });
  });
});

describe('DEPLOY-1: auto scaling groups (UpdatePolicy, a resource attribute)', () => {
  it.each<[string, { [k: string]: Json }, string[]]>([
    ['a rolling update → pass', {}, []],
    ['no UpdatePolicy → fail', { UpdatePolicy: { Ref: 'AWS::NoValue' } }, ['DEPLOY-1:fail']],
    ['a replacing update → pass', { UpdatePolicy: { AutoScalingReplacingUpdate: { WillReplace: true } } }, []],
    ['a replacing update with WillReplace "false" → fail', { UpdatePolicy: { AutoScalingReplacingUpdate: { WillReplace: 'false' } } }, ['DEPLOY-1:fail']],
    ['only a scheduled action policy → fail', { UpdatePolicy: { AutoScalingScheduledAction: { IgnoreUnmodifiedGroupSizeProperties: true } } }, ['DEPLOY-1:fail']],
    ['a rolling update in one Fn::If branch only → fail', { UpdatePolicy: { 'Fn::If': ['Prod', { AutoScalingRollingUpdate: {} }, { Ref: 'AWS::NoValue' }] } }, ['DEPLOY-1:fail']],
    ['WillReplace from a parameter with no default → unknown', { UpdatePolicy: { AutoScalingReplacingUpdate: { WillReplace: { Ref: 'NoDefault' } } } }, ['DEPLOY-1:unknown']],
  ])('%s', (_name, attributes, expected) => {
    const t = template({ Lt: launchTemplate(), Asg: autoScalingGroup('Lt', {}, attributes) }, PARAMS);
    expect(verdicts(findingsOf(t), 'DEPLOY-1')).toEqual(expected);
  });

  it('message', () => {
    const t = template({ Lt: launchTemplate(), Asg: autoScalingGroup('Lt', {}, { UpdatePolicy: { Ref: 'AWS::NoValue' } }) });
    const [f] = findingsOf(t).filter((x) => x.requirement === 'DEPLOY-1');
    expect(f.message).toBe("Auto Scaling group 'Asg' does not roll back a failed deployment: it has no UpdatePolicy, so CloudFormation changes its launch settings without replacing instances or rolling them back.");
  });
});
