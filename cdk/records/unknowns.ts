/**
 * What kind of value an `Unknown` from the resolver stands for, where the identity and secret
 * records need to tell them apart: a pseudo parameter (one specific account, region or
 * partition), a parameter the deployer fills in, a resource of the template, a secret store.
 *
 * The resolver names these in its reasons (`AWS::AccountId, known only at deploy`, `Ref to
 * parameter 'X' with no default`); the tests of the records pin the wording.
 */
import { Unknown } from '../../constructs/unknown';
import { PartialString, Reference, SecretReference } from './values';

const PSEUDO = /^(AWS::[A-Za-z]+), known only at deploy$/;
const PARAMETER = /^Ref to parameter '([^']+)' with no default$/;

/**
 * The pseudo parameter an unknown is (`AWS::AccountId`), or undefined.
 *
 * @example
 * pseudoParameter(resolver.resolve({ Ref: 'AWS::AccountId' })) // 'AWS::AccountId'
 */
export function pseudoParameter(u: Unknown): string | undefined {
  return PSEUDO.exec(u.reason)?.[1];
}

/**
 * The parameter without a default an unknown comes from, or undefined.
 *
 * @example
 * parameterOf(resolver.resolve({ Ref: 'KeyName' })) // 'KeyName'
 */
export function parameterOf(u: Unknown): string | undefined {
  return PARAMETER.exec(u.reason)?.[1];
}

/**
 * Whether an unknown names one specific thing (a resource of the template, or the account,
 * region or partition of the stack), as opposed to a value anyone deploying may choose.
 *
 * @example
 * isSpecific(new Reference('Bucket', 'AWS::S3::Bucket', 'Arn')) // true
 */
export function isSpecific(u: Unknown): boolean {
  return u instanceof Reference || pseudoParameter(u) !== undefined;
}

/**
 * A description of an unknown that is safe in any message: never the known text of a partly
 * known string, which may carry a secret.
 *
 * @example
 * safeReason(new PartialString(['password=', new Unknown('x')])) // 'a string built from values known only at deploy'
 */
export function safeReason(u: Unknown): string {
  if (u instanceof PartialString) return 'a string built from values known only at deploy';
  if (u instanceof SecretReference) return 'a reference to a secret store';
  if (u instanceof Reference || pseudoParameter(u) !== undefined || parameterOf(u) !== undefined) return u.reason;
  if (/^Fn::ImportValue '[^']*'$/.test(u.reason) || /^SSM parameter \{\{resolve:ssm:[^}]*\}\}, read at deploy$/.test(u.reason)) return u.reason;
  if (/^parameter '[^']+', read from SSM parameter/.test(u.reason)) return u.reason;
  return 'a value known only at deploy';
}
