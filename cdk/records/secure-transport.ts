/**
 * The narrow reading of resource policies that TLS-4 needs: does a policy deny every
 * principal the actions that carry data, on the whole resource, whenever
 * `aws:SecureTransport` is false? Anything narrower (a named principal, some actions, some
 * objects, an extra condition, an Allow, a Deny on `"true"`) does not refuse plain-text
 * clients, so it does not count.
 */
import { isUnknown, Unknown } from '../../constructs/unknown';
import { Judged, worstOf } from './flags';
import { describeValue, isObject, possibleValues, readString } from './read';
import { PartialString, Reference, Value } from './values';

/**
 * What a statement's resources must cover, and which actions carry the data.
 *
 * @example
 * const target: SecureTransportTarget = queueTarget('Jobs'); // actions ['sqs:*', '*'], parts ['queue']
 */
export interface SecureTransportTarget {
  /** Actions that, denied, refuse plain-text clients: `['s3:*', '*']`. Compared case-insensitively. */
  readonly actions: readonly string[];
  /** The parts of the resource a deny must cover together (`bucket`, `objects`). */
  readonly parts: readonly string[];
  /** Which parts a `Resource` entry covers; unknown when it cannot be told. */
  readonly covers: (entry: Value) => readonly string[] | Unknown;
  /** How messages name the target: `the bucket and its objects`. */
  readonly what: string;
}

type Verdict = true | false | Unknown;

/**
 * Whether a policy document denies non-TLS requests to the target, with the reason.
 *
 * @example
 * deniesInsecureTransport(doc, bucketTarget('Data', 'data-bucket'))
 * // { value: true, why: 'Statement[0] denies s3:* on the bucket and its objects when aws:SecureTransport is false' }
 */
export function deniesInsecureTransport(document: Value | undefined, target: SecureTransportTarget): Judged<boolean> {
  const alternatives: Judged<boolean>[] = [];
  for (const doc of possibleValues(document)) {
    if (!isObject(doc)) {
      const why = `the policy document is ${describeValue(doc)}`;
      alternatives.push({ value: doc instanceof Unknown ? doc : new Unknown(why), why });
      continue;
    }
    for (const list of possibleValues(doc.Statement)) {
      const statements = Array.isArray(list) ? list : list === undefined ? [] : [list];
      let found: string | undefined;
      const unknowns: string[] = [];
      statements.forEach((s: Value, i: number) => {
        // A statement counts only if every Fn::If branch of it denies.
        const v = all(possibleValues(s).map((st) => (st === undefined ? false : statementDenies(st, target))));
        if (v === true) found ??= `Statement[${i}]`;
        else if (isUnknown(v)) unknowns.push(`Statement[${i}] is ${v.reason}`);
      });
      if (found !== undefined) {
        alternatives.push({ value: true, why: `${found} denies every principal ${target.actions[0]} on ${target.what} when aws:SecureTransport is false` });
      } else if (unknowns.length > 0) {
        alternatives.push({ value: new Unknown(unknowns[0]), why: unknowns.join('; ') });
      } else {
        alternatives.push({ value: false, why: `no statement denies every principal ${target.actions[0]} on ${target.what} when aws:SecureTransport is false` });
      }
    }
  }
  return worstOf(alternatives);
}

function statementDenies(st: Value, target: SecureTransportTarget): Verdict {
  if (!isObject(st)) return st instanceof Unknown ? st : false;
  const effect = readString(st.Effect);
  if (isUnknown(effect)) return effect;
  if (effect !== 'Deny') return false;
  if (st.NotPrincipal !== undefined || st.NotAction !== undefined || st.NotResource !== undefined) return false;
  return all([everyPrincipal(st.Principal), coversActions(st.Action, target), coversResource(st.Resource, target), insecureTransportOnly(st.Condition)]);
}

/** True when all are true; false when any is false; else unknown. */
function all(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.some((v) => v === false)) return false;
  return verdicts.find(isUnknown) ?? true;
}

/** A choice of several values: every option must hold. */
function forEvery(v: Value | undefined, test: (x: Value | undefined) => Verdict): Verdict {
  return all(possibleValues(v).map(test));
}

function everyPrincipal(p: Value | undefined): Verdict {
  return forEvery(p, (x) => {
    if (x === undefined) return false;
    const text = readString(x);
    if (typeof text === 'string') return text === '*';
    if (isObject(x)) {
      const keys = Object.keys(x);
      if (keys.length !== 1 || keys[0] !== 'AWS') return false;
      return anyOf(x.AWS, (a) => a === '*');
    }
    return x instanceof Unknown ? x : false;
  });
}

/** Whether some entry of a string or list satisfies `test` (unknown entries keep it open). */
function anyOf(v: Value | undefined, test: (text: string) => boolean): Verdict {
  return forEvery(v, (x) => {
    const items = Array.isArray(x) ? x : x === undefined ? [] : [x];
    let unknown: Unknown | undefined;
    for (const item of items) {
      for (const option of possibleValues(item)) {
        const text = readString(option);
        if (typeof text === 'string' && test(text)) return true;
        if (isUnknown(text)) unknown = text;
      }
    }
    return unknown ?? false;
  });
}

function coversActions(a: Value | undefined, target: SecureTransportTarget): Verdict {
  const wanted = target.actions.map((x) => x.toLowerCase());
  return anyOf(a, (text) => wanted.includes(text.toLowerCase()));
}

function coversResource(r: Value | undefined, target: SecureTransportTarget): Verdict {
  return forEvery(r, (x) => {
    const items = Array.isArray(x) ? x : x === undefined ? [] : [x];
    const covered = new Set<string>();
    let unknown: Unknown | undefined;
    for (const item of items) {
      for (const option of possibleValues(item)) {
        if (option === undefined) continue;
        const parts = target.covers(option);
        if (isUnknown(parts)) unknown = parts;
        else parts.forEach((p) => covered.add(p));
      }
    }
    if (target.parts.every((p) => covered.has(p))) return true;
    return unknown ?? false;
  });
}

/** The condition is exactly `Bool` (or `BoolIfExists`) `aws:SecureTransport` = false: nothing narrows the deny. */
function insecureTransportOnly(c: Value | undefined): Verdict {
  return forEvery(c, (x) => {
    if (!isObject(x)) return x instanceof Unknown ? x : false;
    const operators = Object.keys(x);
    if (operators.length !== 1 || (operators[0] !== 'Bool' && operators[0] !== 'BoolIfExists')) return false;
    const block = x[operators[0]];
    if (!isObject(block)) return block instanceof Unknown ? block : false;
    const keys = Object.keys(block);
    if (keys.length !== 1 || keys[0].toLowerCase() !== 'aws:securetransport') return false;
    return forEvery(block[keys[0]], (v) => {
      const values = Array.isArray(v) ? v : [v];
      if (values.length !== 1) return false;
      const text = readString(values[0]);
      if (isUnknown(text)) return text;
      return text !== undefined && text.toLowerCase() === 'false';
    });
  });
}

/**
 * Text of a resource entry with references to `self` marked, for ARN matching: `\u0000` for
 * `Ref self`, `\u0001` for `GetAtt self.Arn`; other unknown parts become `\u0002`.
 */
function markedText(entry: Value, self: string): string | Unknown {
  const part = (p: string | Unknown): string => {
    if (typeof p === 'string') return p;
    if (p instanceof Reference && p.logicalId === self) return p.attribute === 'Arn' ? '\u0001' : p.attribute === undefined ? '\u0000' : '\u0002';
    return '\u0002';
  };
  if (typeof entry === 'string') return entry;
  if (entry instanceof PartialString) return entry.parts.map(part).join('');
  if (entry instanceof Reference) return part(entry);
  return entry instanceof Unknown ? entry : new Unknown(describeValue(entry));
}

/**
 * What a bucket policy's deny must cover: the bucket and every object in it.
 *
 * @example
 * bucketTarget('Data', 'data-bucket').covers('arn:aws:s3:::data-bucket/*') // ['objects']
 */
export function bucketTarget(bucketId: string, bucketName: string | undefined): SecureTransportTarget {
  return {
    actions: ['s3:*', '*'],
    parts: ['bucket', 'objects'],
    what: 'the bucket and its objects',
    covers: (entry) => {
      const text = markedText(entry, bucketId);
      if (isUnknown(text)) return text;
      if (text === '*') return ['bucket', 'objects'];
      const arn = text.replace(/^\u0001/, 'arn:aws:s3:::\u0000');
      const m = arn.match(/^arn:[^:]*:s3:::(.*)$/);
      if (!m) return [];
      const rest = m[1];
      if (rest === '*') return ['bucket', 'objects'];
      const names = ['\u0000', ...(bucketName !== undefined ? [bucketName] : [])];
      for (const n of names) {
        if (rest === n) return ['bucket'];
        if (rest === `${n}/*`) return ['objects'];
        if (rest === `${n}*`) return ['bucket', 'objects'];
      }
      if (rest.includes('\u0002')) return new Unknown(`Resource ${describeValue(entry)}`);
      return [];
    },
  };
}

/**
 * What a topic policy's deny must cover: the topic (its `Ref` is its ARN). Publishing is how
 * data reaches a topic, so denying `sns:Publish` is enough (as AWS's SNS guidance and CDK's
 * `enforceSSL` do).
 *
 * @example
 * topicTarget('Events').covers(new Reference('Events', 'AWS::SNS::Topic')) // ['topic']
 */
export function topicTarget(topicId: string): SecureTransportTarget {
  return {
    actions: ['sns:Publish', 'sns:*', '*'],
    parts: ['topic'],
    what: 'the topic',
    covers: (entry) => {
      const text = markedText(entry, topicId);
      if (isUnknown(text)) return text;
      if (text === '*' || text === '\u0000') return ['topic'];
      if (/^arn:[^:]*:sns:[^:]*:[^:]*:\*$/.test(text)) return ['topic'];
      if (text.includes('\u0002')) return new Unknown(`Resource ${describeValue(entry)}`);
      return [];
    },
  };
}

/**
 * What a queue policy's deny must cover: the queue (its ARN is `GetAtt Queue.Arn`).
 *
 * @example
 * queueTarget('Jobs').covers(new Reference('Jobs', 'AWS::SQS::Queue', 'Arn')) // ['queue']
 */
export function queueTarget(queueId: string): SecureTransportTarget {
  return {
    actions: ['sqs:*', '*'],
    parts: ['queue'],
    what: 'the queue',
    covers: (entry) => {
      const text = markedText(entry, queueId);
      if (isUnknown(text)) return text;
      if (text === '*' || text === '\u0001') return ['queue'];
      if (/^arn:[^:]*:sqs:[^:]*:[^:]*:\*$/.test(text)) return ['queue'];
      if (text.includes('\u0002')) return new Unknown(`Resource ${describeValue(entry)}`);
      return [];
    },
  };
}
