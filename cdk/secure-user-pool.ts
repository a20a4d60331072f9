/**
 * A Cognito user pool for people who sign in with passwords: MFA required, a strong password
 * policy, and threat protection that blocks risky and repeated sign-ins.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { ComplianceError } from '../constructs/errors';
import { MIN_PASSWORD_LENGTH } from './account-password-policy';

/** Props of a {@link SecureUserPool}: those of `cognito.UserPool`, with sign-in security fixed. */
export interface SecureUserPoolProps extends cognito.UserPoolProps {
  /**
   * Whether users need a second factor. AUTH-1: `OFF` and `OPTIONAL` are refused.
   * @default cognito.Mfa.REQUIRED
   */
  readonly mfa?: cognito.Mfa;
  /**
   * The password policy. AUTH-1: fewer than 8 characters, or a character class turned off,
   * is refused.
   * @default 14 characters, digits, symbols, upper and lower case, the last 24 passwords remembered
   */
  readonly passwordPolicy?: cognito.PasswordPolicy;
  /**
   * The feature plan. AUTH-1: threat protection (blocking risky and repeated sign-ins) needs
   * `PLUS`; other plans are refused.
   * @default cognito.FeaturePlan.PLUS
   */
  readonly featurePlan?: cognito.FeaturePlan;
  /**
   * Threat protection for password sign-in. AUTH-1: anything but `FULL_FUNCTION` (enforced)
   * is refused.
   * @default cognito.StandardThreatProtectionMode.FULL_FUNCTION
   */
  readonly standardThreatProtectionMode?: cognito.StandardThreatProtectionMode;
}

/**
 * A `cognito.UserPool` where MFA is required (TOTP, no SMS), passwords have 14+ characters with
 * digits, symbols and both cases and cannot repeat the last 24, and threat protection is
 * enforced on the Plus plan, which blocks compromised credentials and sign-ins after repeated
 * failures (AUTH-1). Self sign-up is off, deletion protection on. Cognito has no password
 * expiry: the 90-day rotation of AUTH-1 applies to the IAM account policy.
 *
 * @example
 * const users = new SecureUserPool(this, 'Customers', { selfSignUpEnabled: true });
 */
export class SecureUserPool extends cognito.UserPool {
  constructor(scope: Construct, id: string, props: SecureUserPoolProps = {}) {
    const problem = refusal(props);
    if (problem) throw new ComplianceError('AUTH-1', `User pool '${id}' ${problem}`);
    const policy = props.passwordPolicy ?? {};
    // The deprecated advancedSecurityMode is replaced by threat protection; CDK refuses both.
    const { advancedSecurityMode: _replaced, ...rest } = props;
    super(scope, id, {
      selfSignUpEnabled: false,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      ...rest,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: props.mfaSecondFactor ?? { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      passwordPolicy: {
        ...policy,
        minLength: policy.minLength ?? 14,
        requireDigits: true,
        requireSymbols: true,
        requireLowercase: true,
        requireUppercase: true,
        passwordHistorySize: policy.passwordHistorySize ?? 24,
        tempPasswordValidity: policy.tempPasswordValidity ?? Duration.days(3),
      },
    });
  }
}

function refusal(p: SecureUserPoolProps): string | undefined {
  if (p.mfa !== undefined && p.mfa !== cognito.Mfa.REQUIRED) {
    return `sets mfa: ${p.mfa}; people who sign in with a password must use a second factor.`;
  }
  const policy = p.passwordPolicy;
  if (policy?.minLength !== undefined && policy.minLength < MIN_PASSWORD_LENGTH) {
    return `sets passwordPolicy.minLength: ${policy.minLength}; passwords must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  for (const key of ['requireDigits', 'requireSymbols', 'requireLowercase', 'requireUppercase'] as const) {
    if (policy?.[key] === false) return `sets passwordPolicy.${key}: false; passwords must mix upper and lower case letters, digits and symbols.`;
  }
  if (p.featurePlan !== undefined && p.featurePlan !== cognito.FeaturePlan.PLUS) {
    return `sets featurePlan: ${p.featurePlan}; threat protection against repeated failed sign-ins needs the PLUS plan.`;
  }
  if (p.standardThreatProtectionMode !== undefined && p.standardThreatProtectionMode !== cognito.StandardThreatProtectionMode.FULL_FUNCTION) {
    return `sets standardThreatProtectionMode: ${p.standardThreatProtectionMode}; threat protection must block risky and repeated sign-ins (FULL_FUNCTION).`;
  }
  if (p.advancedSecurityMode !== undefined && p.advancedSecurityMode !== cognito.AdvancedSecurityMode.ENFORCED) {
    return `sets advancedSecurityMode: ${p.advancedSecurityMode}; threat protection must be enforced.`;
  }
  return undefined;
}
