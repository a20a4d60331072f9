/**
 * Report fixtures: a happy list of four findings (one per severity and status), from two
 * files and two stacks, one on a Pulumi resource (URN, no logical id).
 */
import { Finding, makeFinding } from '../../../constructs/finding';
import { ReportInput } from '../../../constructs/report';

export const CDK_FILE = 'cdk.out/App.template.json';
export const PULUMI_FILE = 'pulumi/dev.stack.json';
export const BUCKET_URN =
  'urn:pulumi:dev::team::gcp:logging/projectBucketConfig:ProjectBucketConfig::audit-logs';

/** P0, fail: SSH open to the world. */
export const sshOpen: Finding = makeFinding(
  'NET-1',
  { type: 'AWS::EC2::SecurityGroup', logicalId: 'WebSG', stack: 'App', file: CDK_FILE, path: 'App/Web/SecurityGroup/Resource' },
  { message: "Security group 'Web' allows tcp/22 from 0.0.0.0/0.", detail: 'ingress tcp/22 from 0.0.0.0/0' },
);

/** P1, unknown: the listener protocol comes from a parameter without a default. */
export const listenerUnknown: Finding = makeFinding(
  'TLS-1',
  { type: 'AWS::ElasticLoadBalancingV2::Listener', logicalId: 'ApiListener', stack: 'App', file: CDK_FILE },
  { status: 'unknown', message: "Listener 'ApiListener' takes its protocol from parameter 'Proto', which has no default." },
);

/** P2, excepted: log retention under 90 days, on a Pulumi resource. */
export const retentionExcepted: Finding = {
  ...makeFinding(
    'LOG-1',
    { type: 'gcp:logging/projectBucketConfig:ProjectBucketConfig', urn: BUCKET_URN, name: 'audit-logs', stack: 'dev', file: PULUMI_FILE },
    { message: "Log bucket 'audit-logs' keeps logs 30 days.", detail: 'retentionDays 30' },
  ),
  status: 'excepted',
  exception: { reason: 'Migrating to the central log archive', owner: 'team-data', ticket: 'SEC-42', expires: '2025-07-01' },
};

/** P3, fail: access log format without a request id. */
export const logFormat: Finding = makeFinding(
  'LOG-4',
  { type: 'gcp:compute/backendService:BackendService', urn: 'urn:pulumi:dev::team::gcp:compute/backendService:BackendService::api', stack: 'dev', file: PULUMI_FILE },
  { message: "Backend service 'api' logs no request id." },
);

export const FINDINGS: readonly Finding[] = [logFormat, retentionExcepted, listenerUnknown, sshOpen];

export const TOOL = { name: 'compliance-check', version: '0.1.0', informationUri: 'https://example.com/compliance-constructs' };

/** The happy report input: findings deliberately out of order. */
export function reportInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return { tool: TOOL, findings: FINDINGS, inputs: [CDK_FILE, PULUMI_FILE], resourcesChecked: 42, ...overrides };
}
