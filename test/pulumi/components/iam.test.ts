/**
 * LeastPrivilegeServiceAccount and ProjectIamGrants: only the roles given, never owner/editor
 * (IAM-1), never project-wide impersonation (IAM-2), never anyone (IAM-3), never a key (IAM-4).
 */
import { checkResources } from '../../../pulumi/records';
import { ProjectIamGrants, ProjectIamGrantsArgs } from '../../../pulumi/project-iam';
import { accountIdFor, LeastPrivilegeServiceAccount, LeastPrivilegeServiceAccountArgs } from '../../../pulumi/service-account';
import { deepFreeze, failure, inputsOf, ofType, record, refusal, snapshotOf, T } from './fixtures';

describe('LeastPrivilegeServiceAccount', () => {
  const args: LeastPrivilegeServiceAccountArgs = { project: 'team-project', roles: ['roles/logging.logWriter', 'roles/cloudsql.client'] };
  let resources: Awaited<ReturnType<typeof record>>;
  beforeAll(async () => {
    resources = await record(() => new LeastPrivilegeServiceAccount('app', deepFreeze({ ...args })));
  });

  it('THEN one account with an id derived from the name', () => {
    expect(inputsOf(resources, T.account, 'app')).toEqual({ project: 'team-project', accountId: 'app-sa', displayName: 'app' });
  });

  it('THEN one additive grant per role, to that account only', () => {
    expect(ofType(resources, T.projectMember).map((m) => m.inputs)).toEqual([
      { project: 'team-project', role: 'roles/cloudsql.client', member: 'serviceAccount:app-sa@team-project.iam.gserviceaccount.com' },
      { project: 'team-project', role: 'roles/logging.logWriter', member: 'serviceAccount:app-sa@team-project.iam.gserviceaccount.com' },
    ]);
  });

  it('THEN no key is ever created (IAM-4)', () => {
    expect(ofType(resources, T.accountKey)).toEqual([]);
  });

  it('THEN the checks find nothing', () => {
    expect(checkResources(resources)).toEqual([]);
  });

  it('snapshot of the recorded inputs', () => {
    expect(snapshotOf(resources)).toMatchSnapshot();
  });

  it.each<[string, string]>([
    ['web', 'web-sa'],
    ['1st-worker', 'sa-1st-worker'],
    ['Orders_API', 'orders-api'],
    ['a-very-long-name-for-a-service-account-of-the-team', 'a-very-long-name-for-a-service'],
    ['abcdefghijklmnopqrstuvwxyz123-worker', 'abcdefghijklmnopqrstuvwxyz123'],
  ])('account id of %s → %s', (name, id) => {
    expect(accountIdFor(name)).toBe(id);
  });

  it.each<[string, string, string]>([
    ['roles/owner → IAM-1', 'roles/owner', "[IAM-1] LeastPrivilegeServiceAccount 'app': role 'roles/owner' grants full control of the project; grant the predefined or custom roles the workload needs instead."],
    [
      'roles/editor → IAM-1',
      'roles/editor',
      "[IAM-1] LeastPrivilegeServiceAccount 'app': role 'roles/editor' grants write access to nearly every service of the project; grant the predefined or custom roles the workload needs instead.",
    ],
    [
      'roles/iam.serviceAccountUser → IAM-2',
      'roles/iam.serviceAccountUser',
      "[IAM-2] LeastPrivilegeServiceAccount 'app': role 'roles/iam.serviceAccountUser' at project level lets the member act as every service account of the project; grant the predefined or custom roles the workload needs instead.",
    ],
    [
      'roles/iam.serviceAccountTokenCreator → IAM-2',
      'roles/iam.serviceAccountTokenCreator',
      "[IAM-2] LeastPrivilegeServiceAccount 'app': role 'roles/iam.serviceAccountTokenCreator' at project level lets the member mint tokens for every service account of the project; grant the predefined or custom roles the workload needs instead.",
    ],
  ])('refuses %s', async (_name, role, message) => {
    const e = await refusal(() => new LeastPrivilegeServiceAccount('app', { ...args, roles: [role] }));
    expect(e.message).toBe(message);
  });

  it.each<[string, LeastPrivilegeServiceAccountArgs, string]>([
    ['an account id too short', { ...args, accountId: 'app' }, "LeastPrivilegeServiceAccount 'app': accountId 'app' must be 6-30 characters: a lowercase letter, then lowercase letters, digits and dashes."],
    ['a role that is no role name', { ...args, roles: ['logging.logWriter'] }, "LeastPrivilegeServiceAccount 'app': role 'logging.logWriter' is not a role name (roles/…, projects/…/roles/… or organizations/…/roles/…)."],
  ])('rejects %s', async (_name, a, message) => {
    expect((await failure(() => new LeastPrivilegeServiceAccount('app', a))).message).toBe(message);
  });
});

describe('ProjectIamGrants', () => {
  const args: ProjectIamGrantsArgs = {
    project: 'team-project',
    grants: [
      { role: 'roles/compute.osAdminLogin', members: ['group:oncall@example.com'] },
      { role: 'roles/iap.tunnelResourceAccessor', members: ['group:oncall@example.com', { email: 'ci@team-project.iam.gserviceaccount.com' }] },
      {
        role: 'roles/compute.osLogin',
        members: ['user:contractor@example.com'],
        condition: { title: 'until-2027', expression: 'request.time < timestamp("2027-01-01T00:00:00Z")' },
      },
    ],
  };
  let resources: Awaited<ReturnType<typeof record>>;
  beforeAll(async () => {
    resources = await record(() => new ProjectIamGrants('team', deepFreeze({ ...args })));
  });

  it('THEN one additive member grant per role and member, conditions kept', () => {
    expect(ofType(resources, T.projectMember).map((m) => [m.name, m.inputs])).toEqual([
      ['team-compute-osadminlogin-0', { project: 'team-project', role: 'roles/compute.osAdminLogin', member: 'group:oncall@example.com' }],
      [
        'team-compute-oslogin-0',
        {
          project: 'team-project',
          role: 'roles/compute.osLogin',
          member: 'user:contractor@example.com',
          condition: { title: 'until-2027', expression: 'request.time < timestamp("2027-01-01T00:00:00Z")' },
        },
      ],
      ['team-iap-tunnelresourceaccessor-0', { project: 'team-project', role: 'roles/iap.tunnelResourceAccessor', member: 'group:oncall@example.com' }],
      ['team-iap-tunnelresourceaccessor-1', { project: 'team-project', role: 'roles/iap.tunnelResourceAccessor', member: 'serviceAccount:ci@team-project.iam.gserviceaccount.com' }],
    ]);
  });

  it('THEN the checks find nothing', () => {
    expect(checkResources(resources)).toEqual([]);
  });

  it('snapshot of the recorded inputs', () => {
    expect(snapshotOf(resources)).toMatchSnapshot();
  });

  it.each<[string, string, string, string]>([
    ['roles/owner → IAM-1', 'roles/owner', 'group:admins@example.com', "[IAM-1] ProjectIamGrants 'team': role 'roles/owner' grants full control of the project; grant the predefined or custom roles the workload needs instead."],
    [
      'roles/editor → IAM-1',
      'roles/editor',
      'group:devs@example.com',
      "[IAM-1] ProjectIamGrants 'team': role 'roles/editor' grants write access to nearly every service of the project; grant the predefined or custom roles the workload needs instead.",
    ],
    [
      'project-wide roles/iam.serviceAccountUser → IAM-2',
      'roles/iam.serviceAccountUser',
      'group:devs@example.com',
      "[IAM-2] ProjectIamGrants 'team': role 'roles/iam.serviceAccountUser' at project level lets the member act as every service account of the project; grant the predefined or custom roles the workload needs instead.",
    ],
    ['allUsers → IAM-3', 'roles/viewer', 'allUsers', "[IAM-3] ProjectIamGrants 'team': member 'allUsers' grants access to anyone; name the users, groups or service accounts that need it."],
    [
      'allAuthenticatedUsers → IAM-3',
      'roles/storage.objectViewer',
      'allAuthenticatedUsers',
      "[IAM-3] ProjectIamGrants 'team': member 'allAuthenticatedUsers' grants access to anyone; name the users, groups or service accounts that need it.",
    ],
  ])('refuses %s', async (_name, role, member, message) => {
    const e = await refusal(() => new ProjectIamGrants('team', { project: 'team-project', grants: [{ role, members: [member] }] }));
    expect(e.message).toBe(message);
  });

  it.each<[string, ProjectIamGrantsArgs, string]>([
    ['a member without a kind', { project: 'p', grants: [{ role: 'roles/viewer', members: ['alice@example.com'] }] }, "ProjectIamGrants 'team': member 'alice@example.com' must start with user:, group:, serviceAccount:, domain:, principal:, principalSet:."],
    ['a grant without members', { project: 'p', grants: [{ role: 'roles/viewer', members: [] }] }, "ProjectIamGrants 'team': the grant of 'roles/viewer' names no member."],
  ])('rejects %s', async (_name, a, message) => {
    expect((await failure(() => new ProjectIamGrants('team', a))).message).toBe(message);
  });
});
