/**
 * Logs: the retained log group (LOG-1), the log archive (LOG-2), the audit trail (LOG-5) and
 * the API access log format (LOG-4).
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';
import { ApiAccessLogFormat, missingAccessLogFields } from '../../../cdk/api-access-log-format';
import { AuditTrail } from '../../../cdk/audit-trail';
import { ArchiveEncryption, LogArchiveBucket } from '../../../cdk/log-archive-bucket';
import { RetainedLogGroup } from '../../../cdk/retained-log-group';
import { findingLines, nagViolations, newStack, snapshotOf } from './helpers';

describe('GIVEN a log group, an archive and an audit trail with their defaults', () => {
  let stack: Stack;
  let template: Template;
  const parts: Record<string, IConstruct[]> = {};
  beforeAll(() => {
    stack = newStack();
    const archive = new LogArchiveBucket(stack, 'Archive');
    const trailLogs = new RetainedLogGroup(stack, 'TrailLogs');
    const appLogs = new RetainedLogGroup(stack, 'AppLogs', { retention: logs.RetentionDays.ONE_YEAR });
    const audit = new AuditTrail(stack, 'Audit', { archive, logGroup: trailLogs });
    parts.RetainedLogGroup = [appLogs, appLogs.encryptionKey];
    parts.LogArchiveBucket = [archive, archive.archiveKey!];
    parts.AuditTrail = [audit];
    template = Template.fromStack(stack);
  });

  it('THEN the log group keeps events 90 days, encrypted with a rotating customer key, and survives the stack', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 90, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TrailLogsKey'), 'Arn'] } },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchLogs',
            Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
          }),
        ]),
      },
    });
  });

  it('THEN the archive is SSE-KMS, TLS-only, never public, versioned, logs its own access, and keeps logs 90 days before Glacier', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() } }],
      },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { LogFilePrefix: 's3-access-logs/archive/' },
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ Status: 'Enabled', Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }], NoncurrentVersionExpiration: { NoncurrentDays: 365 } })],
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' }),
        ]),
      },
    });
  });

  it('THEN the trail records every region, validates its files and encrypts them with the archive key', () => {
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      IncludeGlobalServiceEvents: true,
      KMSKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ArchiveKey'), 'Arn'] },
      S3BucketName: { Ref: Match.stringLikeRegexp('^Archive') },
      CloudWatchLogsLogGroupArn: Match.anyValue(),
    });
  });

  it('THEN the whole policy finds nothing', () => {
    expect(findingLines(stack)).toEqual([]);
  });

  it('THEN cdk-nag AwsSolutions reports no error', () => {
    expect(nagViolations(stack)).toEqual([]);
  });

  it.each(['RetainedLogGroup', 'LogArchiveBucket', 'AuditTrail'])('snapshot: %s', (name) => {
    expect(snapshotOf(stack, ...parts[name])).toMatchSnapshot();
  });
});

describe('refused props', () => {
  it.each<[string, () => void, string]>([
    [
      'a log group kept 30 days → LOG-1',
      () => new RetainedLogGroup(newStack(), 'Short', { retention: logs.RetentionDays.ONE_MONTH }),
      "[LOG-1] Log group 'Short' keeps logs 30 days; logs must be kept at least 90 days.",
    ],
    [
      'an archive expiring logs after 30 days → LOG-2',
      () => new LogArchiveBucket(newStack(), 'Archive', { expiration: Duration.days(30) }),
      "[LOG-2] Log archive 'Archive' sets expiration to 30 days; archived logs must be kept at least 90 days.",
    ],
    [
      'an archive dropping old versions after 7 days → LOG-2',
      () => new LogArchiveBucket(newStack(), 'Archive', { noncurrentVersionExpiration: Duration.days(7) }),
      "[LOG-2] Log archive 'Archive' sets noncurrentVersionExpiration to 7 days; archived logs must be kept at least 90 days.",
    ],
    [
      'a single-region trail → LOG-5',
      () => new AuditTrail(newStack(), 'Audit', { archive: new LogArchiveBucket(newStack(), 'A'), isMultiRegionTrail: false }),
      "[LOG-5] Audit trail 'Audit' sets isMultiRegionTrail: false; the trail must record operations in every region.",
    ],
    [
      'a trail without file validation → LOG-5',
      () => new AuditTrail(newStack(), 'Audit', { archive: new LogArchiveBucket(newStack(), 'A'), enableFileValidation: false }),
      "[LOG-5] Audit trail 'Audit' sets enableFileValidation: false; log files must be validated so that changes are detected.",
    ],
    [
      'a trail without management events → LOG-5',
      () => new AuditTrail(newStack(), 'Audit', { archive: new LogArchiveBucket(newStack(), 'A'), managementEvents: cloudtrail.ReadWriteType.NONE }),
      "[LOG-5] Audit trail 'Audit' sets managementEvents: NONE; the trail must record management operations.",
    ],
    [
      'an access log format without time and operation → LOG-4',
      () => ApiAccessLogFormat.custom('$context.requestId $context.status'),
      '[LOG-4] Access log format lacks the time ($context.requestTime or $context.requestTimeEpoch), the operation ($context.httpMethod and $context.resourcePath, or $context.routeKey); access logs must carry the date and time, the operation and a unique request id.',
    ],
  ])('%s', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});

describe('an SSE-S3 archive for load balancer logs', () => {
  it('GIVEN ArchiveEncryption.S3_MANAGED THEN the archive uses AES256 and has no key', () => {
    const stack = newStack();
    const archive = new LogArchiveBucket(stack, 'LbLogs', { encryption: ArchiveEncryption.S3_MANAGED });
    expect(archive.archiveKey).toBeUndefined();
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 0);
  });
});

describe('API access log format', () => {
  it.each<[string, string, number]>([
    ['the standard format → complete', JSON.stringify({ a: '$context.requestId', t: '$context.requestTime', m: '$context.httpMethod', p: '$context.resourcePath' }), 0],
    ['an HTTP API route key and epoch time → complete', '$context.extendedRequestId $context.requestTimeEpoch $context.routeKey', 0],
    ['requestIdX is not the request id → incomplete', '$context.requestIdX $context.requestTime $context.routeKey', 1],
    ['method without path → incomplete', '$context.requestId $context.requestTime $context.httpMethod', 1],
    ['empty → three missing', '', 3],
  ])('%s', (_name, format, missing) => {
    expect(missingAccessLogFields(format)).toHaveLength(missing);
  });

  it('GIVEN a REST API stage with the standard format THEN its access log setting carries the policy fields', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api', {
      deployOptions: {
        accessLogDestination: new apigateway.LogGroupLogDestination(new RetainedLogGroup(stack, 'ApiLogs')),
        accessLogFormat: ApiAccessLogFormat.standard({ apiKeyId: '$context.identity.apiKeyId' }),
      },
    });
    api.root.addMethod('GET');
    const stage = Object.values(Template.fromStack(stack).findResources('AWS::ApiGateway::Stage'))[0] as { Properties: { AccessLogSetting: { Format: string } } };
    const format = JSON.parse(stage.Properties.AccessLogSetting.Format) as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', requestTime: '$context.requestTime', httpMethod: '$context.httpMethod', resourcePath: '$context.resourcePath', apiKeyId: '$context.identity.apiKeyId' });
    expect(missingAccessLogFields(stage.Properties.AccessLogSetting.Format)).toEqual([]);
  });
});
