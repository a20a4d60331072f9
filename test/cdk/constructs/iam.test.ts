/**
 * IAM: the least-privilege role (IAM-1, IAM-2, IAM-3).
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LeastPrivilegeRole } from '../../../cdk/least-privilege-role';
import { findingLines, nagViolations, newStack, snapshotOf } from './helpers';

const tasks = new iam.ServicePrincipal('ecs-tasks.amazonaws.com');
const QUEUE = 'arn:aws:sqs:eu-west-1:111111111111:orders';

describe('GIVEN a role for ECS tasks with typed grants and a permissions boundary', () => {
  let stack: Stack;
  let role: LeastPrivilegeRole;
  let template: Template;
  beforeAll(() => {
    stack = newStack();
    const boundary = new iam.ManagedPolicy(stack, 'Boundary', {
      statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes'], resources: [QUEUE] })],
    });
    role = new LeastPrivilegeRole(stack, 'Orders', { assumedBy: tasks, permissionsBoundary: boundary, description: 'Order workers' });
    // WHEN
    role.allow({ actions: ['sqs:SendMessage'], resources: [QUEUE] });
    template = Template.fromStack(stack);
  });

  it('THEN only the ECS tasks service may assume it, within the boundary', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' } }] },
      PermissionsBoundary: { Ref: Match.stringLikeRegexp('^Boundary') },
    });
  });

  it('THEN the grant names its action and resource', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: QUEUE }] },
    });
  });

  it('THEN the whole policy finds nothing', () => {
    expect(findingLines(stack)).toEqual([]);
  });

  it('THEN cdk-nag AwsSolutions reports no error', () => {
    expect(nagViolations(stack)).toEqual([]);
  });

  it('snapshot: LeastPrivilegeRole', () => {
    expect(snapshotOf(stack, role)).toMatchSnapshot();
  });
});

describe('grants that pass', () => {
  it.each<[string, (role: LeastPrivilegeRole, stack: Stack) => void]>([
    ["a bucket's own grantRead (scoped to the bucket)", (role, stack) => { new s3.Bucket(stack, 'B').grantRead(role); }],
    ['a specific action on * (actions that take no resource)', (role) => { role.addToPolicy(new iam.PolicyStatement({ actions: ['ssm:UpdateInstanceInformation'], resources: ['*'] })); }],
    ['a wildcard action on a named resource', (role) => { role.allow({ actions: ['s3:Get*'], resources: ['arn:aws:s3:::orders/*'] }); }],
    ['a deny of everything', (role) => { role.addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['*'], resources: ['*'] })); }],
    ['a read-only AWS managed policy', (role) => { role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')); }],
    ['s3:* on a bucket of the stack (a token, never every resource)', (role, stack) => { role.allow({ actions: ['s3:*'], resources: [new s3.Bucket(stack, 'B').bucketArn] }); }],
    ['iam:PassRole on one named role', (role) => { role.allow({ actions: ['iam:PassRole'], resources: ['arn:aws:iam::111111111111:role/orders-task'] }); }],
  ])('%s → accepted', (_name, add) => {
    const stack = newStack();
    const role = new LeastPrivilegeRole(stack, 'R', { assumedBy: tasks });
    expect(() => add(role, stack)).not.toThrow();
    expect(role.node.validate()).toEqual([]);
  });

  it('GIVEN trust in any principal narrowed to the organization THEN it is accepted', () => {
    const principal = new iam.AnyPrincipal().withConditions({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } });
    expect(() => new LeastPrivilegeRole(newStack(), 'Org', { assumedBy: principal })).not.toThrow();
  });

  it('GIVEN a GitHub OIDC trust narrowed to one repository THEN it is accepted', () => {
    const principal = new iam.WebIdentityPrincipal('arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com', {
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/orders:*' },
    });
    expect(() => new LeastPrivilegeRole(newStack(), 'Deploy', { assumedBy: principal })).not.toThrow();
  });
});

describe('refused props and grants', () => {
  const role = (): LeastPrivilegeRole => new LeastPrivilegeRole(newStack(), 'R', { assumedBy: tasks });
  const statement = (props: iam.PolicyStatementProps): iam.PolicyStatement => new iam.PolicyStatement(props);

  it.each<[string, () => void, string]>([
    ['trust in any principal → IAM-3', () => new LeastPrivilegeRole(newStack(), 'R', { assumedBy: new iam.AnyPrincipal() }),
      `[IAM-3] Role 'R' can be assumed by any principal ("*" with no condition); name the principals.`],
    ['trust in "*" (StarPrincipal) → IAM-3', () => new LeastPrivilegeRole(newStack(), 'R', { assumedBy: new iam.StarPrincipal() }),
      `[IAM-3] Role 'R' can be assumed by any principal ("*" with no condition); name the principals.`],
    ['trust in a federated provider without a condition → IAM-3',
      () => new LeastPrivilegeRole(newStack(), 'R', { assumedBy: new iam.FederatedPrincipal('token.actions.githubusercontent.com', {}, 'sts:AssumeRoleWithWebIdentity') }),
      "[IAM-3] Role 'R' trusts federated principal 'token.actions.githubusercontent.com' with no condition, so any identity of that provider can assume it."],
    ['* on * in props → IAM-1', () => new LeastPrivilegeRole(newStack(), 'R', { assumedBy: tasks, statements: [statement({ actions: ['*'], resources: ['*'] })] }),
      `[IAM-1] Role 'R' would allow every action on every resource (Action "*" on Resource "*").`],
    ['trust in any principal with a condition that does not narrow who → IAM-3',
      () => new LeastPrivilegeRole(newStack(), 'R', { assumedBy: new iam.AnyPrincipal().withConditions({ Bool: { 'aws:SecureTransport': 'true' } }) }),
      `[IAM-3] Role 'R' can be assumed by any principal ("*" with no condition); name the principals.`],
    ['* on every bucket (all resources of a service) → IAM-1', () => role().addToPolicy(statement({ actions: ['*'], resources: ['arn:aws:s3:::*'] })),
      `[IAM-1] Role 'R' would allow every action on every resource (Action "*" on Resource "arn:aws:s3:::*").`],
    ['iam:PassRole on every role of the account → IAM-2', () => role().allow({ actions: ['iam:PassRole'], resources: ['arn:aws:iam::111111111111:role/*'] }),
      "[IAM-2] Role 'R' would allow iam:PassRole on every role; name the roles it passes."],
    ['s3:* on * through addToPolicy → IAM-2', () => role().addToPolicy(statement({ actions: ['s3:*'], resources: ['*'] })),
      "[IAM-2] Role 'R' would allow wildcard action 's3:*' on every resource; name the actions and scope the resources."],
    ['a partial wildcard on * → IAM-2', () => role().addToPolicy(statement({ actions: ['ec2:Describe*'], resources: ['*'] })),
      "[IAM-2] Role 'R' would allow wildcard action 'ec2:Describe*' on every resource; name the actions and scope the resources."],
    ['NotAction → IAM-2', () => role().addToPolicy(statement({ notActions: ['iam:*'], resources: ['*'] })),
      "[IAM-2] Role 'R' would allow every action except iam:* (NotAction); list the actions it needs instead."],
    ['NotResource with a wildcard action → IAM-2', () => role().addToPolicy(statement({ actions: ['s3:*'], notResources: ['arn:aws:s3:::audit/*'] })),
      "[IAM-2] Role 'R' would allow wildcard action 's3:*' on every resource; name the actions and scope the resources."],
    ['iam:PassRole on * → IAM-2', () => role().allow({ actions: ['iam:PassRole'], resources: ['*'] }),
      "[IAM-2] Role 'R' would allow iam:PassRole on every role; name the roles it passes."],
    ['AdministratorAccess in props → IAM-1',
      () => new LeastPrivilegeRole(newStack(), 'R', { assumedBy: tasks, managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] }),
      "[IAM-1] Role 'R' would attach AdministratorAccess, which grants every action on every resource."],
    ['IAMFullAccess → IAM-2', () => role().addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('IAMFullAccess')),
      "[IAM-2] Role 'R' would attach IAMFullAccess, which grants iam:* on every resource, including iam:PassRole."],
    ['PowerUserAccess → IAM-2', () => role().addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('PowerUserAccess')),
      "[IAM-2] Role 'R' would attach PowerUserAccess, which grants every action except IAM and Organizations management (NotAction) on every resource."],
    ['AmazonS3FullAccess → IAM-2', () => role().addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess')),
      "[IAM-2] Role 'R' would attach AmazonS3FullAccess, which grants the service's wildcard actions on every resource."],
    ['an inline policy with * on * → IAM-1', () => { const r = role(); r.attachInlinePolicy(new iam.Policy(r, 'P', { statements: [statement({ actions: ['*'], resources: ['*'] })] })); },
      `[IAM-1] Role 'R' would allow every action on every resource (Action "*" on Resource "*").`],
  ])('%s', (_name, build, message) => {
    expect(build).toThrow(message);
  });

  it('a grant without resources → a usage error', () => {
    expect(() => role().allow({ actions: ['s3:GetObject'], resources: [] })).toThrow("Role 'R': a grant names at least one action and one resource.");
  });
});

describe('what changes after it is added', () => {
  it('GIVEN a wildcard statement added to an attached policy later THEN validation reports IAM-2', () => {
    const stack = newStack();
    const role = new LeastPrivilegeRole(stack, 'R', { assumedBy: tasks });
    const policy = new iam.Policy(stack, 'P', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::a/*'] })] });
    role.attachInlinePolicy(policy);
    policy.addStatements(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
    expect(role.node.validate()).toEqual(["[IAM-2] Role 'R' would allow wildcard action 'dynamodb:*' on every resource; name the actions and scope the resources."]);
  });

  it('GIVEN trust in anyone added to the assume-role policy later THEN validation reports IAM-3', () => {
    const role = new LeastPrivilegeRole(newStack(), 'R', { assumedBy: tasks });
    role.assumeRolePolicy?.addStatements(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sts:AssumeRole'] }));
    expect(role.node.validate()).toEqual([`[IAM-3] Role 'R' can be assumed by any principal ("*" with no condition); name the principals.`]);
  });
});
