/**
 * The IAM account password policy, set by a custom resource: CloudFormation has no resource
 * for it.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { ComplianceError } from '../constructs/errors';
import { RetainedLogGroup } from './retained-log-group';

/** The policy's floor: "a minimum of 8 characters" (AUTH-1). */
export const MIN_PASSWORD_LENGTH = 8;
/** "Passwords should be rolled every 90 days" (AUTH-1). */
export const MAX_PASSWORD_AGE_DAYS = 90;

/** Props of an {@link AccountPasswordPolicy}. */
export interface AccountPasswordPolicyProps {
  /**
   * The fewest characters. AUTH-1: fewer than 8 is refused.
   * @default 14
   */
  readonly minimumPasswordLength?: number;
  /**
   * Whether a symbol is required. AUTH-1: `false` is refused.
   * @default true
   */
  readonly requireSymbols?: boolean;
  /**
   * Whether a digit is required. AUTH-1: `false` is refused.
   * @default true
   */
  readonly requireNumbers?: boolean;
  /**
   * Whether an upper-case letter is required. AUTH-1: `false` is refused.
   * @default true
   */
  readonly requireUppercaseCharacters?: boolean;
  /**
   * Whether a lower-case letter is required. AUTH-1: `false` is refused.
   * @default true
   */
  readonly requireLowercaseCharacters?: boolean;
  /**
   * Days before a password must change. AUTH-1: more than 90, or 0 (never), is refused.
   * @default 90
   */
  readonly maxPasswordAge?: number;
  /**
   * How many previous passwords cannot be reused (1 to 24). AUTH-1: 0 is refused.
   * @default 24
   */
  readonly passwordReusePrevention?: number;
  /**
   * Whether an expired password can only be reset by an administrator.
   * @default false: users set a new one at sign-in
   */
  readonly hardExpiry?: boolean;
  /**
   * Whether users may change their own password.
   * @default true
   */
  readonly allowUsersToChangePassword?: boolean;
}

/** The id of the singleton function CDK creates for every AwsCustomResource of a stack. */
const AWS_CUSTOM_RESOURCE_SINGLETON = 'AWS679f53fac002430cb0da5b7982bd2287';

/** Why the custom resource's function carries acknowledgements of cdk-nag rules. */
export const PASSWORD_POLICY_ACKNOWLEDGEMENTS = {
  'AwsSolutions-IAM5[Resource::*]': 'iam:UpdateAccountPasswordPolicy acts on the account and takes no resource ARN.',
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
    "CDK's AwsCustomResource function writes its own logs with the AWS managed basic execution role.",
} as const;

/**
 * The account's IAM password policy (AUTH-1): 14 characters by default (8 at least), symbols,
 * digits, upper and lower case, a 90-day maximum age, and no reuse of the last 24 passwords.
 * Set through `iam:UpdateAccountPasswordPolicy` by an `AwsCustomResource`; deleting the stack
 * leaves the policy in place (removing it would weaken every console password of the
 * account). One per account: deploy it from one stack only. IAM has no lockout setting; the
 * console throttles repeated failed sign-ins, and people should sign in through federation.
 *
 * @example
 * new AccountPasswordPolicy(this, 'PasswordPolicy');
 */
export class AccountPasswordPolicy extends Construct {
  /** The parameters sent to IAM. */
  readonly parameters: Readonly<Record<string, number | boolean>>;

  constructor(scope: Construct, id: string, props: AccountPasswordPolicyProps = {}) {
    const problem = refusal(props);
    if (problem) throw new ComplianceError('AUTH-1', `Account password policy '${id}' ${problem}`);
    super(scope, id);
    this.parameters = {
      MinimumPasswordLength: props.minimumPasswordLength ?? 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: props.allowUsersToChangePassword ?? true,
      MaxPasswordAge: props.maxPasswordAge ?? MAX_PASSWORD_AGE_DAYS,
      PasswordReusePrevention: props.passwordReusePrevention ?? 24,
      HardExpiry: props.hardExpiry ?? false,
    };
    const call: cr.AwsSdkCall = {
      service: 'IAM',
      action: 'updateAccountPasswordPolicy',
      parameters: this.parameters,
      physicalResourceId: cr.PhysicalResourceId.of('account-password-policy'),
    };
    new cr.AwsCustomResource(this, 'Resource', {
      resourceType: 'Custom::AccountPasswordPolicy',
      onCreate: call,
      onUpdate: call,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['iam:UpdateAccountPasswordPolicy'], resources: ['*'] }),
      ]),
      installLatestAwsSdk: false,
      logGroup: new RetainedLogGroup(this, 'Logs'),
    });
    // The policy statement lives here; the function and its role are CDK's one singleton per
    // stack, at the stack's root.
    const singleton = Stack.of(this).node.tryFindChild(AWS_CUSTOM_RESOURCE_SINGLETON);
    for (const [rule, reason] of Object.entries(PASSWORD_POLICY_ACKNOWLEDGEMENTS)) {
      Validations.of(this).acknowledge({ id: rule, reason });
      if (singleton) Validations.of(singleton).acknowledge({ id: rule, reason });
    }
  }
}

function refusal(p: AccountPasswordPolicyProps): string | undefined {
  if (p.minimumPasswordLength !== undefined && p.minimumPasswordLength < MIN_PASSWORD_LENGTH) {
    return `sets minimumPasswordLength: ${p.minimumPasswordLength}; passwords must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  for (const key of ['requireSymbols', 'requireNumbers', 'requireUppercaseCharacters', 'requireLowercaseCharacters'] as const) {
    if (p[key] === false) return `sets ${key}: false; passwords must mix upper and lower case letters, digits and symbols.`;
  }
  if (p.maxPasswordAge !== undefined && (p.maxPasswordAge > MAX_PASSWORD_AGE_DAYS || p.maxPasswordAge < 1)) {
    return `sets maxPasswordAge: ${p.maxPasswordAge}; passwords must change at least every ${MAX_PASSWORD_AGE_DAYS} days.`;
  }
  if (p.passwordReusePrevention !== undefined && (p.passwordReusePrevention < 1 || p.passwordReusePrevention > 24)) {
    return `sets passwordReusePrevention: ${p.passwordReusePrevention}; earlier passwords must not be reused (1 to 24 remembered).`;
  }
  return undefined;
}
