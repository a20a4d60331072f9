/**
 * `compliance-constructs/cdk`: the AWS face. Secure-by-default constructs whose output
 * complies with the security policy, the cdk-nag pack that enforces it at `cdk synth`, and
 * governed exceptions.
 */
export { SecurityPolicyChecks } from './checks/pack';
export type { SecurityPolicyChecksProps } from './checks/pack';
export { PolicyException } from './checks/policy-exception';
export type { PolicyExceptionProps } from './checks/policy-exception';
export { evaluateScope, PACK_NAME } from './checks/evaluate';
export type { EvaluationOptions, PolicyEvaluation } from './checks/evaluate';
export { reportFileName } from './checks/reports';
export { checkStackTemplates, EXCEPTIONS_METADATA_KEY, factsOfTemplate, readCloudAssembly } from './records';
export type { CloudFormationCheckResult, ExceptionOptions, StackTemplate } from './records';
export { readExceptionsFile } from '../constructs/exceptions-input';
export type { ExceptionGrant, ExceptionSpec, ExceptionTarget } from '../constructs/exceptions';
export * from './rotating-key';
export * from './retained-log-group';
export * from './log-archive-bucket';
export * from './audit-trail';
export * from './api-access-log-format';
export * from './declared-traffic';
export * from './connected-security-group';
export * from './secure-vpc';
export * from './statement-judgement';
export * from './least-privilege-role';
export * from './host-baseline';
export * from './hardened-instance';
export * from './hardened-auto-scaling-group';
export * from './encrypted-volume';
export * from './tls-load-balancer';
export * from './secure-bucket';
export * from './secure-database';
export * from './account-password-policy';
export * from './secure-user-pool';
export * from './hardened-task-definition';
export * from './hardened-fargate-service';
