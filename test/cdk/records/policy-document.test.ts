/**
 * Reading policy documents: statement shapes, JSON text with parts known only at deploy, and the
 * resolver's unknowns told apart (pseudo parameters, parameters, resources).
 */
import { readPolicyDocument, toPolicyValue } from '../../../cdk/records/policy-document';
import { TemplateResolver } from '../../../cdk/records/resolver';
import type { CfnTemplate } from '../../../cdk/records/template';
import { isSpecific, parameterOf, pseudoParameter, safeReason } from '../../../cdk/records/unknowns';
import { PartialString, Reference, SecretReference } from '../../../cdk/records/values';
import { UNKNOWN_PART } from '../../../constructs/iam/policy';
import { isUnknown, Unknown } from '../../../constructs/unknown';

const template = {
  Parameters: { Chosen: { Type: 'String' }, Secret: { Type: 'String', NoEcho: true } },
  Resources: { Bucket: { Type: 'AWS::S3::Bucket' } },
} as unknown as CfnTemplate;
const resolve = (node: unknown) => new TemplateResolver(template).resolve(node);

describe('the resolver unknowns the records tell apart', () => {
  it('a pseudo parameter names one specific thing', () => {
    const u = resolve({ Ref: 'AWS::AccountId' }) as Unknown;
    expect(pseudoParameter(u)).toBe('AWS::AccountId');
    expect(isSpecific(u)).toBe(true);
  });

  it('a parameter without a default is chosen at deploy', () => {
    const u = resolve({ Ref: 'Chosen' }) as Unknown;
    expect(parameterOf(u)).toBe('Chosen');
    expect(isSpecific(u)).toBe(false);
  });

  it('a resource of the template names one specific thing', () => {
    expect(isSpecific(resolve({ 'Fn::GetAtt': ['Bucket', 'Arn'] }) as Unknown)).toBe(true);
  });

  it('safe reasons never repeat the known text of a partial string', () => {
    const partial = resolve({ 'Fn::Sub': 'password=hunter22${Chosen}' });
    expect(partial).toBeInstanceOf(PartialString);
    expect(safeReason(partial as Unknown)).not.toContain('hunter22');
    expect(safeReason(resolve({ Ref: 'Secret' }) as SecretReference)).toBe('a reference to a secret store');
    expect(safeReason(new Unknown('Fn::Join over {"a":"hunter22"}'))).toBe('a value known only at deploy');
  });
});

describe('toPolicyValue', () => {
  it.each<[string, unknown, { text: string; loose: string; strict: string }]>([
    ['a literal', 's3:GetObject', { text: 's3:GetObject', loose: 's3:GetObject', strict: 's3:GetObject' }],
    ['a partition known only at deploy', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::*' }, { text: 'arn:${AWS::Partition}:s3:::*', loose: `arn:${UNKNOWN_PART}:s3:::*`, strict: `arn:${UNKNOWN_PART}:s3:::*` }],
    ['a resource attribute', { 'Fn::GetAtt': ['Bucket', 'Arn'] }, { text: '${Bucket.Arn}', loose: UNKNOWN_PART, strict: UNKNOWN_PART }],
    ['a parameter without a default may be anything', { Ref: 'Chosen' }, { text: '${Chosen}', loose: '*', strict: UNKNOWN_PART }],
    ['a bucket ARN and a suffix', { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] }, { text: '${Bucket.Arn}/*', loose: `${UNKNOWN_PART}/*`, strict: `${UNKNOWN_PART}/*` }],
  ])('%s', (_name, node, expected) => {
    expect(toPolicyValue(resolve(node))).toMatchObject(expected);
  });

  it('a reference keeps its identity', () => {
    expect(resolve({ Ref: 'Bucket' })).toBeInstanceOf(Reference);
  });
});

describe('readPolicyDocument', () => {
  it('statement as an object or a list; Sid names the statement', () => {
    const one = readPolicyDocument({ Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } });
    const list = readPolicyDocument({ Statement: [{ Effect: 'Deny', Action: ['a:b'], Resource: '*' }, { Sid: 'Two', Effect: 'Allow', Action: 'c:d', Resource: '*' }] });
    expect(one.statements.map((s) => s.where)).toEqual(['Statement']);
    expect(list.statements.map((s) => [s.where, s.effect])).toEqual([['Statement[0]', 'deny'], ["statement 'Two'", 'allow']]);
  });

  it('NotAction, NotResource and NotPrincipal are negated lists; principals are typed', () => {
    const [s] = readPolicyDocument({ Statement: { Effect: 'Allow', NotAction: 'iam:*', NotResource: ['x'], NotPrincipal: { AWS: ['arn:aws:iam::1:root', '*'] } } }).statements;
    expect(s.actions.negated).toBe(true);
    expect(s.resources?.negated).toBe(true);
    expect(s.principals).toEqual({
      negated: true,
      entries: [
        { kind: 'named', type: 'AWS', text: 'AWS: arn:aws:iam::1:root' },
        { kind: 'any', type: 'AWS', text: 'AWS: *' },
      ],
    });
  });

  it('conditions: every operator and key, values as lists', () => {
    const [s] = readPolicyDocument({ Statement: { Effect: 'Allow', Action: 'x:y', Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1', 'aws:SourceAccount': ['1', '2'] } } } }).statements;
    expect(s.conditions).toEqual([
      { operator: 'StringEquals', key: 'aws:PrincipalOrgID', values: [expect.objectContaining({ text: 'o-1' })] },
      { operator: 'StringEquals', key: 'aws:SourceAccount', values: [expect.objectContaining({ text: '1' }), expect.objectContaining({ text: '2' })] },
    ]);
  });

  it('a JSON document with parts known only at deploy keeps them where they are', () => {
    const v = resolve({ 'Fn::Sub': '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"${Bucket.Arn}/*","Principal":{"AWS":"${Chosen}"}}]}' });
    const [s] = readPolicyDocument(v).statements;
    expect(s.resources?.values.map((x) => x.text)).toEqual(['${Bucket.Arn}/*']);
    expect(s.principals?.entries).toEqual([{ kind: 'unknown', type: 'AWS', text: 'AWS: ${Chosen}' }]);
  });

  it('a JSON document whose structure is known only at deploy → unreadable', () => {
    const v = resolve({ 'Fn::Sub': '{"Statement":${Chosen}}' });
    const doc = readPolicyDocument(v);
    expect(doc.statements).toEqual([]);
    expect(doc.unreadable).toEqual([{ where: '', reason: expect.stringMatching(/not JSON once they are filled in/) }]);
  });

  it('an effect known only at deploy stays unknown', () => {
    const [s] = readPolicyDocument({ Statement: { Effect: resolve({ Ref: 'Chosen' }), Action: '*', Resource: '*' } }).statements;
    expect(isUnknown(s.effect)).toBe(true);
  });

  it('AWS::NoValue → no statements, nothing unreadable', () => {
    expect(readPolicyDocument(undefined)).toEqual({ statements: [], unreadable: [] });
  });
});
