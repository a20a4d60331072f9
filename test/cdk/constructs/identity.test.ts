/**
 * Identity: the IAM account password policy and the Cognito user pool (AUTH-1).
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AccountPasswordPolicy } from '../../../cdk/account-password-policy';
import { SecureUserPool } from '../../../cdk/secure-user-pool';
import { findingLines, nagViolations, newStack, snapshotOf } from './helpers';

describe('GIVEN the account password policy and a user pool with their defaults', () => {
  let stack: Stack;
  let template: Template;
  let passwords: AccountPasswordPolicy;
  let users: SecureUserPool;
  beforeAll(() => {
    stack = newStack();
    passwords = new AccountPasswordPolicy(stack, 'Passwords');
    users = new SecureUserPool(stack, 'Users');
    template = Template.fromStack(stack);
  });

  it('THEN IAM is asked for 14 characters, every character class, 90 days and no reuse of 24, on create and update only', () => {
    const resource = Object.values(template.findResources('Custom::AccountPasswordPolicy'))[0] as { Properties: Record<string, unknown> };
    const call = JSON.parse(resource.Properties.Create as string) as { service: string; action: string; parameters: Record<string, unknown> };
    expect(call).toMatchObject({
      service: 'IAM',
      action: 'updateAccountPasswordPolicy',
      parameters: {
        MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true, MaxPasswordAge: 90, PasswordReusePrevention: 24, HardExpiry: false,
      },
    });
    expect(resource.Properties.Update).toBeDefined();
    expect(resource.Properties.Delete).toBeUndefined();
  });

  it('THEN the function may call only iam:UpdateAccountPasswordPolicy', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'iam:UpdateAccountPasswordPolicy', Effect: 'Allow', Resource: '*' }] },
    });
  });

  it('THEN the user pool requires MFA by TOTP, a strong password, and enforced threat protection on the Plus plan', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Policies: { PasswordPolicy: { MinimumLength: 14, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true, PasswordHistorySize: 24, TemporaryPasswordValidityDays: 3 } },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      DeletionProtection: 'ACTIVE',
    });
  });

  it('THEN the whole policy finds nothing', () => {
    expect(findingLines(stack)).toEqual([]);
  });

  it('THEN cdk-nag AwsSolutions reports no error (IAM4 and IAM5 of the custom resource function are acknowledged, with reasons)', () => {
    expect(nagViolations(stack)).toEqual([]);
  });

  it('snapshot: AccountPasswordPolicy', () => {
    expect(snapshotOf(stack, passwords)).toMatchSnapshot();
  });

  it('snapshot: SecureUserPool', () => {
    expect(snapshotOf(stack, users)).toMatchSnapshot();
  });
});

describe('stricter settings pass', () => {
  it('GIVEN 20 characters and 30 days THEN IAM is asked for them', () => {
    const p = new AccountPasswordPolicy(newStack(), 'Passwords', { minimumPasswordLength: 20, maxPasswordAge: 30, hardExpiry: true });
    expect(p.parameters).toMatchObject({ MinimumPasswordLength: 20, MaxPasswordAge: 30, HardExpiry: true });
  });

  it('GIVEN self sign-up THEN it is allowed and MFA stays required', () => {
    const stack = newStack();
    new SecureUserPool(stack, 'Customers', { selfSignUpEnabled: true, passwordPolicy: { minLength: 16 } });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON', AdminCreateUserConfig: { AllowAdminCreateUserOnly: false }, Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 16 }) },
    });
  });
});

describe('refused props', () => {
  it.each<[string, () => void, string]>([
    ['a 7-character minimum → AUTH-1', () => new AccountPasswordPolicy(newStack(), 'P', { minimumPasswordLength: 7 }),
      "[AUTH-1] Account password policy 'P' sets minimumPasswordLength: 7; passwords must have at least 8 characters."],
    ['no symbols → AUTH-1', () => new AccountPasswordPolicy(newStack(), 'P', { requireSymbols: false }),
      "[AUTH-1] Account password policy 'P' sets requireSymbols: false; passwords must mix upper and lower case letters, digits and symbols."],
    ['no digits → AUTH-1', () => new AccountPasswordPolicy(newStack(), 'P', { requireNumbers: false }),
      "[AUTH-1] Account password policy 'P' sets requireNumbers: false; passwords must mix upper and lower case letters, digits and symbols."],
    ['a 180-day maximum age → AUTH-1', () => new AccountPasswordPolicy(newStack(), 'P', { maxPasswordAge: 180 }),
      "[AUTH-1] Account password policy 'P' sets maxPasswordAge: 180; passwords must change at least every 90 days."],
    ['no expiry (0) → AUTH-1', () => new AccountPasswordPolicy(newStack(), 'P', { maxPasswordAge: 0 }),
      "[AUTH-1] Account password policy 'P' sets maxPasswordAge: 0; passwords must change at least every 90 days."],
    ['reuse allowed → AUTH-1', () => new AccountPasswordPolicy(newStack(), 'P', { passwordReusePrevention: 0 }),
      "[AUTH-1] Account password policy 'P' sets passwordReusePrevention: 0; earlier passwords must not be reused (1 to 24 remembered)."],
    ['optional MFA → AUTH-1', () => new SecureUserPool(newStack(), 'Users', { mfa: cognito.Mfa.OPTIONAL }),
      "[AUTH-1] User pool 'Users' sets mfa: OPTIONAL; people who sign in with a password must use a second factor."],
    ['no MFA → AUTH-1', () => new SecureUserPool(newStack(), 'Users', { mfa: cognito.Mfa.OFF }),
      "[AUTH-1] User pool 'Users' sets mfa: OFF; people who sign in with a password must use a second factor."],
    ['6-character passwords → AUTH-1', () => new SecureUserPool(newStack(), 'Users', { passwordPolicy: { minLength: 6 } }),
      "[AUTH-1] User pool 'Users' sets passwordPolicy.minLength: 6; passwords must have at least 8 characters."],
    ['no symbols → AUTH-1', () => new SecureUserPool(newStack(), 'Users', { passwordPolicy: { requireSymbols: false } }),
      "[AUTH-1] User pool 'Users' sets passwordPolicy.requireSymbols: false; passwords must mix upper and lower case letters, digits and symbols."],
    ['the Essentials plan → AUTH-1', () => new SecureUserPool(newStack(), 'Users', { featurePlan: cognito.FeaturePlan.ESSENTIALS }),
      "[AUTH-1] User pool 'Users' sets featurePlan: ESSENTIALS; threat protection against repeated failed sign-ins needs the PLUS plan."],
    ['threat protection in audit mode → AUTH-1', () => new SecureUserPool(newStack(), 'Users', { standardThreatProtectionMode: cognito.StandardThreatProtectionMode.AUDIT_ONLY }),
      "[AUTH-1] User pool 'Users' sets standardThreatProtectionMode: AUDIT; threat protection must block risky and repeated sign-ins (FULL_FUNCTION)."],
  ])('%s', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});
