/**
 * Joins across the templates of one run: exports, literal names and ARNs, references inside ARNs.
 */
import { AppContext, Target } from '../../../cdk/records/app-context';
import { TemplateContext } from '../../../cdk/records/context';
import type { CfnTemplate } from '../../../cdk/records/template';

const ctxOf = (t: object, stack: string): TemplateContext => new TemplateContext(t as CfnTemplate, { stack });
const logging = ctxOf({
  Resources: { Central: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'central-logs' } }, Group: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/app/web' } } },
  Outputs: {
    Name: { Value: { Ref: 'Central' }, Export: { Name: 'Logging:Bucket' } },
    Arn: { Value: { 'Fn::GetAtt': ['Central', 'Arn'] }, Export: { Name: { 'Fn::Sub': 'Logging:BucketArn' } } },
    Literal: { Value: 'central-logs', Export: { Name: 'Logging:LiteralName' } },
    Loop: { Value: { 'Fn::ImportValue': 'Logging:Loop' }, Export: { Name: 'Logging:Loop' } },
  },
}, 'Logging');
const web = ctxOf({ Resources: { Local: { Type: 'AWS::S3::Bucket' } }, Parameters: { Name: { Type: 'String' } } }, 'Web');
const app = new AppContext([web, logging]);
const where = (targets: Target[]): string[] =>
  targets.map((t) => (t.kind === 'resource' ? `${t.resource.ctx.source.stack}/${t.resource.logicalId}${t.suffix ? ` ${t.suffix}` : ''}` : `${t.kind}: ${t.kind === 'external' ? t.text : t.reason}`));
const resolve = (v: unknown): ReturnType<TemplateContext['resolver']['resolve']> => web.resolver.resolve(v);

describe('targets', () => {
  it.each<[string, unknown, string[]]>([
    ['Ref in the same template', { Ref: 'Local' }, ['Web/Local']],
    ['an import of a Ref export', { 'Fn::ImportValue': 'Logging:Bucket' }, ['Logging/Central']],
    ['an import whose export name is built with Fn::Sub', { 'Fn::ImportValue': 'Logging:BucketArn' }, ['Logging/Central']],
    ['an import of a literal name, matched to BucketName', { 'Fn::ImportValue': 'Logging:LiteralName' }, ['Logging/Central']],
    ['an import no stack exports', { 'Fn::ImportValue': 'Nope' }, ["unknown: Fn::ImportValue 'Nope', which no stack of the templates checked exports"]],
    ['an export that imports itself', { 'Fn::ImportValue': 'Logging:Loop' }, ['unknown: exports that import each other more than 8 deep']],
    ['a literal name', 'central-logs', ['Logging/Central']],
    ['a literal ARN with a folder', 'arn:aws:s3:::central-logs/alb/', ['Logging/Central /alb/']],
    ['a regional domain name', 'central-logs.s3.eu-west-1.amazonaws.com', ['Logging/Central']],
    ['an s3:// URL', 's3://central-logs/x', ['Logging/Central /x']],
    ['a literal of nothing in the app', 'other-bucket', ['external: other-bucket']],
    ['an ARN built around an import', { 'Fn::Join': ['', ['arn:aws:s3:::', { 'Fn::ImportValue': 'Logging:Bucket' }, '/flow']] }, ['Logging/Central /flow']],
    ['an ARN built with Fn::Sub around a Ref', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Local}/logs' }, ['Web/Local /logs']],
    ['a parameter with no default', { Ref: 'Name' }, ["unknown: Ref to parameter 'Name' with no default"]],
    ['Fn::If over two buckets', { 'Fn::If': ['C', { Ref: 'Local' }, 'central-logs'] }, ['Web/Local', 'Logging/Central']],
  ])('%s', (_name, value, expected) => {
    expect(where(app.targets(web, resolve(value), ['AWS::S3::Bucket']))).toEqual(expected);
  });

  it('log group ARNs name the group', () => {
    expect(where(app.targets(web, 'arn:aws:logs:eu-west-1:111111111111:log-group:/app/web:*', ['AWS::Logs::LogGroup']))).toEqual(['Logging/Group :*']);
  });

  it('indexes resources by type once, across templates', () => {
    expect(app.ofType('AWS::S3::Bucket').map((r) => app.key(r))).toEqual(['0/Local', '1/Central']);
  });
});
