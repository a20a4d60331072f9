/**
 * CloudFormation -> values that may be plaintext secrets (AUTH-3), anywhere in a template:
 * every resource property (passwords, environment variables of functions, containers, build
 * projects and jobs, user data, inline code, SSM parameters, tags), parameter defaults, mapping
 * entries and outputs. Only values that may matter become facts: those under a secret-like name,
 * those with a credential shape or a secret assignment inside, and secrets of other resources.
 */
import type { StoredValue, StoredValueEntry, StoredValuesFact } from '../../constructs/facts/auth';
import type { ResourceRef } from '../../constructs/finding';
import type { RequirementId } from '../../constructs/requirements';
import { findSecretAssignments, findSecretShapes, isSecretName } from '../../constructs/secrets';
import { Unknown } from '../../constructs/unknown';
import type { TemplateContext } from './context';
import { isObject, readString } from './read';
import { alternatives } from './resolver';
import { isSpecific, parameterOf, safeReason } from './unknowns';
import { Choice, NO_VALUE, PartialString, Reference, SecretReference, Value } from './values';

/**
 * The resource types where secrets are most often written, for the requirements page. Every
 * resource of a template is read, whatever its type.
 */
export const PLAINTEXT_BINDINGS: Readonly<Record<string, readonly RequirementId[]>> = Object.fromEntries(
  [
    'AWS::Lambda::Function', 'AWS::Serverless::Function', 'AWS::ECS::TaskDefinition', 'AWS::CodeBuild::Project',
    'AWS::Batch::JobDefinition', 'AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration',
    'AWS::SSM::Parameter', 'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::Redshift::Cluster', 'AWS::DocDB::DBCluster',
    'AWS::ElastiCache::ReplicationGroup', 'AWS::SecretsManager::Secret', 'AWS::DMS::Endpoint', 'AWS::AmazonMQ::Broker',
    'AWS::OpenSearchService::Domain', 'AWS::AppRunner::Service', 'AWS::Events::Connection',
  ].map((t): [string, readonly RequirementId[]] => [t, ['AUTH-3']]),
);

/**
 * Every AUTH-3 fact of a template: one per resource, parameter, mapping or output that holds a
 * value worth judging.
 *
 * @example
 * plaintextFacts(new TemplateContext(template)).map((f) => f.label) // ["Function 'Api'"]
 */
export function plaintextFacts(ctx: TemplateContext): StoredValuesFact[] {
  const out: StoredValuesFact[] = [];
  const push = (subject: ResourceRef, label: string, values: StoredValueEntry[]): void => {
    if (values.length > 0) out.push({ kind: 'stored-values', subject, label, values });
  };
  for (const id of ctx.logicalIds()) {
    // CDK's own metadata: a compressed list of constructs, no secrets, and noise to the shapes.
    if (ctx.typeOf(id) === 'AWS::CDK::Metadata') continue;
    const raw = ctx.resource(id)?.Properties;
    const walker = new Walker(ctx, ctx.typeOf(id) === 'AWS::SSM::Parameter' ? ssmParameterName(ctx, id) : undefined);
    walker.walk(ctx.properties(id), raw, '', undefined);
    // Most resources hold nothing worth judging: their pointer and label are not built.
    if (walker.entries.length > 0) push(ctx.ref(id), ctx.label(id), walker.entries);
  }
  for (const [name, p] of Object.entries(ctx.template.Parameters ?? {})) {
    const walker = new Walker(ctx);
    if (p.Default !== undefined) walker.walk(plain(p.Default), undefined, 'Default', name);
    // A list of allowed values is a choice of settings, not of secrets: only credential shapes count.
    for (const v of Array.isArray(p.AllowedValues) ? p.AllowedValues : []) walker.walk(plain(v), undefined, 'AllowedValues', undefined);
    push(sectionRef(ctx, 'Parameter', name), `Parameter '${name}'`, walker.entries);
  }
  for (const [name, map] of Object.entries(ctx.template.Mappings ?? {})) {
    const walker = new Walker(ctx);
    walker.walk(plain(map), undefined, '', undefined);
    push(sectionRef(ctx, 'Mapping', name), `Mapping '${name}'`, walker.entries);
  }
  for (const [name, o] of Object.entries(ctx.template.Outputs ?? {})) {
    const walker = new Walker(ctx, undefined, true);
    walker.walk(ctx.resolver.resolve(o?.Value), o?.Value, 'Value', name);
    push(sectionRef(ctx, 'Output', name), `Output '${name}'`, walker.entries);
  }
  return out;
}

/** Keys whose list items are `{ Name, Value }` or `{ Key, Value }` pairs: the name names the value. */
const PAIR_NAMES = ['Name', 'Key', 'name', 'key'];
/** CodeBuild variables of these types hold where the secret is, not the secret. */
const POINTER_TYPES = /^(PARAMETER_STORE|SECRETS_MANAGER)$/;

/** Walks one resolved value beside its raw template form, collecting the entries worth judging. */
class Walker {
  readonly entries: StoredValueEntry[] = [];

  constructor(
    private readonly ctx: TemplateContext,
    /** For `AWS::SSM::Parameter`: the parameter's name names its `Value`. */
    private readonly valueName?: string,
    /** Outputs show even `NoEcho` values in plain text. */
    private readonly isOutput = false,
  ) {}

  /**
   * The path being walked, as display pieces (`Environment`, `.`, `Variables`, `[`, 0, `]`), each
   * pushed as it is (no string built per key) and joined only for an entry.
   */
  private readonly path: Array<string | number> = [];

  /**
   * Walks a value found at `where` (the start of the path), named `name`.
   *
   * @example
   * walker.walk(ctx.properties('Fn'), ctx.resource('Fn')?.Properties, '', undefined)
   */
  walk(v: Value | undefined, raw: unknown, where: string, name: string | undefined): void {
    this.path.length = 0;
    if (where !== '') this.path.push(where);
    this.visit(v, raw, name);
  }

  private visit(v: Value | undefined, raw: unknown, name: string | undefined): void {
    if (v === undefined || v === NO_VALUE) return;
    if (v instanceof Choice) {
      for (const option of alternatives(v)) this.visit(option, undefined, name);
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) this.item(v[i] as Value, Array.isArray(raw) ? raw[i] : undefined, i, name);
      return;
    }
    if (isObject(v)) {
      const top = this.path.length === 0;
      const mark = this.path.length;
      for (const key of Object.keys(v)) {
        const childName = top && key === 'Value' && this.valueName !== undefined ? this.valueName : key;
        if (top) this.path.push(key);
        else this.path.push('.', key);
        this.visit(v[key], isRecord(raw) ? raw[key] : undefined, childName);
        this.path.length = mark;
      }
      return;
    }
    const value = this.stored(v, raw, name);
    if (value) this.entries.push({ where: this.path.join(''), ...(name !== undefined ? { name } : {}), value });
  }

  /** A list item: a `{ Name, Value }` pair is named by its name. */
  private item(item: Value, raw: unknown, index: number, name: string | undefined): void {
    if (isObject(item) && item.Value !== undefined) {
      const pairKey = PAIR_NAMES.find((k) => typeof item[k] === 'string');
      if (pairKey !== undefined) {
        const pairName = item[pairKey] as string;
        if (typeof item.Type === 'string' && POINTER_TYPES.test(item.Type)) return;
        const mark = this.path.length;
        this.path.push('[', pairName, ']');
        this.visit(item.Value, isRecord(raw) ? raw.Value : undefined, pairName);
        this.path.length = mark;
        for (const key of Object.keys(item)) {
          if (key === 'Value' || key === pairKey) continue;
          this.path.push('[', index, '].', key);
          this.visit(item[key], isRecord(raw) ? raw[key] : undefined, key);
          this.path.length = mark;
        }
        return;
      }
    }
    const mark = this.path.length;
    this.path.push('[', index, ']');
    this.visit(item, raw, name);
    this.path.length = mark;
  }

  /** What a leaf holds, or undefined when it is not worth a fact. */
  private stored(v: Value, raw: unknown, name: string | undefined): StoredValue | undefined {
    const named = name !== undefined && isSecretName(name);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      // User data written already encoded (no Fn::Base64) is read decoded.
      const text = name === 'UserData' && typeof v === 'string' ? decodeBase64Text(v) ?? v : String(v);
      if (!named && !mayHoldSecret(text)) return undefined;
      const via = this.via(raw);
      return { kind: 'text', text, ...(via !== undefined ? { via } : {}) };
    }
    if (v instanceof PartialString) {
      const known = v.parts.filter((p): p is string => typeof p === 'string');
      const fromSecretStore = v.parts.some((p) => p instanceof SecretReference);
      if (this.isOutput && fromSecretStore) return { kind: 'exposed-secret', what: 'a value from a secret store' };
      if (!named && !known.some(mayHoldSecret)) return undefined;
      const fromUnknown = v.parts.some((p) => p instanceof Unknown && !(p instanceof SecretReference) && !isSpecific(p));
      return { kind: 'partial', known, fromSecretStore, fromUnknown };
    }
    if (v instanceof SecretReference) {
      // Outputs are shown in plain text, NoEcho or not.
      return this.isOutput ? { kind: 'exposed-secret', what: v.text.startsWith('parameter') ? `${v.text.replace(' (NoEcho)', '')}, which is NoEcho,` : 'a value from a secret store' } : undefined;
    }
    if (v instanceof Reference) {
      if (v.resourceType === 'AWS::IAM::AccessKey' && v.attribute === 'SecretAccessKey') {
        return { kind: 'exposed-secret', what: `the secret access key of ${this.ctx.label(v.logicalId)}` };
      }
      return named ? { kind: 'resource-id', what: v.reason } : undefined;
    }
    if (v instanceof Unknown) {
      if (!named) return undefined;
      const parameter = parameterOf(v) ?? refParameter(raw);
      if (parameter !== undefined && !isNoEcho(this.ctx, parameter)) return { kind: 'plain-parameter', parameter };
      return { kind: 'unknown', reason: safeReason(v) };
    }
    return undefined;
  }

  /** `the default of parameter 'X'` when the raw value is a `Ref` to a parameter. */
  private via(raw: unknown): string | undefined {
    const parameter = refParameter(raw);
    if (parameter === undefined) return undefined;
    const p = this.ctx.template.Parameters?.[parameter];
    if (!p) return undefined;
    return Array.isArray(p.AllowedValues) && p.AllowedValues.length > 0 ? `an allowed value of parameter '${parameter}'` : `the default of parameter '${parameter}'`;
  }
}

/**
 * The text a base64 string encodes, when it is base64 of printable UTF-8 text; else undefined.
 *
 * @example
 * decodeBase64Text('IyEvYmluL2Jhc2gK') // '#!/bin/bash\n'
 */
export function decodeBase64Text(v: string): string | undefined {
  // A character base64 never has (a script's '-', '.', '#') settles it without copying the text.
  if (/[^A-Za-z0-9+/=\s]/.test(v)) return undefined;
  const compact = v.replace(/\s+/g, '');
  if (compact.length < 8 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const text = Buffer.from(compact, 'base64').toString('utf8');
  // Text, not binary (gzip-compressed user data stays unread): no replacement characters or controls.
  return /[\uFFFD\u0000-\u0008\u000E-\u001F]/.test(text) ? undefined : text;
}

/** Whether a text has a credential shape or a secret assignment inside. */
function mayHoldSecret(text: string): boolean {
  return findSecretShapes(text).length > 0 || findSecretAssignments(text).length > 0;
}

function refParameter(raw: unknown): string | undefined {
  if (!isRecord(raw)) return undefined;
  const keys = Object.keys(raw);
  return keys.length === 1 && keys[0] === 'Ref' && typeof raw.Ref === 'string' ? raw.Ref : undefined;
}

function isNoEcho(ctx: TemplateContext, parameter: string): boolean {
  const p = ctx.template.Parameters?.[parameter];
  if (!p) return false;
  return p.NoEcho === true || (typeof p.NoEcho === 'string' && p.NoEcho.toLowerCase() === 'true');
}

/** The name of an SSM parameter (its last path segment), else its logical id without a `Param` suffix. */
function ssmParameterName(ctx: TemplateContext, id: string): string {
  const name = readString(ctx.properties(id).Name);
  if (typeof name === 'string' && name.length > 0) return name.split('/').filter(Boolean).pop() ?? name;
  return id.replace(/(Param|Parameter)[0-9A-F]{0,8}$/, '');
}

function sectionRef(ctx: TemplateContext, type: string, name: string): ResourceRef {
  return {
    type,
    logicalId: name,
    ...(ctx.source.stack !== undefined ? { stack: ctx.source.stack } : {}),
    ...(ctx.source.file !== undefined ? { file: ctx.source.file } : {}),
  };
}

/** As deep as the resolver reads values (its `maxDepth`): deeper nesting is no template value. */
const MAX_PLAIN_DEPTH = 200;

/** Plain template JSON (a parameter default, a mapping) as a value; bounded, so hostile nesting cannot overflow the stack. */
function plain(v: unknown, depth = 0): Value {
  if (depth > MAX_PLAIN_DEPTH) return new Unknown(`a value nested more than ${MAX_PLAIN_DEPTH} levels deep`);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  if (Array.isArray(v)) return v.map((x: unknown) => plain(x, depth + 1));
  if (isRecord(v)) {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: plain(x, depth + 1), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return new Unknown('not a template value');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
