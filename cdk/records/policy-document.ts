/**
 * AWS policy documents (identity, trust and resource policies) read into normalized statements:
 * an object or a JSON string (also one built with `Fn::Sub` / `Fn::Join`, with parts known
 * only at deploy), `Statement` as an object or a list, `Action`/`NotAction`,
 * `Resource`/`NotResource`, `Principal`/`NotPrincipal` as strings or lists, `Fn::If` anywhere.
 */
import type { PolicyCondition, PolicyList, PolicyPrincipal, PolicyStatement, PolicyValue } from '../../constructs/iam/policy';
import { policyValue, UNKNOWN_PART } from '../../constructs/iam/policy';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import { expandFields, isObject, possibleValues, readString } from './read';
import { isSpecific, parameterOf, pseudoParameter } from './unknowns';
import { Choice, PartialString, Reference, Value, ValueObject } from './values';

/** A document read as far as the template allows. */
export interface ReadDocument {
  readonly statements: PolicyStatement[];
  /** What could not be read, with why: the whole document, or one statement. */
  readonly unreadable: Array<{ where: string; reason: string }>;
}

const STATEMENT_FIELDS = ['Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition'];

/** What reading a document needs from the template around it. */
export interface ReadOptions {
  /** The URL of an OIDC provider resource of the template a `Federated` principal refers to. */
  readonly oidcProviderUrl?: (provider: Reference) => string | undefined;
}

/**
 * Reads a policy document property. `AWS::NoValue` (or an absent property) is an empty document.
 *
 * @example
 * readPolicyDocument({ Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } }).statements[0].actions
 * // { negated: false, values: [{ text: 's3:*', ... }] }
 */
export function readPolicyDocument(v: Value | undefined, options: ReadOptions = {}): ReadDocument {
  const out: ReadDocument = { statements: [], unreadable: [] };
  for (const alt of possibleValues(v)) {
    if (alt === undefined) continue;
    const doc = documentObject(alt);
    if (isUnknown(doc)) {
      out.unreadable.push({ where: '', reason: doc.reason });
      continue;
    }
    for (const list of possibleValues(doc.Statement)) {
      if (list === undefined) continue;
      if (Array.isArray(list)) {
        list.forEach((item: Value, i: number) => {
          for (const s of possibleValues(item)) if (s !== undefined) readStatement(s, `Statement[${i}]`, out, options);
        });
      } else {
        readStatement(list, 'Statement', out, options);
      }
    }
  }
  return out;
}

/** A document as an object: parsed from JSON text when the template gives a string. */
function documentObject(v: Value): ValueObject | Unknown {
  if (isObject(v)) return v;
  if (typeof v === 'string') return parseJson(v, []);
  if (v instanceof PartialString) {
    // Each unknown part becomes a token inside the JSON text, and back into an unknown after.
    const holes: Unknown[] = [];
    const text = v.parts.map((p) => (typeof p === 'string' ? p : `${TOKEN}${holes.push(p) - 1}${TOKEN}`)).join('');
    return parseJson(text, holes);
  }
  if (v instanceof Unknown) return v;
  return new Unknown(`${Array.isArray(v) ? 'a list' : JSON.stringify(v)}, which is not a policy document`);
}

const TOKEN = '@@cfn-unknown@@';
const TOKEN_RE = new RegExp(`${TOKEN}(\\d+)${TOKEN}`, 'g');

function parseJson(text: string, holes: readonly Unknown[]): ValueObject | Unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return new Unknown(holes.length > 0
      ? 'a policy built from text and values known only at deploy that is not JSON once they are filled in'
      : 'a string that is not a JSON policy document');
  }
  const v = fill(parsed, holes);
  return isObject(v) ? v : new Unknown('JSON that is not a policy document');
}

/** Plain JSON with tokens -> resolved values with the unknowns back in place. */
function fill(node: unknown, holes: readonly Unknown[]): Value {
  if (typeof node === 'string') {
    if (holes.length === 0 || !node.includes(TOKEN)) return node;
    const parts: Array<string | Unknown> = [];
    let last = 0;
    for (const m of node.matchAll(TOKEN_RE)) {
      if (m.index > last) parts.push(node.slice(last, m.index));
      parts.push(holes[Number(m[1])] ?? new Unknown('a part of the policy'));
      last = m.index + m[0].length;
    }
    if (last < node.length) parts.push(node.slice(last));
    return parts.length === 1 && typeof parts[0] !== 'string' ? parts[0] : new PartialString(parts);
  }
  if (Array.isArray(node)) return node.map((x) => fill(x, holes));
  if (node !== null && typeof node === 'object') {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(node)) Object.defineProperty(out, k, { value: fill(x, holes), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (typeof node === 'number' || typeof node === 'boolean' || node === null) return node;
  return new Unknown('a value that is not JSON');
}

function readStatement(v: Value, index: string, out: ReadDocument, options: ReadOptions): void {
  if (!isObject(v)) {
    out.unreadable.push({ where: index, reason: v instanceof Unknown ? v.reason : 'not a statement object' });
    return;
  }
  const sid = typeof v.Sid === 'string' && v.Sid.length > 0 ? v.Sid : undefined;
  const where = sid !== undefined ? `statement '${sid}'` : index;
  const variants = expandFields(v, STATEMENT_FIELDS);
  if (isUnknown(variants)) {
    out.unreadable.push({ where, reason: variants.reason });
    return;
  }
  for (const s of variants) {
    out.statements.push({
      where,
      effect: readEffect(s.Effect),
      actions: s.NotAction !== undefined ? readList(s.NotAction, true) : readList(s.Action, false),
      ...(s.Resource !== undefined || s.NotResource !== undefined
        ? { resources: s.NotResource !== undefined ? readList(s.NotResource, true) : readList(s.Resource, false) }
        : {}),
      ...(s.Principal !== undefined || s.NotPrincipal !== undefined
        ? { principals: { negated: s.NotPrincipal !== undefined, entries: readPrincipals(s.NotPrincipal ?? s.Principal, options) } }
        : {}),
      conditions: readConditions(s.Condition),
    });
  }
}

function readEffect(v: Value | undefined): Maybe<'allow' | 'deny'> {
  const text = readString(v);
  if (text === undefined) return new Unknown('absent');
  if (isUnknown(text)) return text;
  if (/^allow$/i.test(text.trim())) return 'allow';
  if (/^deny$/i.test(text.trim())) return 'deny';
  return new Unknown(`'${text}', which is neither Allow nor Deny`);
}

/**
 * A list of values (`Action`, `Resource`, condition values): a string or a list, each item
 * possibly `Fn::If` (every branch counts) or known only at deploy.
 *
 * @example
 * readList(['s3:GetObject', new Choice(['s3:PutObject', NO_VALUE])], false).values.map((v) => v.text)
 * // ['s3:GetObject', 's3:PutObject']
 */
export function readList(v: Value | undefined, negated: boolean): PolicyList {
  return { negated, values: listValues(v) };
}

function listValues(v: Value | undefined): PolicyValue[] {
  const values: PolicyValue[] = [];
  collectListValues(v, values);
  return values;
}

/** `listValues` into one list, without a list per item. */
function collectListValues(v: Value | undefined, out: PolicyValue[]): void {
  const alts = possibleValues(v);
  for (let a = 0; a < alts.length; a++) {
    const alt = alts[a];
    if (alt === undefined) continue;
    if (Array.isArray(alt)) {
      for (let i = 0; i < alt.length; i++) {
        const xs = possibleValues(alt[i] as Value);
        for (let k = 0; k < xs.length; k++) if (xs[k] !== undefined) collectListValues(xs[k], out);
      }
    } else {
      out.push(toPolicyValue(alt));
    }
  }
}

/**
 * A resolved value as a policy value: unknown parts become `*` in the loose reading (a value a
 * deployer chooses may be anything) unless they name one specific thing (a resource of the
 * template, the stack's account, region or partition).
 *
 * @example
 * toPolicyValue(resolver.resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' })).text
 * // 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess'
 */
export function toPolicyValue(v: Value): PolicyValue {
  if (typeof v === 'string') return policyValue(v);
  if (typeof v === 'number' || typeof v === 'boolean') return policyValue(String(v));
  if (v instanceof PartialString) {
    const pieces = v.parts.map((p) => (typeof p === 'string' ? { text: p, loose: p, strict: p } : unknownPiece(p)));
    return {
      text: pieces.map((p) => p.text).join(''),
      loose: pieces.map((p) => p.loose).join(''),
      strict: pieces.map((p) => p.strict).join(''),
      known: false,
    };
  }
  if (v instanceof Unknown) return { ...unknownPiece(v), known: false };
  if (v instanceof Choice) return { text: 'one of several Fn::If branches', loose: '*', strict: UNKNOWN_PART, known: false };
  return { text: JSON.stringify(v), loose: UNKNOWN_PART, strict: UNKNOWN_PART, known: false };
}

function unknownPiece(u: Unknown): { text: string; loose: string; strict: string } {
  const text = u instanceof Reference
    ? `\${${u.logicalId}${u.attribute !== undefined ? `.${u.attribute}` : ''}}`
    : `\${${pseudoParameter(u) ?? parameterOf(u) ?? u.reason}}`;
  return { text, loose: isSpecific(u) ? UNKNOWN_PART : '*', strict: UNKNOWN_PART };
}

function readPrincipals(v: Value | undefined, options: ReadOptions): PolicyPrincipal[] {
  const entries: PolicyPrincipal[] = [];
  for (const alt of possibleValues(v)) {
    if (alt === undefined) continue;
    if (isObject(alt)) {
      for (const [type, value] of Object.entries(alt)) {
        for (const item of listItems(value)) {
          const pv = toPolicyValue(item);
          const provider = type === 'Federated' ? webIdentityProvider(item, pv, options) : undefined;
          entries.push(principal(type, pv, `${type}: ${pv.text}`, provider));
        }
      }
    } else {
      for (const pv of listValues(alt)) entries.push(principal('*', pv, pv.text, undefined));
    }
  }
  return entries;
}

/** The items of a value that may be a list, every Fn::If branch, AWS::NoValue left out. */
function listItems(v: Value | undefined): Value[] {
  const items: Value[] = [];
  for (const alt of possibleValues(v)) {
    if (alt === undefined) continue;
    if (Array.isArray(alt)) {
      for (const item of alt) for (const x of possibleValues(item)) if (x !== undefined) items.push(...listItems(x));
    } else {
      items.push(alt);
    }
  }
  return items;
}

function principal(type: string, v: PolicyValue, text: string, provider: string | undefined): PolicyPrincipal {
  const base = provider !== undefined ? { provider } : {};
  if (v.strict.trim() === '*') return { kind: 'any', type, text, ...base };
  if (!v.known && v.loose.trim() === '*') return { kind: 'unknown', type, text, ...base };
  return { kind: 'named', type, text, ...base };
}

/**
 * The OIDC provider host of a `Federated` principal: from an `oidc-provider/` ARN, a
 * well-known provider name (`cognito-identity.amazonaws.com`), or an OIDC provider of the
 * template. SAML providers are left out: their assertions come from the organization's IdP.
 */
function webIdentityProvider(item: Value, pv: PolicyValue, options: ReadOptions): string | undefined {
  if (item instanceof Reference) {
    const url = options.oidcProviderUrl?.(item);
    return url !== undefined ? url.replace(/^https:\/\//, '').replace(/\/+$/, '') : undefined;
  }
  const arn = /:oidc-provider\/([^\s]+)$/.exec(pv.strict);
  if (arn && !arn[1].includes(UNKNOWN_PART)) return arn[1];
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(pv.strict)) return pv.strict;
  return undefined;
}

function readConditions(v: Value | undefined): Maybe<PolicyCondition[]> {
  if (v === undefined) return [];
  if (v instanceof Unknown) return v;
  if (!isObject(v)) return new Unknown(v instanceof Choice ? 'a Condition chosen by Fn::If' : 'not a condition block');
  const out: PolicyCondition[] = [];
  for (const [operator, block] of Object.entries(v)) {
    if (block instanceof Unknown) return block;
    if (!isObject(block)) return new Unknown(block instanceof Choice ? `a ${operator} block chosen by Fn::If` : `a ${operator} block that is not a mapping`);
    for (const [key, values] of Object.entries(block)) out.push({ operator, key, values: listValues(values) });
  }
  return out;
}
