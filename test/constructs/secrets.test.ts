import {
  findSecretAssignments,
  findSecretShapes,
  isPlausibleSecret,
  isSecretName,
  maskSecret,
  MASK,
  nameWords,
  redact,
} from '../../constructs/secrets';

// Test credentials are assembled at run time so that no scanner mistakes this file for a leak.
const AWS_KEY_ID = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');
const AWS_SECRET = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/');
const GITHUB = `ghp_${'a1B2'.repeat(9)}`;

describe('findSecretShapes', () => {
  it.each<[string, string, string, string]>([
    ['AWS access key id', `key = ${AWS_KEY_ID}`, 'aws-access-key-id', 'AKIA********'],
    ['AWS temporary key id', `ASIA${'Q'.repeat(16)}`, 'aws-access-key-id', 'ASIA********'],
    ['AWS secret access key after its name', `aws_secret_access_key=${AWS_SECRET}`, 'aws-secret-access-key', MASK],
    ['PEM private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEow...', 'private-key', '-----BEGIN RSA PRIVATE KEY-----********'],
    ['OpenSSH private key', '-----BEGIN OPENSSH PRIVATE KEY-----', 'private-key', '-----BEGIN OPENSSH PRIVATE KEY-----********'],
    ['GitHub token', `token ${GITHUB}`, 'github-token', 'ghp_********'],
    ['Slack bot token', `xoxb-${'1234567890'}-abcdefABCDEF`, 'slack-token', 'xoxb-********'],
    ['Stripe live key', `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`, 'stripe-key', 'sk_live_********'],
    ['Google API key', `AIza${'SyA-'.repeat(8)}abc`, 'google-api-key', 'AIza********'],
    ['JSON web token', `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${'dozjgNryP4J3jVmNHl0w5N'}`, 'jwt', 'eyJ********'],
    ['password in a URL', 'postgres://app:correct-horse@db.internal:5432/app', 'url-credentials', 'postgres://********'],
  ])('%s → %s, masked', (_name, text, kind, masked) => {
    const hits = findSecretShapes(text);
    expect(hits.map((h) => [h.kind, h.masked])).toContainEqual([kind, masked]);
    for (const h of hits) expect(h.masked.endsWith(MASK)).toBe(true);
  });

  it.each([
    ['a role id is not a key', 'AROAEXAMPLEEXAMPLE12'],
    ['a public key', '-----BEGIN PUBLIC KEY-----'],
    ['a URL with a variable for the password', 'postgres://app:${DB_PASSWORD}@db:5432/app'],
    ['a URL without a password', 'https://user@example.com/x'],
    ['ordinary text', 'Hello, world'],
  ])('%s → nothing', (_name, text) => {
    expect(findSecretShapes(text)).toEqual([]);
  });
});

describe('names', () => {
  it('splits every spelling into words', () => {
    expect(nameWords('MasterUserPassword')).toEqual(['master', 'user', 'password']);
    expect(nameWords('APIKey')).toEqual(['api', 'key']);
    expect(nameWords('db-password')).toEqual(['db', 'password']);
    expect(nameWords('/app/db/password')).toEqual(['app', 'db', 'password']);
  });

  it.each(['DB_PASSWORD', 'dbPassword', 'MasterUserPassword', 'AuthToken', 'stripeApiKey', 'API_KEY', 'CLIENT_SECRET', 'SecretString', 'PRIVATE_KEY', 'GITHUB_TOKEN', 'db_pass', 'Passwords', 'dbpassword', 'credentials'])(
    '%s → secret',
    (name) => expect(isSecretName(name)).toBe(true),
  );

  it.each(['DB_PASSWORD_SECRET_ARN', 'SECRET_NAME', 'SecretId', 'TOKEN_URL', 'KmsKeyId', 'PUBLIC_KEY', 'PasswordLength', 'TemporaryPasswordValidityDays', 'S3Key', 'DB_HOST', 'PasswordResetRequired', 'SecretStringTemplate', 'ApiKeyRequired', 'AuthorizationType'])(
    '%s → not secret',
    (name) => expect(isSecretName(name)).toBe(false),
  );

  it.each<[string, boolean]>([
    ['hunter2', true],
    ['12345678', true],
    ['', false],
    ['true', false],
    ['hours', false],
    ['arn:aws:secretsmanager:eu-west-1:111111111111:secret:db', false],
    ['$DB_PASSWORD', false],
    ['${DbPassword}', false],
    ['{{ db_password }}', false],
    ['{{ssm:/app/db/password}}', false],
    ['{password}', false],
    ['<password>', false],
    ['********', false],
    ['/app/db/password', false],
    ['required', false],
  ])('isPlausibleSecret(%j) → %s', (value, expected) => expect(isPlausibleSecret(value)).toBe(expected));
});

describe('findSecretAssignments', () => {
  it.each<[string, string, string[]]>([
    ['shell export', 'export DB_PASSWORD=hunter2\n', ['DB_PASSWORD=********']],
    ['quoted shell', 'DB_PASSWORD="hunter2 with spaces"', ['DB_PASSWORD=********']],
    ['env file', 'API_KEY=abc123\nDEBUG=1', ['API_KEY=********']],
    ['YAML', 'db:\n  password: "hunter2"\n', ['password=********']],
    ['JSON', '{"username": "admin", "password": "hunter2"}', ['password=********']],
    ['code', "const apiToken = 'abc-123';", ['apiToken=********']],
    ['a CLI flag', 'mysql --password=hunter2 -h db', ['password=********']],
    ['a CLI flag with a space', 'tool --api-key hunter2', ['api-key ********']],
    ['a token in a query string', 'curl https://x.example/hook?token=abc123', ['token=********']],
  ])('%s → masked assignment', (_name, text, masked) => {
    expect(findSecretAssignments(text).map((h) => h.masked)).toEqual(masked);
  });

  it.each([
    ['from Secrets Manager', 'export DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)'],
    ['from a variable', 'DB_PASSWORD=${PASSWORD_FROM_SSM}'],
    ['a variable in code', 'password = event["password"]'],
    ['a pointer name', 'DB_PASSWORD_SECRET_ARN=arn:aws:secretsmanager:eu-west-1:1:secret:db'],
    ['a file flag', 'tool --password-file /run/secrets/db'],
    ['an empty value', 'PASSWORD=""'],
    ['not a secret name', 'USERNAME=admin'],
  ])('%s → nothing', (_name, text) => {
    expect(findSecretAssignments(text)).toEqual([]);
  });
});

describe('masking', () => {
  it('never shows more than the public prefix', () => {
    expect(maskSecret('hunter2')).toBe(MASK);
    expect(maskSecret(AWS_KEY_ID, 'AKIA')).toBe('AKIA********');
    expect(maskSecret('hunter2', 'AKIA')).toBe(MASK);
  });

  it('redact replaces every occurrence, leaves short strings alone', () => {
    expect(redact('a hunter22 b hunter22', ['hunter22'])).toBe(`a ${MASK} b ${MASK}`);
    expect(redact('a b c', ['b'])).toBe('a b c');
  });
});
