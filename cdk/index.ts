/**
 * The AWS CDK face of the library: `compliance-constructs/cdk`.
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
