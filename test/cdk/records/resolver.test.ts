import { Unknown } from '../../../constructs/unknown';
import { alternatives, isLiteral, TemplateResolver } from '../../../cdk/records/resolver';
import type { CfnResource, CfnTemplate } from '../../../cdk/records/template';
import { Choice, NO_VALUE, PartialString, Reference, SecretReference, Value } from '../../../cdk/records/values';

/** A template with a VPC, a database and a security group, plus parameters and a mapping. */
function fixture(extra: Partial<CfnTemplate> = {}, resources: Record<string, CfnResource> = {}): CfnTemplate {
  return {
    Parameters: {
      Env: { Type: 'String', Default: 'prod' },
      Port: { Type: 'Number', Default: 443 },
      Cidrs: { Type: 'CommaDelimitedList', Default: '10.0.0.0/8, 192.168.0.0/16' },
      Subnets: { Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1,subnet-2' },
      Size: { Type: 'String', Default: 'small', AllowedValues: ['small', 'large'] },
      Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64' },
      DbPassword: { Type: 'String', NoEcho: true, Default: 'hunter2' },
      Suffix: { Type: 'String' },
    },
    Mappings: {
      Sizes: {
        small: { Instance: 't3.small', Cidr: '10.0.0.0/24' },
        large: { Instance: 'm5.large', Cidr: '10.1.0.0/24' },
      },
    },
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'env', Value: { Ref: 'Env' } }] } },
      Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBName: { Ref: 'Suffix' } } },
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'web', VpcId: { Ref: 'Vpc' } } },
      ...resources,
    },
    ...extra,
  };
}

const resolve = (node: unknown, template: CfnTemplate = fixture()): Value => new TemplateResolver(template).resolve(node);

/** The reason of an Unknown, or a marker when the value is known (to make table cases readable). */
const reasonOf = (v: Value): string => (v instanceof Unknown ? v.reason : `known: ${JSON.stringify(v)}`);

describe('plain values', () => {
  it.each<[string, unknown]>([
    ['string', 'a'],
    ['number', 22],
    ['boolean', true],
    ['null', null],
    ['list', ['a', 1, false]],
    ['object', { CidrIp: '10.0.0.0/8', FromPort: 22, Nested: { List: [{ A: 'b' }] } }],
    ['object with two keys, one of them Ref', { Ref: 'Vpc', Other: 1 }],
  ])('%s passes through', (_name, node) => {
    expect(resolve(node)).toEqual(node);
  });

  it('a property resolving to AWS::NoValue is absent', () => {
    expect(resolve({ A: { Ref: 'AWS::NoValue' }, B: 1 })).toEqual({ B: 1 });
  });

  it('NoValue in a list drops the element', () => {
    expect(resolve(['a', { Ref: 'AWS::NoValue' }, 'b'])).toEqual(['a', 'b']);
  });

  it('NoValue inside Fn::If stays an option of the choice', () => {
    expect(resolve({ 'Fn::If': ['IsProd', 'a', { Ref: 'AWS::NoValue' }] })).toEqual(new Choice(['a', NO_VALUE]));
  });

  it('a resolved mapping keeps its keys in order, and the template is not changed', () => {
    const node = { A: 1, B: { Ref: 'Env' }, C: { Ref: 'AWS::NoValue' }, D: [{ Ref: 'Env' }] };
    const before = JSON.stringify(node);
    const out = resolve(node) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['A', 'B', 'D']);
    expect(out).toEqual({ A: 1, B: 'prod', D: ['prod'] });
    expect(JSON.stringify(node)).toBe(before);
  });

  it('a mapping with nothing to resolve is returned as it is (no copy)', () => {
    const node = { A: 1, B: { C: ['x'] } };
    expect(resolve(node)).toBe(node);
  });

  it('a __proto__ key whose value resolves is kept as data, not as a prototype', () => {
    const out = resolve(JSON.parse('{"__proto__": {"Ref": "Env"}, "A": {"Ref": "Env"}}')) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('prod');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.A).toBe('prod');
  });

  it('a __proto__ key is kept as data, not as a prototype', () => {
    const out = resolve(JSON.parse('{"__proto__": {"polluted": true}, "A": 1}')) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('Ref', () => {
  it.each<[string, string, Value]>([
    ['String parameter → default', 'Env', 'prod'],
    ['Number parameter → its text, as CloudFormation passes it', 'Port', '443'],
    ['CommaDelimitedList → list, members trimmed', 'Cidrs', ['10.0.0.0/8', '192.168.0.0/16']],
    ['List<...> → list', 'Subnets', ['subnet-1', 'subnet-2']],
    ['AllowedValues → choice of every allowed value', 'Size', new Choice(['small', 'large'])],
  ])('%s', (_name, param, expected) => {
    expect(resolve({ Ref: param })).toEqual(expected);
  });

  it('SSM parameter type → Unknown: the default is a parameter name, not the value', () => {
    const v = resolve({ Ref: 'Ami' });
    expect(v).toBeInstanceOf(Unknown);
    expect(reasonOf(v)).toMatch(/SSM/);
    expect(reasonOf(v)).toContain('/aws/service/ami-amazon-linux-latest');
  });

  it('NoEcho parameter → SecretReference, even with a default', () => {
    expect(resolve({ Ref: 'DbPassword' })).toBeInstanceOf(SecretReference);
  });

  it('parameter with no default → Unknown naming it', () => {
    expect(reasonOf(resolve({ Ref: 'Suffix' }))).toBe("Ref to parameter 'Suffix' with no default");
  });

  it.each(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::StackName', 'AWS::StackId', 'AWS::URLSuffix', 'AWS::NotificationARNs'])(
    'pseudo parameter %s → Unknown naming it',
    (name) => {
      const v = resolve({ Ref: name });
      expect(v).toBeInstanceOf(Unknown);
      expect(v).not.toBeInstanceOf(Reference);
      expect(reasonOf(v)).toContain(name);
    },
  );

  it('AWS::NoValue → NO_VALUE', () => {
    expect(resolve({ Ref: 'AWS::NoValue' })).toBe(NO_VALUE);
  });

  it('resource → Reference with its type', () => {
    expect(resolve({ Ref: 'Vpc' })).toEqual(new Reference('Vpc', 'AWS::EC2::VPC'));
  });

  it.each(['Missing', 'constructor', 'toString'])('%s, not in the template → Unknown', (name) => {
    expect(reasonOf(resolve({ Ref: name }))).toBe(`Ref to '${name}', which is not in this template`);
  });
});

describe('Fn::GetAtt', () => {
  it.each<[string, unknown, Value]>([
    ['literal property → its value (a VPC CidrBlock)', { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, '10.0.0.0/16'],
    ['string form "Vpc.CidrBlock"', { 'Fn::GetAtt': 'Vpc.CidrBlock' }, '10.0.0.0/16'],
    ['attribute that is no property → Reference', { 'Fn::GetAtt': ['Sg', 'GroupId'] }, new Reference('Sg', 'AWS::EC2::SecurityGroup', 'GroupId')],
    ['dotted attribute → Reference', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }, new Reference('Db', 'AWS::RDS::DBInstance', 'Endpoint.Address')],
    ['property that is not literal → Reference', { 'Fn::GetAtt': ['Db', 'DBName'] }, new Reference('Db', 'AWS::RDS::DBInstance', 'DBName')],
    ['property holding a Ref → Reference', { 'Fn::GetAtt': ['Sg', 'VpcId'] }, new Reference('Sg', 'AWS::EC2::SecurityGroup', 'VpcId')],
    ['attribute given by Ref to a parameter', { 'Fn::GetAtt': ['Vpc', { Ref: 'Attr' }] }, '10.0.0.0/16'],
  ])('%s', (_name, node, expected) => {
    const template = fixture({ Parameters: { ...fixture().Parameters, Attr: { Type: 'String', Default: 'CidrBlock' } } });
    expect(resolve(node, template)).toEqual(expected);
  });

  it('missing resource → Unknown', () => {
    expect(reasonOf(resolve({ 'Fn::GetAtt': ['Nope', 'Arn'] }))).toBe("Fn::GetAtt to 'Nope', which is not in this template");
  });

  it('a literal property chosen by Fn::If → the choice', () => {
    const t = fixture({}, { Vpc2: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: { 'Fn::If': ['C', '10.0.0.0/16', '10.1.0.0/16'] } } } });
    expect(resolve({ 'Fn::GetAtt': ['Vpc2', 'CidrBlock'] }, t)).toEqual(new Choice(['10.0.0.0/16', '10.1.0.0/16']));
  });
});

describe('Fn::Join', () => {
  it('joins literal text', () => {
    expect(resolve({ 'Fn::Join': [':', ['arn', 'aws', 's3']] })).toBe('arn:aws:s3');
  });

  it('keeps the known text around unknown parts', () => {
    const v = resolve({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: 'Env' }, '-logs']] });
    expect(v).toBeInstanceOf(PartialString);
    expect((v as PartialString).pattern()).toBe('arn:*:s3:::prod-logs');
    expect((v as PartialString).parts).toHaveLength(3);
  });

  it('a single unknown part is that unknown, not a partial string', () => {
    expect(resolve({ 'Fn::Join': ['', [{ Ref: 'Vpc' }]] })).toEqual(new Reference('Vpc', 'AWS::EC2::VPC'));
  });

  it('NoValue in the list drops the element and its delimiter', () => {
    expect(resolve({ 'Fn::Join': [',', ['a', { Ref: 'AWS::NoValue' }, 'b']] })).toBe('a,b');
  });

  it('Fn::If inside Fn::Join → a choice of joined strings', () => {
    const v = resolve({ 'Fn::Join': ['-', ['app', { 'Fn::If': ['IsProd', 'prod', { Ref: 'AWS::NoValue' }] }, 'x']] });
    expect(v).toEqual(new Choice(['app-prod-x', 'app-x']));
  });

  it('numbers are joined as text', () => {
    expect(resolve({ 'Fn::Join': ['/', ['10.0.0.0', 16]] })).toBe('10.0.0.0/16');
  });

  it('a list parameter joins', () => {
    expect(resolve({ 'Fn::Join': [',', { Ref: 'Cidrs' }] })).toBe('10.0.0.0/8,192.168.0.0/16');
  });

  it('an unknown list → Unknown, not the list', () => {
    const v = resolve({ 'Fn::Join': [',', { 'Fn::GetAZs': '' }] });
    expect(v).toBeInstanceOf(Unknown);
    expect(v).not.toBeInstanceOf(PartialString);
    expect(reasonOf(v)).toMatch(/^Fn::Join over Fn::GetAZs/);
  });

  it('beyond maxAlternatives combinations → Unknown too many alternatives', () => {
    const ifs = Array.from({ length: 7 }, (_, i) => ({ 'Fn::If': [`C${i}`, `a${i}`, `b${i}`] }));
    expect(reasonOf(resolve({ 'Fn::Join': ['', ifs] }))).toMatch(/too many alternatives/);
    const six = new TemplateResolver(fixture()).resolve({ 'Fn::Join': ['', ifs.slice(0, 6)] });
    expect(alternatives(six)).toHaveLength(64);
  });

  it('maxAlternatives is configurable', () => {
    const r = new TemplateResolver(fixture(), { maxAlternatives: 2 });
    const ifs = [{ 'Fn::If': ['A', 'a', 'b'] }, { 'Fn::If': ['B', 'c', 'd'] }];
    expect(reasonOf(r.resolve({ 'Fn::Join': ['', ifs] }))).toMatch(/too many alternatives/);
  });
});

describe('Fn::Sub', () => {
  it.each<[string, unknown, string]>([
    ['parameter', { 'Fn::Sub': 'env-${Env}' }, 'env-prod'],
    ['literal attribute of a resource', { 'Fn::Sub': 'cidr ${Vpc.CidrBlock}' }, 'cidr 10.0.0.0/16'],
    ['${!Literal} escape', { 'Fn::Sub': '${!Literal}-${Env}' }, '${Literal}-prod'],
    ['escape next to a variable', { 'Fn::Sub': '${Env}${!Env}' }, 'prod${Env}'],
    ['variables map', { 'Fn::Sub': ['${A}/${B}', { A: 'x', B: { Ref: 'Env' } }] }, 'x/prod'],
    ['variable shadows a parameter', { 'Fn::Sub': ['${Env}', { Env: 'dev' }] }, 'dev'],
    ['no variables', { 'Fn::Sub': 'plain' }, 'plain'],
    ['unclosed ${ is text', { 'Fn::Sub': 'a ${b' }, 'a ${b'],
    ['array form with one element', { 'Fn::Sub': ['${Env}'] }, 'prod'],
  ])('%s', (_name, node, expected) => {
    expect(resolve(node)).toBe(expected);
  });

  it('pseudo parameter → PartialString keeping the known text', () => {
    const v = resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' });
    expect(v).toBeInstanceOf(PartialString);
    expect((v as PartialString).pattern()).toBe('arn:*:iam::aws:policy/AdministratorAccess');
  });

  it('${Res.Attr} not literal → Reference part', () => {
    const v = resolve({ 'Fn::Sub': 'postgres://${Db.Endpoint.Address}:5432' }) as PartialString;
    expect(v.parts).toEqual(['postgres://', new Reference('Db', 'AWS::RDS::DBInstance', 'Endpoint.Address'), ':5432']);
  });

  it('a variable that is Fn::If → choice of results', () => {
    expect(resolve({ 'Fn::Sub': ['${X}.example.com', { X: { 'Fn::If': ['C', 'a', 'b'] } }] })).toEqual(new Choice(['a.example.com', 'b.example.com']));
  });

  it('a parameter with AllowedValues → choice of results', () => {
    expect(resolve({ 'Fn::Sub': 'size-${Size}' })).toEqual(new Choice(['size-small', 'size-large']));
  });
});

describe('Fn::Select, Fn::Split, Fn::Length', () => {
  it.each<[string, unknown, Value]>([
    ['Select from a literal list', { 'Fn::Select': [1, ['a', 'b', 'c']] }, 'b'],
    ['Select with a string index', { 'Fn::Select': ['0', ['a', 'b']] }, 'a'],
    ['Select from a list parameter', { 'Fn::Select': [1, { Ref: 'Cidrs' }] }, '192.168.0.0/16'],
    ['Select after a NoValue element', { 'Fn::Select': [1, ['a', { Ref: 'AWS::NoValue' }, 'c']] }, 'c'],
    ['Select an element that may be absent', { 'Fn::Select': [1, ['a', { 'Fn::If': ['C', 'b', { Ref: 'AWS::NoValue' }] }, 'c']] }, new Choice(['b', 'c'])],
    ['Select with an unknown index → choice of every element', { 'Fn::Select': [{ Ref: 'Suffix' }, ['a', 'b']] }, new Choice(['a', 'b'])],
    ['Split literal text', { 'Fn::Split': [',', 'a,b,,c'] }, ['a', 'b', '', 'c']],
    ['Select of Split', { 'Fn::Select': [2, { 'Fn::Split': ['/', '10.0.0.0/16/x'] }] }, 'x'],
    ['Length of a list', { 'Fn::Length': ['a', { Ref: 'AWS::NoValue' }, 'b'] }, 2],
    ['Length of a list parameter', { 'Fn::Length': { Ref: 'Subnets' } }, 2],
  ])('%s', (_name, node, expected) => {
    expect(resolve(node)).toEqual(expected);
  });

  it.each<[string, unknown, RegExp]>([
    ['Select out of range', { 'Fn::Select': [5, ['a']] }, /out of range/],
    ['Select from GetAZs', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, /^Fn::Select 0 of Fn::GetAZs/],
    ['Split of a partly unknown string', { 'Fn::Split': [':', { 'Fn::Sub': 'a:${AWS::Region}' }] }, /^Fn::Split of partly unknown/],
    ['Length of an unknown list', { 'Fn::Length': { 'Fn::GetAZs': '' } }, /^Fn::Length of Fn::GetAZs/],
  ])('%s → Unknown', (_name, node, reason) => {
    expect(reasonOf(resolve(node))).toMatch(reason);
  });
});

describe('Fn::FindInMap', () => {
  it('known keys → the entry', () => {
    expect(resolve({ 'Fn::FindInMap': ['Sizes', 'large', 'Instance'] })).toBe('m5.large');
  });

  it('keys given by Ref to a parameter', () => {
    expect(resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'Size' }, 'Cidr'] })).toEqual(new Choice(['10.0.0.0/24', '10.1.0.0/24']));
  });

  it('unknown key → a choice of every value it could select', () => {
    expect(resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'AWS::Region' }, 'Instance'] })).toEqual(new Choice(['t3.small', 'm5.large']));
  });

  it('unknown key with DefaultValue → the default is one of the options', () => {
    const v = resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'AWS::Region' }, 'Instance', { DefaultValue: 't3.micro' }] });
    expect(v).toEqual(new Choice(['t3.small', 'm5.large', 't3.micro']));
  });

  it('missing entry with DefaultValue → the default', () => {
    expect(resolve({ 'Fn::FindInMap': ['Sizes', 'huge', 'Instance', { DefaultValue: 't3.micro' }] })).toBe('t3.micro');
  });

  it('missing entry without default → Unknown', () => {
    expect(reasonOf(resolve({ 'Fn::FindInMap': ['Sizes', 'huge', 'Instance'] }))).toMatch(/no such entry/);
  });

  it('equal values are one option', () => {
    const t = fixture({ Mappings: { M: { a: { K: 'same' }, b: { K: 'same' } } } });
    expect(resolve({ 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'K'] }, t)).toBe('same');
  });
});

describe('Fn::If and alternatives', () => {
  it('Fn::If → Choice of both branches, conditions not evaluated', () => {
    const t = fixture({ Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } } });
    expect(resolve({ 'Fn::If': ['Never', '0.0.0.0/0', '10.0.0.0/8'] }, t)).toEqual(new Choice(['0.0.0.0/0', '10.0.0.0/8']));
  });

  it('alternatives flattens nested choices in order', () => {
    const v = resolve({ 'Fn::If': ['A', 'a', { 'Fn::If': ['B', 'b', { Ref: 'AWS::NoValue' }] }] });
    expect(alternatives(v)).toEqual(['a', 'b', NO_VALUE]);
  });

  it('alternatives of a non-choice is the value itself', () => {
    expect(alternatives('x')).toEqual(['x']);
  });

  it('alternatives of a choice nested 10,000 deep does not overflow', () => {
    let v: Value = 'leaf';
    for (let i = 0; i < 10_000; i++) v = new Choice([v]);
    expect(alternatives(v)).toEqual(['leaf']);
  });
});

describe('other intrinsics', () => {
  it('Fn::Base64 → the text itself', () => {
    expect(resolve({ 'Fn::Base64': { 'Fn::Sub': '#!/bin/bash\necho ${Env}' } })).toBe('#!/bin/bash\necho prod');
  });

  it('Fn::ToJsonString → JSON text when fully known', () => {
    expect(resolve({ 'Fn::ToJsonString': { a: [1, { Ref: 'Env' }] } })).toBe('{"a":[1,"prod"]}');
  });

  it('Fn::ToJsonString of an unknown → Unknown', () => {
    expect(resolve({ 'Fn::ToJsonString': { a: { Ref: 'Vpc' } } })).toBeInstanceOf(Unknown);
  });

  it.each<[string, unknown, string]>([
    ['Fn::ImportValue', { 'Fn::ImportValue': 'shared-vpc-cidr' }, "Fn::ImportValue 'shared-vpc-cidr'"],
    ['Fn::GetAZs', { 'Fn::GetAZs': '' }, 'Fn::GetAZs'],
    ['Fn::Cidr', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }, 'Fn::Cidr'],
    ['Fn::Transform', { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://x' } } }, 'Fn::Transform'],
    ['unknown intrinsic', { 'Fn::Foo': ['x'] }, 'unsupported intrinsic Fn::Foo'],
    ['condition function as a value', { 'Fn::Equals': ['a', 'a'] }, 'Fn::Equals'],
  ])('%s → Unknown naming the function', (_name, node, reason) => {
    const v = resolve(node);
    expect(v).toBeInstanceOf(Unknown);
    expect(reasonOf(v)).toContain(reason);
  });
});

describe('dynamic references', () => {
  it.each([
    '{{resolve:secretsmanager:MySecret:SecretString:password}}',
    '{{resolve:ssm-secure:/db/password:3}}',
  ])('%s → SecretReference', (text) => {
    const v = resolve(text);
    expect(v).toBeInstanceOf(SecretReference);
    expect((v as SecretReference).text).toBe(text);
  });

  it('{{resolve:ssm:...}} → Unknown, not a secret', () => {
    const v = resolve('{{resolve:ssm:/vpc/cidr}}');
    expect(v).toBeInstanceOf(Unknown);
    expect(v).not.toBeInstanceOf(SecretReference);
    expect(reasonOf(v)).toContain('/vpc/cidr');
  });

  it('a reference inside text → PartialString with a SecretReference part', () => {
    const v = resolve('postgres://admin:{{resolve:secretsmanager:Db:SecretString:password}}@db') as PartialString;
    expect(v).toBeInstanceOf(PartialString);
    expect(v.parts[0]).toBe('postgres://admin:');
    expect(v.parts[1]).toBeInstanceOf(SecretReference);
    expect(v.parts[2]).toBe('@db');
  });

  it("CDK's Join around a Ref to the secret → SecretReference", () => {
    const t = fixture({}, { Secret: { Type: 'AWS::SecretsManager::Secret' } });
    const v = resolve({ 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'Secret' }, ':SecretString:password::}}']] }, t);
    expect(v).toBeInstanceOf(SecretReference);
    expect((v as SecretReference).text).toBe('{{resolve:secretsmanager:${Ref Secret}:SecretString:password::}}');
  });

  it('unclosed reference is text', () => {
    expect(resolve('{{resolve:ssm:/x')).toBe('{{resolve:ssm:/x');
  });
});

describe('properties', () => {
  it('resolves and memoizes each resource once', () => {
    const r = new TemplateResolver(fixture());
    const first = r.properties('Vpc');
    expect(first).toEqual({ CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'env', Value: 'prod' }] });
    expect(r.properties('Vpc')).toBe(first);
  });

  it('missing resource or no Properties → {}', () => {
    const r = new TemplateResolver(fixture({}, { Bare: { Type: 'AWS::SNS::Topic' } }));
    expect(r.properties('Nope')).toEqual({});
    expect(r.properties('Bare')).toEqual({});
    expect(r.resource('Bare')?.Type).toBe('AWS::SNS::Topic');
    expect(r.resource('constructor')).toBeUndefined();
  });

  it('whole Properties as an intrinsic → {} and propertiesUnknown says why', () => {
    const t = fixture({}, { Inc: { Type: 'AWS::S3::Bucket', Properties: { 'Fn::Transform': { Name: 'AWS::Include' } } } });
    const r = new TemplateResolver(t);
    expect(r.properties('Inc')).toEqual({});
    expect(r.propertiesUnknown('Inc')?.reason).toMatch(/Fn::Transform/);
    expect(r.propertiesUnknown('Vpc')).toBeUndefined();
  });

  it('resolve reads resource attributes such as UpdatePolicy', () => {
    const r = new TemplateResolver(fixture());
    expect(r.resolve({ AutoScalingRollingUpdate: { MinInstancesInService: { Ref: 'Port' } } })).toEqual({
      AutoScalingRollingUpdate: { MinInstancesInService: '443' },
    });
  });
});

describe('guards', () => {
  it('GetAtt cycle → Unknown naming the cycle, no stack overflow', () => {
    const t = fixture({}, {
      A: { Type: 'Custom::A', Properties: { Name: { 'Fn::GetAtt': ['B', 'Name'] } } },
      B: { Type: 'Custom::B', Properties: { Name: { 'Fn::GetAtt': ['A', 'Name'] } } },
    });
    const r = new TemplateResolver(t);
    expect(reasonOf(r.properties('A').Name)).toMatch(/reference cycle \(A → B → A\)/);
    expect(reasonOf(r.properties('B').Name)).toMatch(/reference cycle \(A → B → A\)/);
  });

  it('self-reference → cycle', () => {
    const t = fixture({}, { A: { Type: 'Custom::A', Properties: { X: 'x', Y: { 'Fn::GetAtt': ['A', 'X'] } } } });
    expect(reasonOf(new TemplateResolver(t).properties('A').Y)).toMatch(/cycle/);
  });

  it('Sub through a resource whose property refers back → cycle', () => {
    const t = fixture({}, {
      A: { Type: 'Custom::A', Properties: { Name: { 'Fn::Sub': '${B.Name}-a' } } },
      B: { Type: 'Custom::B', Properties: { Name: { 'Fn::Sub': '${A.Name}-b' } } },
    });
    for (const order of [['A', 'B'], ['B', 'A']]) {
      const r = new TemplateResolver(t);
      for (const id of order) {
        const name = r.properties(id).Name as PartialString;
        expect(name).toBeInstanceOf(PartialString);
        expect(reasonOf(name.parts[0] as Value)).toMatch(/reference cycle/);
      }
    }
  });

  it('mutual security group references by Ref are no cycle', () => {
    const t = fixture({}, {
      A: { Type: 'AWS::EC2::SecurityGroup', Properties: { Peer: { 'Fn::GetAtt': ['B', 'GroupId'] } } },
      B: { Type: 'AWS::EC2::SecurityGroup', Properties: { Peer: { 'Fn::GetAtt': ['A', 'GroupId'] } } },
    });
    expect(new TemplateResolver(t).properties('A').Peer).toEqual(new Reference('B', 'AWS::EC2::SecurityGroup', 'GroupId'));
  });

  it.each<[string, (inner: unknown) => unknown]>([
    ['lists', (inner) => [inner]],
    ['objects', (inner) => ({ a: inner })],
    ['Fn::Join', (inner) => ({ 'Fn::Join': ['', [inner]] })],
    ['Fn::If', (inner) => ({ 'Fn::If': ['C', inner, 'x'] })],
  ])('%s nested 10,000 deep → Unknown too deeply nested', (_name, wrap) => {
    let node: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) node = wrap(node);
    const text = JSON.stringify(new TemplateResolver(fixture()).resolve(node), (_k, v: unknown) => (v instanceof Unknown ? v.reason : v instanceof Choice ? v.options : v));
    expect(text).toContain('too deeply nested');
  });

  it('a GetAtt chain longer than maxDepth → Unknown, no overflow', () => {
    const resources: Record<string, CfnResource> = { R0: { Type: 'Custom::R', Properties: { X: '10.0.0.0/8' } } };
    for (let i = 1; i < 5_000; i++) resources[`R${i}`] = { Type: 'Custom::R', Properties: { X: { 'Fn::GetAtt': [`R${i - 1}`, 'X'] } } };
    const r = new TemplateResolver({ Resources: resources });
    expect(r.properties('R4999').X).toBeInstanceOf(Unknown);
    expect(r.properties('R1').X).toBe('10.0.0.0/8');
  });

  it('maxDepth is configurable', () => {
    const r = new TemplateResolver(fixture(), { maxDepth: 3 });
    expect(r.resolve([['x']])).toEqual([['x']]);
    expect(JSON.stringify(r.resolve([[[[['x']]]]]), (_k, v: unknown) => (v instanceof Unknown ? v.reason : v))).toContain('too deeply nested');
  });

  it('10,000 resources resolve fast, the shared VPC once', () => {
    const resources: Record<string, CfnResource> = { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } };
    for (let i = 0; i < 10_000; i++) {
      resources[`Sg${i}`] = {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          VpcId: { Ref: 'Vpc' },
          SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } }],
          GroupName: { 'Fn::Sub': '${AWS::StackName}-sg-' + i },
        },
      };
    }
    const r = new TemplateResolver({ Resources: resources });
    const start = Date.now();
    for (let i = 0; i < 10_000; i++) r.properties(`Sg${i}`);
    for (let i = 0; i < 10_000; i++) r.properties(`Sg${i}`);
    expect(Date.now() - start).toBeLessThan(2_000);
    expect(r.properties('Sg9999').SecurityGroupIngress).toEqual([{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }]);
  });
});

describe('isLiteral', () => {
  it.each<[string, Value, boolean]>([
    ['text', 'a', true],
    ['object of text', { a: ['b'] }, true],
    ['choice of text', new Choice(['a', 'b']), true],
    ['reference inside', { a: new Reference('X', 'T') }, false],
    ['NoValue option', new Choice(['a', NO_VALUE]), false],
  ])('%s → %s', (_name, v, expected) => {
    expect(isLiteral(v)).toBe(expected);
  });
});
