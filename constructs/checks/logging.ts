/**
 * LOG-1..LOG-5, "Logging Practices": what we log, the log format, and backing up logs.
 */
import type { ArchiveRoute, AuditTrailFact, LogArchiveFact, LogCoverageFact, LogFormatFact, LogStoreFact, Retention, TrailAspect } from '../facts/logging';
import type { Finding } from '../finding';
import { isUnknown } from '../unknown';
import type { CheckContext } from './context';

/** Whether a retention is at least `days`. */
function keeps(retention: Retention, days: number): boolean {
  return retention === 'forever' || retention >= days;
}

/**
 * LOG-1: a log store keeps entries at least `logRetentionDays` (90 by default); one that never
 * expires them passes.
 *
 * @example
 * checkLogStore({ kind: 'log-store', subject, label: "Log group 'App'", retention: 30, why: 'RetentionInDays is 30' }, checkContext())
 * // [LOG-1 fail: "Log group 'App' keeps logs 30 days (RetentionInDays is 30), less than 90 days."]
 */
export function checkLogStore(fact: LogStoreFact, ctx: CheckContext): Finding[] {
  const min = ctx.options.logRetentionDays;
  if (isUnknown(fact.retention)) {
    return [ctx.finding('LOG-1', fact.subject, { status: 'unknown', message: `how long ${fact.label} keeps logs: ${fact.retention.reason}.`, detail: 'retention' })];
  }
  if (keeps(fact.retention, min)) return [];
  return [
    ctx.finding('LOG-1', fact.subject, {
      message: `${fact.label} keeps logs ${fact.retention} days (${fact.why}), less than ${min} days.`,
      detail: 'retention',
    }),
  ];
}

/**
 * LOG-2: a log source is backed up when one of its routes ends in cloud storage that keeps
 * objects at least `logRetentionDays`. Otherwise each route that falls short is one finding,
 * on the source, saying where the route ends and why it does not count.
 *
 * @example
 * checkLogArchive(flowLogToLogGroupWithoutSubscription, checkContext())
 * // [LOG-2 fail: "Flow log 'VpcFlowLog' is not backed up to cloud storage: its flow logs go to Log group 'FlowLogs', which ..."]
 */
export function checkLogArchive(fact: LogArchiveFact, ctx: CheckContext): Finding[] {
  const min = ctx.options.logRetentionDays;
  if (fact.routes.some((r) => r.end.kind === 'storage' && keeps(r.end.retention, min))) return [];
  if (fact.routes.length === 0) {
    return [ctx.finding('LOG-2', fact.subject, { message: `${fact.label} is not backed up to cloud storage: its ${fact.logs} go nowhere the templates say.`, detail: 'no route' })];
  }
  return fact.routes.map((route) => {
    const detail = `route ${[...route.via, endName(route)].join(' > ')}`;
    const through = route.via.length > 0 ? ` (through ${route.via.join(', then ')})` : '';
    switch (route.end.kind) {
      case 'storage':
        return ctx.finding('LOG-2', fact.subject, {
          message: `${fact.label} backs its ${fact.logs} up to ${route.end.label}${through}, which keeps objects less than ${min} days: ${route.end.why}.`,
          detail,
        });
      case 'elsewhere':
        return ctx.finding('LOG-2', fact.subject, { message: `${fact.label} is not backed up to cloud storage: ${route.end.why}.`, detail });
      default:
        return ctx.finding('LOG-2', fact.subject, {
          status: 'unknown',
          message: `whether ${fact.label} backs its ${fact.logs} up to cloud storage${through}: ${route.end.reason}.`,
          detail,
        });
    }
  });
}

function endName(route: ArchiveRoute): string {
  return route.end.kind === 'storage' ? route.end.label : route.end.kind;
}

/**
 * LOG-3: network and access logs are on.
 *
 * @example
 * checkLogCoverage({ kind: 'log-coverage', subject, label: "Load balancer 'Alb'", logs: 'access logs', enabled: false, why: 'LoadBalancerAttributes has no access_logs.s3.enabled' }, ctx)
 */
export function checkLogCoverage(fact: LogCoverageFact, ctx: CheckContext): Finding[] {
  if (fact.enabled === true) return [];
  if (isUnknown(fact.enabled)) {
    return [ctx.finding('LOG-3', fact.subject, { status: 'unknown', message: `whether ${fact.label} records ${fact.logs}: ${fact.enabled.reason}.`, detail: fact.logs })];
  }
  return [ctx.finding('LOG-3', fact.subject, { message: `${fact.label} does not record ${fact.logs}: ${fact.why}.`, detail: fact.logs })];
}

/**
 * LOG-4: an access log format carries a unique request id, the time and the operation.
 *
 * @example
 * checkLogFormat({ kind: 'log-format', subject, label: "API stage 'prod'", missing: ['a unique request id'], why: "AccessLogSetting.Format is '...'" }, ctx)
 */
export function checkLogFormat(fact: LogFormatFact, ctx: CheckContext): Finding[] {
  if (isUnknown(fact.missing)) {
    return [ctx.finding('LOG-4', fact.subject, { status: 'unknown', message: `what the access log format of ${fact.label} carries: ${fact.missing.reason}.`, detail: 'format' })];
  }
  if (fact.missing.length === 0) return [];
  return [
    ctx.finding('LOG-4', fact.subject, {
      message: `The access log format of ${fact.label} lacks ${joinWords(fact.missing)}: ${fact.why}.`,
      detail: `format lacks ${fact.missing.join(', ')}`,
    }),
  ];
}

const TRAIL_ASPECTS: Readonly<Record<TrailAspect, { fails: string; unknown: string }>> = {
  logging: { fails: 'is not logging', unknown: 'is logging' },
  'all-regions': { fails: 'does not record every region', unknown: 'records every region' },
  integrity: { fails: 'does not validate the integrity of its log files', unknown: 'validates the integrity of its log files' },
  encryption: { fails: 'does not encrypt its logs with a customer-managed key', unknown: 'encrypts its logs with a customer-managed key' },
  'all-operations': { fails: 'does not record every kind of operation', unknown: 'records every kind of operation' },
  'all-principals': { fails: 'leaves the operations of some principals unrecorded', unknown: 'records the operations of every principal' },
};

/**
 * LOG-5: an audit trail logs every region, validates its files and encrypts them with a
 * customer-managed key; one finding per aspect that falls short.
 *
 * @example
 * checkAuditTrail({ kind: 'audit-trail', subject, label: "Trail 'Audit'", aspects: [{ aspect: 'all-regions', holds: false, why: 'IsMultiRegionTrail is not set' }] }, ctx)
 * // [LOG-5 fail: "Trail 'Audit' does not record every region: IsMultiRegionTrail is not set."]
 */
export function checkAuditTrail(fact: AuditTrailFact, ctx: CheckContext): Finding[] {
  return fact.aspects.flatMap((a) => {
    if (a.holds === true) return [];
    const words = TRAIL_ASPECTS[a.aspect];
    if (isUnknown(a.holds)) {
      return [ctx.finding('LOG-5', fact.subject, { status: 'unknown', message: `whether ${fact.label} ${words.unknown}: ${a.holds.reason}.`, detail: a.aspect })];
    }
    return [ctx.finding('LOG-5', fact.subject, { message: `${fact.label} ${words.fails}: ${a.why}.`, detail: a.aspect })];
  });
}

/** `a, b and c`. */
function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
