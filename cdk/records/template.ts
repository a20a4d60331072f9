/**
 * The CloudFormation template model, validated at the edge: after `toTemplate`, the rest of the
 * code may rely on the shapes below instead of probing untyped JSON.
 */
import { InputError } from '../../constructs/errors';

/** A template parameter (only the fields that decide what `Ref` to it can be). */
export interface CfnParameter {
  /** `String`, `Number`, `CommaDelimitedList`, `List<...>`, `AWS::SSM::Parameter::Value<...>`, ... */
  readonly Type?: string;
  readonly Default?: unknown;
  readonly AllowedValues?: readonly unknown[];
  /** `true` or `"true"`: the value is masked, so it is treated as a secret. */
  readonly NoEcho?: boolean | string;
  readonly Description?: string;
}

/** A resource: its type, its raw (unresolved) properties and its resource attributes. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly Condition?: string;
  readonly DependsOn?: string | readonly string[];
  readonly UpdatePolicy?: unknown;
  readonly CreationPolicy?: unknown;
  /** Usually `Delete`, `Retain`, `RetainExceptOnCreate` or `Snapshot`; may be an intrinsic. */
  readonly DeletionPolicy?: unknown;
  readonly UpdateReplacePolicy?: unknown;
}

/** A template output. */
export interface CfnOutput {
  readonly Value: unknown;
  readonly Description?: unknown;
  readonly Export?: unknown;
  readonly Condition?: string;
}

/** A CloudFormation template. Sections other than `Resources` are optional. */
export interface CfnTemplate {
  readonly AWSTemplateFormatVersion?: string;
  readonly Description?: unknown;
  readonly Transform?: unknown;
  readonly Metadata?: Record<string, unknown>;
  readonly Parameters?: Record<string, CfnParameter>;
  /** Map name → top-level key → second-level key → literal value. */
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly Conditions?: Record<string, unknown>;
  readonly Rules?: Record<string, unknown>;
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, CfnOutput>;
}

/** Options of `toTemplate`. */
export interface ToTemplateOptions {
  /**
   * Accept a document without a `Resources` section as a template with no resources. A CDK
   * stack with no resources is synthesized that way; a loose file without one is not a template.
   * @default false
   */
  readonly allowMissingResources?: boolean;
}

/**
 * Validates a parsed document as a CloudFormation template.
 *
 * @param doc the parsed JSON or YAML document
 * @param file the file it came from, for the error
 * @throws InputError when the document is not a template, with a one-line problem
 *
 * @example
 * const template = toTemplate(JSON.parse(text), 'web.template.json');
 * template.Resources.WebSG.Type // 'AWS::EC2::SecurityGroup'
 */
export function toTemplate(doc: unknown, file: string, options: ToTemplateOptions = {}): CfnTemplate {
  const fail = (problem: string): never => {
    throw new InputError(file, `not a CloudFormation template: ${problem}`);
  };
  if (!isRecord(doc)) return fail(`expected a mapping at the top level, found ${describe(doc)}`);

  if (!('Resources' in doc) || doc.Resources === undefined || doc.Resources === null) {
    if (!options.allowMissingResources) return fail('no Resources section');
  } else if (!isRecord(doc.Resources)) {
    return fail(`Resources must be a mapping of logical ids to resources, found ${describe(doc.Resources)}`);
  }
  const resources = isRecord(doc.Resources) ? doc.Resources : {};
  for (const [id, resource] of Object.entries(resources)) checkResource(id, resource, fail);

  for (const section of ['Parameters', 'Mappings', 'Conditions', 'Outputs', 'Metadata', 'Rules'] as const) {
    const value = doc[section];
    if (value !== undefined && value !== null && !isRecord(value)) fail(`${section} must be a mapping, found ${describe(value)}`);
  }
  if (isRecord(doc.Parameters)) {
    for (const [name, param] of Object.entries(doc.Parameters)) {
      if (!isRecord(param)) fail(`parameter '${name}' must be a mapping, found ${describe(param)}`);
      else if (param.Type !== undefined && typeof param.Type !== 'string') fail(`parameter '${name}': Type must be a string, found ${describe(param.Type)}`);
      else if (param.AllowedValues !== undefined && !Array.isArray(param.AllowedValues)) {
        fail(`parameter '${name}': AllowedValues must be a list, found ${describe(param.AllowedValues)}`);
      }
    }
  }
  if (isRecord(doc.Mappings)) {
    for (const [name, map] of Object.entries(doc.Mappings)) {
      if (!isRecord(map)) fail(`mapping '${name}' must be a mapping of keys, found ${describe(map)}`);
      else {
        for (const [key, second] of Object.entries(map)) {
          if (!isRecord(second)) fail(`mapping '${name}', key '${key}' must be a mapping, found ${describe(second)}`);
        }
      }
    }
  }
  // The checks above narrowed every section this interface types.
  return (isRecord(doc.Resources) ? doc : { ...doc, Resources: {} }) as unknown as CfnTemplate;
}

function checkResource(id: string, resource: unknown, fail: (problem: string) => never): void {
  if (!isRecord(resource)) fail(`resource '${id}' must be a mapping, found ${describe(resource)}`);
  const r = resource as Record<string, unknown>;
  if (r.Type === undefined) fail(`resource '${id}' has no Type`);
  if (typeof r.Type !== 'string' || r.Type === '') fail(`resource '${id}': Type must be a non-empty string, found ${describe(r.Type)}`);
  for (const key of ['Properties', 'Metadata'] as const) {
    if (r[key] !== undefined && r[key] !== null && !isRecord(r[key])) fail(`resource '${id}': ${key} must be a mapping, found ${describe(r[key])}`);
  }
  if (r.Condition !== undefined && typeof r.Condition !== 'string') fail(`resource '${id}': Condition must be a condition name, found ${describe(r.Condition)}`);
  const dependsOn = r.DependsOn;
  if (dependsOn !== undefined && typeof dependsOn !== 'string' && !(Array.isArray(dependsOn) && dependsOn.every((d) => typeof d === 'string'))) {
    fail(`resource '${id}': DependsOn must be a logical id or a list of them`);
  }
}

/**
 * Whether a parsed document looks like a CloudFormation template, to tell templates from other
 * JSON (a Pulumi stack export) before validating it.
 *
 * @example
 * looksLikeTemplate({ Resources: { Web: { Type: 'AWS::EC2::SecurityGroup' } } }) // true
 * looksLikeTemplate({ version: 3, deployment: { resources: [] } }) // false
 */
export function looksLikeTemplate(doc: unknown): boolean {
  if (!isRecord(doc)) return false;
  if (typeof doc.AWSTemplateFormatVersion === 'string') return true;
  if (!isRecord(doc.Resources)) return false;
  return Object.values(doc.Resources).every((r) => isRecord(r) && typeof r.Type === 'string');
}

/**
 * Whether a value is a JSON object (not null, not a list).
 *
 * @example
 * isRecord({ a: 1 }) // true
 * isRecord([1]) // false
 */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What a value is, for error messages: "a list", "the number 3". */
function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string '${v.length > 40 ? `${v.slice(0, 37)}...` : v}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return `the ${typeof v} ${String(v)}`;
  return `a ${typeof v}`;
}
