/**
 * The identity and auth checks over facts as a GCP record would make them: the same checks
 * judge an IAM binding to allUsers, a roles/owner grant, a service account key.
 */
import { checkContext } from '../../../constructs/checks';
import { checkAccessPolicy, checkLongLivedCredential, checkRoleAttachment } from '../../../constructs/checks/identity';
import { checkSecretRotation } from '../../../constructs/checks/auth';
import { checkStoredValues } from '../../../constructs/checks/secrets';
import type { AccessPolicyFact } from '../../../constructs/facts/identity';
import { policyValue } from '../../../constructs/iam/policy';
import { Unknown } from '../../../constructs/unknown';

const subject = { type: 'gcp:storage/bucketIAMMember:BucketIAMMember', urn: 'urn:pulumi:dev::team::x::assets-public', name: 'assets-public' };
const ctx = checkContext();

function binding(member: string, role: string): AccessPolicyFact {
  return {
    kind: 'access-policy',
    subject,
    label: "Bucket IAM member 'assets-public'",
    document: 'resource',
    where: '',
    statements: [{
      where: `binding ${role}`,
      effect: 'allow',
      actions: { negated: false, values: [policyValue(role)] },
      resources: { negated: false, values: [policyValue('assets')] },
      principals: { negated: false, entries: [{ kind: member === 'allUsers' ? 'any' : 'named', type: 'member', text: member }] },
      conditions: [],
    }],
    unreadable: [],
  };
}

describe('provider-neutral identity checks', () => {
  it.each<[string, string, string[]]>([
    ['allUsers → IAM-3 fail', 'allUsers', ['IAM-3:fail']],
    ['a named group → pass', 'group:ops@example.com', []],
  ])('a GCP binding to %s', (_name, member, expected) => {
    expect(checkAccessPolicy(binding(member, 'roles/storage.objectViewer'), ctx).map((f) => `${f.requirement}:${f.status}`)).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    ['roles/owner → IAM-1 fail', 'roles/owner', ['IAM-1:fail']],
    ['roles/editor → IAM-1 fail', 'roles/editor', ['IAM-1:fail']],
    ['roles/viewer → pass', 'roles/viewer', []],
  ])('a GCP role attachment %s', (_name, role, expected) => {
    const f = checkRoleAttachment({ kind: 'role-attachment', subject, label: "Project IAM member 'ci'", where: 'role', role: policyValue(role) }, ctx);
    expect(f.map((x) => `${x.requirement}:${x.status}`)).toEqual(expected);
  });

  it('a service account key → IAM-4 fail; an unknown state → unknown', () => {
    const base = { kind: 'long-lived-credential' as const, subject, label: "Service account key 'ci'", credential: 'service-account-key' as const, why: 'a key resource' };
    expect(checkLongLivedCredential({ ...base, active: true }, ctx)[0].message).toBe("Service account key 'ci' is a long-lived service account key (a key resource).");
    expect(checkLongLivedCredential({ ...base, active: new Unknown('an output not yet known') }, ctx)[0].status).toBe('unknown');
  });

  it('a GCP secret rotating every 30 days → pass; never → fail', () => {
    const base = { kind: 'secret-rotation' as const, subject, label: "Secret 'db'" };
    expect(checkSecretRotation({ ...base, rotation: [{ value: 30, shown: 'rotation.rotationPeriod is 2592000s' }] }, ctx)).toEqual([]);
    expect(checkSecretRotation({ ...base, rotation: [{ value: undefined, shown: 'it has no rotation' }] }, ctx).map((f) => f.message)).toEqual([
      "Secret 'db' is never rotated: it has no rotation.",
    ]);
  });

  it('a raw disk encryption key in code → AUTH-3, masked', () => {
    const raw = 'c2VjcmV0LWtleS1tYXRlcmlhbC0zMi1ieXRlcyE=';
    const f = checkStoredValues({
      kind: 'stored-values',
      subject,
      label: "Disk 'data'",
      values: [{ where: 'diskEncryptionKey.rawKey', name: 'rawKey', value: { kind: 'text', text: raw } }],
    }, checkContext());
    // rawKey is not a secret name by itself: the GCP records must name it (they know the property).
    expect(f).toEqual([]);
    const named = checkStoredValues({
      kind: 'stored-values',
      subject,
      label: "Disk 'data'",
      values: [{ where: 'diskEncryptionKey.rawKey', name: 'encryptionKey', value: { kind: 'text', text: raw } }],
    }, checkContext());
    expect(named.map((x) => x.message)).toEqual(["Disk 'data' sets diskEncryptionKey.rawKey to a plaintext secret '********'."]);
  });
});
