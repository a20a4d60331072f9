/**
 * Intrinsic function resolution: what a template value will be once deployed, as far as the
 * template says. What it does not say becomes an `Unknown` (or one of its kinds), never a guess.
 */
import { Unknown } from '../../constructs/unknown';
import type { CfnParameter, CfnResource, CfnTemplate } from './template';
import { Choice, ImportedValue, NO_VALUE, PartialString, PseudoParameter, Reference, SecretReference, Value, ValueObject } from './values';

/** Limits that keep resolution bounded on hostile or generated templates. */
export interface ResolverOptions {
  /**
   * Deepest nesting of values and intrinsics followed, across `Fn::GetAtt` hops.
   * Deeper values resolve to `Unknown('too deeply nested ...')`.
   * @default 200
   */
  readonly maxDepth?: number;
  /**
   * Most combinations of alternatives (`Fn::If` branches, allowed values, mapping entries) one
   * function expands before giving up with `Unknown('too many alternatives ...')`.
   * @default 64
   */
  readonly maxAlternatives?: number;
}

/** Pseudo parameters whose value depends on where and how the stack is deployed. */
const PSEUDO_PARAMETERS: ReadonlySet<string> = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** Functions of the Conditions and Rules sections: meaningless as property values. */
const CONDITION_FUNCTIONS: ReadonlySet<string> = new Set([
  'Fn::And', 'Fn::Equals', 'Fn::Not', 'Fn::Or', 'Fn::Contains', 'Fn::EachMemberEquals', 'Fn::EachMemberIn', 'Fn::RefAll', 'Fn::ValueOf', 'Fn::ValueOfAll',
]);

const DYNAMIC_REFERENCE = '{{resolve:';
const EMPTY: ValueObject = Object.freeze({});

/**
 * Every value a resolved value may take: the options of a top-level `Choice`, nested choices
 * flattened, in order. A value that is not a choice is its only alternative.
 *
 * @example
 * alternatives(new Choice(['a', new Choice(['b', NO_VALUE])])) // ['a', 'b', NO_VALUE]
 * alternatives('a') // ['a']
 */
export function alternatives(v: Value): Value[] {
  if (!(v instanceof Choice)) return [v];
  const out: Value[] = [];
  // Iterative, so a choice nested however deep cannot overflow the stack.
  const stack: Value[] = [v];
  while (stack.length > 0) {
    const x = stack.pop() as Value;
    if (x instanceof Choice) for (let i = x.options.length - 1; i >= 0; i--) stack.push(x.options[i]);
    else out.push(x);
  }
  return out;
}

/**
 * Whether a resolved value is fully known: no `Unknown` and no `AWS::NoValue` anywhere inside
 * (a `Choice` of known values is known: each option is).
 *
 * @example
 * isLiteral({ CidrBlock: '10.0.0.0/16' }) // true
 * isLiteral(['a', new Reference('Vpc', 'AWS::EC2::VPC')]) // false
 */
export function isLiteral(v: Value): boolean {
  if (v === NO_VALUE || v instanceof Unknown) return false;
  if (v instanceof Choice) return v.options.every(isLiteral);
  if (Array.isArray(v)) return v.every(isLiteral);
  if (v !== null && typeof v === 'object') return Object.values(v as ValueObject).every(isLiteral);
  return true;
}

/** Plain JSON: known, and without choices (what `Fn::ToJsonString` can render). */
function isPlainJson(v: Value): boolean {
  if (v === NO_VALUE || v instanceof Unknown || v instanceof Choice) return false;
  if (Array.isArray(v)) return v.every(isPlainJson);
  if (v !== null && typeof v === 'object') return Object.values(v as ValueObject).every(isPlainJson);
  return true;
}

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sets an own property, even `__proto__`, without touching the prototype. */
function setOwn(o: Record<string, Value>, key: string, value: Value): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/** A copy without the properties that resolved to `AWS::NoValue` (they are not set). */
function withoutAbsent(o: Record<string, Value>): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const k of Object.keys(o)) if (o[k] !== NO_VALUE) setOwn(out, k, o[k]);
  return out;
}

function isIntrinsic(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}

/** A string piece of a resolved value for string building, or undefined when it is not text. */
function textParts(v: Value): ReadonlyArray<string | Unknown> | undefined {
  if (typeof v === 'string') return [v];
  if (typeof v === 'number' || typeof v === 'boolean') return [String(v)];
  if (v instanceof PartialString) return v.parts;
  if (v instanceof Unknown) return [v];
  return undefined;
}

/** A short rendering of a value for reasons. */
function show(v: Value): string {
  if (v instanceof Unknown) return v.reason;
  if (v instanceof Choice) return 'one of several values';
  if (v === NO_VALUE) return 'AWS::NoValue';
  const text = JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Resolves the intrinsic functions of one template. Each resource's properties are resolved at
 * most once, so checks over a template of thousands of resources stay linear.
 *
 * Semantics follow CloudFormation: `Ref` to a parameter is its default (or any allowed value,
 * as a `Choice`), `Fn::If` is a `Choice` of both branches (conditions are not evaluated: every
 * branch must comply), and what is decided only at deploy is an `Unknown`.
 *
 * @example
 * const resolver = new TemplateResolver(template);
 * resolver.properties('WebSG').SecurityGroupIngress
 * // [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }]
 * resolver.resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::logs' })
 * // PartialString ['arn:', Unknown('AWS::Partition ...'), ':s3:::logs']
 */
export class TemplateResolver {
  private readonly maxDepth: number;
  private readonly maxAlternatives: number;
  private readonly resources: ReadonlyMap<string, CfnResource>;
  private readonly parameters: ReadonlyMap<string, CfnParameter>;
  private readonly mappings: Record<string, unknown>;
  private readonly resolved = new Map<string, ValueObject>();
  private readonly opaque = new Map<string, Unknown>();
  /** Resources whose properties are being resolved, in order, to name a cycle. */
  private readonly resolving: string[] = [];
  private readonly resolvingSet = new Set<string>();
  /** Resources found in a `Fn::GetAtt` cycle, with the cycle. */
  private readonly cycles = new Map<string, string>();

  constructor(template: CfnTemplate, options: ResolverOptions = {}) {
    this.maxDepth = options.maxDepth ?? 200;
    this.maxAlternatives = options.maxAlternatives ?? 64;
    this.resources = new Map(Object.entries(template.Resources ?? {}));
    this.parameters = new Map(Object.entries(template.Parameters ?? {}).filter(([, p]) => isRecord(p)));
    this.mappings = isRecord(template.Mappings) ? template.Mappings : {};
  }

  /**
   * Resolves any template value (a property, a resource attribute such as `UpdatePolicy`, an
   * output). Not memoized: use `properties` for resource properties.
   *
   * @example
   * resolver.resolve({ 'Fn::Join': ['', ['10.0.', '0.0/16']] }) // '10.0.0.0/16'
   * resolver.resolve({ 'Fn::If': ['IsProd', 'm5.large', { Ref: 'AWS::NoValue' }] }) // Choice(['m5.large', NO_VALUE])
   */
  resolve(node: unknown): Value {
    return this.value(node, 0);
  }

  /**
   * The resolved `Properties` of a resource, memoized. Properties that resolve to
   * `AWS::NoValue` are absent. Empty for a resource without properties or not in the template,
   * and for one whose whole `Properties` is an intrinsic (see `propertiesUnknown`).
   *
   * @example
   * resolver.properties('Vpc') // { CidrBlock: '10.0.0.0/16', EnableDnsSupport: true }
   */
  properties(logicalId: string): ValueObject {
    return this.propertiesAt(logicalId, 0);
  }

  /**
   * Why a resource's properties cannot be read at all, when its whole `Properties` block is an
   * intrinsic (an `AWS::Include` `Fn::Transform`, an `Fn::If` between two blocks); undefined
   * otherwise. Callers should then report the resource as unknown rather than read `{}`.
   *
   * @example
   * resolver.propertiesUnknown('Included') // Unknown('Fn::Transform ...')
   */
  propertiesUnknown(logicalId: string): Unknown | undefined {
    this.properties(logicalId);
    return this.opaque.get(logicalId);
  }

  /**
   * The raw resource, or undefined when the logical id is not in the template.
   *
   * @example
   * resolver.resource('WebSG')?.Type // 'AWS::EC2::SecurityGroup'
   */
  resource(logicalId: string): CfnResource | undefined {
    return this.resources.get(logicalId);
  }

  private propertiesAt(logicalId: string, depth: number): ValueObject {
    const done = this.resolved.get(logicalId);
    if (done) return done;
    const raw = this.resources.get(logicalId)?.Properties;
    if (raw === undefined || raw === null) return EMPTY;
    this.resolving.push(logicalId);
    this.resolvingSet.add(logicalId);
    let v: Value;
    try {
      v = this.value(raw, depth + 1);
    } finally {
      this.resolving.pop();
      this.resolvingSet.delete(logicalId);
    }
    let result: ValueObject = EMPTY;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Unknown) && !(v instanceof Choice)) {
      result = v as ValueObject;
    } else {
      this.opaque.set(logicalId, v instanceof Unknown ? v : new Unknown(`the Properties of '${logicalId}' are ${show(v)}`));
    }
    this.resolved.set(logicalId, result);
    return result;
  }

  private value(node: unknown, depth: number): Value {
    if (depth > this.maxDepth) return new Unknown(`value too deeply nested (more than ${this.maxDepth} levels)`);
    if (node === undefined) return NO_VALUE;
    if (node === null || typeof node === 'number' || typeof node === 'boolean') return node;
    if (typeof node === 'string') return node.includes(DYNAMIC_REFERENCE) ? this.text([node]) : node;
    // A list or mapping whose items all resolve to themselves (plain JSON, as most of a template
    // is) is returned as it is: copied only from its first item that resolves to something else.
    if (Array.isArray(node)) {
      let out: Value[] | undefined;
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        const v = this.value(item, depth + 1);
        if (out === undefined && v !== item) out = node.slice(0, i) as Value[];
        if (out !== undefined && v !== NO_VALUE) out.push(v);
      }
      return out ?? (node as Value[]);
    }
    if (isRecord(node)) {
      // for...in walks the keys without listing them; own keys only, as Object.keys.
      let only: string | undefined;
      let count = 0;
      for (const k in node) {
        if (!hasOwn(node, k)) continue;
        if (++count > 1) break;
        only = k;
      }
      if (count === 1 && isIntrinsic(only as string)) return this.intrinsic(only as string, node[only as string], depth + 1);
      // Copied (with its shape, in one step) only once an item resolves to something else.
      let out: Record<string, Value> | undefined;
      let absent = false;
      for (const k in node) {
        if (!hasOwn(node, k)) continue;
        const item = node[k];
        const v = this.value(item, depth + 1);
        if (v === item) continue;
        out ??= { ...(node as Record<string, Value>) };
        if (v === NO_VALUE) absent = true;
        setOwn(out, k, v);
      }
      if (out === undefined) return node as ValueObject;
      return absent ? withoutAbsent(out) : out;
    }
    return new Unknown(`a ${typeof node}, which is not a template value`);
  }

  private intrinsic(name: string, arg: unknown, depth: number): Value {
    switch (name) {
      case 'Ref':
        return this.ref(arg, depth);
      case 'Fn::GetAtt':
        return this.getAtt(arg, depth);
      case 'Fn::Join':
        return this.join(arg, depth);
      case 'Fn::Sub':
        return this.sub(arg, depth);
      case 'Fn::Select':
        return this.select(arg, depth);
      case 'Fn::Split':
        return this.split(arg, depth);
      case 'Fn::FindInMap':
        return this.findInMap(arg, depth);
      case 'Fn::If':
        if (!Array.isArray(arg) || arg.length !== 3) return new Unknown('Fn::If expects [condition, valueIfTrue, valueIfFalse]');
        // Conditions are not evaluated: either branch may be deployed, so both must comply.
        return new Choice([this.value(arg[1], depth), this.value(arg[2], depth)]);
      case 'Fn::Base64':
        // Checks read the text that will be decoded (user data), not its encoding.
        return this.value(arg, depth);
      case 'Fn::ToJsonString':
        return this.map(this.value(arg, depth), (v) =>
          isPlainJson(v) ? JSON.stringify(v) : new Unknown(`Fn::ToJsonString of a value not fully known (${show(v)})`),
        );
      case 'Fn::Length':
        return this.length(arg, depth);
      case 'Fn::ImportValue': {
        const v = this.value(arg, depth);
        const detail = typeof v === 'string' ? ` '${v}'` : v instanceof PartialString ? ` '${v.pattern()}'` : '';
        return new ImportedValue(typeof v === 'string' ? v : undefined, `Fn::ImportValue${detail}`);
      }
      case 'Fn::GetAZs':
      case 'Fn::Cidr':
      case 'Fn::Transform': {
        const v = name === 'Fn::Transform' ? undefined : this.value(arg, depth);
        const detail = typeof v === 'string' ? ` '${v}'` : v instanceof PartialString ? ` '${v.pattern()}'` : '';
        return new Unknown(`${name}${detail}`);
      }
      default:
        if (CONDITION_FUNCTIONS.has(name)) return new Unknown(`${name} outside a condition (conditions are not evaluated)`);
        return new Unknown(`unsupported intrinsic ${name}`);
    }
  }

  private ref(arg: unknown, depth: number): Value {
    const name = typeof arg === 'string' ? arg : this.value(arg, depth);
    if (typeof name !== 'string') return new Unknown(`Ref to ${show(name)}, which is not a name`);
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (PSEUDO_PARAMETERS.has(name)) return new PseudoParameter(name);
    const parameter = this.parameters.get(name);
    if (parameter) return this.parameterValue(name, parameter);
    const resource = this.resources.get(name);
    if (resource) return new Reference(name, resource.Type);
    return new Unknown(`Ref to '${name}', which is not in this template`);
  }

  /** What `Ref` to a parameter may be: the deployer picks the value, within what the template allows. */
  private parameterValue(name: string, p: CfnParameter): Value {
    const type = typeof p.Type === 'string' ? p.Type.trim() : 'String';
    if (type.startsWith('AWS::SSM::Parameter::Value')) {
      // The default names an SSM parameter; its value is read at deploy.
      const from = typeof p.Default === 'string' ? ` '${p.Default}'` : '';
      return new Unknown(`parameter '${name}', read from SSM parameter${from} at deploy`);
    }
    if (p.NoEcho === true || (typeof p.NoEcho === 'string' && p.NoEcho.toLowerCase() === 'true')) {
      return new SecretReference(`parameter '${name}' (NoEcho)`);
    }
    const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
    if (Array.isArray(p.AllowedValues) && p.AllowedValues.length > 0) {
      // A list parameter may hold any number of allowed values: not one we can enumerate.
      if (isList) return new Unknown(`parameter '${name}', a list of any of its allowed values`);
      return new Choice(p.AllowedValues.map((v) => this.parameterScalar(name, v)));
    }
    if (p.Default === undefined || p.Default === null) return new Unknown(`Ref to parameter '${name}' with no default`);
    if (!isList) return this.parameterScalar(name, p.Default);
    // CloudFormation splits the text on commas and trims each member.
    if (typeof p.Default === 'string') return p.Default.split(',').map((s) => s.trim());
    if (Array.isArray(p.Default)) return p.Default.map((v) => this.parameterScalar(name, v));
    return [this.parameterScalar(name, p.Default)];
  }

  /** A parameter value as CloudFormation passes it: text, even for `Number` parameters. */
  private parameterScalar(name: string, v: unknown): Value {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return new Unknown(`parameter '${name}' has a value that is not text`);
  }

  private getAtt(arg: unknown, depth: number): Value {
    let id: unknown;
    let attr: unknown;
    if (typeof arg === 'string') {
      const dot = arg.indexOf('.');
      if (dot < 0) return new Unknown(`Fn::GetAtt '${arg}' names no attribute`);
      id = arg.slice(0, dot);
      attr = arg.slice(dot + 1);
    } else if (Array.isArray(arg) && arg.length === 2) {
      [id, attr] = arg;
    } else {
      return new Unknown('Fn::GetAtt expects [logicalId, attribute]');
    }
    if (typeof id !== 'string') return new Unknown('Fn::GetAtt of a logical id that is not a literal string');
    const logicalId = id;
    // The attribute may be a Ref to a parameter.
    const attribute = typeof attr === 'string' ? attr : this.value(attr, depth);
    return this.map(attribute, (a) =>
      typeof a === 'string' ? this.attribute(logicalId, a, depth) : new Unknown(`Fn::GetAtt ${logicalId}.${show(a)}`),
    );
  }

  /**
   * An attribute of a resource: the property of the same name when it is literal (a VPC's
   * `CidrBlock`), else a reference to the attribute.
   */
  private attribute(logicalId: string, attribute: string, depth: number): Value {
    const resource = this.resources.get(logicalId);
    if (!resource) return new Unknown(`Fn::GetAtt to '${logicalId}', which is not in this template`);
    const raw = resource.Properties;
    if (isRecord(raw) && hasOwn(raw, attribute)) {
      if (this.resolvingSet.has(logicalId)) {
        const members = this.resolving.slice(this.resolving.indexOf(logicalId));
        const chain = [...members, logicalId].join(' → ');
        // Every member is cyclic: CloudFormation rejects the template, whichever is read first.
        for (const m of members) if (!this.cycles.has(m)) this.cycles.set(m, chain);
        return new Unknown(`Fn::GetAtt ${logicalId}.${attribute} is part of a reference cycle (${chain})`);
      }
      const props = this.propertiesAt(logicalId, depth);
      const cycle = this.cycles.get(logicalId);
      if (cycle !== undefined) return new Unknown(`Fn::GetAtt ${logicalId}.${attribute} is part of a reference cycle (${cycle})`);
      if (hasOwn(props, attribute)) {
        const v = props[attribute];
        if (isLiteral(v)) return v;
      }
    }
    return new Reference(logicalId, resource.Type, attribute);
  }

  private join(arg: unknown, depth: number): Value {
    if (!Array.isArray(arg) || arg.length !== 2) return new Unknown('Fn::Join expects [delimiter, list]');
    const delimiter = this.value(arg[0], depth);
    const list = this.value(arg[1], depth);
    return this.combine([delimiter, list], ([d, l]) => {
      if (typeof d !== 'string') return new Unknown(`Fn::Join with delimiter ${show(d)}`);
      if (l instanceof Unknown) return new Unknown(`Fn::Join over ${l.reason}`);
      if (!Array.isArray(l)) return new Unknown(`Fn::Join over ${show(l)}, which is not a list`);
      return this.combine(l, (items) => {
        const parts: Array<string | Unknown> = [];
        let first = true;
        for (const item of items) {
          if (item === NO_VALUE) continue;
          const text = textParts(item);
          if (!text) return new Unknown(`Fn::Join of ${show(item)}, which is not text`);
          if (!first) parts.push(d);
          parts.push(...text);
          first = false;
        }
        return this.text(parts);
      });
    });
  }

  private sub(arg: unknown, depth: number): Value {
    let template: unknown = arg;
    let variables: unknown = {};
    if (Array.isArray(arg)) {
      if (arg.length < 1 || arg.length > 2) return new Unknown('Fn::Sub expects a string or [string, variables]');
      template = arg[0];
      variables = arg[1] ?? {};
    }
    if (typeof template !== 'string') return new Unknown('Fn::Sub of a template that is not a literal string');
    if (!isRecord(variables)) return new Unknown('Fn::Sub variables must be a mapping');

    // Literal text and variable names, in order. `${!Name}` is the literal text `${Name}`.
    const segments: Array<string | { name: string }> = [];
    let literal = '';
    let i = 0;
    while (i < template.length) {
      const open = template.indexOf('${', i);
      if (open < 0) break;
      literal += template.slice(i, open);
      if (template[open + 2] === '!') {
        literal += '${';
        i = open + 3;
        continue;
      }
      const close = template.indexOf('}', open + 2);
      if (close < 0) {
        // Unclosed: plain text.
        literal += template.slice(open);
        i = template.length;
        break;
      }
      segments.push(literal, { name: template.slice(open + 2, close).trim() });
      literal = '';
      i = close + 1;
    }
    segments.push(literal + template.slice(i));

    const names = [...new Set(segments.flatMap((s) => (typeof s === 'string' ? [] : [s.name])))];
    const values = names.map((name): Value => {
      if (hasOwn(variables as object, name)) return this.value((variables as Record<string, unknown>)[name], depth);
      const dot = name.indexOf('.');
      if (dot > 0) return this.attribute(name.slice(0, dot), name.slice(dot + 1), depth);
      return this.ref(name, depth);
    });
    return this.combine(values, (chosen) => {
      const byName = new Map(names.map((n, k) => [n, chosen[k]]));
      const parts: Array<string | Unknown> = [];
      for (const s of segments) {
        if (typeof s === 'string') {
          parts.push(s);
          continue;
        }
        const v = byName.get(s.name) as Value;
        const text = textParts(v);
        if (!text) return new Unknown(`Fn::Sub variable \${${s.name}} is ${show(v)}, which is not text`);
        parts.push(...text);
      }
      return this.text(parts);
    });
  }

  private select(arg: unknown, depth: number): Value {
    if (!Array.isArray(arg) || arg.length !== 2) return new Unknown('Fn::Select expects [index, list]');
    const index = this.value(arg[0], depth);
    const list = this.value(arg[1], depth);
    return this.combine([index, list], ([i, l]) => {
      if (l instanceof Unknown) return new Unknown(`Fn::Select ${show(i)} of ${l.reason}`);
      if (!Array.isArray(l)) return new Unknown(`Fn::Select from ${show(l)}, which is not a list`);
      // An element that may be AWS::NoValue shifts the ones after it: decide those first.
      return this.combine(l, (items) => {
        const present = items.filter((x) => x !== NO_VALUE);
        if (i instanceof Unknown) {
          // Any element may be selected.
          if (present.length === 0) return new Unknown(`Fn::Select ${i.reason} of an empty list`);
          if (present.length > this.maxAlternatives) return this.tooMany();
          return present.length === 1 ? present[0] : new Choice(present);
        }
        const n = typeof i === 'number' ? i : typeof i === 'string' && /^\s*\d+\s*$/.test(i) ? Number(i) : NaN;
        if (!Number.isInteger(n) || n < 0) return new Unknown(`Fn::Select index ${show(i)} is not a non-negative integer`);
        if (n >= present.length) return new Unknown(`Fn::Select index ${n} is out of range (${present.length} items)`);
        return present[n];
      }, mayBeAbsent);
    });
  }

  private split(arg: unknown, depth: number): Value {
    if (!Array.isArray(arg) || arg.length !== 2) return new Unknown('Fn::Split expects [delimiter, string]');
    const delimiter = this.value(arg[0], depth);
    const source = this.value(arg[1], depth);
    return this.combine([delimiter, source], ([d, s]) => {
      if (typeof d !== 'string') return new Unknown(`Fn::Split with delimiter ${show(d)}`);
      if (typeof s === 'string') return s.split(d);
      // An unknown part may itself contain the delimiter: no element position is certain.
      if (s instanceof Unknown) return new Unknown(`Fn::Split of ${s.reason}`);
      return new Unknown(`Fn::Split of ${show(s)}, which is not a string`);
    });
  }

  private findInMap(arg: unknown, depth: number): Value {
    if (!Array.isArray(arg) || arg.length < 3 || arg.length > 4) {
      return new Unknown('Fn::FindInMap expects [mapName, topLevelKey, secondLevelKey]');
    }
    const keys = arg.slice(0, 3).map((k) => this.value(k, depth));
    const options: unknown = arg[3];
    const fallback = isRecord(options) && hasOwn(options, 'DefaultValue') ? this.value(options.DefaultValue, depth) : undefined;
    return this.combine(keys, ([map, top, second]) => this.lookup([map, top, second], fallback, depth));
  }

  /** A mapping entry; when a key is unknown, a `Choice` of every entry it could select. */
  private lookup(keys: readonly Value[], fallback: Value | undefined, depth: number): Value {
    const names: Array<string | Unknown> = [];
    for (const k of keys) {
      if (typeof k === 'string') names.push(k);
      else if (typeof k === 'number' || typeof k === 'boolean') names.push(String(k));
      else if (k instanceof Unknown) names.push(k);
      else return new Unknown(`Fn::FindInMap key ${show(k)} is not text`);
    }
    let level: unknown[] = [this.mappings];
    let mayMiss = false;
    for (const name of names) {
      const next: unknown[] = [];
      for (const node of level) {
        if (!isRecord(node)) continue;
        if (typeof name === 'string') {
          if (hasOwn(node, name)) next.push(node[name]);
          else mayMiss = true;
        } else {
          next.push(...Object.values(node));
          mayMiss = true;
        }
      }
      level = next;
    }
    const known = names.every((n) => typeof n === 'string');
    if (known) {
      if (level.length === 1) return this.value(level[0], depth);
      return fallback ?? new Unknown(`Fn::FindInMap [${names.join(', ')}]: no such entry`);
    }
    const found = level.map((v) => this.value(v, depth));
    // An unknown key may name no entry at all: then the default applies.
    if (mayMiss && fallback !== undefined) found.push(fallback);
    const unique = dedupe(found);
    if (unique.length === 0) return new Unknown(`Fn::FindInMap with unknown key (${names.filter((n): n is Unknown => typeof n !== 'string').map((n) => n.reason).join(', ')}) matches no entry`);
    if (unique.length > this.maxAlternatives) return this.tooMany();
    return unique.length === 1 ? unique[0] : new Choice(unique);
  }

  private length(arg: unknown, depth: number): Value {
    return this.map(this.value(arg, depth), (l) => {
      if (l instanceof Unknown) return new Unknown(`Fn::Length of ${l.reason}`);
      if (!Array.isArray(l)) return new Unknown(`Fn::Length of ${show(l)}, which is not a list`);
      return this.combine(l, (items) => items.filter((x) => x !== NO_VALUE).length, mayBeAbsent);
    });
  }

  /** `build` over each alternative of one value. */
  private map(v: Value, build: (v: Value) => Value): Value {
    return this.combine([v], ([x]) => build(x));
  }

  /**
   * `build` over every combination of the inputs' alternatives (the cartesian product), as a
   * `Choice` of the distinct results; a single result is returned as is. Inputs for which
   * `expand` is false are passed through unexpanded.
   */
  private combine(
    inputs: readonly Value[],
    build: (values: Value[]) => Value,
    expand: (v: Choice) => boolean = () => true,
  ): Value {
    // Most values are no choice: one combination, built without listing alternatives.
    if (!inputs.some((v) => v instanceof Choice && expand(v))) return build(inputs as Value[]);
    const options = inputs.map((v): Value[] => (v instanceof Choice && expand(v) ? alternatives(v) : [v]));
    let count = 1;
    for (const o of options) {
      count *= o.length;
      if (count > this.maxAlternatives) return this.tooMany();
    }
    if (count === 1) return build(options.map((o) => o[0]));
    const results: Value[] = [];
    const index = options.map(() => 0);
    for (let c = 0; c < count; c++) {
      results.push(...alternatives(build(options.map((o, k) => o[index[k]]))));
      if (results.length > this.maxAlternatives * 4) return this.tooMany();
      // Next combination, odometer style.
      for (let k = options.length - 1; k >= 0; k--) {
        if (++index[k] < options[k].length) break;
        index[k] = 0;
      }
    }
    const unique = dedupe(results);
    if (unique.length > this.maxAlternatives) return this.tooMany();
    return unique.length === 1 ? unique[0] : new Choice(unique);
  }

  private tooMany(): Unknown {
    return new Unknown(`too many alternatives (more than ${this.maxAlternatives} combinations of Fn::If branches, allowed values or mapping entries)`);
  }

  /**
   * Text built from parts: adjacent strings merged, partial strings flattened, dynamic
   * references (`{{resolve:...}}`) turned into what they stand for. A string when fully known,
   * the unknown itself when it is the only part, else a `PartialString`.
   */
  private text(parts: ReadonlyArray<string | Unknown>): Value {
    const flat = mergeStrings(parts.flatMap((p) => (p instanceof PartialString ? p.parts : [p])));
    const out = flat.some((p) => typeof p === 'string' && p.includes(DYNAMIC_REFERENCE)) ? mergeStrings(dynamicReferences(flat)) : flat;
    if (out.length === 0) return '';
    if (out.length === 1) return out[0];
    return new PartialString(out);
  }
}

/** Whether a choice has `AWS::NoValue` among its options (it may remove a list element). */
function mayBeAbsent(v: Choice): boolean {
  return alternatives(v).includes(NO_VALUE);
}

/** Distinct alternatives: equal JSON values once, in first-seen order. */
function dedupe(values: readonly Value[]): Value[] {
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const v of values) {
    const key = isPlainJson(v) ? JSON.stringify(v) : undefined;
    if (key !== undefined) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    out.push(v);
  }
  return out;
}

function mergeStrings(parts: ReadonlyArray<string | Unknown>): Array<string | Unknown> {
  const out: Array<string | Unknown> = [];
  for (const p of parts) {
    if (p === '') continue;
    const last = out.length - 1;
    if (typeof p === 'string' && last >= 0 && typeof out[last] === 'string') out[last] = (out[last] as string) + p;
    else out.push(p);
  }
  return out;
}

/**
 * Replaces each `{{resolve:service:...}}` among the parts (which may span unknown parts, as in
 * CDK's `{{resolve:secretsmanager:${Secret}:SecretString:password::}}`) by one unknown part.
 */
function dynamicReferences(parts: ReadonlyArray<string | Unknown>): Array<string | Unknown> {
  const out: Array<string | Unknown> = [];
  let open: Array<string | Unknown> | undefined;
  for (const part of parts) {
    if (typeof part !== 'string') {
      (open ?? out).push(part);
      continue;
    }
    let pos = 0;
    while (pos < part.length) {
      if (!open) {
        const start = part.indexOf(DYNAMIC_REFERENCE, pos);
        if (start < 0) {
          out.push(part.slice(pos));
          break;
        }
        out.push(part.slice(pos, start));
        open = [];
        const end = part.indexOf('}}', start + DYNAMIC_REFERENCE.length);
        if (end < 0) {
          open.push(part.slice(start));
          break;
        }
        open.push(part.slice(start, end + 2));
        out.push(dynamicReference(open));
        open = undefined;
        pos = end + 2;
      } else {
        const end = part.indexOf('}}', pos);
        if (end < 0) {
          open.push(part.slice(pos));
          break;
        }
        open.push(part.slice(pos, end + 2));
        out.push(dynamicReference(open));
        open = undefined;
        pos = end + 2;
      }
    }
  }
  // An unclosed reference is plain text.
  if (open) out.push(...open);
  return out;
}

/** What one dynamic reference stands for: a secret, or a value read at deploy. */
function dynamicReference(pieces: ReadonlyArray<string | Unknown>): Unknown {
  const text = pieces.map((p) => (typeof p === 'string' ? p : `\${${p.reason}}`)).join('');
  const head = typeof pieces[0] === 'string' ? pieces[0].slice(DYNAMIC_REFERENCE.length) : '';
  const colon = head.indexOf(':');
  const service = colon >= 0 ? head.slice(0, colon) : undefined;
  if (service === 'secretsmanager' || service === 'ssm-secure') return new SecretReference(text);
  if (service === 'ssm') return new Unknown(`SSM parameter ${text}, read at deploy`);
  return new Unknown(`dynamic reference ${text}, resolved at deploy`);
}
