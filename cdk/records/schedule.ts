/**
 * AWS schedule expressions (`rate(30 days)`, `cron(0 4 1 * ? *)`) -> the longest time between
 * two runs, in days: what a rotation policy of "at least every 90 days" asks of a schedule.
 */
import { Maybe, Unknown } from '../../constructs/unknown';

const DAY_MS = 86_400_000;
/** Cron schedules are run day by day over eight years: every weekday, month and leap case. */
const WINDOW_START = Date.UTC(2024, 0, 1);
const WINDOW_DAYS = 8 * 365 + 2;

/**
 * The longest interval of a schedule expression in days; `undefined` when it never runs.
 *
 * @example
 * longestInterval('rate(30 days)') // 30
 * longestInterval('rate(12 hours)') // 0.5
 * longestInterval('cron(0 4 1 1,4,7,10 ? *)') // 92 (1 July to 1 October)
 * longestInterval('cron(0 4 ? * MON *)') // 7
 */
export function longestInterval(expression: string): Maybe<number | undefined> {
  const text = expression.trim();
  const rate = /^rate\(\s*(\d+)\s+(minutes?|hours?|days?)\s*\)$/i.exec(text);
  if (rate) {
    const n = Number(rate[1]);
    if (n <= 0) return new Unknown(`'${text}', which is no valid rate`);
    const unit = rate[2].toLowerCase();
    return unit.startsWith('day') ? n : unit.startsWith('hour') ? n / 24 : n / 1440;
  }
  const cron = /^cron\((.*)\)$/i.exec(text);
  if (!cron) return new Unknown(`'${text}', which is neither rate() nor cron()`);
  return cronInterval(cron[1].trim().split(/\s+/), text);
}

function cronInterval(fields: string[], text: string): Maybe<number | undefined> {
  if (fields.length !== 6) return new Unknown(`'${text}', which does not have the six fields of an AWS cron expression`);
  const [, , dom, month, dow, year] = fields;
  if (year !== '*') return new Unknown(`'${text}', whose year field limits the schedule to some years`);
  const months = parseField(month, 1, 12, MONTHS);
  const dayOfMonth = dom === '?' ? undefined : parseDayOfMonth(dom);
  const dayOfWeek = dow === '?' ? undefined : parseDayOfWeek(dow);
  if (months === undefined || dayOfMonth === null || dayOfWeek === null) return new Unknown(`'${text}', which this reader cannot evaluate`);

  let last: number | undefined;
  let longest = 0;
  let runs = 0;
  for (let d = 0; d < WINDOW_DAYS; d++) {
    const date = new Date(WINDOW_START + d * DAY_MS);
    if (!months.has(date.getUTCMonth() + 1)) continue;
    const byMonthDay = dayOfMonth === undefined ? true : dayOfMonth(date);
    const byWeekDay = dayOfWeek === undefined ? true : dayOfWeek(date);
    if (!(byMonthDay && byWeekDay)) continue;
    if (last !== undefined) longest = Math.max(longest, d - last);
    last = d;
    runs++;
  }
  if (runs === 0) return undefined;
  return runs === 1 ? WINDOW_DAYS : longest;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** A field of numbers, ranges, steps and lists (`*`, `5`, `1-5`, `1/3`, `JAN,JUL`); undefined when unreadable. */
function parseField(field: string, min: number, max: number, names: readonly string[] = []): Set<number> | undefined {
  const out = new Set<number>();
  const value = (t: string): number | undefined => {
    const named = names.indexOf(t.toUpperCase());
    if (named >= 0) return named + min;
    return /^\d+$/.test(t) ? Number(t) : undefined;
  };
  for (const part of field.split(',')) {
    const m = /^(\*|[^/-]+)(?:-([^/]+))?(?:\/(\d+))?$/.exec(part);
    if (!m) return undefined;
    const from = m[1] === '*' ? min : value(m[1]);
    const to = m[2] !== undefined ? value(m[2]) : m[1] === '*' || m[3] !== undefined ? max : from;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (from === undefined || to === undefined || from < min || to > max || step < 1) return undefined;
    // A range may wrap (NOV-FEB): it runs to the end and on from the start.
    const span = max - min + 1;
    const length = (to - from + span) % span;
    for (let k = 0; k <= length; k += step) out.add(((from - min + k) % span) + min);
  }
  return out;
}

type DayTest = (d: Date) => boolean;

function lastDayOfMonth(d: Date): number {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/** Day of month: numbers, ranges, `L` (last day), `L-n`, `nW` and `LW` (nearest weekday). null when unreadable. */
function parseDayOfMonth(field: string): DayTest | null {
  const f = field.toUpperCase();
  if (f === 'L') return (d) => d.getUTCDate() === lastDayOfMonth(d);
  const lastMinus = /^L-(\d+)$/.exec(f);
  if (lastMinus) return (d) => d.getUTCDate() === lastDayOfMonth(d) - Number(lastMinus[1]);
  if (f === 'LW') return (d) => d.getUTCDate() === nearestWeekday(d, lastDayOfMonth(d));
  const weekday = /^(\d+)W$/.exec(f);
  if (weekday) return (d) => d.getUTCDate() === nearestWeekday(d, Math.min(Number(weekday[1]), lastDayOfMonth(d)));
  const days = parseField(field, 1, 31);
  return days ? (d) => days.has(d.getUTCDate()) : null;
}

/** The weekday nearest to a day of the same month (`15W`). */
function nearestWeekday(d: Date, day: number): number {
  const weekday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), day)).getUTCDay();
  if (weekday === 6) return day === 1 ? 3 : day - 1;
  if (weekday === 0) return day === lastDayOfMonth(d) ? day - 2 : day + 1;
  return day;
}

/** Day of week: 1-7 or SUN-SAT, ranges, lists, `nL` (last one of the month), `n#k` (k-th one). null when unreadable. */
function parseDayOfWeek(field: string): DayTest | null {
  const f = field.toUpperCase();
  const weekdayOf = (t: string): number | undefined => {
    const named = WEEKDAYS.indexOf(t);
    if (named >= 0) return named;
    return /^[1-7]$/.test(t) ? Number(t) - 1 : undefined;
  };
  if (f === 'L') return (d) => d.getUTCDay() === 6;
  const last = /^(\w+)L$/.exec(f);
  if (last) {
    const w = weekdayOf(last[1]);
    return w === undefined ? null : (d) => d.getUTCDay() === w && d.getUTCDate() + 7 > lastDayOfMonth(d);
  }
  const nth = /^(\w+)#([1-5])$/.exec(f);
  if (nth) {
    const w = weekdayOf(nth[1]);
    const k = Number(nth[2]);
    return w === undefined ? null : (d) => d.getUTCDay() === w && Math.ceil(d.getUTCDate() / 7) === k;
  }
  const days = parseField(f, 1, 7, WEEKDAYS);
  return days ? (d) => days.has(d.getUTCDay() + 1) : null;
}
