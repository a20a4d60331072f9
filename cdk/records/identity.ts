/**
 * CloudFormation identity resources -> identity facts: policy documents wherever they appear
 * (roles, users, groups, policies, managed policies, permission sets; trust policies; resource
 * policies of S3, SQS, SNS, KMS, ECR, Secrets Manager, Lambda and others), managed policies
 * attached to identities, access keys and console passwords.
 */
import type { AccessPolicyFact, IdentityFactKind, LongLivedCredentialFact, RoleAttachmentFact } from '../../constructs/facts/identity';
import type { PolicyCondition, PolicyPrincipal, PolicyStatement } from '../../constructs/iam/policy';
import type { RequirementId } from '../../constructs/requirements';
import { isUnknown, Unknown } from '../../constructs/unknown';
import type { TemplateContext } from './context';
import { readList, readPolicyDocument, toPolicyValue } from './policy-document';
import { describeValue, isObject, possibleValues, readString } from './read';
import { Reference, Value } from './values';

const ROLE = 'AWS::IAM::Role';
const USER = 'AWS::IAM::User';
const GROUP = 'AWS::IAM::Group';
const ACCESS_KEY = 'AWS::IAM::AccessKey';
const LAMBDA_PERMISSION = 'AWS::Lambda::Permission';
const LAYER_PERMISSION = 'AWS::Lambda::LayerVersionPermission';

/** Identity policies: resource type -> properties holding one document. */
const IDENTITY_DOCUMENTS: Readonly<Record<string, readonly string[]>> = {
  'AWS::IAM::Policy': ['PolicyDocument'],
  'AWS::IAM::ManagedPolicy': ['PolicyDocument'],
  'AWS::IAM::RolePolicy': ['PolicyDocument'],
  'AWS::IAM::UserPolicy': ['PolicyDocument'],
  'AWS::IAM::GroupPolicy': ['PolicyDocument'],
  'AWS::SSO::PermissionSet': ['InlinePolicy'],
};

/** Identities with inline `Policies` and attached `ManagedPolicyArns`. */
const IDENTITIES: readonly string[] = [ROLE, USER, GROUP];

/** Resource policies: resource type -> property path of the document. */
const RESOURCE_DOCUMENTS: Readonly<Record<string, readonly string[]>> = {
  'AWS::S3::BucketPolicy': ['PolicyDocument'],
  'AWS::S3::AccessPoint': ['Policy'],
  'AWS::S3::MultiRegionAccessPointPolicy': ['Policy'],
  'AWS::S3Express::BucketPolicy': ['PolicyDocument'],
  'AWS::SQS::QueuePolicy': ['PolicyDocument'],
  'AWS::SQS::QueueInlinePolicy': ['PolicyDocument'],
  'AWS::SNS::TopicPolicy': ['PolicyDocument'],
  'AWS::SNS::TopicInlinePolicy': ['PolicyDocument'],
  'AWS::KMS::Key': ['KeyPolicy'],
  'AWS::KMS::ReplicaKey': ['KeyPolicy'],
  'AWS::ECR::Repository': ['RepositoryPolicyText'],
  'AWS::ECR::RegistryPolicy': ['PolicyText'],
  'AWS::SecretsManager::ResourcePolicy': ['ResourcePolicy'],
  'AWS::OpenSearchService::Domain': ['AccessPolicies'],
  'AWS::Elasticsearch::Domain': ['AccessPolicies'],
  'AWS::ApiGateway::RestApi': ['Policy'],
  'AWS::EFS::FileSystem': ['FileSystemPolicy'],
  'AWS::Events::EventBus': ['Policy'],
  'AWS::Logs::ResourcePolicy': ['PolicyDocument'],
  'AWS::Logs::Destination': ['DestinationPolicy'],
  'AWS::Backup::BackupVault': ['AccessPolicy'],
  'AWS::CodeArtifact::Domain': ['PermissionsPolicyDocument'],
  'AWS::CodeArtifact::Repository': ['PermissionsPolicyDocument'],
  'AWS::DynamoDB::Table': ['ResourcePolicy', 'PolicyDocument'],
  'AWS::Kinesis::ResourcePolicy': ['ResourcePolicy'],
  'AWS::Glacier::Vault': ['AccessPolicy'],
};

/** The resource types this file reads, and what it judges them for. */
export const IDENTITY_BINDINGS: Readonly<Record<string, readonly RequirementId[]>> = {
  [ROLE]: ['IAM-1', 'IAM-2', 'IAM-3'],
  [USER]: ['IAM-1', 'IAM-2', 'IAM-4'],
  [GROUP]: ['IAM-1', 'IAM-2'],
  ...Object.fromEntries(Object.keys(IDENTITY_DOCUMENTS).map((t): [string, readonly RequirementId[]] => [t, ['IAM-1', 'IAM-2']])),
  ...Object.fromEntries(Object.keys(RESOURCE_DOCUMENTS).map((t): [string, readonly RequirementId[]] => [t, ['IAM-3']])),
  [LAMBDA_PERMISSION]: ['IAM-3'],
  [LAYER_PERMISSION]: ['IAM-3'],
  'AWS::Events::EventBusPolicy': ['IAM-3'],
  [ACCESS_KEY]: ['IAM-4'],
};

/**
 * Every identity fact of a template.
 *
 * @example
 * identityFacts(new TemplateContext(template)).filter((f) => f.kind === 'access-policy')
 */
export function identityFacts(ctx: TemplateContext): IdentityFactKind[] {
  const out: IdentityFactKind[] = [];
  for (const id of ctx.logicalIds()) {
    const type = ctx.typeOf(id) as string;
    if (IDENTITIES.includes(type)) out.push(...identityResource(ctx, id, type));
    const identityPaths = IDENTITY_DOCUMENTS[type];
    if (identityPaths) out.push(document(ctx, id, 'identity', identityPaths));
    if (type === 'AWS::SSO::PermissionSet') out.push(...attachments(ctx, id, 'ManagedPolicies'));
    const resourcePaths = RESOURCE_DOCUMENTS[type];
    if (resourcePaths) out.push(document(ctx, id, 'resource', resourcePaths));
    if (type === LAMBDA_PERMISSION || type === LAYER_PERMISSION || type === 'AWS::Events::EventBusPolicy') {
      // Read field by field, so unreadable Properties would look like every field present (a narrowing condition among them).
      const opaque = ctx.resolver.propertiesUnknown(id);
      if (opaque) out.push(fact(ctx, id, 'resource', '', { statements: [], unreadable: [{ where: 'Properties', reason: opaque.reason }] }));
      else if (type === LAMBDA_PERMISSION) out.push(lambdaPermission(ctx, id));
      else if (type === LAYER_PERMISSION) out.push(layerPermission(ctx, id));
      else out.push(eventBusPolicy(ctx, id));
    }
    if (type === ACCESS_KEY) out.push(accessKey(ctx, id));
  }
  // A resource without a policy (a key on its default policy, a table without one) says nothing.
  return out.filter((f) => f.kind !== 'access-policy' || f.statements.length > 0 || f.unreadable.length > 0);
}

function identityResource(ctx: TemplateContext, id: string, type: string): IdentityFactKind[] {
  const props = ctx.properties(id);
  const out: IdentityFactKind[] = [];
  if (type === ROLE) out.push(document(ctx, id, 'trust', ['AssumeRolePolicyDocument']));
  out.push(...inlinePolicies(ctx, id, props.Policies), ...attachments(ctx, id, 'ManagedPolicyArns'));
  if (type === USER) {
    for (const profile of possibleValues(props.LoginProfile)) {
      if (profile === undefined) continue;
      out.push(credential(ctx, id, 'console-password', true, 'LoginProfile'));
    }
  }
  return out;
}

/** The URL of an OIDC provider of the template (native, or CDK's custom resource), when literal. */
function oidcProviderUrl(ctx: TemplateContext, r: Reference): string | undefined {
  if (r.attribute !== undefined && r.attribute !== 'Arn') return undefined;
  if (r.resourceType !== 'AWS::IAM::OIDCProvider' && r.resourceType !== 'Custom::AWSCDKOpenIdConnectProvider') return undefined;
  const url = ctx.properties(r.logicalId).Url;
  return typeof url === 'string' ? url : undefined;
}

/** `Policies: [{ PolicyName, PolicyDocument }]` of a role, user or group. */
function inlinePolicies(ctx: TemplateContext, id: string, policies: Value | undefined): AccessPolicyFact[] {
  const out: AccessPolicyFact[] = [];
  for (const list of possibleValues(policies)) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      out.push(fact(ctx, id, 'identity', 'Policies', { statements: [], unreadable: [{ where: '', reason: list instanceof Unknown ? list.reason : describeValue(list) }] }));
      continue;
    }
    list.forEach((item: Value, i: number) => {
      for (const p of possibleValues(item)) {
        if (p === undefined) continue;
        if (!isObject(p)) {
          out.push(fact(ctx, id, 'identity', `Policies[${i}]`, { statements: [], unreadable: [{ where: '', reason: p instanceof Unknown ? p.reason : describeValue(p) }] }));
          continue;
        }
        const name = typeof p.PolicyName === 'string' ? `policy '${p.PolicyName}'` : `Policies[${i}]`;
        out.push(fact(ctx, id, 'identity', name, readPolicyDocument(p.PolicyDocument)));
      }
    });
  }
  return out;
}

/** One document at a property path (`['ResourcePolicy', 'PolicyDocument']`). */
function document(ctx: TemplateContext, id: string, kind: AccessPolicyFact['document'], path: readonly string[]): AccessPolicyFact {
  let values: Array<Value | undefined> = [ctx.properties(id)];
  for (const key of path) {
    values = values.flatMap((v) => possibleValues(v)).map((v) => (isObject(v) ? v[key] : v instanceof Unknown ? v : undefined));
  }
  const read = values.map((v) => readPolicyDocument(v, { oidcProviderUrl: (r) => oidcProviderUrl(ctx, r) }));
  return fact(ctx, id, kind, path.join('.'), {
    statements: read.flatMap((r) => r.statements),
    unreadable: read.flatMap((r) => r.unreadable),
  });
}

function fact(ctx: TemplateContext, id: string, kind: AccessPolicyFact['document'], where: string, read: Pick<AccessPolicyFact, 'statements' | 'unreadable'>): AccessPolicyFact {
  return { kind: 'access-policy', subject: ctx.ref(id), label: ctx.label(id), document: kind, where, statements: read.statements, unreadable: read.unreadable };
}

function attachments(ctx: TemplateContext, id: string, key: string): RoleAttachmentFact[] {
  const out: RoleAttachmentFact[] = [];
  for (const list of possibleValues(ctx.properties(id)[key])) {
    if (list === undefined) continue;
    const items: Array<[string, Value]> = Array.isArray(list) ? list.map((x: Value, i: number) => [`${key}[${i}]`, x]) : [[key, list]];
    for (const [where, item] of items) {
      for (const v of possibleValues(item)) {
        if (v === undefined) continue;
        out.push({ kind: 'role-attachment', subject: ctx.ref(id), label: ctx.label(id), where, role: toPolicyValue(v) });
      }
    }
  }
  return out;
}

/** `AWS::Lambda::Permission` as the one statement it grants. */
function lambdaPermission(ctx: TemplateContext, id: string): AccessPolicyFact {
  const p = ctx.properties(id);
  const conditions: PolicyCondition[] = [];
  const condition = (operator: string, key: string, v: Value | undefined): void => {
    if (v !== undefined) conditions.push({ operator, key, values: readList(v, false).values });
  };
  condition('ArnLike', 'aws:SourceArn', p.SourceArn);
  condition('StringEquals', 'aws:SourceAccount', p.SourceAccount);
  condition('StringEquals', 'aws:PrincipalOrgID', p.PrincipalOrgID);
  condition('StringEquals', 'lambda:EventSourceToken', p.EventSourceToken);
  const urlAuth = readString(p.FunctionUrlAuthType);
  const viaUrl = possibleValues(p.InvokedViaFunctionUrl).some((v) => v === true || v === 'true');
  const publicUrl = urlAuth === 'NONE' ? ' on a public function URL, FunctionUrlAuthType NONE' : viaUrl ? ' through the function URL, InvokedViaFunctionUrl true' : '';
  const statement: PolicyStatement = {
    where: 'permission',
    effect: 'allow',
    actions: readList(p.Action, false),
    resources: readList(p.FunctionName, false),
    principals: { negated: false, entries: permissionPrincipals(p.Principal, publicUrl) },
    conditions,
  };
  return fact(ctx, id, 'resource', '', { statements: [statement], unreadable: [] });
}

/** `AWS::Lambda::LayerVersionPermission`: `*` unless limited to an organization. */
function layerPermission(ctx: TemplateContext, id: string): AccessPolicyFact {
  const p = ctx.properties(id);
  const statement: PolicyStatement = {
    where: 'permission',
    effect: 'allow',
    actions: readList(p.Action, false),
    resources: readList(p.LayerVersionArn, false),
    principals: { negated: false, entries: permissionPrincipals(p.Principal, '') },
    conditions: p.OrganizationId !== undefined ? [{ operator: 'StringEquals', key: 'aws:PrincipalOrgID', values: readList(p.OrganizationId, false).values }] : [],
  };
  return fact(ctx, id, 'resource', '', { statements: [statement], unreadable: [] });
}

/** `AWS::Events::EventBusPolicy`: a `Statement`, or the older `Principal` / `Action` / `Condition`. */
function eventBusPolicy(ctx: TemplateContext, id: string): AccessPolicyFact {
  const p = ctx.properties(id);
  if (p.Statement !== undefined) {
    return fact(ctx, id, 'resource', '', readPolicyDocument({ Statement: p.Statement }));
  }
  const conditions: PolicyCondition[] = [];
  for (const c of possibleValues(p.Condition)) {
    if (!isObject(c)) continue;
    const key = readString(c.Key);
    if (typeof key === 'string') conditions.push({ operator: String(readString(c.Type) ?? 'StringEquals'), key, values: readList(c.Value, false).values });
  }
  const statement: PolicyStatement = {
    where: 'permission',
    effect: 'allow',
    actions: readList(p.Action, false),
    principals: { negated: false, entries: permissionPrincipals(p.Principal, '') },
    conditions,
  };
  return fact(ctx, id, 'resource', '', { statements: [statement], unreadable: [] });
}

/** The principal of a permission resource: `*`, an account, a service or an ARN. */
function permissionPrincipals(v: Value | undefined, suffix: string): PolicyPrincipal[] {
  const entries: PolicyPrincipal[] = [];
  for (const alt of possibleValues(v)) {
    if (alt === undefined) continue;
    const pv = toPolicyValue(alt);
    const text = `${pv.text}${suffix}`;
    if (pv.strict.trim() === '*') entries.push({ kind: 'any', type: '*', text });
    else if (!pv.known && pv.loose.trim() === '*') entries.push({ kind: 'unknown', type: '*', text });
    else entries.push({ kind: 'named', type: '*', text });
  }
  return entries;
}

function accessKey(ctx: TemplateContext, id: string): LongLivedCredentialFact {
  const p = ctx.properties(id);
  const statuses = possibleValues(p.Status).map(readString);
  // An absent Status is Active.
  const active = statuses.some((s) => s === undefined || (typeof s === 'string' && s !== 'Inactive'))
    ? true
    : statuses.find(isUnknown) ?? false;
  const status = statuses.find((s) => typeof s === 'string' && s !== 'Inactive');
  const why = isUnknown(active) ? `its Status is ${active.reason}` : typeof status === 'string' ? `Status ${status}` : 'Status not set, so Active';
  return credential(ctx, id, 'access-key', active, why, ownerOf(ctx, p.UserName));
}

function ownerOf(ctx: TemplateContext, v: Value | undefined): string | undefined {
  const user = possibleValues(v).find((x) => x !== undefined);
  if (user instanceof Reference && ctx.typeOf(user.logicalId) !== undefined) return ctx.label(user.logicalId);
  if (typeof user === 'string') return `user '${user}'`;
  return user === undefined ? undefined : `user ${describeValue(user)}`;
}

function credential(
  ctx: TemplateContext,
  id: string,
  kind: LongLivedCredentialFact['credential'],
  active: LongLivedCredentialFact['active'],
  why: string,
  owner?: string,
): LongLivedCredentialFact {
  return { kind: 'long-lived-credential', subject: ctx.ref(id), label: ctx.label(id), credential: kind, active, why, ...(owner !== undefined ? { owner } : {}) };
}
