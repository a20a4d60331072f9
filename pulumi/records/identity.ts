/**
 * GCP IAM -> identity facts. Every IAM member, binding and policy (on a project, folder,
 * organization, or a resource such as a bucket, key, topic, secret, service, function or
 * repository) is a resource policy with one statement per role, its members as principals: the
 * same IAM-3 check as AWS resource policies (`allUsers`, `allAuthenticatedUsers`). Grants on a
 * whole project, folder or organization are also role attachments (IAM-1 for `roles/owner` and
 * `roles/editor`, IAM-2 for project-wide impersonation roles). Service account keys and hosts
 * on the default compute account with the `cloud-platform` scope are IAM-4.
 */
import type { AccessPolicyFact, LongLivedCredentialFact, RoleAttachmentFact } from '../../constructs/facts/identity';
import type { PolicyPrincipal, PolicyStatement, PolicyValue } from '../../constructs/iam/policy';
import { policyValue, UNKNOWN_PART } from '../../constructs/iam/policy';
import type { RequirementId } from '../../constructs/requirements';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import type { ProgramContext } from './program';
import { at, isObject, readList, readString } from './read';
import { PulumiResource, PulumiValue, readPulumiValue } from './resource';
import { GCP } from './types';

type Out = AccessPolicyFact | RoleAttachmentFact | LongLivedCredentialFact;

/** Where an IAM resource grants: a whole project, folder or organization, or one resource. */
interface IamScope {
  readonly level: 'project' | 'folder' | 'organization' | 'resource';
  readonly form: 'member' | 'binding' | 'policy';
  /** The input naming what is granted on, and how messages call it. */
  readonly on: string;
  readonly noun: string;
}

const scopes = (level: IamScope['level'], on: string, noun: string, member: string, binding: string, policy: string): Array<[string, IamScope]> => [
  [member, { level, form: 'member', on, noun }],
  [binding, { level, form: 'binding', on, noun }],
  [policy, { level, form: 'policy', on, noun }],
];

/**
 * Every IAM resource type the records read.
 *
 * @example
 * IAM_SCOPES['gcp:storage/bucketIAMMember:BucketIAMMember'] // { level: 'resource', form: 'member', on: 'bucket', noun: 'bucket' }
 */
export const IAM_SCOPES: Readonly<Record<string, IamScope>> = Object.fromEntries([
  ...scopes('project', 'project', 'project', GCP.projectIamMember, GCP.projectIamBinding, GCP.projectIamPolicy),
  ...scopes('folder', 'folder', 'folder', GCP.folderIamMember, GCP.folderIamBinding, GCP.folderIamPolicy),
  ...scopes('organization', 'orgId', 'organization', GCP.organizationIamMember, GCP.organizationIamBinding, GCP.organizationIamPolicy),
  ...scopes('resource', 'bucket', 'bucket', GCP.bucketIamMember, GCP.bucketIamBinding, GCP.bucketIamPolicy),
  ...scopes('resource', 'cryptoKeyId', 'crypto key', GCP.cryptoKeyIamMember, GCP.cryptoKeyIamBinding, GCP.cryptoKeyIamPolicy),
  ...scopes('resource', 'serviceAccountId', 'service account', GCP.serviceAccountIamMember, GCP.serviceAccountIamBinding, GCP.serviceAccountIamPolicy),
  ...scopes('resource', 'topic', 'topic', GCP.topicIamMember, GCP.topicIamBinding, GCP.topicIamPolicy),
  ...scopes('resource', 'secretId', 'secret', GCP.secretIamMember, GCP.secretIamBinding, GCP.secretIamPolicy),
  ...scopes('resource', 'service', 'Cloud Run service', GCP.cloudRunIamMember, GCP.cloudRunIamBinding, GCP.cloudRunIamPolicy),
  ...scopes('resource', 'name', 'Cloud Run service', GCP.cloudRunV2IamMember, GCP.cloudRunV2IamBinding, GCP.cloudRunV2IamPolicy),
  ...scopes('resource', 'cloudFunction', 'Cloud Function', GCP.functionIamMember, GCP.functionIamBinding, GCP.functionIamPolicy),
  ...scopes('resource', 'repository', 'repository', GCP.repositoryIamMember, GCP.repositoryIamBinding, GCP.repositoryIamPolicy),
]);

const HOSTS = [GCP.instance, GCP.instanceTemplate, GCP.regionInstanceTemplate];

/** Cloud Storage ACL resources: one entity each, or a list of `ROLE:entity` and a predefined ACL. */
const ENTITY_ACLS: readonly string[] = [GCP.bucketAccessControl, GCP.defaultObjectAccessControl, GCP.objectAccessControl];
const LIST_ACLS: readonly string[] = [GCP.bucketAcl, GCP.defaultObjectAcl, GCP.objectAcl];

/** Predefined ACLs that open a bucket or object to everyone, and to whom. */
const PUBLIC_PREDEFINED: Readonly<Record<string, string>> = {
  publicread: 'allUsers',
  publicreadwrite: 'allUsers',
  authenticatedread: 'allAuthenticatedUsers',
};

/**
 * The GCP types this file reads, and what it judges them for.
 *
 * @example
 * GCP_IDENTITY_BINDINGS['gcp:projects/iAMMember:IAMMember'] // ['IAM-1', 'IAM-2', 'IAM-3']
 */
export const GCP_IDENTITY_BINDINGS: Readonly<Record<string, readonly RequirementId[]>> = {
  ...Object.fromEntries(
    Object.entries(IAM_SCOPES).map(([type, s]): [string, readonly RequirementId[]] => [type, s.level === 'resource' ? ['IAM-3'] : ['IAM-1', 'IAM-2', 'IAM-3']]),
  ),
  ...Object.fromEntries([...ENTITY_ACLS, ...LIST_ACLS].map((t): [string, readonly RequirementId[]] => [t, ['IAM-3']])),
  [GCP.serviceAccountKey]: ['IAM-4'],
  ...Object.fromEntries(HOSTS.map((t): [string, readonly RequirementId[]] => [t, ['IAM-4']])),
};

/** Everyone on the internet, and everyone with a Google account. */
const EVERYONE = ['allUsers', 'allAuthenticatedUsers'];

/**
 * Every identity fact of a program.
 *
 * @example
 * gcpIdentityFacts(new ProgramContext(resources)).filter((f) => f.kind === 'role-attachment')
 */
export function gcpIdentityFacts(program: ProgramContext): Out[] {
  const out: Out[] = [];
  for (const [type, scope] of Object.entries(IAM_SCOPES)) {
    for (const r of program.ofType(type)) out.push(...grants(program, r, scope));
  }
  for (const acl of program.ofTypes([...ENTITY_ACLS, ...LIST_ACLS])) out.push(storageAcl(program, acl));
  for (const k of program.ofType(GCP.serviceAccountKey)) out.push(serviceAccountKey(program, k));
  for (const h of program.ofTypes(HOSTS)) {
    const fact = defaultAccount(program, h);
    if (fact) out.push(fact);
  }
  return out;
}

/** One role granted to members, as the IAM resource says it. */
interface Grant {
  /** The statement, for messages and exceptions: `role roles/viewer`. */
  readonly where: string;
  /** Where the role is named: `role`, `policyData.bindings[0].role`. */
  readonly roleWhere: string;
  readonly role: Maybe<string>;
  readonly members: Maybe<readonly PulumiValue[]>;
}

function grants(program: ProgramContext, r: PulumiResource, scope: IamScope): Out[] {
  const subject = program.ref(r);
  const label = program.label(r);
  const onValue = r.inputs[scope.on];
  const on = typeof onValue === 'string' ? `${scope.noun} ${onValue}` : onValue === undefined && scope.level === 'project' ? "the provider's project" : `the ${scope.noun}`;
  const read = readGrants(r, scope);
  const statements: PolicyStatement[] = [];
  const attachments: RoleAttachmentFact[] = [];
  for (const g of read.grants) {
    const role = roleValue(g.role, r, program);
    statements.push({
      where: g.where,
      effect: 'allow',
      actions: { negated: false, values: [role] },
      resources: { negated: false, values: [policyValue(on)] },
      principals: { negated: false, entries: principals(g.members, r, program) },
      // IAM conditions narrow when or on what a grant applies, never who holds it.
      conditions: [],
    });
    if (scope.level !== 'resource') {
      attachments.push({ kind: 'role-attachment', subject, label, where: g.roleWhere, role, provider: 'gcp' });
    }
  }
  const policy: AccessPolicyFact = { kind: 'access-policy', subject, label, document: 'resource', where: '', statements, unreadable: read.unreadable };
  return [policy, ...attachments];
}

function readGrants(r: PulumiResource, scope: IamScope): { grants: Grant[]; unreadable: Array<{ where: string; reason: string }> } {
  const role = readString(r.inputs.role);
  const roleText: Maybe<string> = role ?? new Unknown('no role');
  if (scope.form === 'member') {
    const member = r.inputs.member;
    return { grants: [{ where: `role ${shown(roleText)}`, roleWhere: 'role', role: roleText, members: member === undefined ? [] : [member] }], unreadable: [] };
  }
  if (scope.form === 'binding') {
    const members = readList(r.inputs.members);
    return { grants: [{ where: `role ${shown(roleText)}`, roleWhere: 'role', role: roleText, members: members ?? [] }], unreadable: [] };
  }
  const data = readPolicyData(r.inputs.policyData);
  if (isUnknown(data)) return { grants: [], unreadable: [{ where: 'policyData', reason: data.reason }] };
  const bindings = readList(data.bindings);
  if (isUnknown(bindings)) return { grants: [], unreadable: [{ where: 'policyData.bindings', reason: bindings.reason }] };
  const out: Grant[] = [];
  const unreadable: Array<{ where: string; reason: string }> = [];
  (bindings ?? []).forEach((b, i) => {
    if (!isObject(b)) {
      unreadable.push({ where: `policyData.bindings[${i}]`, reason: 'not a binding' });
      return;
    }
    const bRole = readString(b.role) ?? new Unknown('no role');
    const members = readList(b.members);
    out.push({ where: `policyData.bindings[${i}] role ${shown(bRole)}`, roleWhere: `policyData.bindings[${i}].role`, role: bRole, members: members ?? [] });
  });
  return { grants: out, unreadable };
}

/**
 * The policy document of an IAM policy resource (`policyData`, JSON text), or why it cannot be read.
 *
 * @example
 * readPolicyData('{"bindings":[{"role":"roles/viewer","members":["allUsers"]}]}').bindings
 */
export function readPolicyData(v: PulumiValue | undefined): { readonly [key: string]: PulumiValue } | Unknown {
  if (isUnknown(v)) return v;
  if (isObject(v)) return v;
  if (typeof v !== 'string') return new Unknown('not set');
  try {
    const parsed = readPulumiValue(JSON.parse(v));
    return isObject(parsed) ? parsed : new Unknown('JSON that is not a policy object');
  } catch {
    return new Unknown('not valid JSON');
  }
}

function shown(v: Maybe<string>): string {
  return isUnknown(v) ? '(unknown)' : v;
}

/**
 * A role as a policy value. A role known only at deploy and computed from other resources
 * (a custom role of the program) names that role, never a predefined one; otherwise it may be any.
 */
function roleValue(role: Maybe<string>, r: PulumiResource, program: ProgramContext): PolicyValue {
  if (!isUnknown(role)) return policyValue(role);
  const from = computedFrom(r, 'role', program);
  if (from) return policyValue(`a role computed from ${from}`);
  return { text: `(${role.reason})`, loose: '*', strict: UNKNOWN_PART, known: false };
}

function principals(members: Maybe<readonly PulumiValue[]>, r: PulumiResource, program: ProgramContext): PolicyPrincipal[] {
  if (isUnknown(members)) return [unknownMember(members, r, program, 'members')];
  return members.map((m): PolicyPrincipal => {
    if (isUnknown(m)) return unknownMember(m, r, program, r.inputs.member !== undefined ? 'member' : 'members');
    const text = typeof m === 'string' ? m : JSON.stringify(m);
    if (EVERYONE.includes(text.trim())) return { kind: 'any', type: '*', text: text.trim() };
    const colon = text.indexOf(':');
    return { kind: 'named', type: colon > 0 ? text.slice(0, colon) : 'member', text };
  });
}

/**
 * A member known only at deploy. `allUsers` and `allAuthenticatedUsers` are literals: a member
 * computed from other resources of the program (a service account's email, a sink's writer
 * identity) names an identity those resources make. Without that lineage, it may be anyone.
 */
function unknownMember(v: Unknown, r: PulumiResource, program: ProgramContext, property: string): PolicyPrincipal {
  const from = computedFrom(r, property, program);
  if (from) return { kind: 'named', type: 'member', text: `a member computed from ${from}` };
  return { kind: 'unknown', type: 'member', text: `a member that is ${v.reason}` };
}

/** The labels of the resources an input was computed from, if its dependencies say. */
function computedFrom(r: PulumiResource, property: string, program: ProgramContext): string | undefined {
  const deps = r.dependencies?.[property] ?? [];
  if (deps.length === 0) return undefined;
  return deps.map((k) => { const found = program.lookup(k); return found ? program.label(found) : `${k.type} '${k.name}'`; }).join(', ');
}

/**
 * IAM-3 for Cloud Storage ACLs, the older way to open a bucket or object: an entity (`allUsers`,
 * `allAuthenticatedUsers`, `user-...`), role entities (`READER:allUsers`), or a predefined ACL
 * (`publicRead`).
 */
function storageAcl(program: ProgramContext, r: PulumiResource): AccessPolicyFact {
  const on = typeof r.inputs.bucket === 'string' ? `bucket ${r.inputs.bucket}${typeof r.inputs.object === 'string' ? ` object ${r.inputs.object}` : ''}` : 'the bucket';
  const statement = (where: string, role: Maybe<string>, who: Maybe<string>): PolicyStatement => ({
    where,
    effect: 'allow',
    actions: { negated: false, values: [isUnknown(role) ? { text: '(a role known only at deploy)', loose: '*', strict: UNKNOWN_PART, known: false } : policyValue(role)] },
    resources: { negated: false, values: [policyValue(on)] },
    principals: { negated: false, entries: [isUnknown(who) ? unknownMember(who, r, program, 'entity') : entity(who)] },
    conditions: [],
  });
  const statements: PolicyStatement[] = [];
  const unreadable: Array<{ where: string; reason: string }> = [];
  if (ENTITY_ACLS.includes(r.type)) {
    const who = readString(r.inputs.entity) ?? new Unknown('no entity');
    statements.push(statement(`entity ${isUnknown(who) ? '(unknown)' : who}`, readString(r.inputs.role) ?? 'READER', who));
  } else {
    const predefined = readString(r.inputs.predefinedAcl);
    if (isUnknown(predefined)) unreadable.push({ where: 'predefinedAcl', reason: predefined.reason });
    else if (predefined !== undefined && PUBLIC_PREDEFINED[predefined.toLowerCase()] !== undefined) {
      statements.push(statement(`predefinedAcl ${predefined}`, 'READER', PUBLIC_PREDEFINED[predefined.toLowerCase()]));
    }
    const entities = readList(r.inputs.roleEntities);
    if (isUnknown(entities)) unreadable.push({ where: 'roleEntities', reason: entities.reason });
    (isUnknown(entities) ? [] : (entities ?? [])).forEach((e, i) => {
      const text = readString(e);
      if (text === undefined) return;
      if (isUnknown(text)) {
        statements.push(statement(`roleEntities[${i}]`, text, text));
        return;
      }
      const colon = text.indexOf(':');
      statements.push(statement(`roleEntities[${i}] ${text}`, colon > 0 ? text.slice(0, colon) : text, colon > 0 ? text.slice(colon + 1) : text));
    });
  }
  return { kind: 'access-policy', subject: program.ref(r), label: program.label(r), document: 'resource', where: '', statements, unreadable };
}

function entity(who: string): PolicyPrincipal {
  const trimmed = who.trim();
  if (EVERYONE.includes(trimmed)) return { kind: 'any', type: '*', text: trimmed };
  return { kind: 'named', type: 'entity', text: trimmed };
}

/** IAM-4: a service account key is valid until someone deletes it. */
function serviceAccountKey(program: ProgramContext, k: PulumiResource): LongLivedCredentialFact {
  const owner = program.target(k, ['serviceAccountId'], 'gcp:serviceaccount/account:Account');
  const ownerLabel = owner !== undefined && !isUnknown(owner) ? `service account '${owner.name}'` : typeof k.inputs.serviceAccountId === 'string' ? `service account ${k.inputs.serviceAccountId}` : undefined;
  return {
    kind: 'long-lived-credential',
    subject: program.ref(k),
    label: program.label(k),
    credential: 'service-account-key',
    ...(ownerLabel !== undefined ? { owner: ownerLabel } : {}),
    active: true,
    why: k.inputs.publicKeyData !== undefined ? 'an uploaded public key stays valid until it is deleted' : 'a service account key stays valid until it is deleted',
  };
}

const CLOUD_PLATFORM = ['cloud-platform', 'https://www.googleapis.com/auth/cloud-platform'];
const DEFAULT_COMPUTE_ACCOUNT = /-compute@developer\.gserviceaccount\.com$/i;

/**
 * IAM-4: a host on the default compute service account (named, `default`, or no email at all)
 * with the `cloud-platform` scope: every process gets a token for every API that shared
 * account may use (by default, roles/editor on the project).
 */
function defaultAccount(program: ProgramContext, h: PulumiResource): LongLivedCredentialFact | undefined {
  const sa = h.inputs.serviceAccount;
  if (sa === undefined || sa === null) return undefined; // no service account, no token
  const base = { kind: 'long-lived-credential' as const, subject: program.ref(h), label: program.label(h), credential: 'default-service-account' as const };
  if (isUnknown(sa)) return { ...base, active: sa, why: `serviceAccount is ${sa.reason}` };
  const email = readString(at(sa, 'email'));
  let isDefault: Maybe<boolean>;
  if (email === undefined || email === '' || email === 'default') isDefault = true;
  else if (isUnknown(email)) isDefault = computedFrom(h, 'serviceAccount', program) ? false : email;
  else isDefault = DEFAULT_COMPUTE_ACCOUNT.test(email);
  if (isDefault === false) return undefined;
  const scopes = readList(at(sa, 'scopes'));
  if (isUnknown(scopes)) return { ...base, active: scopes, why: `serviceAccount.scopes is ${scopes.reason}` };
  const broad = (scopes ?? []).some((s) => typeof s === 'string' && CLOUD_PLATFORM.includes(s.trim()));
  if (!broad) return undefined;
  const who = email === undefined || email === '' ? 'serviceAccount.email is not set (the default compute service account)' : isUnknown(email) ? `serviceAccount.email is ${email.reason}` : `serviceAccount.email is ${email}`;
  if (isUnknown(isDefault)) return { ...base, active: new Unknown(`${who}, which may be the default compute service account`), why: who };
  return { ...base, active: true, why: `${who} and serviceAccount.scopes include cloud-platform` };
}
