/**
 * AUTH-1, AUTH-2 and SSH-1 over CloudFormation, end to end.
 */
import { findingsOf, Json, Res, template, verdicts } from '../fixtures';
import type { Obj } from './identity-fixtures';

const PARAMETERS = {
  Parameters: {
    Chosen: { Type: 'String' },
    Key: { Type: 'AWS::EC2::KeyPair::KeyName' },
    KeyWithDefault: { Type: 'AWS::EC2::KeyPair::KeyName', Default: 'ops' },
    Length: { Type: 'Number', Default: 6 },
  },
};

function judge(resources: Record<string, Res>, prefix: string, options = {}): string[] {
  return verdicts(findingsOf(template(resources, PARAMETERS), options), prefix);
}

const STRONG = { MinimumLength: 12, RequireSymbols: true, RequireNumbers: true, RequireUppercase: true, RequireLowercase: true };

/** A user pool that complies: MFA on, a strong password policy, advanced security enforced. */
function userPool(props: Obj = {}, policy: Obj = STRONG): Res {
  return {
    Type: 'AWS::Cognito::UserPool',
    Properties: {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: { PasswordPolicy: policy },
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      ...props,
    },
  };
}

describe('AUTH-1: MFA, strong passwords, lockout', () => {
  it.each<[string, Res, string[]]>([
    ['the happy pool → pass', userPool(), []],
    ['no password policy (Cognito default: 8, every class) → pass', userPool({ Policies: { 'Fn::If': ['X', { Ref: 'AWS::NoValue' }, { Ref: 'AWS::NoValue' }] } }), []],
    ['MfaConfiguration OPTIONAL → fail', userPool({ MfaConfiguration: 'OPTIONAL' }), ['AUTH-1:fail']],
    ['MfaConfiguration OFF → fail', userPool({ MfaConfiguration: 'OFF' }), ['AUTH-1:fail']],
    ['MfaConfiguration not set (OFF) → fail', userPool({ MfaConfiguration: { Ref: 'AWS::NoValue' } }), ['AUTH-1:fail']],
    ['MFA OFF in one Fn::If branch → fail', userPool({ MfaConfiguration: { 'Fn::If': ['Prod', 'ON', 'OFF'] } }), ['AUTH-1:fail']],
    ['MFA from a parameter with no default → unknown', userPool({ MfaConfiguration: { Ref: 'Chosen' } }), ['AUTH-1:unknown']],
    ['minimum length 6 → fail', userPool({}, { ...STRONG, MinimumLength: 6 }), ['AUTH-1:fail']],
    ['minimum length "8" as a string → pass', userPool({}, { ...STRONG, MinimumLength: '8' }), []],
    ['minimum length from a parameter defaulting to 6 → fail', userPool({}, { ...STRONG, MinimumLength: { Ref: 'Length' } }), ['AUTH-1:fail']],
    ['minimum length from Fn::ImportValue → unknown', userPool({}, { ...STRONG, MinimumLength: { 'Fn::ImportValue': 'len' } }), ['AUTH-1:unknown']],
    ['RequireSymbols false → fail', userPool({}, { ...STRONG, RequireSymbols: false }), ['AUTH-1:fail']],
    ['RequireNumbers "false" as a string → fail', userPool({}, { ...STRONG, RequireNumbers: 'false' }), ['AUTH-1:fail']],
    ['classes left out of a declared policy (Cognito requires them by default, as CDK renders it) → pass', userPool({}, { MinimumLength: 12 }), []],
    ['advanced security AUDIT → fail', userPool({ UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } }), ['AUTH-1:fail']],
    ['advanced security not set → fail', userPool({ UserPoolAddOns: { Ref: 'AWS::NoValue' } }), ['AUTH-1:fail']],
    ['the whole password policy from Fn::ImportValue → unknown', userPool({ Policies: { PasswordPolicy: { 'Fn::ImportValue': 'pp' } } }), ['AUTH-1:unknown']],
  ])('%s', (_name, pool, expected) => {
    expect([...new Set(judge({ Pool: pool }, 'AUTH-1'))]).toEqual(expected);
  });

  it('thresholds come from the options: minimum length 14 fails a 12-character policy', () => {
    expect(judge({ Pool: userPool() }, 'AUTH-1', { passwordMinimumLength: 14 })).toEqual(['AUTH-1:fail']);
  });

  it('the options may drop a letter class: upper case not required then', () => {
    const pool = userPool({}, { ...STRONG, RequireUppercase: false });
    expect(judge({ Pool: pool }, 'AUTH-1', { passwordCharacterClasses: ['symbols', 'numbers', 'lowercase'] })).toEqual([]);
  });

  it('messages: one finding per missing safeguard, each naming the property', () => {
    const pool = userPool({ MfaConfiguration: 'OPTIONAL', UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } }, { MinimumLength: 6, RequireSymbols: false, RequireNumbers: true, RequireUppercase: true, RequireLowercase: true });
    const messages = findingsOf(template({ Pool: pool })).map((f) => `${f.rule} ${f.severity} ${f.message}`).sort();
    expect(messages).toEqual([
      "AUTH-1 P1 User pool 'Pool' accepts passwords shorter than 8 characters: PasswordPolicy.MinimumLength is 6.",
      "AUTH-1 P1 User pool 'Pool' does not lock out repeated failed sign-ins: UserPoolAddOns.AdvancedSecurityMode is AUDIT, which only logs risky sign-ins.",
      "AUTH-1 P1 User pool 'Pool' does not require MFA: MfaConfiguration is OPTIONAL.",
      "AUTH-1 P1 User pool 'Pool' does not require symbols in passwords: PasswordPolicy.RequireSymbols is false.",
    ]);
  });
});

describe('AUTH-2: machine secrets rotate at least every 90 days', () => {
  const secret: Res = { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'prod/db', GenerateSecretString: { PasswordLength: 32 } } };
  const schedule = (rules: Json, secretId: Json = { Ref: 'Db' }): Res => ({
    Type: 'AWS::SecretsManager::RotationSchedule',
    Properties: { SecretId: secretId, HostedRotationLambda: { RotationType: 'PostgreSQLSingleUser' }, RotationRules: rules },
  });

  it.each<[string, Record<string, Res>, string[]]>([
    ['rotation every 30 days → pass', { Rot: schedule({ AutomaticallyAfterDays: 30 }) }, []],
    ['rotation every 90 days → pass', { Rot: schedule({ AutomaticallyAfterDays: 90 }) }, []],
    ['rate(30 days) → pass', { Rot: schedule({ ScheduleExpression: 'rate(30 days)' }) }, []],
    ['a weekly cron → pass', { Rot: schedule({ ScheduleExpression: 'cron(0 4 ? * SUN *)' }) }, []],
    ['no rotation schedule → fail', {}, ['AUTH-2:fail']],
    ['rotation every 180 days → fail', { Rot: schedule({ AutomaticallyAfterDays: 180 }) }, ['AUTH-2:fail']],
    ['rate(91 days) → fail', { Rot: schedule({ ScheduleExpression: 'rate(91 days)' }) }, ['AUTH-2:fail']],
    ['a quarterly cron (92 days between July and October) → fail', { Rot: schedule({ ScheduleExpression: 'cron(0 4 1 1,4,7,10 ? *)' }) }, ['AUTH-2:fail']],
    ['180 days in one Fn::If branch → fail', { Rot: schedule({ AutomaticallyAfterDays: { 'Fn::If': ['Prod', 30, 180] } }) }, ['AUTH-2:fail']],
    ['a schedule naming the secret by its name → pass', { Rot: schedule({ AutomaticallyAfterDays: 30 }, 'prod/db') }, []],
    [
      'a schedule through a secret target attachment (CDK addRotationSingleUser) → pass',
      { Att: { Type: 'AWS::SecretsManager::SecretTargetAttachment', Properties: { SecretId: { Ref: 'Db' }, TargetId: 'db', TargetType: 'AWS::RDS::DBInstance' } }, Rot: schedule({ ScheduleExpression: 'rate(30 days)' }, { Ref: 'Att' }) },
      [],
    ],
    ['a schedule for another secret → fail', { Rot: schedule({ AutomaticallyAfterDays: 30 }, 'other') }, ['AUTH-2:fail']],
    ['a schedule whose secret is imported (may be this one) → unknown', { Rot: schedule({ AutomaticallyAfterDays: 30 }, { 'Fn::ImportValue': 's' }) }, ['AUTH-2:unknown']],
    ['days from a parameter with no default → unknown', { Rot: schedule({ AutomaticallyAfterDays: { Ref: 'Chosen' } }) }, ['AUTH-2:unknown']],
    ['no RotationRules → unknown', { Rot: schedule({ Ref: 'AWS::NoValue' }) }, ['AUTH-2:unknown']],
  ])('%s', (_name, resources, expected) => {
    expect(judge({ Db: secret, ...resources }, 'AUTH-2')).toEqual(expected);
  });

  it('secretRotationDays from the options: 30 fails a 60-day schedule', () => {
    expect(judge({ Db: secret, Rot: schedule({ AutomaticallyAfterDays: 60 }) }, 'AUTH-2', { secretRotationDays: 30 })).toEqual(['AUTH-2:fail']);
  });

  it('messages: never rotated, too slow', () => {
    expect(findingsOf(template({ Db: secret })).map((f) => f.message)).toEqual([
      "Secret 'Db' is never rotated: no AWS::SecretsManager::RotationSchedule names it.",
    ]);
    expect(findingsOf(template({ Db: secret, Rot: schedule({ ScheduleExpression: 'rate(120 days)' }) })).map((f) => [f.severity, f.message])).toEqual([
      ['P2', "Secret 'Db' goes up to 120 days between rotations, more than 90: Rotation schedule 'Rot' has ScheduleExpression rate(120 days)."],
    ]);
  });
});

describe('SSH-1: no SSH key pairs baked into hosts', () => {
  const instance = (props: Obj = {}): Res => ({ Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', SubnetId: { Ref: 'Subnet' }, ...props } });

  it.each<[string, Record<string, Res>, string[]]>([
    ['an instance without a key → pass', { Host: instance() }, []],
    ['an instance with KeyName → fail', { Host: instance({ KeyName: 'ops' }) }, ['SSH-1:fail']],
    ['an empty KeyName → pass', { Host: instance({ KeyName: '' }) }, []],
    ['KeyName in one Fn::If branch → fail', { Host: instance({ KeyName: { 'Fn::If': ['Debug', 'ops', { Ref: 'AWS::NoValue' }] } }) }, ['SSH-1:fail']],
    ['KeyName from a key pair parameter with no default → fail (it must name a key pair)', { Host: instance({ KeyName: { Ref: 'Key' } }) }, ['SSH-1:fail']],
    ['KeyName from a key pair parameter with a default → fail', { Host: instance({ KeyName: { Ref: 'KeyWithDefault' } }) }, ['SSH-1:fail']],
    ['KeyName from a String parameter with no default → unknown', { Host: instance({ KeyName: { Ref: 'Chosen' } }) }, ['SSH-1:unknown']],
    ['KeyName from Fn::ImportValue → unknown', { Host: instance({ KeyName: { 'Fn::ImportValue': 'key' } }) }, ['SSH-1:unknown']],
    ['a key pair of the template → fail', { Pair: { Type: 'AWS::EC2::KeyPair', Properties: { KeyName: 'ops' } }, Host: instance({ KeyName: { Ref: 'Pair' } }) }, ['SSH-1:fail']],
    ['a launch template with KeyName → fail', { Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { KeyName: 'ops' } } } }, ['SSH-1:fail']],
    ['a launch template without → pass', { Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { ImageId: 'ami-1' } } } }, []],
    ['a launch configuration with KeyName → fail', { Lc: { Type: 'AWS::AutoScaling::LaunchConfiguration', Properties: { ImageId: 'ami-1', InstanceType: 't3.micro', KeyName: 'ops' } } }, ['SSH-1:fail']],
    ['an EKS node group with remote access → fail', { Ng: { Type: 'AWS::EKS::Nodegroup', Properties: { ClusterName: 'c', NodeRole: 'r', Subnets: ['s'], RemoteAccess: { Ec2SshKey: 'ops' } } } }, ['SSH-1:fail']],
    ['an EKS node group without remote access → pass', { Ng: { Type: 'AWS::EKS::Nodegroup', Properties: { ClusterName: 'c', NodeRole: 'r', Subnets: ['s'] } } }, []],
    ['a spot fleet launch specification with a key → fail', { Fleet: { Type: 'AWS::EC2::SpotFleet', Properties: { SpotFleetRequestConfigData: { LaunchSpecifications: [{ ImageId: 'a' }, { ImageId: 'b', KeyName: 'ops' }] } } } }, ['SSH-1:fail']],
  ])('%s', (_name, resources, expected) => {
    expect(judge(resources, 'SSH-1')).toEqual(expected);
  });

  it('message: names the key and the property; the fix points to Session Manager', () => {
    const [f] = findingsOf(template({ Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { KeyName: 'ops' } } } })).filter((x) => x.requirement === 'SSH-1');
    expect(f).toMatchObject({
      requirement: 'SSH-1',
      severity: 'P1',
      message: "Launch template 'Lt' bakes in SSH key pair 'ops' (LaunchTemplateData.KeyName).",
      detail: 'LaunchTemplateData.KeyName',
      clause: 'SSH Keys',
    });
    expect(f.fix).toMatch(/Session Manager/);
  });
});
