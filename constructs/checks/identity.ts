/**
 * IAM-1..IAM-4, "Separation of Duties and Authorization": IAM limits permissions, minimizing the
 * damage if an account is compromised.
 */
import type { AccessPolicyFact, LongLivedCredentialFact, RoleAttachmentFact } from '../facts/identity';
import type { Finding } from '../finding';
import { identityProblems, PASS_ROLE, principalProblem, StatementScope } from '../iam/judgement';
import { listText, PolicyStatement, webIdentityKeys } from '../iam/policy';
import { broadRole } from '../iam/roles';
import { isUnknown } from '../unknown';
import type { CheckContext } from './context';

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
  return identityProblems(s).map((p) => {
    const status = p.certainty === 'yes' ? 'fail' : 'unknown';
    const on = resourcesPhrase(s, p.resources);
    switch (p.kind) {
      case 'not-action':
        return ctx.finding('IAM-2', fact.subject, {
          status,
          message: `${fact.label} allows every action except ${listText(s.actions.values)} (NotAction) on ${on}${p.passRole ? ', iam:PassRole included' : ''} (${where})${effectUnknown}.`,
          detail: `${where} NotAction`,
        });
      case 'full-admin':
        return ctx.finding('IAM-1', fact.subject, {
          status,
          message: status === 'fail'
            ? `${fact.label} grants full admin: ${where} allows Action ${p.action.text} on ${on}.`
            : `whether ${fact.label} grants full admin: ${where} allows Action ${p.action.text} on ${on}, part of which is known only at deploy${effectUnknown}.`,
          detail: `${where} Action ${p.action.text}`,
        });
      case 'wildcard-action':
        return ctx.finding('IAM-2', fact.subject, {
          status,
          message: status === 'fail'
            ? `${fact.label} allows wildcard action ${p.action.text} on ${on}${p.passRole ? ', iam:PassRole included' : ''} (${where}).`
            : `whether ${fact.label} allows a wildcard action on all resources: ${where} allows Action ${p.action.text} on ${on}, part of which is known only at deploy${effectUnknown}.`,
          detail: `${where} Action ${p.action.text}`,
        });
      case 'pass-role': {
        const through = p.action.text.toLowerCase() === PASS_ROLE.toLowerCase() ? '' : ` (through ${p.action.text})`;
        return ctx.finding('IAM-2', fact.subject, {
          status,
          message: status === 'fail'
            ? `${fact.label} allows iam:PassRole${through} on ${on}, so it can hand any role to a service (${where}).`
            : `whether ${fact.label} scopes iam:PassRole: ${where} allows Action ${p.action.text} on ${on}, part of which is known only at deploy${effectUnknown}.`,
          detail: `${where} Action ${PASS_ROLE}`,
        });
      }
    }
  });
}

function principalStatement(fact: AccessPolicyFact, s: PolicyStatement, ctx: CheckContext): Finding[] {
  const p = principalProblem(s, fact.statements, ctx.options.principalNarrowingKeys);
  if (!p) return [];
  const where = join(fact.where, s.where);
  const detail = `${where} Principal ${p.kind === 'any-principal' ? p.principal.text : p.principal}`;
  if (p.kind === 'web-identity') {
    const what = listText(s.actions.values);
    if (p.certainty === 'yes') {
      return [
        ctx.finding('IAM-3', fact.subject, {
          message: `${fact.label} lets anyone holding a token from ${p.provider} (Principal ${p.principal}) call ${what} without a condition on ${webIdentityKeys(p.provider)} (${where}).`,
          detail,
        }),
      ];
    }
    const why = isUnknown(s.conditions) ? `its Condition is ${s.conditions.reason}` : 'a condition value is known only at deploy';
    return [
      ctx.finding('IAM-3', fact.subject, {
        status: 'unknown',
        message: `whether ${fact.label} is open to any holder of a token from ${p.provider}: ${where} lets Principal ${p.principal} call ${what}, and ${why}.`,
        detail,
      }),
    ];
  }
  const what = `${s.actions.negated ? `every action except ${listText(s.actions.values)}` : listText(s.actions.values)}${scopeText(s)}`;
  if (p.certainty === 'yes') {
    return [
      ctx.finding('IAM-3', fact.subject, {
        message: `${fact.label} lets any principal (${principalText(p.principal.text)}) call ${what} without a condition that narrows who (${where}).`,
        detail,
      }),
    ];
  }
  const why = p.principal.certainty !== 'yes'
    ? `the principal ${p.principal.text} is known only at deploy and may be *`
    : isUnknown(s.conditions) ? `its Condition is ${s.conditions.reason}` : isUnknown(s.effect) ? `its Effect is ${s.effect.reason}` : 'a condition value is known only at deploy';
  return [
    ctx.finding('IAM-3', fact.subject, {
      status: 'unknown',
      message: `whether ${fact.label} is open to any principal: ${where} lets ${principalText(p.principal.text)} call ${what}, and ${why}.`,
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
function resourcesPhrase(s: PolicyStatement, all: StatementScope): string {
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
