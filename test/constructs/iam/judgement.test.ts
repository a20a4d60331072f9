import { identityProblems, principalProblem } from '../../../constructs/iam/judgement';
import { PolicyStatement, policyValue, PolicyValue, PRINCIPAL_NARROWING_KEYS, UNKNOWN_PART } from '../../../constructs/iam/policy';
import { Unknown } from '../../../constructs/unknown';

const v = policyValue;
/** A value a deployer chooses (a parameter without a default). */
const chosen: PolicyValue = { text: '${Param}', loose: '*', strict: UNKNOWN_PART, known: false };

function identity(actions: PolicyValue[], resources: PolicyValue[], overrides: Partial<PolicyStatement> = {}): PolicyStatement {
  return {
    where: 'Statement[0]',
    effect: 'allow',
    actions: { negated: false, values: actions },
    resources: { negated: false, values: resources },
    conditions: [],
    ...overrides,
  };
}

function trust(overrides: Partial<PolicyStatement> = {}): PolicyStatement {
  return {
    where: 'Statement[0]',
    effect: 'allow',
    actions: { negated: false, values: [v('sts:AssumeRole')] },
    principals: { negated: false, entries: [{ kind: 'any', type: 'AWS', text: 'AWS: *' }] },
    conditions: [],
    ...overrides,
  };
}

describe('identityProblems', () => {
  it.each<[string, PolicyStatement, string[]]>([
    ['* on * → full admin, sure', identity([v('*')], [v('*')]), ['IAM-1 full-admin yes']],
    ['*:* on arn:aws:s3:::* → full admin', identity([v('*:*')], [v('arn:aws:s3:::*')]), ['IAM-1 full-admin yes']],
    ['s3:* on * → wildcard action', identity([v('s3:*')], [v('*')]), ['IAM-2 wildcard-action yes']],
    ['s3:?etObject on * → wildcard action', identity([v('s3:?etObject')], [v('*')]), ['IAM-2 wildcard-action yes']],
    ['s3:* on one bucket → nothing', identity([v('s3:*')], [v('arn:aws:s3:::orders/*')]), []],
    ['iam:PassRole on every role of the account → pass role', identity([v('iam:PassRole')], [v('arn:aws:iam::111111111111:role/*')]), ['IAM-2 pass-role yes']],
    ['iam:PassRole on one role → nothing', identity([v('iam:PassRole')], [v('arn:aws:iam::111111111111:role/app')]), []],
    ['NotAction → one problem, whatever the resources', identity([v('iam:*')], [v('arn:aws:s3:::a')], { actions: { negated: true, values: [v('iam:*')] } }), ['IAM-2 not-action yes']],
    ['an action chosen at deploy on * → maybe full admin', identity([chosen], [v('*')]), ['IAM-1 full-admin maybe']],
    ['* on * with an Effect known only at deploy → maybe', identity([v('*')], [v('*')], { effect: new Unknown('Ref to parameter') }), ['IAM-1 full-admin maybe']],
    ['a Deny of * on * → nothing', identity([v('*')], [v('*')], { effect: 'deny' }), []],
  ])('%s', (_name, s, expected) => {
    expect(identityProblems(s).map((p) => `${p.requirement} ${p.kind} ${p.certainty}`)).toEqual(expected);
  });

  it('NotAction that does not exclude iam:PassRole says it passes roles', () => {
    const [p] = identityProblems(identity([], [v('*')], { actions: { negated: true, values: [v('s3:*')] } }));
    expect(p).toMatchObject({ kind: 'not-action', passRole: true });
  });
});

describe('principalProblem', () => {
  const narrowing = PRINCIPAL_NARROWING_KEYS;
  it.each<[string, PolicyStatement, string | undefined]>([
    ['any principal, no condition → sure', trust(), 'any-principal yes'],
    ['any principal, a condition on another key → still sure', trust({ conditions: [{ operator: 'Bool', key: 'aws:SecureTransport', values: [v('true')] }] }), 'any-principal yes'],
    ['any principal narrowed to an organization → nothing', trust({ conditions: [{ operator: 'StringEquals', key: 'aws:PrincipalOrgID', values: [v('o-abc')] }] }), undefined],
    ['any principal narrowed by a value known only at deploy → maybe', trust({ conditions: [{ operator: 'StringLike', key: 'aws:PrincipalOrgID', values: [chosen] }] }), 'any-principal maybe'],
    ['a named service → nothing', trust({ principals: { negated: false, entries: [{ kind: 'named', type: 'Service', text: 'Service: ec2.amazonaws.com' }] } }), undefined],
    [
      'GitHub OIDC without a subject condition → web identity',
      trust({ principals: { negated: false, entries: [{ kind: 'named', type: 'Federated', text: 'Federated: gh', provider: 'token.actions.githubusercontent.com' }] } }),
      'web-identity yes',
    ],
    ['a Deny → nothing', trust({ effect: 'deny' }), undefined],
  ])('%s', (_name, s, expected) => {
    const p = principalProblem(s, [s], narrowing);
    expect(p === undefined ? undefined : `${p.kind} ${p.certainty}`).toBe(expected);
  });
});
