/**
 * CloudFormation logging resources read one template at a time: log group retention (LOG-1),
 * API Gateway access log formats (LOG-4) and CloudTrail trails (LOG-5). Archives (LOG-2) and
 * coverage (LOG-3) join across stacks: see `log-archive.ts` and `log-coverage.ts`.
 */
import type { AuditTrailFact, LogFormatFact, LogStoreFact, Retention, TrailAspect } from '../../constructs/facts/logging';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import { missingLogFields } from './access-log-fields';
import type { TemplateContext } from './context';
import { ALB, BUCKET, CLB, DISTRIBUTION, FLOW_LOG, HTTP_STAGE, LOG_GROUP, REST_DEPLOYMENT, REST_STAGE, TRAIL } from './log-sources';
import { describeValue, isObject, possibleValues, readBoolean, readNumber, readString } from './read';
import type { Value } from './values';

const LOG_RETENTION = 'Custom::LogRetention';

/** The resource types the logging records read, and what they are judged for (with `log-archive.ts` and `log-coverage.ts`). */
export const LOGGING_BINDINGS = {
  [LOG_GROUP]: ['LOG-1', 'LOG-2'],
  [LOG_RETENTION]: ['LOG-1'],
  [TRAIL]: ['LOG-2', 'LOG-5'],
  [REST_STAGE]: ['LOG-2', 'LOG-3', 'LOG-4'],
  [REST_DEPLOYMENT]: ['LOG-2', 'LOG-3', 'LOG-4'],
  [HTTP_STAGE]: ['LOG-2', 'LOG-3', 'LOG-4'],
  'AWS::EC2::VPC': ['LOG-3'],
  [FLOW_LOG]: ['LOG-2'],
  [ALB]: ['LOG-2', 'LOG-3'],
  [CLB]: ['LOG-2', 'LOG-3'],
  [DISTRIBUTION]: ['LOG-2', 'LOG-3'],
  [BUCKET]: ['LOG-2', 'LOG-3'],
} as const;

type LoggingFactOut = LogStoreFact | LogFormatFact | AuditTrailFact;

/**
 * The logging facts of one template.
 *
 * @example
 * loggingFacts(new TemplateContext(template)).filter((f) => f.kind === 'log-store')
 */
export function loggingFacts(ctx: TemplateContext): LoggingFactOut[] {
  return [...logStoreFacts(ctx), ...logFormatFacts(ctx), ...trailFacts(ctx)];
}

// ---------------------------------------------------------------- LOG-1

function logStoreFacts(ctx: TemplateContext): LogStoreFact[] {
  const out: LogStoreFact[] = [];
  // A log group without RetentionInDays never expires its events; so does CDK's LogRetention
  // custom resource without one (it deletes the retention policy).
  for (const id of [...ctx.ofType(LOG_GROUP), ...ctx.ofType(LOG_RETENTION)]) {
    for (const option of possibleValues(ctx.properties(id).RetentionInDays)) {
      const [retention, why] = readRetention(option);
      out.push({ kind: 'log-store', subject: ctx.ref(id), label: ctx.label(id), retention, why });
    }
  }
  return out;
}

function readRetention(v: Value | undefined): [Maybe<Retention>, string] {
  const days = readNumber(v);
  if (days === undefined) return ['forever', 'RetentionInDays is not set'];
  if (isUnknown(days)) return [new Unknown(`RetentionInDays is ${days.reason}`), ''];
  return [days, `RetentionInDays is ${days}`];
}

// ---------------------------------------------------------------- LOG-4

function logFormatFacts(ctx: TemplateContext): LogFormatFact[] {
  const out: LogFormatFact[] = [];
  const add = (id: string, setting: Value | undefined, property: string): void => {
    for (const s of possibleValues(setting)) {
      if (s === undefined) continue; // no access logs: LOG-3's finding
      if (!isObject(s)) {
        out.push({ kind: 'log-format', subject: ctx.ref(id), label: ctx.label(id), missing: new Unknown(`${property} is ${describeValue(s)}`), why: '' });
        continue;
      }
      if (s.DestinationArn === undefined) continue;
      for (const format of possibleValues(s.Format)) out.push(formatFact(ctx, id, `${property}.Format`, format));
    }
  };
  for (const id of ctx.ofType(REST_STAGE)) add(id, ctx.properties(id).AccessLogSetting, 'AccessLogSetting');
  for (const id of ctx.ofType(HTTP_STAGE)) add(id, ctx.properties(id).AccessLogSettings, 'AccessLogSettings');
  for (const id of ctx.ofType(REST_DEPLOYMENT)) {
    const description = ctx.properties(id).StageDescription;
    if (isObject(description)) add(id, description.AccessLogSetting, 'StageDescription.AccessLogSetting');
  }
  return out;
}

function formatFact(ctx: TemplateContext, id: string, property: string, v: Value | undefined): LogFormatFact {
  const base = { kind: 'log-format' as const, subject: ctx.ref(id), label: ctx.label(id) };
  const text = readString(v);
  if (text === undefined) return { ...base, missing: missingLogFields(''), why: `${property} is not set` };
  if (isUnknown(text)) return { ...base, missing: new Unknown(`${property} is ${text.reason}`), why: '' };
  const missing = missingLogFields(text);
  const shown = text.length > 100 ? `${text.slice(0, 97)}...` : text;
  return { ...base, missing, why: `${property} is '${shown}'` };
}

// ---------------------------------------------------------------- LOG-5

function trailFacts(ctx: TemplateContext): AuditTrailFact[] {
  return ctx.ofType(TRAIL).map((id) => {
    const p = ctx.properties(id);
    const aspects: Array<AuditTrailFact['aspects'][number]> = [
      ...flag(p.IsLogging, 'logging', 'IsLogging', false),
      ...flag(p.IsMultiRegionTrail, 'all-regions', 'IsMultiRegionTrail', false),
      ...flag(p.EnableLogFileValidation, 'integrity', 'EnableLogFileValidation', false),
      ...possibleValues(p.KMSKeyId).map((k) => {
        if (k === undefined) return { aspect: 'encryption' as const, holds: false, why: 'KMSKeyId is not set, so S3 encrypts the files with its own key' };
        const text = readString(k);
        if (text === '') return { aspect: 'encryption' as const, holds: false, why: 'KMSKeyId is empty' };
        return { aspect: 'encryption' as const, holds: true, why: '' };
      }),
    ];
    return { kind: 'audit-trail', subject: ctx.ref(id), label: ctx.label(id), aspects };
  });
}

/** A boolean property of a trail over every Fn::If branch; absent is `absent`. */
function flag(v: Value | undefined, aspect: TrailAspect, property: string, absent: boolean): Array<AuditTrailFact['aspects'][number]> {
  return possibleValues(v).map((option) => {
    const b = readBoolean(option);
    if (b === undefined) return { aspect, holds: absent, why: `${property} is not set` };
    if (isUnknown(b)) return { aspect, holds: new Unknown(`${property} is ${b.reason}`), why: '' };
    return { aspect, holds: b, why: `${property} is ${b}` };
  });
}
