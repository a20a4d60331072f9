/**
 * IAM-1..IAM-4, "Separation of Duties and Authorization": IAM limits permissions, minimizing the
 * damage if an account is compromised.
 */
import type { AccessPolicyFact, LongLivedCredentialFact, RoleAttachmentFact } from '../facts/identity';
import type { Finding } from '../finding';
import { actionCovers, actionMatches, coversAllActions, isWildcardAction } from '../iam/actions';
import {
  anyPrincipal,
  certainty,
  Certainty,
  conditionsNarrow,
  coversAllRoles,
  deniedOutside,
  listText,
  openWebIdentity,
  PolicyStatement,
  resourcesAreAll,
  webIdentityKeys,
} from '../iam/policy';
import { broadRole } from '../iam/roles';
import { isUnknown } from '../unknown';
import type { CheckContext } from './context';

const PASS_ROLE = 'iam:PassRole';

/**
 * IAM-1, IAM-2 over an identity policy (full admin, wildcard actions on all resources,
 * `NotAction` allows, unscoped `iam:PassRole`) and IAM-3 over a trust or resource policy
 * (anyone allowed without a narrowing condition). One finding per statement and action or
 * principal, so that an exception can be that narrow.
 *
 * @example
 * checkAccessPolicy(fact, checkContext()) // [] for a role that may only s3:GetObject on its bucket
 */
export function checkAccessPolicy(fact: AccessPolicyFact, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const u of fact.unreadable) {
    const where = join(fact.where, u.where);
    findings.push(
      ctx.finding(fact.document === 'identity' ? 'IAM-1' : 'IAM-3', fact.subject, {
        status: 'unknown',
        message: `what ${fact.label} allows: ${where} is ${u.reason}.`,
        detail: `${where} unreadable`,
      }),
    );
  }
  for (const s of fact.statements) {
    if (s.effect === 'deny') continue;
    if (fact.document === 'identity') findings.push(...identityStatement(fact, s, ctx));
    else findings.push(...principalStatement(fact, s, ctx));
  }
  return findings;
}

function identityStatement(fact: AccessPolicyFact, s: PolicyStatement, ctx: CheckContext): Finding[] {
  const where = join(fact.where, s.where);
  const effectUnknown = isUnknown(s.effect) ? ` (its Effect is ${s.effect.reason})` : '';
  const all = resourcesAreAll(s);
  const sure = (...c: Certainty[]): 'fail' | 'unknown' => (c.every((x) => x === 'yes') && !effectUnknown ? 'fail' : 'unknown');

  if (s.actions.negated) {
    const excludesPassRole = s.actions.values.some((v) => v.known && actionCovers(v.strict, PASS_ROLE));
    return [
      ctx.finding('IAM-2', fact.subject, {
        status: sure('yes'),
        message: `${fact.label} allows every action except ${listText(s.actions.values)} (NotAction) on ${resourcesPhrase(s, all)}${excludesPassRole ? '' : ', iam:PassRole included'} (${where})${effectUnknown}.`,
        detail: `${where} NotAction`,
      }),
    ];
  }

  const findings: Finding[] = [];
  for (const v of s.actions.values) {
    const admin = certainty(v, coversAllActions);
    if (admin !== 'no' && all.certainty !== 'no') {
      const status = sure(admin, all.certainty);
      findings.push(
        ctx.finding('IAM-1', fact.subject, {
          status,
          message: status === 'fail'
            ? `${fact.label} grants full admin: ${where} allows Action ${v.text} on ${resourcesPhrase(s, all)}.`
            : `whether ${fact.label} grants full admin: ${where} allows Action ${v.text} on ${resourcesPhrase(s, all)}, part of which is known only at deploy${effectUnknown}.`,
          detail: `${where} Action ${v.text}`,
        }),
      );
      continue;
    }
    const wildcard = certainty(v, isWildcardAction);
    const passes = actionMatches(v.loose, PASS_ROLE);
    if (wildcard !== 'no' && all.certainty !== 'no') {
      const status = sure(wildcard, all.certainty);
      const also = passes ? ', iam:PassRole included' : '';
      findings.push(
        ctx.finding('IAM-2', fact.subject, {
          status,
          message: status === 'fail'
            ? `${fact.label} allows wildcard action ${v.text} on ${resourcesPhrase(s, all)}${also} (${where}).`
            : `whether ${fact.label} allows a wildcard action on all resources: ${where} allows Action ${v.text} on ${resourcesPhrase(s, all)}, part of which is known only at deploy${effectUnknown}.`,
          detail: `${where} Action ${v.text}`,
        }),
      );
      continue;
    }
    if (passes) {
      const roles = resourcesAreAll(s, coversAllRoles);
      if (roles.certainty === 'no') continue;
      const status = sure(certainty(v, (a) => actionMatches(a, PASS_ROLE)), roles.certainty);
      const through = v.text.toLowerCase() === PASS_ROLE.toLowerCase() ? '' : ` (through ${v.text})`;
      findings.push(
        ctx.finding('IAM-2', fact.subject, {
          status,
          message: status === 'fail'
            ? `${fact.label} allows iam:PassRole${through} on ${resourcesPhrase(s, roles)}, so it can hand any role to a service (${where}).`
            : `whether ${fact.label} scopes iam:PassRole: ${where} allows Action ${v.text} on ${resourcesPhrase(s, roles)}, part of which is known only at deploy${effectUnknown}.`,
          detail: `${where} Action ${PASS_ROLE}`,
        }),
      );
    }
  }
  return findings;
}

function principalStatement(fact: AccessPolicyFact, s: PolicyStatement, ctx: CheckContext): Finding[] {
  const any = anyPrincipal(s);
  if (!any) return webIdentityStatement(fact, s, ctx);
  const keys = ctx.options.principalNarrowingKeys;
  const narrowed = conditionsNarrow(s, keys);
  if (narrowed === 'yes' || deniedOutside(s, fact.statements, keys)) return [];
  const where = join(fact.where, s.where);
  const what = `${s.actions.negated ? `every action except ${listText(s.actions.values)}` : listText(s.actions.values)}${scopeText(s)}`;
  const detail = `${where} Principal ${any.text}`;
  if (any.certainty === 'yes' && narrowed === 'no' && !isUnknown(s.effect)) {
    return [
      ctx.finding('IAM-3', fact.subject, {
        message: `${fact.label} lets any principal (${principalText(any.text)}) call ${what} without a condition that narrows who (${where}).`,
        detail,
      }),
    ];
  }
  const why = any.certainty !== 'yes'
    ? `the principal ${any.text} is known only at deploy and may be *`
    : isUnknown(s.conditions) ? `its Condition is ${s.conditions.reason}` : isUnknown(s.effect) ? `its Effect is ${s.effect.reason}` : 'a condition value is known only at deploy';
  return [
    ctx.finding('IAM-3', fact.subject, {
      status: 'unknown',
      message: `whether ${fact.label} is open to any principal: ${where} lets ${principalText(any.text)} call ${what}, and ${why}.`,
      detail,
    }),
  ];
}

/** IAM-3 for a federated web identity that any token of its provider satisfies. */
function webIdentityStatement(fact: AccessPolicyFact, s: PolicyStatement, ctx: CheckContext): Finding[] {
  const open = openWebIdentity(s);
  if (!open || isUnknown(s.effect)) return [];
  const where = join(fact.where, s.where);
  const what = listText(s.actions.values);
  const detail = `${where} Principal ${open.text}`;
  if (open.certainty === 'yes') {
    return [
      ctx.finding('IAM-3', fact.subject, {
        message: `${fact.label} lets anyone holding a token from ${open.provider} (Principal ${open.text}) call ${what} without a condition on ${webIdentityKeys(open.provider)} (${where}).`,
        detail,
      }),
    ];
  }
  const why = isUnknown(s.conditions) ? `its Condition is ${s.conditions.reason}` : 'a condition value is known only at deploy';
  return [
    ctx.finding('IAM-3', fact.subject, {
      status: 'unknown',
      message: `whether ${fact.label} is open to any holder of a token from ${open.provider}: ${where} lets Principal ${open.text} call ${what}, and ${why}.`,
      detail,
    }),
  ];
}

/**
 * IAM-1 and IAM-2 for a predefined role or managed policy attached to an identity:
 * `AdministratorAccess` in any partition (IAM-1), `PowerUserAccess` and `*FullAccess` (IAM-2),
 * GCP `roles/owner` and `roles/editor` (IAM-1), and GCP service account impersonation roles
 * granted project-wide (IAM-2).
 *
 * @example
 * checkRoleAttachment({ kind: 'role-attachment', subject, label: "Role 'App'", where: 'ManagedPolicyArns[0]', role }, ctx)
 */
export function checkRoleAttachment(fact: RoleAttachmentFact, ctx: CheckContext): Finding[] {
  const broad = broadRole(fact.role, fact.provider);
  if (!broad) return [];
  if (broad.certainty === 'yes') {
    return [
      ctx.finding(broad.requirement, fact.subject, {
        message: `${fact.label} attaches ${broad.name} (${fact.where} ${fact.role.text}), which grants ${broad.grants}.`,
        detail: `managed policy ${broad.name}`,
      }),
    ];
  }
  return [
    ctx.finding(broad.requirement, fact.subject, {
      status: 'unknown',
      message: `whether ${fact.label} attaches ${broad.name}: ${fact.where} is ${fact.role.text}, known only at deploy.`,
      detail: `${fact.where} may be ${broad.name}`,
    }),
  ];
}

/**
 * IAM-4: no user access keys or console passwords (service account keys on GCP, and hosts that
 * hand out tokens of the default compute service account for every API).
 *
 * @example
 * checkLongLivedCredential({ kind: 'long-lived-credential', credential: 'access-key', active: true, ... }, ctx)
 */
export function checkLongLivedCredential(fact: LongLivedCredentialFact, ctx: CheckContext): Finding[] {
  if (fact.active === false) return [];
  const owner = fact.owner !== undefined ? ` of ${fact.owner}` : '';
  const what = {
    'access-key': `is a long-lived access key${owner}`,
    'console-password': `has a console password${owner}`,
    'service-account-key': `is a long-lived service account key${owner}`,
    'default-service-account': `runs as the default compute service account with the cloud-platform scope${owner}, so every process on it holds a token for every API that shared account may use`,
  }[fact.credential];
  if (isUnknown(fact.active)) {
    return [ctx.finding('IAM-4', fact.subject, { status: 'unknown', message: `whether ${fact.label} is active: it ${what}, and ${fact.why}.`, detail: fact.credential })];
  }
  return [ctx.finding('IAM-4', fact.subject, { message: `${fact.label} ${what} (${fact.why}).`, detail: fact.credential })];
}

function join(...parts: string[]): string {
  return parts.filter((p) => p.length > 0).join(' ');
}

/** `Resource *`, `every resource except ... (NotResource)`, or the resources listed. */
function resourcesPhrase(s: PolicyStatement, all: { certainty: Certainty; text: string }): string {
  if (s.resources === undefined || s.resources.negated) return all.text;
  return `Resource ${all.certainty !== 'no' ? all.text : listText(s.resources.values)}`;
}

function scopeText(s: PolicyStatement): string {
  if (s.resources === undefined) return '';
  if (s.resources.negated) return ` on every resource except ${listText(s.resources.values)}`;
  return s.resources.values.length > 0 ? ` on ${listText(s.resources.values)}` : '';
}

function principalText(text: string): string {
  return text.startsWith('everyone') ? text : `Principal ${text}`;
}
