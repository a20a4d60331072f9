/**
 * AUTH-3 over CloudFormation, end to end, and the masking of secrets in every report format.
 */
import { renderReport, REPORT_FORMATS } from '../../../constructs/report';
import { findingsOf, Json, Res, template, verdicts } from '../fixtures';
import type { Obj } from './identity-fixtures';

// Credentials are assembled at run time so that no scanner mistakes this file for a leak.
const AWS_KEY_ID = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');
const GITHUB = `ghp_${'x9Y8'.repeat(9)}`;
const PEM = ['-----BEGIN RSA', 'PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA', 'PRIVATE KEY-----'].join(' ');
const PASSWORD = ['correct', 'horse', 'battery'].join('-');

const BASE_PARAMETERS: Obj = {
  PlainPassword: { Type: 'String' },
  SecretPassword: { Type: 'String', NoEcho: true },
  Chosen: { Type: 'String' },
};
/** The parameters above, and one whose default is a password (itself a finding). */
const WITH_DEFAULT = { Parameters: { ...BASE_PARAMETERS, DbPassword: { Type: 'String', Default: PASSWORD } } };

function judge(resources: Record<string, Res>, extra: Obj = {}): string[] {
  const parameters = { ...BASE_PARAMETERS, ...((extra.Parameters as Obj | undefined) ?? {}) };
  return verdicts(findingsOf(template(resources, { ...extra, Parameters: parameters })), 'AUTH-3');
}

const db = (password: Json, props: Obj = {}): Res => ({
  Type: 'AWS::RDS::DBInstance',
  Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', DBSubnetGroupName: 'private', MasterUsername: 'app', MasterUserPassword: password, ...props },
});
const fn = (variables: Obj, props: Obj = {}): Res => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::1:role/r', Code: { S3Bucket: 'b', S3Key: 'k.zip' }, Environment: { Variables: variables }, ...props },
});
const host = (userData: Json): Res => ({ Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', SubnetId: { Ref: 'Subnet' }, UserData: { 'Fn::Base64': userData } } });

describe('AUTH-3: database and service passwords', () => {
  it.each<[string, Json, string[]]>([
    ['a Secrets Manager dynamic reference → pass', '{{resolve:secretsmanager:prod/db:SecretString:password}}', []],
    ['a CDK-style reference built with Fn::Join → pass', { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'Secret' }, ':SecretString:password::}}']] }, []],
    ['an SSM SecureString reference → pass', '{{resolve:ssm-secure:/prod/db/password:1}}', []],
    ['a NoEcho parameter → pass', { Ref: 'SecretPassword' }, []],
    ['a literal → fail', PASSWORD, ['AUTH-3:fail']],
    ['a literal number → fail', 12345678, ['AUTH-3:fail']],
    ['a literal in one Fn::If branch → fail', { 'Fn::If': ['Dev', PASSWORD, '{{resolve:ssm-secure:/prod/db/password:1}}'] }, ['AUTH-3:fail']],
    ['a literal built with Fn::Join → fail', { 'Fn::Join': ['-', ['correct', 'horse', 'battery']] }, ['AUTH-3:fail']],
    ['a literal with the stack name built in → fail', { 'Fn::Sub': '${AWS::StackName}-Passw0rd!' }, ['AUTH-3:fail']],
    ['a parameter without NoEcho and with no default → fail (CloudFormation shows it)', { Ref: 'PlainPassword' }, ['AUTH-3:fail']],
    ['an SSM String parameter (not secure) → unknown', '{{resolve:ssm:/prod/db/password}}', ['AUTH-3:unknown']],
    ['from Fn::ImportValue → unknown', { 'Fn::ImportValue': 'db-password' }, ['AUTH-3:unknown']],
  ])('MasterUserPassword: %s', (_name, password, expected) => {
    expect(judge({ Db: db(password), Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: {} } } })).toEqual(expected);
  });

  it('a parameter default used as a password → the resource and the parameter both fail', () => {
    const f = findingsOf(template({ Db: db({ Ref: 'DbPassword' }) }, WITH_DEFAULT)).filter((x) => x.requirement === 'AUTH-3');
    expect(f.map((x) => [x.resource.logicalId, x.resource.type, x.message])).toEqual([
      ['Db', 'AWS::RDS::DBInstance', "DB instance 'Db' sets MasterUserPassword to a plaintext secret '********' (the default of parameter 'DbPassword')."],
      ['DbPassword', 'Parameter', "Parameter 'DbPassword' sets Default to a plaintext secret '********'."],
    ]);
  });

  it('RDS managing the password itself → pass', () => {
    expect(judge({ Db: db({ Ref: 'AWS::NoValue' }, { ManageMasterUserPassword: true }) })).toEqual([]);
  });

  it.each<[string, Res]>([
    ['an ElastiCache auth token', { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { ReplicationGroupDescription: 'r', AuthToken: PASSWORD } }],
    ['an OpenSearch master user password', { Type: 'AWS::OpenSearchService::Domain', Properties: { AdvancedSecurityOptions: { MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: PASSWORD } } } }],
    ['ElastiCache user passwords (a list)', { Type: 'AWS::ElastiCache::User', Properties: { UserId: 'u', UserName: 'u', Engine: 'redis', Passwords: [PASSWORD] } }],
    ['a console password', { Type: 'AWS::IAM::User', Properties: { LoginProfile: { Password: PASSWORD } } }],
    ['a secret value written in the template', { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: JSON.stringify({ username: 'app', password: PASSWORD }) } }],
    ['an OIDC client secret on a listener', { Type: 'AWS::ElasticLoadBalancingV2::ListenerRule', Properties: { Actions: [{ Type: 'authenticate-oidc', AuthenticateOidcConfig: { ClientId: 'c', ClientSecret: PASSWORD } }] } }],
    ['a password tag', { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'password', Value: PASSWORD }] } }],
  ])('%s → fail', (_name, res) => {
    expect(judge({ Res: res })).toEqual(['AUTH-3:fail']);
  });
});

describe('AUTH-3: environment variables', () => {
  it.each<[string, Obj, string[]]>([
    ['names of secrets, references and ARNs → pass', { SECRET_ARN: { Ref: 'Secret' }, DB_HOST: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }, TOKEN_URL: 'https://auth/token', PASSWORD_PARAM: '/app/db/password' }, []],
    ['DB_PASSWORD literal → fail', { DB_PASSWORD: PASSWORD }, ['AUTH-3:fail']],
    ['apiKey literal (camel case) → fail', { stripeApiKey: 'abc123abc123' }, ['AUTH-3:fail']],
    ['an access key id under an innocent name → fail', { CONFIG: `id=${AWS_KEY_ID}` }, ['AUTH-3:fail']],
    ['the secret access key of an access key of the template → fail', { AWS_CREDS: { 'Fn::GetAtt': ['Key', 'SecretAccessKey'] } }, ['AUTH-3:fail']],
    ['a connection URL with a password → fail', { DATABASE_URL: `postgres://app:${PASSWORD}@db.internal:5432/app` }, ['AUTH-3:fail']],
    ['a connection URL with the password from a secret store → pass', { DATABASE_URL: { 'Fn::Sub': 'postgres://app:{{resolve:secretsmanager:db:SecretString:password}}@db:5432/app' } }, []],
    ['a token from a plain SSM parameter → unknown', { API_TOKEN: '{{resolve:ssm:/app/token}}' }, ['AUTH-3:unknown']],
    ['a token built from a parameter with no default → unknown', { API_TOKEN: { 'Fn::Sub': 'Bearer ${Chosen}' } }, ['AUTH-3:unknown']],
    ['a token in one Fn::If branch → fail', { API_TOKEN: { 'Fn::If': ['Dev', 'dev-token-123', { Ref: 'AWS::NoValue' }] } }, ['AUTH-3:fail']],
  ])('Lambda: %s', (_name, variables, expected) => {
    const resources = { Fn: fn(variables), Secret: { Type: 'AWS::SecretsManager::Secret', Properties: {} }, Db: db('{{resolve:ssm-secure:p}}'), Key: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: 'u' } } } as Record<string, Res>;
    expect(judge(resources)).toEqual(expected);
  });

  it.each<[string, Res, string[]]>([
    [
      'ECS environment name/value pair → fail',
      { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'app', Image: 'i', Environment: [{ Name: 'LOG_LEVEL', Value: 'info' }, { Name: 'API_KEY', Value: 'abc123abc123' }] }] } },
      ['AUTH-3:fail'],
    ],
    [
      'ECS secrets from Secrets Manager → pass',
      { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'app', Image: 'i', Secrets: [{ Name: 'API_KEY', ValueFrom: 'arn:aws:secretsmanager:eu-west-1:1:secret:k' }] }] } },
      [],
    ],
    [
      'CodeBuild plaintext token → fail',
      { Type: 'AWS::CodeBuild::Project', Properties: { Environment: { EnvironmentVariables: [{ Name: 'GITHUB_TOKEN', Value: GITHUB, Type: 'PLAINTEXT' }] } } },
      ['AUTH-3:fail'],
    ],
    [
      'CodeBuild token from Parameter Store → pass',
      { Type: 'AWS::CodeBuild::Project', Properties: { Environment: { EnvironmentVariables: [{ Name: 'GITHUB_TOKEN', Value: '/ci/github-token', Type: 'PARAMETER_STORE' }] } } },
      [],
    ],
    [
      'Batch job environment → fail',
      { Type: 'AWS::Batch::JobDefinition', Properties: { Type: 'container', ContainerProperties: { Image: 'i', Environment: [{ Name: 'DB_PASSWORD', Value: PASSWORD }] } } },
      ['AUTH-3:fail'],
    ],
  ])('%s', (_name, res, expected) => {
    expect(judge({ Res: res })).toEqual(expected);
  });

  it('message: names the function, the variable and masks the value', () => {
    const f = findingsOf(template({ Fn: fn({ DB_PASSWORD: PASSWORD, CONFIG: `id=${AWS_KEY_ID}` }) }));
    expect(f.map((x) => [x.severity, x.message, x.detail])).toEqual([
      ['P0', "Function 'Fn' sets Environment.Variables.DB_PASSWORD to a plaintext secret '********'.", 'Environment.Variables.DB_PASSWORD literal'],
      ['P0', "Function 'Fn' has an AWS access key id in plain text in Environment.Variables.CONFIG: 'AKIA********'.", 'Environment.Variables.CONFIG aws-access-key-id'],
    ]);
  });
});

describe('AUTH-3: user data, inline code, SSM parameters, parameters and outputs', () => {
  it.each<[string, Json, string[]]>([
    ['a script fetching the secret at boot → pass', '#!/bin/bash\nexport DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)\n', []],
    ['an exported password → fail', `#!/bin/bash\nexport DB_PASSWORD=${PASSWORD}\n`, ['AUTH-3:fail']],
    ['a password joined in with Fn::Join → fail', { 'Fn::Join': ['', ['#!/bin/bash\n', 'echo "DB_PASSWORD=', PASSWORD, '" >> /etc/app.env\n']] }, ['AUTH-3:fail']],
    ['a NoEcho parameter substituted with Fn::Sub → pass (the template holds no secret)', { 'Fn::Sub': '#!/bin/bash\nexport DB_PASSWORD=${SecretPassword}\n' }, []],
    ['a private key written to disk → fail', { 'Fn::Sub': `#!/bin/bash\ncat > /root/.ssh/id_rsa <<EOF\n${PEM}\nEOF\n` }, ['AUTH-3:fail']],
    ['an access key in cloud-init YAML → fail', `#cloud-config\nwrite_files:\n  - path: /root/.aws/credentials\n    content: "aws_access_key_id = ${AWS_KEY_ID}"\n`, ['AUTH-3:fail']],
  ])('EC2 user data: %s', (_name, userData, expected) => {
    expect(judge({ Host: host(userData) })).toEqual(expected);
  });

  it('a parameter default substituted into user data with Fn::Sub → the instance and the parameter fail', () => {
    const t = template({ Host: host({ 'Fn::Sub': '#!/bin/bash\nexport DB_PASSWORD=${DbPassword}\n' }) }, WITH_DEFAULT);
    expect(findingsOf(t).filter((f) => f.requirement === 'AUTH-3').map((f) => f.resource.logicalId)).toEqual(['Host', 'DbPassword']);
  });

  it.each<[string, string, string[]]>([
    ['base64 written in the template with a password → fail', Buffer.from(`#!/bin/bash\nexport DB_PASSWORD=${PASSWORD}\n`).toString('base64'), ['AUTH-3:fail']],
    ['base64 written in the template, clean → pass', Buffer.from('#!/bin/bash\nyum update -y\n').toString('base64'), []],
    ['binary (compressed) user data → pass, unread', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]).toString('base64'), []],
  ])('pre-encoded user data: %s', (_name, encoded, expected) => {
    const lt: Res = { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { UserData: encoded } } };
    expect(judge({ Lt: lt })).toEqual(expected);
  });

  it('launch template user data → fail', () => {
    const lt: Res = { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { UserData: { 'Fn::Base64': `#!/bin/bash\nAPI_TOKEN=${GITHUB} ./run\n` } } } };
    expect(judge({ Lt: lt })).toEqual(['AUTH-3:fail']);
  });

  it('inline Lambda code with a hard-coded token → fail', () => {
    expect(judge({ Fn: fn({}, { Code: { ZipFile: `const apiToken = "${'tok'.repeat(6)}";\nexports.handler = async () => apiToken;` } }) })).toEqual(['AUTH-3:fail']);
  });

  it.each<[string, Obj, string[]]>([
    ['a secret-named String parameter → fail', { Type: 'String', Name: '/app/db/password', Value: PASSWORD }, ['AUTH-3:fail']],
    ['a secret-named parameter by logical id → fail', { Type: 'String', Value: PASSWORD }, ['AUTH-3:fail']],
    ['an ordinary String parameter → pass', { Type: 'String', Name: '/app/log-level', Value: 'info' }, []],
    ['a token-shaped value under any name → fail', { Type: 'String', Name: '/app/config', Value: GITHUB }, ['AUTH-3:fail']],
  ])('SSM parameter: %s', (_name, props, expected) => {
    expect(judge({ ApiPassword: { Type: 'AWS::SSM::Parameter', Properties: props } })).toEqual(expected);
  });

  it('an unused parameter with an access key as default → fail', () => {
    expect(judge({}, { Parameters: { Legacy: { Type: 'String', Default: AWS_KEY_ID } } })).toEqual(['AUTH-3:fail']);
  });

  it('a NoEcho parameter with a default → fail (the default is in the template)', () => {
    expect(judge({}, { Parameters: { AdminPassword: { Type: 'String', NoEcho: true, Default: PASSWORD } } })).toEqual(['AUTH-3:fail']);
  });

  it.each<[string, Obj, string[]]>([
    ['allowed values only → pass (a choice of settings, not of secrets)', { Type: 'String', AllowedValues: ['alpha', 'beta'] }, []],
    ['a default → fail (the default is in the template)', { Type: 'String', Default: 'alpha', AllowedValues: ['alpha', 'beta'] }, ['AUTH-3:fail']],
    ['an access key among the allowed values → fail', { Type: 'String', AllowedValues: ['alpha', AWS_KEY_ID] }, ['AUTH-3:fail']],
  ])('a secret-named parameter with %s', (_name, parameter, expected) => {
    expect(judge({}, { Parameters: { AdminPassword: parameter } })).toEqual(expected);
  });

  it('a password setting is not a password: PasswordComplexity → pass', () => {
    expect(judge({}, { Parameters: { PasswordComplexity: { Type: 'String', Default: 'high' } } })).toEqual([]);
  });

  it('a mapping entry named like a secret → fail', () => {
    expect(judge({}, { Mappings: { Env: { prod: { ApiToken: 'abc123abc123' } } } })).toEqual(['AUTH-3:fail']);
  });

  it.each<[string, Json, string[]]>([
    ['an access key secret → fail', { 'Fn::GetAtt': ['Key', 'SecretAccessKey'] }, ['AUTH-3:fail']],
    ['a NoEcho parameter (outputs are shown in plain text) → fail', { Ref: 'SecretPassword' }, ['AUTH-3:fail']],
    ['a resource id → pass', { Ref: 'Key' }, []],
  ])('output: %s', (_name, value, expected) => {
    expect(judge({ Key: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: 'u' } } }, { Outputs: { Out: { Value: value } } })).toEqual(expected);
  });

  it('messages: user data assignment and an exposed key', () => {
    const t = template(
      { Host: host(`#!/bin/bash\nexport DB_PASSWORD=${PASSWORD}\n`), Key: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: 'u' } } },
      { Outputs: { KeySecret: { Value: { 'Fn::GetAtt': ['Key', 'SecretAccessKey'] } } } },
    );
    expect(findingsOf(t).filter((f) => f.requirement === 'AUTH-3').map((f) => f.message)).toEqual([
      "Instance 'Host' assigns a literal value to DB_PASSWORD in UserData: 'DB_PASSWORD=********'.",
      "Output 'KeySecret' copies the secret access key of Access key 'Key' into Value, where it is stored and shown in plain text.",
    ]);
  });
});

describe('AUTH-3: a report never becomes the leak', () => {
  const secrets = [PASSWORD, AWS_KEY_ID, GITHUB, 'MIIEowIBAAKCAQEA7', 'abc123abc123'];
  const t = template(
    {
      Db: db(PASSWORD),
      Fn: fn({ DB_PASSWORD: PASSWORD, CONFIG: `id=${AWS_KEY_ID}`, stripeApiKey: 'abc123abc123' }),
      Host: host({ 'Fn::Sub': `#!/bin/bash\nexport GITHUB_TOKEN=${GITHUB}\ncat > /root/key <<EOF\n${PEM}\nEOF\n` }),
      Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Name: '/app/db/password', Value: PASSWORD } },
    },
    { Parameters: { Legacy: { Type: 'String', Default: AWS_KEY_ID } } },
  );
  const findings = findingsOf(t).filter((f) => f.requirement === 'AUTH-3');

  it('finds every secret', () => {
    expect(findings.length).toBeGreaterThanOrEqual(7);
  });

  it.each(REPORT_FORMATS)('%s report: masked values, never a secret', (format) => {
    const out = renderReport(format, { tool: { name: 'compliance-check', version: '0.1.0' }, findings, inputs: ['test.template.json'], resourcesChecked: 4 });
    for (const s of secrets) expect(out).not.toContain(s);
    // Markdown escapes the mask's stars.
    expect(out.replace(/\\\*/g, '*')).toContain('********');
  });

  it('no secret in any field of any finding (detail included)', () => {
    const json = JSON.stringify(findings);
    for (const s of secrets) expect(json).not.toContain(s);
  });
});
