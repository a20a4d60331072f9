/**
 * IAM-1..IAM-4 over CloudFormation, end to end: template -> facts -> checks -> findings.
 */
import { findingsOf, Json, Res, template, verdicts } from '../fixtures';
import { allow, bucketPolicy, doc, grant, Obj, READ_ASSETS, role, roleWith } from './identity-fixtures';

const PARAMETERS = {
  Parameters: {
    Star: { Type: 'String', Default: '*' },
    Chosen: { Type: 'String' },
    Actions: { Type: 'String', Default: 's3:GetObject', AllowedValues: ['s3:GetObject', '*'] },
  },
};

/** Verdicts of one requirement for a template of the resources (parameters above available). */
function judge(resources: Record<string, Res>, prefix: string): string[] {
  return verdicts(findingsOf(template(resources, PARAMETERS)), prefix);
}

describe('the happy path', () => {
  it('a Lambda role that reads one bucket, a bucket policy for one account → no finding', () => {
    const t = template({
      App: role(),
      Policy: bucketPolicy(grant({ AWS: 'arn:aws:iam::111111111111:root' }, 's3:GetObject', 'arn:aws:s3:::assets/*')),
    });
    expect(findingsOf(t)).toEqual([]);
  });
});

describe('IAM-1: no full-admin grants', () => {
  it.each<[string, Res, string[]]>([
    ['Action * on Resource * → fail', roleWith(allow('*', '*')), ['IAM-1:fail']],
    ['Action *:* → fail', roleWith(allow('*:*', '*')), ['IAM-1:fail']],
    ['* among a list of actions → fail', roleWith(allow(['s3:GetObject', '*'], '*')), ['IAM-1:fail']],
    ['Action * on every resource but one (NotResource) → fail', roleWith({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::x' }), ['IAM-1:fail']],
    ['the admin statement is second of three → fail', roleWith(READ_ASSETS, allow('*', '*'), allow('sqs:SendMessage', 'arn:aws:sqs:eu-west-1:1:q')), ['IAM-1:fail']],
    ['statement as a single object instead of a list → fail', role({ Policies: [{ PolicyName: 'App', PolicyDocument: { Statement: allow('*', '*') } }] }), ['IAM-1:fail']],
    ['lower-case effect and spaced action → fail', roleWith({ Effect: 'allow', Action: ' * ', Resource: '*' }), ['IAM-1:fail']],
    ['Deny * on * → pass', roleWith(READ_ASSETS, { Effect: 'Deny', Action: '*', Resource: '*' }), []],
    ['Action * on one bucket → pass', roleWith(allow('*', 'arn:aws:s3:::assets')), []],
    ['a statement in one Fn::If branch → fail', roleWith({ 'Fn::If': ['IsProd', READ_ASSETS, allow('*', '*')] }), ['IAM-1:fail']],
    ['the action chosen by Fn::If → fail', roleWith(allow({ 'Fn::If': ['IsProd', 's3:GetObject', '*'] }, '*')), ['IAM-1:fail']],
    ['the action from a parameter defaulting to * → fail', roleWith(allow({ Ref: 'Star' }, '*')), ['IAM-1:fail']],
    ['the action among the allowed values of a parameter → fail', roleWith(allow({ Ref: 'Actions' }, '*')), ['IAM-1:fail']],
    ['the action from a parameter with no default → unknown', roleWith(allow({ Ref: 'Chosen' }, '*')), ['IAM-1:unknown']],
    ['the action from Fn::ImportValue → unknown', roleWith(allow({ 'Fn::ImportValue': 'actions' }, '*')), ['IAM-1:unknown']],
    ['Action * on a resource from a parameter with no default → unknown', roleWith(allow('*', { Ref: 'Chosen' })), ['IAM-1:unknown']],
    ['the whole document from Fn::ImportValue → unknown', role({ Policies: [{ PolicyName: 'App', PolicyDocument: { 'Fn::ImportValue': 'doc' } }] }), ['IAM-1:unknown']],
  ])('inline policy: %s', (_name, res, expected) => {
    expect(judge({ App: res }, 'IAM-1')).toEqual(expected);
  });

  it.each<[string, Json, string[]]>([
    ['a JSON string → fail', JSON.stringify(doc(allow('*', '*'))), ['IAM-1:fail']],
    ['a JSON string built with Fn::Join → fail', { 'Fn::Join': ['', ['{"Statement":[{"Effect":"Allow",', '"Action":"*","Resource":"*"}]}']] }, ['IAM-1:fail']],
    [
      'a JSON string built with Fn::Sub, the admin statement second → fail',
      { 'Fn::Sub': '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:${AWS::Partition}:s3:::a/*"},{"Effect":"Allow","Action":"*","Resource":"*"}]}' },
      ['IAM-1:fail'],
    ],
    ['a JSON string built with Fn::Sub, scoped by partition → pass', { 'Fn::Sub': '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:${AWS::Partition}:s3:::a/*"}]}' }, []],
    ['a string that is not JSON → unknown', 'Allow everything', ['IAM-1:unknown']],
  ])('standalone AWS::IAM::Policy document as %s', (_name, document, expected) => {
    const res: Res = { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'App' }], PolicyDocument: document } };
    expect(judge({ App: role(), Extra: res }, 'IAM-1')).toEqual(expected);
  });

  it.each<[string, Json, string[]]>([
    ['a literal ARN → fail', 'arn:aws:iam::aws:policy/AdministratorAccess', ['IAM-1:fail']],
    ['another partition → fail', 'arn:aws-cn:iam::aws:policy/AdministratorAccess', ['IAM-1:fail']],
    ['Fn::Sub with ${AWS::Partition} → fail', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' }, ['IAM-1:fail']],
    ['Fn::Join with Ref AWS::Partition → fail', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/', 'AdministratorAccess']] }, ['IAM-1:fail']],
    ['in one Fn::If branch → fail', { 'Fn::If': ['Admin', 'arn:aws:iam::aws:policy/AdministratorAccess', { Ref: 'AWS::NoValue' }] }, ['IAM-1:fail']],
    ['ReadOnlyAccess → pass', 'arn:aws:iam::aws:policy/ReadOnlyAccess', []],
    ['a managed policy of the template → pass', { Ref: 'Managed' }, []],
    ['a customer policy named AdministratorAccess in the account → pass', { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:policy/AdministratorAccess' }, []],
    ['from a parameter with no default → unknown', { Ref: 'Chosen' }, ['IAM-1:unknown']],
    ['from Fn::ImportValue → unknown', { 'Fn::ImportValue': 'policy-arn' }, ['IAM-1:unknown']],
  ])('ManagedPolicyArns: %s', (_name, arn, expected) => {
    const managed: Res = { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc(READ_ASSETS) } };
    expect(judge({ App: role({ ManagedPolicyArns: [arn] }), Managed: managed }, 'IAM-1')).toEqual(expected);
  });

  it.each<[string, Res]>([
    ['a user', { Type: 'AWS::IAM::User', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] } }],
    ['a group', { Type: 'AWS::IAM::Group', Properties: { Policies: [{ PolicyName: 'All', PolicyDocument: doc(allow('*', '*')) }] } }],
    ['a managed policy', { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc(allow('*', '*')) } }],
    ['a role policy', { Type: 'AWS::IAM::RolePolicy', Properties: { RoleName: 'x', PolicyName: 'p', PolicyDocument: doc(allow('*', '*')) } }],
    ['an SSO permission set (managed)', { Type: 'AWS::SSO::PermissionSet', Properties: { InstanceArn: 'x', Name: 'Admin', ManagedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'] } }],
    ['an SSO permission set (inline JSON)', { Type: 'AWS::SSO::PermissionSet', Properties: { InstanceArn: 'x', Name: 'Admin', InlinePolicy: JSON.stringify(doc(allow('*', '*'))) } }],
  ])('%s granting admin → fail', (_name, res) => {
    expect(judge({ Who: res }, 'IAM-1')).toEqual(['IAM-1:fail']);
  });

  it('message: names the resource, the policy, the statement, the action and the resource', () => {
    const f = findingsOf(template({ App: roleWith(READ_ASSETS, allow('*', '*', { Sid: 'Break' })) })).filter((x) => x.requirement === 'IAM-1');
    expect(f).toEqual([
      expect.objectContaining({
        severity: 'P0',
        status: 'fail',
        message: "Role 'App' grants full admin: policy 'App' statement 'Break' allows Action * on Resource *.",
        detail: "policy 'App' statement 'Break' Action *",
        clause: 'Separation of Duties and Authorization',
      }),
    ]);
  });

  it('message: an attached AdministratorAccess names the property and the ARN as written', () => {
    const t = template({ App: role({ ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' }] }) });
    expect(findingsOf(t).map((f) => [f.message, f.detail])).toEqual([
      [
        "Role 'App' attaches AdministratorAccess (ManagedPolicyArns[0] arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess), which grants every action on every resource.",
        'managed policy AdministratorAccess',
      ],
    ]);
  });
});

describe('IAM-2: no wildcard actions on all resources, no NotAction allows, iam:PassRole scoped', () => {
  it.each<[string, Json[], string[]]>([
    ['s3:* on * → fail', [allow('s3:*', '*')], ['IAM-2:fail']],
    ['ec2:Describe* on * → fail', [allow('ec2:Describe*', '*')], ['IAM-2:fail']],
    ['s3:?etObject on * → fail', [allow('s3:?etObject', '*')], ['IAM-2:fail']],
    ['s3:* on all buckets of any partition → fail', [allow('s3:*', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::*' })], ['IAM-2:fail']],
    ['s3:* on one bucket → pass', [allow('s3:*', ['arn:aws:s3:::assets', 'arn:aws:s3:::assets/*'])], []],
    ['s3:GetObject on * → pass (no wildcard)', [allow('s3:GetObject', '*')], []],
    ['NotAction allow on one bucket → fail', [{ Effect: 'Allow', NotAction: 's3:DeleteObject', Resource: 'arn:aws:s3:::assets/*' }], ['IAM-2:fail']],
    ['NotAction allow on * → fail', [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }], ['IAM-2:fail']],
    ['NotAction deny → pass', [READ_ASSETS, { Effect: 'Deny', NotAction: 's3:GetObject', Resource: '*' }], []],
    ['iam:PassRole on * → fail', [allow('iam:PassRole', '*')], ['IAM-2:fail']],
    ['IAM:PASSROLE on * (any case) → fail', [allow('IAM:PASSROLE', '*')], ['IAM-2:fail']],
    ['iam:Pass* on every role of the account → fail', [allow('iam:Pass*', 'arn:aws:iam::111111111111:role/*')], ['IAM-2:fail']],
    ['iam:PassRole on one role → pass', [allow('iam:PassRole', 'arn:aws:iam::111111111111:role/app-task')], []],
    ['iam:PassRole on a role of the template → pass', [allow('iam:PassRole', { 'Fn::GetAtt': ['Other', 'Arn'] })], []],
    ['iam:PassRole on a role path prefix → pass', [allow('iam:PassRole', 'arn:aws:iam::111111111111:role/app-*')], []],
    ['the wildcard statement third, after two scoped ones → fail', [READ_ASSETS, allow('iam:PassRole', 'arn:aws:iam::1:role/x'), allow('dynamodb:*', '*')], ['IAM-2:fail']],
    ['a wildcard action in one Fn::If branch → fail', [{ 'Fn::If': ['Wide', allow('s3:*', '*'), READ_ASSETS] }], ['IAM-2:fail']],
    ['s3:* on a resource from a parameter with no default → unknown', [allow('s3:*', { Ref: 'Chosen' })], ['IAM-2:unknown']],
    ['s3:* on a resource from a parameter defaulting to * → fail', [allow('s3:*', { Ref: 'Star' })], ['IAM-2:fail']],
  ])('%s', (_name, statements, expected) => {
    expect(judge({ App: roleWith(...statements), Other: role() }, 'IAM-2')).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    ['PowerUserAccess → fail', 'arn:aws:iam::aws:policy/PowerUserAccess', ['IAM-2:fail']],
    ['AmazonS3FullAccess → fail', 'arn:aws:iam::aws:policy/AmazonS3FullAccess', ['IAM-2:fail']],
    ['a service-role policy → pass', 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', []],
  ])('ManagedPolicyArns: %s', (_name, arn, expected) => {
    expect(judge({ App: role({ ManagedPolicyArns: [arn] }) }, 'IAM-2')).toEqual(expected);
  });

  it('one finding per action: s3:* and iam:PassRole on * in one statement → two findings, each named', () => {
    const f = findingsOf(template({ App: roleWith(allow(['s3:*', 'iam:PassRole'], '*')) }));
    expect(f.map((x) => x.detail).sort()).toEqual(["policy 'App' Statement[0] Action iam:PassRole", "policy 'App' Statement[0] Action s3:*"]);
  });

  it.each<[string, Json, string]>([
    ['wildcard', allow('s3:*', '*'), "Role 'App' allows wildcard action s3:* on Resource * (policy 'App' Statement[0])."],
    ['iam:* also passes roles', allow('iam:*', '*'), "Role 'App' allows wildcard action iam:* on Resource *, iam:PassRole included (policy 'App' Statement[0])."],
    ['NotAction', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, "Role 'App' allows every action except iam:* (NotAction) on Resource * (policy 'App' Statement[0])."],
    [
      'NotAction that leaves PassRole in',
      { Effect: 'Allow', NotAction: 's3:*', Resource: '*' },
      "Role 'App' allows every action except s3:* (NotAction) on Resource *, iam:PassRole included (policy 'App' Statement[0]).",
    ],
    [
      'PassRole',
      allow('iam:PassRole', 'arn:aws:iam::111111111111:role/*'),
      "Role 'App' allows iam:PassRole on Resource arn:aws:iam::111111111111:role/*, so it can hand any role to a service (policy 'App' Statement[0]).",
    ],
  ])('message: %s', (_name, statement, message) => {
    const [f] = findingsOf(template({ App: roleWith(statement) }));
    expect(f).toMatchObject({ requirement: 'IAM-2', severity: 'P1', message });
  });
});

describe('IAM-3: nothing is open to any principal', () => {
  const trust = (principal: Json, extra: Obj = {}): Res =>
    role({ AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }) });

  it.each<[string, Res, string[]]>([
    ['a trust policy for AWS * → fail', trust({ AWS: '*' }), ['IAM-3:fail']],
    ['a trust policy for * → fail', trust('*'), ['IAM-3:fail']],
    ['a trust policy for * with only sts:ExternalId → fail', trust({ AWS: '*' }, { Condition: { StringEquals: { 'sts:ExternalId': 'x' } } }), ['IAM-3:fail']],
    ['a trust policy for * within the organization → pass', trust({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }), []],
    ['a trust policy for a service → pass', trust({ Service: 'ec2.amazonaws.com' }), []],
    ['a trust policy for the stack account → pass', trust({ AWS: { Ref: 'AWS::AccountId' } }), []],
    ['a trust policy for * among named accounts → fail', trust({ AWS: ['arn:aws:iam::111111111111:root', '*'] }), ['IAM-3:fail']],
    ['a trust policy principal from a parameter defaulting to * → fail', trust({ AWS: { Ref: 'Star' } }), ['IAM-3:fail']],
    ['a trust policy principal from a parameter with no default → unknown', trust({ AWS: { Ref: 'Chosen' } }), ['IAM-3:unknown']],
  ])('%s', (_name, res, expected) => {
    expect(judge({ App: res }, 'IAM-3')).toEqual(expected);
  });

  const GITHUB = 'token.actions.githubusercontent.com';
  const webIdentity = (principal: Json, condition?: Obj): Res =>
    role({ AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Federated: principal }, Action: 'sts:AssumeRoleWithWebIdentity', ...(condition ? { Condition: condition } : {}) }) });
  const githubArn = { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${GITHUB}` };
  it.each<[string, Record<string, Res>, string[]]>([
    ['GitHub OIDC without a sub condition (any repository) → fail', { App: webIdentity(githubArn) }, ['IAM-3:fail']],
    ['GitHub OIDC with only the audience (the same for every repository) → fail', { App: webIdentity(githubArn, { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' } }) }, ['IAM-3:fail']],
    ['GitHub OIDC with sub repo:org/app:* → pass', { App: webIdentity(githubArn, { StringLike: { [`${GITHUB}:sub`]: 'repo:org/app:*' } }) }, []],
    ['GitHub OIDC with sub * → fail', { App: webIdentity(githubArn, { StringLike: { [`${GITHUB}:sub`]: '*' } }) }, ['IAM-3:fail']],
    [
      'an OIDC provider of the template, no condition → fail',
      { Oidc: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: `https://${GITHUB}`, ClientIdList: ['sts.amazonaws.com'] } }, App: webIdentity({ Ref: 'Oidc' }) },
      ['IAM-3:fail'],
    ],
    ['Cognito identity without an audience → fail', { App: webIdentity('cognito-identity.amazonaws.com') }, ['IAM-3:fail']],
    ['Cognito identity for one identity pool → pass', { App: webIdentity('cognito-identity.amazonaws.com', { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:1234' } }) }, []],
    ['a SAML provider → pass (assertions come from the organization)', { App: webIdentity('arn:aws:iam::111111111111:saml-provider/corp') }, []],
    ['GitHub OIDC with a condition from Fn::ImportValue → unknown', { App: webIdentity(githubArn, { 'Fn::ImportValue': 'cond' } as unknown as Obj) }, ['IAM-3:unknown']],
  ])('web identity: %s', (_name, resources, expected) => {
    expect(judge(resources, 'IAM-3')).toEqual(expected);
  });

  it('message: an open GitHub OIDC trust names the provider and the missing condition', () => {
    const [f] = findingsOf(template({ App: webIdentity(githubArn) }));
    expect(f.message).toBe(
      `Role 'App' lets anyone holding a token from ${GITHUB} (Principal Federated: arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${GITHUB}) call sts:AssumeRoleWithWebIdentity without a condition on ${GITHUB}:sub (AssumeRolePolicyDocument Statement[0]).`,
    );
  });

  const ASSETS = 'arn:aws:s3:::assets/*';
  it.each<[string, Json[], string[]]>([
    ['Principal * → fail', [grant('*', 's3:GetObject', ASSETS)], ['IAM-3:fail']],
    ['Principal {AWS: *} → fail', [grant({ AWS: '*' }, 's3:GetObject', ASSETS)], ['IAM-3:fail']],
    ['Principal {AWS: [*]} → fail', [grant({ AWS: ['*'] }, 's3:GetObject', ASSETS)], ['IAM-3:fail']],
    ['NotPrincipal with Allow → fail', [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::1:root' }, Action: 's3:GetObject', Resource: ASSETS }], ['IAM-3:fail']],
    ['the open statement after a SecureTransport Deny → fail', [grant('*', 's3:*', ASSETS, { Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }), grant('*', 's3:GetObject', ASSETS)], ['IAM-3:fail']],
    ['narrowed by aws:SourceArn → pass', [grant('*', 's3:GetObject', ASSETS, { Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudfront::1:distribution/E1' } } })], []],
    ['narrowed by aws:SourceAccount from the stack → pass', [grant('*', 's3:PutObject', ASSETS, { Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })], []],
    ['"narrowed" by StringLike aws:SourceArn * → fail', [grant('*', 's3:GetObject', ASSETS, { Condition: { StringLike: { 'aws:SourceArn': '*' } } })], ['IAM-3:fail']],
    ['"narrowed" with ...IfExists → fail', [grant('*', 's3:GetObject', ASSETS, { Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } } })], ['IAM-3:fail']],
    [
      'kept inside the organization by a Deny statement → pass',
      [grant('*', 's3:GetObject', ASSETS), grant('*', 's3:*', ASSETS, { Effect: 'Deny', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })],
      [],
    ],
    [
      'a Deny that covers other actions only → fail',
      [grant('*', 's3:GetObject', ASSETS), grant('*', 's3:PutObject', ASSETS, { Effect: 'Deny', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })],
      ['IAM-3:fail'],
    ],
    ['Principal * in one Fn::If branch → fail', [{ 'Fn::If': ['Public', grant('*', 's3:GetObject', ASSETS), { Ref: 'AWS::NoValue' }] }], ['IAM-3:fail']],
    ['the condition from Fn::ImportValue → unknown', [grant('*', 's3:GetObject', ASSETS, { Condition: { 'Fn::ImportValue': 'condition' } })], ['IAM-3:unknown']],
    ['a Deny to * → pass', [grant('*', 's3:*', ASSETS, { Effect: 'Deny' })], []],
  ])('bucket policy: %s', (_name, statements, expected) => {
    expect(judge({ Policy: bucketPolicy(...statements) }, 'IAM-3')).toEqual(expected);
  });

  const open = doc(grant('*', 'sqs:SendMessage', '*'));
  it.each<[string, Res, string[]]>([
    ['SQS queue policy → fail', { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: ['q'], PolicyDocument: open } }, ['IAM-3:fail']],
    ['SNS topic policy → fail', { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: ['t'], PolicyDocument: open } }, ['IAM-3:fail']],
    ['KMS key policy → fail', { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: doc(grant({ AWS: '*' }, 'kms:Decrypt', '*')) } }, ['IAM-3:fail']],
    ['KMS key policy for the account root → pass', { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: doc(grant({ AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, 'kms:*', '*')) } }, []],
    ['ECR repository policy as JSON text → fail', { Type: 'AWS::ECR::Repository', Properties: { RepositoryPolicyText: JSON.stringify(doc({ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' })) } }, ['IAM-3:fail']],
    ['Secrets Manager resource policy → fail', { Type: 'AWS::SecretsManager::ResourcePolicy', Properties: { SecretId: 's', ResourcePolicy: doc(grant({ AWS: '*' }, 'secretsmanager:GetSecretValue', '*')) } }, ['IAM-3:fail']],
    ['OpenSearch access policy → fail', { Type: 'AWS::OpenSearchService::Domain', Properties: { AccessPolicies: doc(grant({ AWS: '*' }, 'es:*', '*')) } }, ['IAM-3:fail']],
    ['DynamoDB table resource policy → fail', { Type: 'AWS::DynamoDB::Table', Properties: { ResourcePolicy: { PolicyDocument: doc(grant('*', 'dynamodb:GetItem', '*')) } } }, ['IAM-3:fail']],
    [
      'SNS policy as Fn::Sub JSON narrowed by the topic ARN → pass',
      { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: ['t'], PolicyDocument: { 'Fn::Sub': '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"${Bucket.Arn}"}}}]}' } } },
      [],
    ],
  ])('%s', (_name, res, expected) => {
    expect(judge({ Res: res, Bucket: { Type: 'AWS::S3::Bucket' } }, 'IAM-3')).toEqual(expected);
  });

  const permission = (props: Obj): Res => ({ Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: 'fn', ...props } });
  it.each<[string, Res, string[]]>([
    ['Lambda permission for * → fail', permission({ Principal: '*' }), ['IAM-3:fail']],
    ['a public function URL → fail', permission({ Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }), ['IAM-3:fail']],
    ['Lambda permission for * from one source → pass', permission({ Principal: '*', SourceArn: 'arn:aws:execute-api:eu-west-1:1:abc/*' }), []],
    ['Lambda permission for * from the stack account → pass', permission({ Principal: '*', SourceAccount: { Ref: 'AWS::AccountId' } }), []],
    ['Lambda permission for * within an organization → pass', permission({ Principal: '*', PrincipalOrgID: 'o-abc123' }), []],
    ['Lambda permission for a service → pass', permission({ Principal: 's3.amazonaws.com', SourceAccount: '111111111111' }), []],
    ['Lambda permission for a principal from a parameter with no default → unknown', permission({ Principal: { Ref: 'Chosen' } }), ['IAM-3:unknown']],
    ['layer permission for * → fail', { Type: 'AWS::Lambda::LayerVersionPermission', Properties: { Action: 'lambda:GetLayerVersion', LayerVersionArn: 'l', Principal: '*' } }, ['IAM-3:fail']],
    ['layer permission for * within an organization → pass', { Type: 'AWS::Lambda::LayerVersionPermission', Properties: { Action: 'lambda:GetLayerVersion', LayerVersionArn: 'l', Principal: '*', OrganizationId: 'o-abc123' } }, []],
  ])('%s', (_name, res, expected) => {
    expect(judge({ Perm: res }, 'IAM-3')).toEqual(expected);
  });

  it('message: names the policy, the principal, the actions, the resources and the statement', () => {
    const t = template({ Policy: bucketPolicy(grant('*', ['s3:GetObject', 's3:ListBucket'], 'arn:aws:s3:::assets/*', { Sid: 'Public' })) });
    expect(findingsOf(t)).toEqual([
      expect.objectContaining({
        requirement: 'IAM-3',
        severity: 'P0',
        message: "Bucket policy 'Policy' lets any principal (Principal *) call s3:GetObject, s3:ListBucket on arn:aws:s3:::assets/* without a condition that narrows who (PolicyDocument statement 'Public').",
        detail: "PolicyDocument statement 'Public' Principal *",
      }),
    ]);
  });
});

describe('IAM-4: roles and short-lived tokens, not long-lived user keys', () => {
  const user = (props: Obj = {}): Res => ({ Type: 'AWS::IAM::User', Properties: { ...props } });
  const key = (props: Obj = {}): Res => ({ Type: 'AWS::IAM::AccessKey', Properties: { UserName: { Ref: 'Dev' }, ...props } });
  it.each<[string, Record<string, Res>, string[]]>([
    ['an access key → fail', { Dev: user(), Key: key() }, ['IAM-4:fail']],
    ['an access key Status Active → fail', { Dev: user(), Key: key({ Status: 'Active' }) }, ['IAM-4:fail']],
    ['an inactive access key → pass', { Dev: user(), Key: key({ Status: 'Inactive' }) }, []],
    ['an access key active in one Fn::If branch → fail', { Dev: user(), Key: key({ Status: { 'Fn::If': ['On', 'Active', 'Inactive'] } }) }, ['IAM-4:fail']],
    ['an access key whose Status comes from a parameter with no default → unknown', { Dev: user(), Key: key({ Status: { Ref: 'Chosen' } }) }, ['IAM-4:unknown']],
    ['a user with a console password → fail', { Dev: user({ LoginProfile: { Password: { 'Fn::Sub': '{{resolve:secretsmanager:${S}}}' } } }) }, ['IAM-4:fail']],
    ['a console password in one Fn::If branch → fail', { Dev: user({ LoginProfile: { 'Fn::If': ['Console', { Password: '{{resolve:ssm-secure:p}}' }, { Ref: 'AWS::NoValue' }] } }) }, ['IAM-4:fail']],
    ['a user without a login profile or keys → pass', { Dev: user() }, []],
  ])('%s', (_name, resources, expected) => {
    expect(judge(resources, 'IAM-4')).toEqual(expected);
  });

  it('messages: the key and its user, the login profile', () => {
    const t = template({ Dev: { Type: 'AWS::IAM::User', Properties: { LoginProfile: { Password: '{{resolve:ssm-secure:p}}' } } }, Key: key() });
    expect(findingsOf(t).filter((f) => f.requirement === 'IAM-4').map((f) => f.message).sort()).toEqual([
      "Access key 'Key' is a long-lived access key of User 'Dev' (Status not set, so Active).",
      "User 'Dev' has a console password (LoginProfile).",
    ]);
  });
});
