/**
 * AUTH-1..AUTH-3 over GCP: Identity Platform sign-in, Secret Manager rotation, plaintext secrets.
 */
import { checkResources } from '../../../pulumi/records';
import type { PulumiObject, PulumiResource, PulumiValue } from '../../../pulumi/records/resource';
import { GCP } from '../../../pulumi/records/types';
import { judge, only, res, secret, UNKNOWN } from '../fixtures';

describe('AUTH-1: Identity Platform password sign-in', () => {
  const config = (inputs: PulumiObject) => res(GCP.identityPlatformConfig, 'auth', inputs);
  const byDetail = (r: PulumiResource, detail: string): string[] =>
    checkResources([r]).filter((f) => f.requirement === 'AUTH-1' && f.detail === detail).map((f) => `${f.requirement}:${f.status}`);

  it('no password sign-in (email off, or email links without a password) → not applicable', () => {
    expect(judge([config({})], 'AUTH-1')).toEqual([]);
    expect(judge([config({ signIn: { email: { enabled: false } } })], 'AUTH-1')).toEqual([]);
    expect(judge([config({ signIn: { email: { enabled: true, passwordRequired: false } } })], 'AUTH-1')).toEqual([]);
  });

  it('the password policy is not part of the resource: length and the four classes could not be verified', () => {
    const findings = checkResources([config({ signIn: { email: { enabled: true } }, mfa: { state: 'MANDATORY' } })]);
    expect(findings.map((f) => `${f.status} ${f.detail}`)).toEqual([
      'unknown password minimum length',
      'unknown password requires symbols',
      'unknown password requires numbers',
      'unknown password requires uppercase',
      'unknown password requires lowercase',
    ]);
  });

  it.each<[string, PulumiObject, string[]]>([
    ['mfa ENABLED (a second factor is optional) → fail', { state: 'ENABLED' }, ['AUTH-1:fail']],
    ['mfa DISABLED → fail', { state: 'DISABLED' }, ['AUTH-1:fail']],
    ['mfa not set → fail', {}, ['AUTH-1:fail']],
    ['mfa MANDATORY → pass', { state: 'MANDATORY' }, []],
    ['mfa state known only at deploy → unknown', { state: UNKNOWN }, ['AUTH-1:unknown']],
  ])('%s', (_name, mfa, expected) => {
    expect(byDetail(config({ signIn: { email: { enabled: true } }, mfa }), 'mfa')).toEqual(expected);
  });

  it('whether email sign-in is on is known only at deploy → every setting unknown', () => {
    expect(byDetail(config({ signIn: { email: { enabled: UNKNOWN } }, mfa: { state: 'MANDATORY' } }), 'mfa')).toEqual(['AUTH-1:unknown']);
  });

  it('lockout holds: Identity Platform blocks repeated failed sign-ins', () => {
    expect(byDetail(config({ signIn: { email: { enabled: true } } }), 'lockout')).toEqual([]);
  });

  it('message names mfa.state', () => {
    const [f] = checkResources([config({ signIn: { email: { enabled: true } }, mfa: { state: 'ENABLED' } })]).filter((x) => x.detail === 'mfa');
    expect(f.message).toBe("Identity Platform config 'auth' does not require MFA: mfa.state is ENABLED.");
  });
});

describe('AUTH-2: Secret Manager rotation', () => {
  const secretOf = (rotation: PulumiValue | undefined) => res(GCP.secret, 'db', { secretId: 'db', replication: { auto: {} }, ...(rotation !== undefined ? { rotation } : {}) });
  it.each<[string, PulumiValue | undefined, string[]]>([
    ['rotationPeriod 30 days → pass', { rotationPeriod: '2592000s', nextRotationTime: '2026-12-01T00:00:00Z' }, []],
    ['rotationPeriod 90 days → pass', { rotationPeriod: '7776000s' }, []],
    ['rotationPeriod 180 days → fail', { rotationPeriod: '15552000s' }, ['AUTH-2:fail']],
    ['no rotation → fail', undefined, ['AUTH-2:fail']],
    ['rotationPeriod known only at deploy → unknown', { rotationPeriod: UNKNOWN }, ['AUTH-2:unknown']],
    ['rotation block known only at deploy → unknown', UNKNOWN, ['AUTH-2:unknown']],
  ])('%s', (_name, rotation, expected) => {
    expect(judge([secretOf(rotation)], 'AUTH-2')).toEqual(expected);
  });

  it('message names the period', () => {
    expect(only([secretOf({ rotationPeriod: '15552000s' })], 'AUTH-2').message).toBe("Secret 'db' goes up to 180 days between rotations, more than 90: rotation.rotationPeriod is 15552000s.");
    expect(only([secretOf(undefined)], 'AUTH-2').message).toBe("Secret 'db' is never rotated: rotation.rotationPeriod is not set.");
  });
});

describe('AUTH-3: no plaintext secrets in the program', () => {
  it.each<[string, PulumiResource, string[]]>([
    ['a literal Cloud SQL user password → fail', res(GCP.sqlUser, 'app', { instance: 'db', password: 'correct-horse-battery' }), ['AUTH-3:fail']],
    ['a Cloud SQL user password from a Pulumi secret → pass', res(GCP.sqlUser, 'app', { instance: 'db', password: secret('correct-horse-battery') }), []],
    ['a password known only at deploy (not a secret) → unknown', res(GCP.sqlUser, 'app', { instance: 'db', password: UNKNOWN }), ['AUTH-3:unknown']],
    ['a literal SQL Server root password → fail', res(GCP.sqlDatabaseInstance, 'db', { rootPassword: 'P@ssw0rd-literal' }), ['AUTH-3:fail']],
    ['a literal Secret Manager version → fail', res(GCP.secretVersion, 'v', { secret: 's', secretData: 'sk_live_abcdefghijklmnopqrstuvwx' }), ['AUTH-3:fail']],
    ['metadata carrying a password → fail', res(GCP.instance, 'vm', { metadata: { 'db-password': 'hunter22' } }), ['AUTH-3:fail']],
    ['a startup script that exports a token → fail', res(GCP.instanceTemplate, 't', { metadata: { 'startup-script': '#!/bin/bash\nexport API_TOKEN=abc123def456\n' } }), ['AUTH-3:fail']],
    ['metadataStartupScript with a private key → fail', res(GCP.instance, 'vm', { metadataStartupScript: 'cat > k <<EOF\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\nEOF' }), ['AUTH-3:fail']],
    ['project metadata item with a secret name → fail', res(GCP.projectMetadataItem, 'item', { key: 'api-key', value: 'abcdef123456' }), ['AUTH-3:fail']],
    ['a raw boot disk key → fail', res(GCP.instance, 'vm', { bootDisk: { diskEncryptionKeyRaw: 'SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0=' } }), ['AUTH-3:fail']],
    [
      'a Cloud Run environment variable with a password → fail',
      res(GCP.cloudRunV2Service, 'api', { template: { containers: [{ image: 'i', envs: [{ name: 'DB_PASSWORD', value: 'hunter22' }, { name: 'MODE', value: 'prod' }] }] } }),
      ['AUTH-3:fail'],
    ],
    [
      'a Cloud Run variable from Secret Manager → pass',
      res(GCP.cloudRunV2Service, 'api', { template: { containers: [{ image: 'i', envs: [{ name: 'DB_PASSWORD', valueSource: { secretKeyRef: { secret: 'db', version: 'latest' } } }] }] } }),
      [],
    ],
    ['a Cloud Function variable with a token → fail', res(GCP.cloudFunctionV2, 'fn', { serviceConfig: { environmentVariables: { SLACK_TOKEN: 'xoxb-1234567890-abcdef' } } }), ['AUTH-3:fail']],
    ['harmless metadata → pass', res(GCP.instance, 'vm', { metadata: { 'enable-oslogin': 'TRUE', 'serial-port-enable': 'FALSE' } }), []],
    ['a password placeholder → pass', res(GCP.sqlUser, 'app', { password: '<set-me>' }), []],
  ])('%s', (_name, r, expected) => {
    expect(judge([r], 'AUTH-3')).toEqual(expected);
  });

  it('the message masks the secret', () => {
    const f = only([res(GCP.sqlUser, 'app', { instance: 'db', password: 'correct-horse-battery' })], 'AUTH-3');
    expect(f.message).toBe("Cloud SQL user 'app' sets password to a plaintext secret '********'.");
    expect(f.message).not.toContain('horse');
  });
});
