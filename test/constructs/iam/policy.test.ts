import {
  anyPrincipal,
  conditionsNarrow,
  coversAllRoles,
  deniedOutside,
  isAllResources,
  PolicyStatement,
  policyValue,
  PolicyValue,
  PRINCIPAL_NARROWING_KEYS,
  UNKNOWN_PART,
} from '../../../constructs/iam/policy';
import { broadRole } from '../../../constructs/iam/roles';
import { Unknown } from '../../../constructs/unknown';

const v = policyValue;
/** A value a deployer chooses (a parameter without a default). */
const chosen: PolicyValue = { text: '${Param}', loose: '*', strict: UNKNOWN_PART, known: false };

function statement(overrides: Partial<PolicyStatement> = {}): PolicyStatement {
  return {
    where: 'Statement[0]',
    effect: 'allow',
    actions: { negated: false, values: [v('s3:GetObject')] },
    resources: { negated: false, values: [v('arn:aws:s3:::b/*')] },
    principals: { negated: false, entries: [{ kind: 'any', type: '*', text: '*' }] },
    conditions: [],
    ...overrides,
  };
}

describe('isAllResources and coversAllRoles', () => {
  it.each<[string, boolean]>([
    ['*', true],
    ['**', true],
    ['arn:aws:s3:::*', true],
    ['arn:*:sqs:*:*:*', true],
    ['arn:aws:s3:::logs/*', false],
    ['arn:aws:iam::123456789012:role/*', false],
  ])('isAllResources(%s) → %s', (p, expected) => expect(isAllResources(p)).toBe(expected));

  it.each<[string, boolean]>([
    ['*', true],
    ['arn:aws:iam::123456789012:role/*', true],
    ['arn:aws:iam::*:role/*', true],
    ['arn:aws:iam::123456789012:*', true],
    ['arn:aws:iam::123456789012:role/app-*', false],
    ['arn:aws:iam::123456789012:role/service-role/app', false],
  ])('coversAllRoles(%s) → %s', (p, expected) => expect(coversAllRoles(p)).toBe(expected));
});

describe('anyPrincipal', () => {
  it.each<[string, PolicyStatement['principals'], string | undefined]>([
    ['* → yes', { negated: false, entries: [{ kind: 'any', type: '*', text: '*' }] }, 'yes'],
    ['a named account → no', { negated: false, entries: [{ kind: 'named', type: 'AWS', text: 'AWS: 111111111111' }] }, undefined],
    ['a principal known only at deploy → maybe', { negated: false, entries: [{ kind: 'unknown', type: 'AWS', text: 'AWS: ${P}' }] }, 'maybe'],
    ['NotPrincipal → yes (everyone but a few)', { negated: true, entries: [{ kind: 'named', type: 'AWS', text: 'AWS: x' }] }, 'yes'],
  ])('%s', (_name, principals, expected) => {
    expect(anyPrincipal(statement({ principals }))?.certainty).toBe(expected);
  });
});

describe('conditionsNarrow', () => {
  const keys = PRINCIPAL_NARROWING_KEYS;
  it.each<[string, PolicyStatement['conditions'], string]>([
    ['no condition → no', [], 'no'],
    ['StringEquals aws:PrincipalOrgID → yes', [{ operator: 'StringEquals', key: 'aws:PrincipalOrgID', values: [v('o-abc')] }], 'yes'],
    ['key compared without regard to case → yes', [{ operator: 'StringEquals', key: 'AWS:principalorgid', values: [v('o-abc')] }], 'yes'],
    ['ArnLike aws:SourceArn with a specific ARN → yes', [{ operator: 'ArnLike', key: 'aws:SourceArn', values: [v('arn:aws:sns:eu-west-1:1:t')] }], 'yes'],
    ['StringLike aws:PrincipalOrgID "*" → no', [{ operator: 'StringLike', key: 'aws:PrincipalOrgID', values: [v('*')] }], 'no'],
    ['StringLike with a value known only at deploy → maybe', [{ operator: 'StringLike', key: 'aws:SourceAccount', values: [chosen] }], 'maybe'],
    ['...IfExists passes when the key is absent → no', [{ operator: 'StringEqualsIfExists', key: 'aws:SourceArn', values: [v('x')] }], 'no'],
    ['StringNotEquals → no', [{ operator: 'StringNotEquals', key: 'aws:PrincipalOrgID', values: [v('o-abc')] }], 'no'],
    ['ForAllValues: passes on an empty set → no', [{ operator: 'ForAllValues:StringEquals', key: 'aws:PrincipalOrgPaths', values: [v('o-a/')] }], 'no'],
    ['aws:SecureTransport does not narrow who → no', [{ operator: 'Bool', key: 'aws:SecureTransport', values: [v('true')] }], 'no'],
    ['a Condition known only at deploy → maybe', new Unknown('Fn::ImportValue x'), 'maybe'],
  ])('%s', (_name, conditions, expected) => {
    expect(conditionsNarrow(statement({ conditions }), keys)).toBe(expected);
  });
});

describe('deniedOutside', () => {
  const keys = PRINCIPAL_NARROWING_KEYS;
  const guard = (overrides: Partial<PolicyStatement> = {}): PolicyStatement =>
    statement({
      where: 'Statement[1]',
      effect: 'deny',
      actions: { negated: false, values: [v('s3:*')] },
      resources: { negated: false, values: [v('arn:aws:s3:::b/*')] },
      conditions: [{ operator: 'StringNotEquals', key: 'aws:PrincipalOrgID', values: [v('o-abc')] }],
      ...overrides,
    });
  const allow = statement();

  it.each<[string, PolicyStatement, boolean]>([
    ['a Deny to anyone outside the organization, same actions and resources → guarded', guard(), true],
    ['the Deny uses ...IfExists → still guarded (it denies when the key is absent too)', guard({ conditions: [{ operator: 'StringNotEqualsIfExists', key: 'aws:PrincipalOrgID', values: [v('o-abc')] }] }), true],
    ['the Deny covers fewer actions → not guarded', guard({ actions: { negated: false, values: [v('s3:PutObject')] } }), false],
    ['the Deny covers other resources → not guarded', guard({ resources: { negated: false, values: [v('arn:aws:s3:::other/*')] } }), false],
    ['the Deny has one more condition that may switch it off → not guarded', guard({ conditions: [{ operator: 'StringNotEquals', key: 'aws:PrincipalOrgID', values: [v('o-abc')] }, { operator: 'Bool', key: 'aws:SecureTransport', values: [v('false')] }] }), false],
    ['the Deny names its organization with a value known only at deploy → not guarded', guard({ conditions: [{ operator: 'StringNotEquals', key: 'aws:PrincipalOrgID', values: [chosen] }] }), false],
    ['the Deny is for a named principal only → not guarded', guard({ principals: { negated: false, entries: [{ kind: 'named', type: 'AWS', text: 'x' }] } }), false],
  ])('%s', (_name, deny, expected) => {
    expect(deniedOutside(allow, [allow, deny], keys)).toBe(expected);
  });
});

describe('broadRole', () => {
  it.each<[string, PolicyValue, string | undefined]>([
    ['AdministratorAccess → IAM-1', v('arn:aws:iam::aws:policy/AdministratorAccess'), 'IAM-1 yes'],
    ['in another partition → IAM-1', v('arn:aws-us-gov:iam::aws:policy/AdministratorAccess'), 'IAM-1 yes'],
    ['partition known only at deploy → IAM-1', { text: 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess', loose: `arn:${UNKNOWN_PART}:iam::aws:policy/AdministratorAccess`, strict: `arn:${UNKNOWN_PART}:iam::aws:policy/AdministratorAccess`, known: false }, 'IAM-1 yes'],
    ['other case → IAM-1', v('arn:aws:iam::aws:policy/administratoraccess'), 'IAM-1 yes'],
    ['PowerUserAccess → IAM-2', v('arn:aws:iam::aws:policy/PowerUserAccess'), 'IAM-2 yes'],
    ['AmazonS3FullAccess → IAM-2', v('arn:aws:iam::aws:policy/AmazonS3FullAccess'), 'IAM-2 yes'],
    ['a job-function path → read by name', v('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'), undefined],
    ['ReadOnlyAccess → none', v('arn:aws:iam::aws:policy/ReadOnlyAccess'), undefined],
    ['a customer policy named AdministratorAccess → none', v('arn:aws:iam::123456789012:policy/AdministratorAccess'), undefined],
    ['an ARN from a parameter → maybe IAM-1', chosen, 'IAM-1 maybe'],
    ['a customer policy ARN with the name from a parameter → none', { text: 'arn:aws:iam::123456789012:policy/${P}', loose: 'arn:aws:iam::123456789012:policy/*', strict: `arn:aws:iam::123456789012:policy/${UNKNOWN_PART}`, known: false }, undefined],
    ['GCP roles/owner → IAM-1', v('roles/owner'), 'IAM-1 yes'],
    ['GCP roles/viewer → none', v('roles/viewer'), undefined],
  ])('%s', (_name, value, expected) => {
    const r = broadRole(value);
    expect(r ? `${r.requirement} ${r.certainty}` : undefined).toBe(expected);
  });
});
