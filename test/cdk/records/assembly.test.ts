import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { problem } from '../../input-error';
import { isCloudAssembly, readCloudAssembly } from '../../../cdk/records/assembly';


const json = (dir: string, file: string, content: unknown): void => writeFileSync(join(dir, file), JSON.stringify(content, null, 1));

const vpc = (cidr: string) => ({ Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: cidr } } });

const stack = (templateFile: string, extra: Record<string, unknown> = {}) => ({
  type: 'aws:cloudformation:stack',
  environment: 'aws://unknown-account/unknown-region',
  properties: { templateFile, ...extra },
});

const HASH = 'f8c9f3a15aedcbbda5bcbd4b181123a3469ebd666aa14dd5e0a951fa6c58faea';

/**
 * A cloud assembly shaped like `cdk synth` output: two stacks, an asset manifest, a tree, a
 * stage (nested assembly) with its own stack, a nested stack named by `aws:asset:path` with a
 * nested stack of its own, and one found only by the asset hash in its TemplateURL.
 */
function writeAssembly(root: string): void {
  json(root, 'manifest.json', {
    version: '55.0.0',
    artifacts: {
      'assembly-Prod': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod', displayName: 'Prod' } },
      'Web.assets': { type: 'cdk:asset-manifest', properties: { file: 'Web.assets.json' } },
      Web: { ...stack('Web.template.json', { stackName: 'web-prod' }), displayName: 'Web' },
      Empty: { ...stack('Empty.template.json'), displayName: 'Empty' },
      Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
    },
  });
  json(root, 'Web.assets.json', {
    version: '55.0.0',
    files: { [HASH]: { source: { path: 'WebHidden.nested.template.json', packaging: 'file' }, destinations: {} } },
  });
  json(root, 'Web.template.json', {
    Resources: {
      ...vpc('10.0.0.0/16'),
      Child: {
        Type: 'AWS::CloudFormation::Stack',
        Properties: { TemplateURL: 'https://example.com/x.json' },
        Metadata: { 'aws:asset:path': 'WebChild.nested.template.json', 'aws:asset:property': 'TemplateURL' },
      },
      Hidden: {
        Type: 'AWS::CloudFormation::Stack',
        Properties: { TemplateURL: { 'Fn::Join': ['', ['https://s3.', { Ref: 'AWS::Region' }, `/bucket/${HASH}.json`]] } },
      },
      External: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://example.com/external.json' } },
    },
  });
  json(root, 'WebChild.nested.template.json', {
    Resources: {
      ...vpc('10.1.0.0/16'),
      Grandchild: {
        Type: 'AWS::CloudFormation::Stack',
        Metadata: { 'aws:asset:path': 'WebGrandchild.nested.template.json' },
      },
    },
  });
  json(root, 'WebGrandchild.nested.template.json', { Resources: vpc('10.2.0.0/16') });
  json(root, 'WebHidden.nested.template.json', { Resources: vpc('10.3.0.0/16') });
  // An empty CDK stack has no Resources section.
  json(root, 'Empty.template.json', { Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>' } } });
  json(root, 'tree.json', { version: 'tree-0.1' });

  const stage = join(root, 'assembly-Prod');
  mkdirSync(stage);
  json(stage, 'manifest.json', {
    version: '55.0.0',
    artifacts: { ProdApi: { ...stack('ProdApi.template.json', { stackName: 'Prod-Api' }), displayName: 'Prod/Api' } },
  });
  // YAML templates are read too.
  writeFileSync(join(stage, 'ProdApi.template.json'), 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Ref Cidr\n');
}

describe('readCloudAssembly', () => {
  let tmp: string;
  let n = 0;
  /** A fresh folder per test. */
  const fresh = (): string => {
    const dir = join(tmp, `a${n++}`);
    mkdirSync(dir);
    return dir;
  };
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'assembly-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads stacks, stages and nested stacks, each once', () => {
    const root = fresh();
    writeAssembly(root);
    const stacks = readCloudAssembly(root);
    expect(stacks.map((s) => [s.stackName, s.displayName, s.file])).toEqual([
      ['Prod-Api', 'Prod/Api', join(root, 'assembly-Prod', 'ProdApi.template.json')],
      ['web-prod', 'Web', join(root, 'Web.template.json')],
      ['web-prod/Child', 'Web/Child', join(root, 'WebChild.nested.template.json')],
      ['web-prod/Child/Grandchild', 'Web/Child/Grandchild', join(root, 'WebGrandchild.nested.template.json')],
      ['web-prod/Hidden', 'Web/Hidden', join(root, 'WebHidden.nested.template.json')],
      ['Empty', 'Empty', join(root, 'Empty.template.json')],
    ]);
    expect(stacks[0].template.Resources.Vpc.Properties).toEqual({ CidrBlock: { Ref: 'Cidr' } });
    expect(stacks[3].template.Resources.Vpc.Properties).toEqual({ CidrBlock: '10.2.0.0/16' });
    expect(stacks[5].template.Resources).toEqual({});
  });

  it('stack name defaults to the artifact id', () => {
    const root = fresh();
    json(root, 'manifest.json', { artifacts: { MyStack: stack('t.json') } });
    json(root, 't.json', { Resources: vpc('10.0.0.0/16') });
    expect(readCloudAssembly(root).map((s) => [s.stackName, s.displayName])).toEqual([['MyStack', undefined]]);
  });

  it('a manifest without artifacts is an assembly without stacks', () => {
    const root = fresh();
    json(root, 'manifest.json', { version: '55.0.0' });
    expect(readCloudAssembly(root)).toEqual([]);
  });

  it('a nested assembly pointing at itself is read once', () => {
    const root = fresh();
    json(root, 'manifest.json', {
      artifacts: { Self: { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } }, S: stack('t.json') },
    });
    json(root, 't.json', { Resources: vpc('10.0.0.0/16') });
    expect(readCloudAssembly(root).map((s) => s.stackName)).toEqual(['S']);
  });

  it('a symlink loop between assemblies is read once', () => {
    const root = fresh();
    mkdirSync(join(root, 'stage'));
    symlinkSync(root, join(root, 'stage', 'back'), 'dir');
    json(root, 'manifest.json', { artifacts: { Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: 'stage' } }, S: stack('t.json') } });
    json(join(root, 'stage'), 'manifest.json', { artifacts: { Back: { type: 'cdk:cloud-assembly', properties: { directoryName: 'back' } } } });
    json(root, 't.json', { Resources: vpc('10.0.0.0/16') });
    expect(readCloudAssembly(root).map((s) => s.stackName)).toEqual(['S']);
  });

  it('a nested stack naming its own template is read once', () => {
    const root = fresh();
    json(root, 'manifest.json', { artifacts: { S: stack('t.json') } });
    json(root, 't.json', {
      Resources: { Me: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': 't.json' } } },
    });
    expect(readCloudAssembly(root).map((s) => s.stackName)).toEqual(['S']);
  });

  it('no manifest.json → not a cloud assembly', () => {
    const root = fresh();
    expect(problem(() => readCloudAssembly(root))).toBe(`${root}: not a cloud assembly: manifest.json not found`);
  });

  it('malformed manifest → the line', () => {
    const root = fresh();
    writeFileSync(join(root, 'manifest.json'), '{\n  "artifacts": {\n    "S": 1,\n  }\n}');
    expect(problem(() => readCloudAssembly(root))).toBe(`${join(root, 'manifest.json')}: line 4, column 3: Expected double-quoted property name`);
  });

  it.each<[string, unknown, RegExp]>([
    ['artifacts not a mapping', { artifacts: [] }, /artifacts must be a mapping/],
    ['stack without templateFile', { artifacts: { S: { type: 'aws:cloudformation:stack', properties: {} } } }, /stack 'S' has no properties\.templateFile/],
    ['nested assembly without directoryName', { artifacts: { N: { type: 'cdk:cloud-assembly' } } }, /nested assembly 'N' has no properties\.directoryName/],
  ])('manifest with %s → InputError', (_name, manifest, expected) => {
    const root = fresh();
    json(root, 'manifest.json', manifest);
    expect(problem(() => readCloudAssembly(root))).toMatch(expected);
  });

  it('manifest naming a missing template → InputError naming the file', () => {
    const root = fresh();
    json(root, 'manifest.json', { artifacts: { Web: stack('Web.template.json') } });
    expect(problem(() => readCloudAssembly(root))).toBe(
      `${join(root, 'manifest.json')}: stack 'Web' names template ${join(root, 'Web.template.json')}, which does not exist`,
    );
  });

  it('nested assembly folder missing → InputError naming it', () => {
    const root = fresh();
    json(root, 'manifest.json', { artifacts: { Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Gone' } } } });
    expect(problem(() => readCloudAssembly(root))).toBe(`${join(root, 'assembly-Gone')}: no such file or directory`);
  });

  it('nested stack naming a missing template → InputError naming it', () => {
    const root = fresh();
    json(root, 'manifest.json', { artifacts: { S: stack('t.json') } });
    json(root, 't.json', { Resources: { N: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': 'gone.json' } } } });
    expect(problem(() => readCloudAssembly(root))).toBe(`${join(root, 't.json')}: nested stack 'N' names template ${join(root, 'gone.json')}, which does not exist`);
  });

  it('nested stack template outside the assembly → InputError', () => {
    const root = fresh();
    json(root, 'manifest.json', { artifacts: { S: stack('t.json') } });
    json(root, 't.json', { Resources: { N: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': '../../etc/passwd' } } } });
    expect(problem(() => readCloudAssembly(root))).toMatch(/nested stack 'N' names template '\.\.\/\.\.\/etc\/passwd', outside the cloud assembly/);
  });

  it('a template that is not a template → InputError naming it', () => {
    const root = fresh();
    json(root, 'manifest.json', { artifacts: { S: stack('t.json') } });
    json(root, 't.json', { Resources: { A: { Properties: {} } } });
    expect(problem(() => readCloudAssembly(root))).toBe(`${join(root, 't.json')}: not a CloudFormation template: resource 'A' has no Type`);
  });

  it('missing path → InputError', () => {
    const path = join(tmp, 'nope');
    expect(problem(() => readCloudAssembly(path))).toBe(`${path}: no such file or directory`);
  });

  it('a file instead of a folder → InputError', () => {
    const root = fresh();
    json(root, 'f.json', {});
    expect(problem(() => readCloudAssembly(join(root, 'f.json')))).toMatch(/not a directory/);
  });
});

describe('isCloudAssembly', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'is-assembly-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it.each<[string, (dir: string) => string, boolean]>([
    ['folder with manifest.json', (dir) => (json(dir, 'manifest.json', { artifacts: {} }), dir), true],
    ['folder without manifest.json', (dir) => dir, false],
    ['a file', (dir) => (json(dir, 'x.json', {}), join(dir, 'x.json')), false],
    ['a missing path', (dir) => join(dir, 'missing'), false],
  ])('%s → %s', (name, setup, expected) => {
    const dir = join(tmp, name.replace(/\W/g, '-'));
    mkdirSync(dir);
    expect(isCloudAssembly(setup(dir))).toBe(expected);
  });
});
