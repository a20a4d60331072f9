/**
 * DEPLOY-1, "Deploying Updates": mechanisms are in place for rolling back changes.
 */
import type { RollbackFact } from '../facts/deploy';
import type { Finding } from '../finding';
import { isUnknown } from '../unknown';
import type { CheckContext } from './context';

/**
 * DEPLOY-1: a service or host group rolls a failed deployment back by itself.
 *
 * @example
 * checkRollback({ kind: 'rollback', subject, label: "ECS service 'Api'", rollsBack: false, why: 'DeploymentConfiguration.DeploymentCircuitBreaker is not set' }, ctx)
 * // [DEPLOY-1 fail: "ECS service 'Api' does not roll back a failed deployment: DeploymentConfiguration.DeploymentCircuitBreaker is not set."]
 */
export function checkRollback(fact: RollbackFact, ctx: CheckContext): Finding[] {
  if (fact.rollsBack === true) return [];
  if (isUnknown(fact.rollsBack)) {
    return [ctx.finding('DEPLOY-1', fact.subject, { status: 'unknown', message: `whether ${fact.label} rolls back a failed deployment: ${fact.rollsBack.reason}.`, detail: 'rollback' })];
  }
  return [ctx.finding('DEPLOY-1', fact.subject, { message: `${fact.label} does not roll back a failed deployment: ${fact.why}.`, detail: 'rollback' })];
}
