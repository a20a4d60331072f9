/**
 * Every template of one run, read together: the stacks of one cloud assembly, or the templates
 * passed together to the command. App-level records use it to join across stacks (a flow log in
 * one stack writing to a bucket in another), following `Fn::ImportValue` to the export that
 * another stack's `Outputs` declare.
 */
import type { TemplateContext } from './context';
import { isRecord } from './template';
import { alternatives } from './resolver';
import { ImportedValue, NO_VALUE, PartialString, Reference, Value } from './values';
import { Unknown } from '../../constructs/unknown';

/** One resource of the app: the template it is in and its logical id. */
export interface AppResource {
  readonly ctx: TemplateContext;
  readonly logicalId: string;
}

/** What a value that names a resource points at. */
export type Target =
  | {
      readonly kind: 'resource';
      readonly resource: AppResource;
      /** The attribute of `Fn::GetAtt`, when the value is one. */
      readonly attribute?: string;
      /** Text after the name in an ARN or URL (`/flow-logs` in `arn:aws:s3:::logs/flow-logs`). */
      readonly suffix: string;
    }
  /** A literal name or ARN of nothing declared in the templates checked. */
  | { readonly kind: 'external'; readonly text: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/** How literal text names a resource of one type: the property that holds its name, and the spellings of a reference. */
interface NameRule {
  readonly nameProperty: string;
  /** The name (and any text after it) that a literal reference spells, or undefined when it is not one. */
  readonly parse: (text: string) => { name: string; suffix: string } | undefined;
}

const plainName = (text: string): { name: string; suffix: string } | undefined => (text === '' ? undefined : { name: text, suffix: '' });

/** Literal spellings of references, by resource type. Types not listed match only by `Ref`/`Fn::GetAtt`. */
const NAME_RULES: Readonly<Record<string, NameRule>> = {
  'AWS::S3::Bucket': {
    nameProperty: 'BucketName',
    parse: (text) => {
      const arn = /^arn:[^:]*:s3:::([^/]+)(.*)$/.exec(text);
      if (arn) return { name: arn[1], suffix: arn[2] };
      const url = /^s3:\/\/([^/]+)(.*)$/.exec(text);
      if (url) return { name: url[1], suffix: url[2] };
      const host = /^(.+?)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/.exec(text);
      if (host) return { name: host[1], suffix: '' };
      return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(text) ? { name: text, suffix: '' } : undefined;
    },
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    parse: (text) => {
      const arn = /^arn:[^:]*:logs:[^:]*:[^:]*:log-group:([^:]+)(.*)$/.exec(text);
      if (arn) return { name: arn[1], suffix: arn[2] };
      return text.startsWith('arn:') ? undefined : plainName(text);
    },
  },
  'AWS::KinesisFirehose::DeliveryStream': {
    nameProperty: 'DeliveryStreamName',
    parse: (text) => {
      const arn = /^arn:[^:]*:firehose:[^:]*:[^:]*:deliverystream\/(.+)$/.exec(text);
      if (arn) return { name: arn[1], suffix: '' };
      return text.startsWith('arn:') ? undefined : plainName(text);
    },
  },
  'AWS::SSM::Document': {
    nameProperty: 'Name',
    parse: (text) => {
      const arn = /^arn:[^:]*:ssm:[^:]*:[^:]*:document\/(.+)$/.exec(text);
      if (arn) return { name: arn[1], suffix: '' };
      return text.startsWith('arn:') ? undefined : plainName(text);
    },
  },
  'AWS::Logs::DeliverySource': { nameProperty: 'Name', parse: plainName },
  'AWS::EC2::LaunchTemplate': { nameProperty: 'LaunchTemplateName', parse: plainName },
  'AWS::AutoScaling::LaunchConfiguration': { nameProperty: 'LaunchConfigurationName', parse: plainName },
};

/**
 * The templates of one run, indexed once: resources by type, exports by name, and resources by
 * the literal names they declare.
 *
 * @example
 * const app = new AppContext([webCtx, loggingCtx]);
 * app.targets(webCtx, webCtx.properties('Trail').S3BucketName, ['AWS::S3::Bucket'])
 * // [{ kind: 'resource', resource: { ctx: loggingCtx, logicalId: 'AuditBucket' }, suffix: '' }]
 */
export class AppContext {
  private byType?: Map<string, AppResource[]>;
  private exportIndex?: Map<string, { ctx: TemplateContext; raw: unknown }>;
  private readonly names = new Map<string, Map<string, AppResource>>();
  private readonly keys = new Map<TemplateContext, number>();

  constructor(readonly templates: readonly TemplateContext[]) {
    templates.forEach((ctx, i) => this.keys.set(ctx, i));
  }

  /**
   * The resources of a type, across every template, in template order.
   *
   * @example
   * app.ofType('AWS::EC2::VPC').map((r) => r.logicalId) // ['Vpc']
   */
  ofType(type: string): readonly AppResource[] {
    if (!this.byType) {
      const index = new Map<string, AppResource[]>();
      for (const ctx of this.templates) {
        for (const logicalId of ctx.logicalIds()) {
          const t = ctx.typeOf(logicalId) as string;
          const list = index.get(t) ?? [];
          list.push({ ctx, logicalId });
          index.set(t, list);
        }
      }
      this.byType = index;
    }
    return this.byType.get(type) ?? [];
  }

  /**
   * A key unique to a resource within the app, for maps and sets.
   *
   * @example
   * app.key({ ctx, logicalId: 'Vpc' }) // '0/Vpc'
   */
  key(r: AppResource): string {
    return `${this.keys.get(r.ctx) ?? '?'}/${r.logicalId}`;
  }

  /**
   * The value an export of the app stands for, resolved in the stack that declares it, or
   * undefined when no stack of the app exports that name.
   *
   * @example
   * app.exported('Logging:BucketName') // { ctx: loggingCtx, value: Reference('AuditBucket') }
   */
  exported(name: string): { ctx: TemplateContext; value: Value } | undefined {
    if (!this.exportIndex) {
      const index = new Map<string, { ctx: TemplateContext; raw: unknown }>();
      for (const ctx of this.templates) {
        for (const output of Object.values(ctx.template.Outputs ?? {})) {
          if (!isRecord(output) || !isRecord(output.Export)) continue;
          const exportName = ctx.resolver.resolve(output.Export.Name);
          if (typeof exportName === 'string') index.set(exportName, { ctx, raw: output.Value });
        }
      }
      this.exportIndex = index;
    }
    const found = this.exportIndex.get(name);
    return found ? { ctx: found.ctx, value: found.ctx.resolver.resolve(found.raw) } : undefined;
  }

  /**
   * What a resolved value that names a resource points at, for each of its `Fn::If` branches:
   * a `Ref`/`Fn::GetAtt` of a resource (also inside an ARN built with `Fn::Join`/`Fn::Sub`,
   * preferring one of `types`), an import of another stack's export, or a literal name or ARN
   * that a resource of one of `types` declares. Resource targets may be of any type: check it. A literal that names nothing in the app is `external`; what
   * cannot be followed is `unknown`.
   *
   * @example
   * app.targets(ctx, 'arn:aws:s3:::central-logs/alb', ['AWS::S3::Bucket'])
   * // [{ kind: 'resource', resource: { ctx: loggingCtx, logicalId: 'Central' }, suffix: '/alb' }]
   */
  targets(ctx: TemplateContext, value: Value | undefined, types: readonly string[], depth = 0): Target[] {
    if (value === undefined) return [];
    if (depth > 8) return [{ kind: 'unknown', reason: 'exports that import each other more than 8 deep' }];
    const out: Target[] = [];
    for (const v of alternatives(value)) {
      if (v === NO_VALUE) continue;
      out.push(...this.target(ctx, v, types, depth));
    }
    return out;
  }

  private target(ctx: TemplateContext, v: Value, types: readonly string[], depth: number): Target[] {
    // A reference to a resource of another type is returned too: the caller says what it is.
    if (v instanceof Reference) return [referenceTarget(ctx, v, '')];
    if (v instanceof ImportedValue) return this.imported(v, types, depth);
    if (v instanceof PartialString) return this.partial(ctx, v, types, depth);
    if (v instanceof Unknown) return [{ kind: 'unknown', reason: v.reason }];
    if (typeof v === 'string') return [this.literal(v, types)];
    return [{ kind: 'unknown', reason: `${JSON.stringify(v)}, which names no resource` }];
  }

  private imported(v: ImportedValue, types: readonly string[], depth: number): Target[] {
    if (v.exportName === undefined) return [{ kind: 'unknown', reason: v.reason }];
    const found = this.exported(v.exportName);
    if (!found) return [{ kind: 'unknown', reason: `${v.reason}, which no stack of the templates checked exports` }];
    return this.targets(found.ctx, found.value, types, depth + 1);
  }

  /** An ARN or URL built around a reference: the reference decides, the text after it is the suffix. */
  private partial(ctx: TemplateContext, v: PartialString, types: readonly string[], depth: number): Target[] {
    const parts = v.parts;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (part instanceof ImportedValue && part.exportName !== undefined) {
        const found = this.exported(part.exportName);
        if (!found) continue;
        // Put the exported value in place of the import and read the whole again.
        return alternatives(found.value).flatMap((ev) => {
          if (typeof ev === 'string') {
            const text = [...parts.slice(0, i), ev, ...parts.slice(i + 1)];
            return this.target(ctx, text.every((p) => typeof p === 'string') ? text.join('') : new PartialString(text), types, depth + 1);
          }
          if (ev instanceof Reference) return [referenceTarget(found.ctx, ev, suffixAfter(parts, i))];
          return [{ kind: 'unknown' as const, reason: v.reason }];
        });
      }
      if (part instanceof Reference && types.includes(part.resourceType)) return [referenceTarget(ctx, part, suffixAfter(parts, i))];
    }
    const references = parts.filter((p): p is Reference => p instanceof Reference);
    if (references.length === 1) return [referenceTarget(ctx, references[0], suffixAfter(parts, parts.indexOf(references[0])))];
    return [{ kind: 'unknown', reason: v.reason }];
  }

  private literal(text: string, types: readonly string[]): Target {
    for (const type of types) {
      const rule = NAME_RULES[type];
      const parsed = rule?.parse(text);
      if (!parsed) continue;
      const found = this.named(type).get(parsed.name);
      if (found) return { kind: 'resource', resource: found, suffix: parsed.suffix };
    }
    return { kind: 'external', text };
  }

  /** Resources of a type by the literal name they declare. */
  private named(type: string): Map<string, AppResource> {
    let index = this.names.get(type);
    if (!index) {
      index = new Map();
      const property = NAME_RULES[type]?.nameProperty;
      if (property) {
        for (const r of this.ofType(type)) {
          const name = r.ctx.properties(r.logicalId)[property];
          if (typeof name === 'string' && !index.has(name)) index.set(name, r);
        }
      }
      this.names.set(type, index);
    }
    return index;
  }
}

function referenceTarget(ctx: TemplateContext, ref: Reference, suffix: string): Target {
  return { kind: 'resource', resource: { ctx, logicalId: ref.logicalId }, ...(ref.attribute !== undefined ? { attribute: ref.attribute } : {}), suffix };
}

/** The literal text after part `i`, unknown parts as `*`. */
function suffixAfter(parts: ReadonlyArray<string | Unknown>, i: number): string {
  return parts.slice(i + 1).map((p) => (typeof p === 'string' ? p : '*')).join('');
}
