/**
 * IAM-1..IAM-4 over GCP IAM members, bindings and policies, service account keys, and hosts on
 * the default compute service account.
 */
import type { PulumiResource, PulumiValue } from '../../../pulumi/records/resource';
import { GCP } from '../../../pulumi/records/types';
import { judge, only, res, UNKNOWN } from '../fixtures';

const member = (role: PulumiValue, who: PulumiValue, type: string = GCP.projectIamMember) => res(type, 'grant', { project: 'team', role, member: who });

describe('IAM-1 and IAM-2: broad roles on a project, folder or organization', () => {
  it.each<[string, PulumiResource, string, string[]]>([
    ['roles/owner on the project → IAM-1 fail', member('roles/owner', 'user:dev@example.com'), 'IAM-1', ['IAM-1:fail']],
    ['roles/editor in a folder binding → IAM-1 fail', res(GCP.folderIamBinding, 'grant', { folder: 'folders/1', role: 'roles/editor', members: ['group:devs@example.com'] }), 'IAM-1', ['IAM-1:fail']],
    ['roles/owner in an organization policy → IAM-1 fail', res(GCP.organizationIamPolicy, 'grant', { orgId: '1', policyData: JSON.stringify({ bindings: [{ role: 'roles/owner', members: ['user:a@example.com'] }] }) }), 'IAM-1', ['IAM-1:fail']],
    ['roles/viewer → pass', member('roles/viewer', 'user:dev@example.com'), 'IAM-1', []],
    ['a role known only at deploy may be roles/owner → IAM-1 unknown', member(UNKNOWN, 'user:dev@example.com'), 'IAM-1', ['IAM-1:unknown']],
    ['project-wide roles/iam.serviceAccountUser → IAM-2 fail', member('roles/iam.serviceAccountUser', 'group:devs@example.com'), 'IAM-2', ['IAM-2:fail']],
    ['project-wide roles/iam.serviceAccountTokenCreator → IAM-2 fail', member('roles/iam.serviceAccountTokenCreator', 'group:devs@example.com'), 'IAM-2', ['IAM-2:fail']],
    [
      'roles/iam.serviceAccountUser on one service account (scoped) → pass',
      res(GCP.serviceAccountIamMember, 'grant', { serviceAccountId: 'projects/p/serviceAccounts/app@p.iam.gserviceaccount.com', role: 'roles/iam.serviceAccountUser', member: 'group:devs@example.com' }),
      'IAM-2',
      [],
    ],
  ])('%s', (_name, r, id, expected) => {
    expect(judge([r], id)).toEqual(expected);
  });

  it('a role computed from a custom role of the program is that role, not owner', () => {
    const custom = res(GCP.projectIamMember, 'grant', { project: 'team', role: UNKNOWN, member: 'user:a@example.com' });
    expect(judge([{ ...custom, dependencies: { role: [{ type: 'gcp:projects/iAMCustomRole:IAMCustomRole', name: 'deployer' }] } }], 'IAM-1')).toEqual([]);
  });

  it('message names the role', () => {
    expect(only([member('roles/editor', 'user:dev@example.com')], 'IAM-1').message).toBe("Project IAM member 'grant' attaches roles/editor (role roles/editor), which grants almost every permission on the project.");
  });
});

describe('IAM-3: nothing open to allUsers or allAuthenticatedUsers', () => {
  it.each<[string, PulumiResource, string[]]>([
    ['allUsers on a bucket → fail', res(GCP.bucketIamMember, 'public', { bucket: 'assets', role: 'roles/storage.objectViewer', member: 'allUsers' }), ['IAM-3:fail']],
    ['allAuthenticatedUsers on the project → fail', member('roles/viewer', 'allAuthenticatedUsers'), ['IAM-3:fail']],
    ['allUsers among the members of a binding → fail', res(GCP.topicIamBinding, 'pub', { topic: 't', role: 'roles/pubsub.publisher', members: ['user:a@example.com', 'allUsers'] }), ['IAM-3:fail']],
    ['allUsers invoking a Cloud Run service → fail', res(GCP.cloudRunV2IamMember, 'invoke', { name: 'api', role: 'roles/run.invoker', member: 'allUsers' }), ['IAM-3:fail']],
    [
      'allUsers in a bucket policy document → fail',
      res(GCP.bucketIamPolicy, 'policy', { bucket: 'b', policyData: JSON.stringify({ bindings: [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }] }) }),
      ['IAM-3:fail'],
    ],
    [
      'an IAM condition does not narrow who → fail',
      res(GCP.secretIamMember, 'read', { secretId: 's', role: 'roles/secretmanager.secretAccessor', member: 'allUsers', condition: { title: 't', expression: 'request.time < timestamp("2030-01-01T00:00:00Z")' } }),
      ['IAM-3:fail'],
    ],
    ['a named member → pass', res(GCP.cryptoKeyIamMember, 'use', { cryptoKeyId: 'k', role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: 'serviceAccount:app@p.iam.gserviceaccount.com' }), []],
    ['a member known only at deploy, no lineage → unknown', res(GCP.repositoryIamMember, 'pull', { repository: 'r', role: 'roles/artifactregistry.reader', member: UNKNOWN }), ['IAM-3:unknown']],
    ['a policy document that is not JSON → unknown', res(GCP.projectIamPolicy, 'policy', { project: 'p', policyData: '{bindings' }), ['IAM-3:unknown']],
    ['a policy document known only at deploy → unknown', res(GCP.functionIamPolicy, 'policy', { cloudFunction: 'f', policyData: UNKNOWN }), ['IAM-3:unknown']],
  ])('%s', (_name, r, expected) => {
    expect(judge([r], 'IAM-3')).toEqual(expected);
  });

  it('a member computed from a service account of the program names that account → pass', () => {
    const sa = res('gcp:serviceaccount/account:Account', 'app', { accountId: 'app' });
    const grant = { ...member('roles/logging.logWriter', UNKNOWN), dependencies: { member: [{ type: sa.type, name: 'app', urn: sa.urn }] } };
    expect(judge([sa, grant], 'IAM-3')).toEqual([]);
  });

  it('message names the principal, the role and where', () => {
    expect(only([res(GCP.bucketIamMember, 'public', { bucket: 'assets', role: 'roles/storage.objectViewer', member: 'allUsers' })], 'IAM-3').message).toBe(
      "Bucket IAM member 'public' lets any principal (Principal allUsers) call roles/storage.objectViewer on bucket assets without a condition that narrows who (role roles/storage.objectViewer).",
    );
  });
});

describe('IAM-3: Cloud Storage ACLs', () => {
  it.each<[string, PulumiResource, string[]]>([
    ['a bucket access control for allUsers → fail', res(GCP.bucketAccessControl, 'acl', { bucket: 'assets', entity: 'allUsers', role: 'READER' }), ['IAM-3:fail']],
    ['a default object access control for allAuthenticatedUsers → fail', res(GCP.defaultObjectAccessControl, 'acl', { bucket: 'assets', entity: 'allAuthenticatedUsers', role: 'READER' }), ['IAM-3:fail']],
    ['an object access control for a named user → pass', res(GCP.objectAccessControl, 'acl', { bucket: 'assets', object: 'a.txt', entity: 'user-a@example.com', role: 'READER' }), []],
    ['a bucket ACL with the predefined publicRead → fail', res(GCP.bucketAcl, 'acl', { bucket: 'assets', predefinedAcl: 'publicRead' }), ['IAM-3:fail']],
    ['a bucket ACL with READER:allUsers among its role entities → fail', res(GCP.bucketAcl, 'acl', { bucket: 'assets', roleEntities: ['OWNER:user-a@example.com', 'READER:allUsers'] }), ['IAM-3:fail']],
    ['an object ACL with private role entities → pass', res(GCP.objectAcl, 'acl', { bucket: 'assets', object: 'a.txt', roleEntities: ['OWNER:project-owners-123'] }), []],
    ['role entities known only at deploy → unknown', res(GCP.defaultObjectAcl, 'acl', { bucket: 'assets', roleEntities: UNKNOWN }), ['IAM-3:unknown']],
  ])('%s', (_name, r, expected) => {
    expect(judge([r], 'IAM-3')).toEqual(expected);
  });

  it('message names the entity', () => {
    expect(only([res(GCP.bucketAccessControl, 'acl', { bucket: 'assets', entity: 'allUsers', role: 'READER' })], 'IAM-3').message).toBe(
      "Bucket access control 'acl' lets any principal (Principal allUsers) call READER on bucket assets without a condition that narrows who (entity allUsers).",
    );
  });
});

describe('IAM-4: service account keys and the default compute account', () => {
  it('a service account key → fail, naming its account', () => {
    const sa = res('gcp:serviceaccount/account:Account', 'ci', { accountId: 'ci' });
    const f = only([sa, res(GCP.serviceAccountKey, 'ci-key', { serviceAccountId: 'ci-id' })], 'IAM-4');
    expect(f.message).toBe("Service account key 'ci-key' is a long-lived service account key of service account 'ci' (a service account key stays valid until it is deleted).");
  });

  const host = (serviceAccount: PulumiValue) => res(GCP.instance, 'vm', { serviceAccount });
  it.each<[string, PulumiResource, string[]]>([
    ['the default compute account with cloud-platform → fail', host({ email: '1234-compute@developer.gserviceaccount.com', scopes: ['cloud-platform'] }), ['IAM-4:fail']],
    ['no email (the default account) with the cloud-platform URL → fail', host({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] }), ['IAM-4:fail']],
    ['a template on "default" with cloud-platform → fail', res(GCP.instanceTemplate, 't', { serviceAccount: { email: 'default', scopes: ['cloud-platform'] } }), ['IAM-4:fail']],
    ['the default account with narrow scopes → pass', host({ email: '1234-compute@developer.gserviceaccount.com', scopes: ['logging-write'] }), []],
    ['a dedicated account with cloud-platform → pass', host({ email: 'app@p.iam.gserviceaccount.com', scopes: ['cloud-platform'] }), []],
    ['no service account at all → pass', res(GCP.instance, 'vm', {}), []],
    ['scopes known only at deploy on the default account → unknown', host({ scopes: UNKNOWN }), ['IAM-4:unknown']],
    ['an email known only at deploy, no lineage, with cloud-platform → unknown', host({ email: UNKNOWN, scopes: ['cloud-platform'] }), ['IAM-4:unknown']],
  ])('%s', (_name, r, expected) => {
    expect(judge([r], 'IAM-4')).toEqual(expected);
  });

  it('an email computed from a service account of the program is not the default → pass', () => {
    const r = { ...host({ email: UNKNOWN, scopes: ['cloud-platform'] }), dependencies: { serviceAccount: [{ type: 'gcp:serviceaccount/account:Account', name: 'app' }] } };
    expect(judge([r], 'IAM-4')).toEqual([]);
  });

  it('message names the account and the scope', () => {
    expect(only([host({ scopes: ['cloud-platform'] })], 'IAM-4').message).toBe(
      "Instance 'vm' runs as the default compute service account with the cloud-platform scope, so every process on it holds a token for every API that shared account may use (serviceAccount.email is not set (the default compute service account) and serviceAccount.scopes include cloud-platform).",
    );
  });
});
