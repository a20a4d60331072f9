import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { problem } from '../../input-error';
import { parseJson, parseTemplateText, readTemplateFile } from '../../../cdk/records/template-file';
import { looksLikeTemplate, toTemplate } from '../../../cdk/records/template';

/** The value of `Resources.R.Properties.P` after parsing `P: <yaml>`. */
function shortForm(yaml: string): unknown {
  const doc = parseTemplateText(`Resources:\n  R:\n    Type: Custom::R\n    Properties:\n      P: ${yaml}\n`, 't.yaml') as {
    Resources: { R: { Properties: { P: unknown } } };
  };
  return doc.Resources.R.Properties.P;
}


describe('YAML short forms', () => {
  it.each<[string, string, unknown]>([
    ['!Ref Vpc', '!Ref Vpc', { Ref: 'Vpc' }],
    ['!GetAtt Db.Endpoint.Address → [Db, Endpoint.Address]', '!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!GetAtt Vpc.CidrBlock → [Vpc, CidrBlock]', '!GetAtt Vpc.CidrBlock', { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }],
    ['!GetAtt [Db, Arn] (sequence)', '!GetAtt [Db, Arn]', { 'Fn::GetAtt': ['Db', 'Arn'] }],
    ['!GetAtt with a !Ref attribute', '!GetAtt [Db, !Ref Attr]', { 'Fn::GetAtt': ['Db', { Ref: 'Attr' }] }],
    ['!Sub scalar', "!Sub 'arn:${AWS::Partition}:s3:::${Bucket}'", { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}' }],
    ['!Sub sequence', "!Sub ['${A}-x', { A: !Ref B }]", { 'Fn::Sub': ['${A}-x', { A: { Ref: 'B' } }] }],
    ['!Join', "!Join [',', [a, !Ref B]]", { 'Fn::Join': [',', ['a', { Ref: 'B' }]] }],
    ['!Select', '!Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['!Split', "!Split [',', 'a,b']", { 'Fn::Split': [',', 'a,b'] }],
    ['!FindInMap', '!FindInMap [Map, !Ref AWS::Region, Ami]', { 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'Ami'] }],
    ['!If', '!If [IsProd, m5.large, !Ref AWS::NoValue]', { 'Fn::If': ['IsProd', 'm5.large', { Ref: 'AWS::NoValue' }] }],
    ['!Equals', '!Equals [!Ref Env, prod]', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }],
    ['!And', '!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or', '!Or [!Condition A, !Equals [a, b]]', { 'Fn::Or': [{ Condition: 'A' }, { 'Fn::Equals': ['a', 'b'] }] }],
    ['!Not', '!Not [!Condition A]', { 'Fn::Not': [{ Condition: 'A' }] }],
    ['!Condition', '!Condition IsProd', { Condition: 'IsProd' }],
    ['!Base64 scalar', '!Base64 "#!/bin/bash"', { 'Fn::Base64': '#!/bin/bash' }],
    ['!Base64 mapping', '!Base64 { "Fn::Sub": "echo ${X}" }', { 'Fn::Base64': { 'Fn::Sub': 'echo ${X}' } }],
    ['!Cidr', '!Cidr [!GetAtt Vpc.CidrBlock, 4, 8]', { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 4, 8] }],
    ['!GetAZs with no value', '!GetAZs', { 'Fn::GetAZs': '' }],
    ['!GetAZs with a region', '!GetAZs eu-west-1', { 'Fn::GetAZs': 'eu-west-1' }],
    ['!ImportValue', '!ImportValue shared-vpc-cidr', { 'Fn::ImportValue': 'shared-vpc-cidr' }],
    ['!ImportValue of Fn::Sub', "!ImportValue { 'Fn::Sub': '${Env}-cidr' }", { 'Fn::ImportValue': { 'Fn::Sub': '${Env}-cidr' } }],
    ['!Transform mapping', '!Transform { Name: AWS::Include, Parameters: { Location: s3://b/k } }', { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } }],
    ['!ToJsonString mapping', '!ToJsonString { a: !Ref B }', { 'Fn::ToJsonString': { a: { Ref: 'B' } } }],
    ['!Length sequence', '!Length [a, b]', { 'Fn::Length': ['a', 'b'] }],
  ])('%s', (_name, yaml, expected) => {
    expect(shortForm(yaml)).toEqual(expected);
  });

  it('block forms: !Sub with a literal block, !If over block mappings', () => {
    const text = [
      'Resources:',
      '  R:',
      '    Type: Custom::R',
      '    Properties:',
      '      UserData: !Base64',
      '        Fn::Sub: |',
      '          #!/bin/bash',
      '          echo ${Env}',
      '      Rule: !If',
      '        - IsProd',
      '        - CidrIp: 10.0.0.0/8',
      '        - !Ref AWS::NoValue',
      '',
    ].join('\n');
    expect(parseTemplateText(text, 't.yaml')).toEqual({
      Resources: {
        R: {
          Type: 'Custom::R',
          Properties: {
            UserData: { 'Fn::Base64': { 'Fn::Sub': '#!/bin/bash\necho ${Env}\n' } },
            Rule: { 'Fn::If': ['IsProd', { CidrIp: '10.0.0.0/8' }, { Ref: 'AWS::NoValue' }] },
          },
        },
      },
    });
  });

  it('AWSTemplateFormatVersion stays a string (YAML 1.2 core schema: no timestamps)', () => {
    expect(parseTemplateText('AWSTemplateFormatVersion: 2010-09-09\nResources: {}\n', 't.yaml')).toEqual({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {},
    });
  });

  it('a few aliases are fine', () => {
    expect(parseTemplateText('a: &tags [x, y]\nb: *tags\n', 't.yaml')).toEqual({ a: ['x', 'y'], b: ['x', 'y'] });
  });
});

describe('YAML errors name the line', () => {
  it.each<[string, string, RegExp]>([
    ['duplicate key', 'Resources:\n  A:\n    Type: X\n    Type: Y\n', /^t\.yaml: line 4: duplicate key 'Type'$/],
    ['duplicate logical id', 'Resources:\n  A:\n    Type: X\n  A:\n    Type: Y\n', /^t\.yaml: line 4: duplicate key 'A'$/],
    ['unclosed flow sequence', 'Resources:\n  A: [1, 2\n  B: 3\n', /^t\.yaml: line \d+: /],
    ['bad indentation', 'Resources:\n  A:\n    Type: X\n   Properties: {}\n', /^t\.yaml: line 4: /],
    ['unknown tag', 'Resources:\n  A:\n    Type: X\n    Properties:\n      P: !Reff Vpc\n', /^t\.yaml: line 5: unknown tag: !Reff$/],
    ['tab indentation', 'Resources:\n\tA: 1\n', /^t\.yaml: line 2: /],
    ['two short forms on one node (!ImportValue !Sub)', 'Resources:\n  A:\n    Type: X\n    Properties:\n      P: !ImportValue !Sub "${Env}-cidr"\n', /^t\.yaml: line 5: A node can have at most one tag$/],
    ['two documents', 'Resources: {}\n---\nResources: {}\n', /^t\.yaml: line 2: more than one YAML document/],
  ])('%s', (_name, text, expected) => {
    expect(problem(() => parseTemplateText(text, 't.yaml'))).toMatch(expected);
  });

  it('an alias bomb is refused quickly', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const start = Date.now();
    expect(problem(() => parseTemplateText(lines.join('\n'), 'bomb.yaml'))).toMatch(/^bomb\.yaml: too many YAML aliases/);
    expect(Date.now() - start).toBeLessThan(1_000);
  });
});

describe('JSON', () => {
  it('parses a template', () => {
    expect(parseTemplateText('  {"Resources": {"A": {"Type": "X"}}}', 't.json')).toEqual({ Resources: { A: { Type: 'X' } } });
  });

  it('skips a byte order mark', () => {
    expect(parseTemplateText('\ufeff{"Resources": {}}', 't.json')).toEqual({ Resources: {} });
  });

  it.each<[string, string, string]>([
    ['trailing comma', '{\n  "Resources": {\n    "A": 1,\n  }\n}', 't.json: line 4, column 3: Expected double-quoted property name'],
    ['missing colon', '{\n  "Resources" {}\n}', "t.json: line 2, column 15: Expected ':' after property name"],
    ['bad literal (V8 gives no position)', '{\n  "A": tru\n}', "t.json: line 2, column 11: Unexpected token '\\n'"],
    ['bad literal in long text (V8 echoes a snippet)', `{"${'a'.repeat(32)}": tru, "${'b'.repeat(60)}": 1}`, "t.json: line 1, column 41: Unexpected token ','"],
    ['single quotes', "{\n  'A': 1\n}", "t.json: line 2, column 3: Expected property name or '}'"],
    ['comment', '{\n  // note\n  "A": 1\n}', "t.json: line 2, column 3: Expected property name or '}'"],
    ['truncated', '{\n  "A": [1,', 't.json: line 2, column 11: Unexpected end of JSON input'],
    ['duplicate key', '{\n  "Resources": {\n    "A": {"Type": "X"},\n    "A": {"Type": "Y"}\n  }\n}', "t.json: line 4, column 5: duplicate key 'A'"],
    ['duplicate escaped key', '{"A": 1, "\\u0041": 2}', "t.json: line 1, column 10: duplicate key 'A'"],
    ['duplicate key after strings with quotes and colons', '{"a\\"": "x\\\\", "b": "c: \\"d\\":", "a\\"": 2}', "t.json: line 1, column 34: duplicate key 'a\"'"],
  ])('%s → line and column', (_name, text, expected) => {
    expect(problem(() => parseTemplateText(text, 't.json'))).toBe(expected);
  });

  it('strings that hold quotes, colons and backslashes are not keys', () => {
    const text = '{"a\\"": "x\\\\", "b": "c: \\"d\\":", "e": ["f:", "\\\\"], "g": {"h": ":"}}';
    expect(parseJson(text, 'f.json')).toEqual({ 'a"': 'x\\', b: 'c: "d":', e: ['f:', '\\'], g: { h: ':' } });
  });

  it('text JSON.stringify wrote is not searched for repeated keys (it cannot have any)', () => {
    expect(parseJson('{"a": 1, "a": 2}', 'f.json', { writtenByJsonStringify: true })).toEqual({ a: 2 });
  });

  it('equal keys in different objects are fine', () => {
    expect(parseJson('{"a": {"k": 1}, "b": {"k": 2}, "c": ["k", "k"]}', 'f.json')).toEqual({ a: { k: 1 }, b: { k: 2 }, c: ['k', 'k'] });
  });

  it('a deeply nested document parses', () => {
    const text = `{"Resources": {}, "Deep": ${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
    expect(parseTemplateText(text, 'deep.json')).toHaveProperty('Resources');
  });
});

describe('content that is no template', () => {
  it.each<[string, string, string]>([
    ['empty file', '', 't.yaml: empty file'],
    ['whitespace only', '  \n\n', 't.yaml: empty file'],
    ['comments only', '# nothing here\n', 't.yaml: empty file (only comments or a document marker)'],
    ['binary content', 'PK\u0003\u0004\u0000\u0000', 't.yaml: binary content (NUL byte at offset 4); a template is UTF-8 text'],
  ])('%s', (_name, text, expected) => {
    expect(problem(() => parseTemplateText(text, 't.yaml'))).toBe(expected);
  });

  it.each<[string, unknown, string]>([
    ['a scalar', 'hello', 'not a CloudFormation template: expected a mapping at the top level, found the string \'hello\''],
    ['a list', [1], 'not a CloudFormation template: expected a mapping at the top level, found a list'],
    ['no Resources', { Description: 'x' }, 'not a CloudFormation template: no Resources section'],
    ['Resources is a list', { Resources: [] }, 'not a CloudFormation template: Resources must be a mapping of logical ids to resources, found a list'],
    ['resource without Type', { Resources: { A: { Properties: {} } } }, "not a CloudFormation template: resource 'A' has no Type"],
    ['resource with a number Type', { Resources: { A: { Type: 3 } } }, "not a CloudFormation template: resource 'A': Type must be a non-empty string, found the number 3"],
    ['resource that is text', { Resources: { A: 'x' } }, "not a CloudFormation template: resource 'A' must be a mapping, found the string 'x'"],
    ['Properties that is a list', { Resources: { A: { Type: 'X', Properties: [] } } }, "not a CloudFormation template: resource 'A': Properties must be a mapping, found a list"],
    ['Parameters that is text', { Resources: {}, Parameters: 'x' }, "not a CloudFormation template: Parameters must be a mapping, found the string 'x'"],
    ['parameter AllowedValues not a list', { Resources: {}, Parameters: { P: { AllowedValues: 'a' } } }, "not a CloudFormation template: parameter 'P': AllowedValues must be a list, found the string 'a'"],
    ['mapping entry not a mapping', { Resources: {}, Mappings: { M: { k: 'v' } } }, "not a CloudFormation template: mapping 'M', key 'k' must be a mapping, found the string 'v'"],
  ])('toTemplate: %s', (_name, doc, expected) => {
    expect(problem(() => toTemplate(doc, 't.json'))).toBe(`t.json: ${expected}`);
  });

  it('a template without Resources is accepted where allowed (an empty CDK stack)', () => {
    expect(toTemplate({ Parameters: {} }, 't.json', { allowMissingResources: true }).Resources).toEqual({});
  });
});

describe('looksLikeTemplate', () => {
  it.each<[string, unknown, boolean]>([
    ['resources with types', { Resources: { A: { Type: 'AWS::S3::Bucket' } } }, true],
    ['format version only', { AWSTemplateFormatVersion: '2010-09-09' }, true],
    ['a Pulumi stack export', { version: 3, deployment: { resources: [{ type: 'gcp:compute/firewall:Firewall' }] } }, false],
    ['Resources without types', { Resources: { A: { Properties: {} } } }, false],
    ['a list', [{ Resources: {} }], false],
    ['null', null, false],
  ])('%s → %s', (_name, doc, expected) => {
    expect(looksLikeTemplate(doc)).toBe(expected);
  });
});

describe('readTemplateFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'template-file-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads YAML and JSON files', () => {
    writeFileSync(join(dir, 'a.yaml'), 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Ref Cidr\n');
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ Resources: { Vpc: { Type: 'AWS::EC2::VPC' } } }));
    expect(readTemplateFile(join(dir, 'a.yaml')).Resources.Vpc.Properties).toEqual({ CidrBlock: { Ref: 'Cidr' } });
    expect(readTemplateFile(join(dir, 'a.json')).Resources.Vpc.Type).toBe('AWS::EC2::VPC');
  });

  it('binary file → InputError', () => {
    const file = join(dir, 'b.bin');
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    expect(problem(() => readTemplateFile(file))).toBe(`${file}: binary content (NUL byte at offset 4); expected UTF-8 text`);
  });

  it('missing path → InputError without a stack', () => {
    const file = join(dir, 'missing.yaml');
    expect(problem(() => readTemplateFile(file))).toBe(`${file}: no such file or directory`);
  });

  it('directory → InputError', () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    expect(problem(() => readTemplateFile(sub))).toBe(`${sub}: is a directory, expected a file`);
  });

  it('a file that is neither a template → InputError', () => {
    const file = join(dir, 'pkg.json');
    writeFileSync(file, '{"name": "x", "version": "1.0.0"}');
    expect(problem(() => readTemplateFile(file))).toBe(`${file}: not a CloudFormation template: no Resources section`);
  });
});
