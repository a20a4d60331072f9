/**
 * SecureKey: a key ring and a crypto key rotating at least every 90 days (ENC-3), used only by
 * the members it names (IAM-3).
 */
import { checkResources } from '../../../pulumi/records';
import { SecureKey, SecureKeyArgs } from '../../../pulumi/secure-key';
import { serviceAgents } from '../../../pulumi/service-agents';
import { deepFreeze, failure, inputsOf, ofType, record, refusal, snapshotOf, T } from './fixtures';

const agents = serviceAgents('123456789012');
const args: SecureKeyArgs = { location: 'europe-west1', users: [agents.compute, agents.cloudSql, 'group:key-admins@example.com'] };

describe('SecureKey: GIVEN the defaults', () => {
  let resources: Awaited<ReturnType<typeof record>>;
  beforeAll(async () => {
    resources = await record(() => new SecureKey('data', deepFreeze({ ...args, users: [...(args.users ?? [])] })));
  });

  it('THEN a key ring in the location', () => {
    expect(inputsOf(resources, T.keyRing, 'data-ring')).toEqual({ location: 'europe-west1' });
  });

  it('THEN a symmetric key that rotates every 90 days (7776000 s, ENC-3)', () => {
    expect(inputsOf(resources, T.cryptoKey, 'data-key')).toEqual({
      keyRing: 'data-ring-id',
      purpose: 'ENCRYPT_DECRYPT',
      rotationPeriod: '7776000s',
      versionTemplate: { algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protectionLevel: 'SOFTWARE' },
    });
  });

  it('THEN encrypt/decrypt for the named members only', () => {
    expect(ofType(resources, T.cryptoKeyMember).map((m) => m.inputs)).toEqual([
      { cryptoKeyId: 'data-key-id', role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: 'serviceAccount:service-123456789012@compute-system.iam.gserviceaccount.com' },
      { cryptoKeyId: 'data-key-id', role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: 'serviceAccount:service-123456789012@gcp-sa-cloud-sql.iam.gserviceaccount.com' },
      { cryptoKeyId: 'data-key-id', role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: 'group:key-admins@example.com' },
    ]);
  });

  it('THEN the checks find nothing', () => {
    expect(checkResources(resources)).toEqual([]);
  });

  it('snapshot of the recorded inputs', () => {
    expect(snapshotOf(resources)).toMatchSnapshot();
  });
});

describe('SecureKey options', () => {
  it.each<[string, Partial<SecureKeyArgs>, string, string]>([
    ['30-day rotation', { rotationPeriodDays: 30 }, '2592000s', 'SOFTWARE'],
    ['1-day rotation, HSM', { rotationPeriodDays: 1, protectionLevel: 'HSM' }, '86400s', 'HSM'],
  ])('%s', async (_name, extra, period, level) => {
    const resources = await record(() => new SecureKey('data', { ...args, ...extra }));
    expect(inputsOf(resources, T.cryptoKey, 'data-key')).toMatchObject({ rotationPeriod: period, versionTemplate: { protectionLevel: level } });
  });
});

describe('SecureKey refuses', () => {
  it.each<[string, Partial<SecureKeyArgs>, string]>([
    ['a 91-day rotation → ENC-3', { rotationPeriodDays: 91 }, "[ENC-3] SecureKey 'data': rotationPeriodDays 91 exceeds 90; keys must rotate at least every 90 days."],
    ['allUsers as a key user → IAM-3', { users: ['allUsers'] }, "[IAM-3] SecureKey 'data': member 'allUsers' grants access to anyone; name the users, groups or service accounts that need it."],
    [
      'allAuthenticatedUsers as a key user → IAM-3',
      { users: ['allAuthenticatedUsers'] },
      "[IAM-3] SecureKey 'data': member 'allAuthenticatedUsers' grants access to anyone; name the users, groups or service accounts that need it.",
    ],
  ])('%s', async (_name, extra, message) => {
    expect((await refusal(() => new SecureKey('data', { ...args, ...extra }))).message).toBe(message);
  });

  it('a rotation of 0 days is malformed', async () => {
    expect((await failure(() => new SecureKey('data', { ...args, rotationPeriodDays: 0 }))).message).toBe(
      "SecureKey 'data': rotationPeriodDays 0 must be a whole number of days, at least 1.",
    );
  });
});
