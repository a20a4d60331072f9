/**
 * Decoding user data and reading SSM documents into text.
 */
import { gzipSync } from 'zlib';
import { TemplateContext } from '../../../cdk/records/context';
import { textOf, userDataScripts } from '../../../cdk/records/host-scripts';
import type { CfnTemplate } from '../../../cdk/records/template';
import { Unknown } from '../../../constructs/unknown';

const ctx = new TemplateContext({
  Resources: { Web: { Type: 'AWS::EC2::Instance', Metadata: { 'AWS::CloudFormation::Init': { config: { packages: { yum: { clamav: [] } }, commands: { '01': { command: ['freshclam', '--quiet'] } }, services: { systemd: { 'yum-cron': { enabled: 'true' } } } } } } } },
  Parameters: { Script: { Type: 'String' }, Encoded: { Type: 'String', Default: Buffer.from('echo from a parameter').toString('base64') } },
} as unknown as CfnTemplate);
const texts = (raw: unknown): string[] => userDataScripts(ctx, raw).map((s) => s.unreadable ?? s.text);

describe('user data', () => {
  it.each<[string, unknown, string[]]>([
    ['absent', undefined, []],
    ['Fn::Base64 of text', { 'Fn::Base64': 'echo hi' }, ['echo hi']],
    ['a literal base64 string', Buffer.from('echo hi').toString('base64'), ['echo hi']],
    ['base64 with line breaks', Buffer.from('echo hi there').toString('base64').replace(/(.{8})/g, '$1\n'), ['echo hi there']],
    ['gzip, then base64', gzipSync(Buffer.from('echo zipped')).toString('base64'), ['echo zipped']],
    ['a parameter holding base64', { Ref: 'Encoded' }, ['echo from a parameter']],
    ['Fn::If of two scripts', { 'Fn::If': ['C', { 'Fn::Base64': 'a' }, { 'Fn::Base64': 'b' }] }, ['a', 'b']],
    ['Fn::If with AWS::NoValue', { 'Fn::If': ['C', { 'Fn::Base64': 'a' }, { Ref: 'AWS::NoValue' }] }, ['a']],
    ['not base64', 'echo hi!', ['is not base64, so EC2 would refuse it']],
    ['a parameter with no default', { Ref: 'Script' }, ["is Ref to parameter 'Script' with no default"]],
  ])('%s', (_name, raw, expected) => {
    expect(texts(raw)).toEqual(expected);
  });

  it('keeps unknown parts that may be commands, drops identifiers', () => {
    const [s] = userDataScripts(ctx, { 'Fn::Base64': { 'Fn::Sub': 'echo ${AWS::Region} ${Web}\n${Script}' } });
    expect(s.text).toBe('echo X X\nX');
    expect(s.unknowns.map((u) => u.reason)).toEqual(["Ref to parameter 'Script' with no default"]);
  });

  it('adds the cfn-init metadata of the resource the script names', () => {
    const [s] = userDataScripts(ctx, { 'Fn::Base64': '/opt/aws/bin/cfn-init -v --stack s --resource Web --region r' });
    expect(s.text.split('\n').slice(1)).toEqual(['yum install -y clamav', 'freshclam --quiet', 'systemctl enable yum-cron']);
  });

  it('decodes the base64 parts of MIME multipart user data', () => {
    const part = Buffer.from('#!/bin/bash\nfreshclam').toString('base64');
    const mime = `Content-Type: multipart/mixed; boundary="x"\n\n--x\nContent-Type: text/x-shellscript\nContent-Transfer-Encoding: base64\n\n${part}\n--x--\n`;
    expect(texts({ 'Fn::Base64': mime })[0]).toMatch(/#!\/bin\/bash\nfreshclam$/);
  });
});

describe('textOf', () => {
  it('reads SSM document content: every string, one per line', () => {
    expect(textOf({ schemaVersion: '2.2', mainSteps: [{ inputs: { runCommand: ['a', 'b'] } }] }).text).toBe('2.2\na\nb');
  });

  it('lists unknown values', () => {
    expect(textOf(['a', new Unknown('x')]).unknowns.map((u) => u.reason)).toEqual(['x']);
  });
});
