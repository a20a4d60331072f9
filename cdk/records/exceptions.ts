/**
 * Exceptions that travel in a template: CDK's `PolicyException` writes them into the
 * `Metadata` of every resource it covers, so `compliance-check` honours them on a cloud
 * assembly exactly as `cdk synth` did.
 */
import type { ExceptionGrant } from '../../constructs/exceptions';
import { EXCEPTION_FIELDS, parseExceptionSpec } from '../../constructs/exceptions-input';
import { InputError } from '../../constructs/errors';
import type { TemplateContext } from './context';

/**
 * The resource `Metadata` key holding the exceptions granted on a resource: a list of
 * `{ requirement, detail?, reason, owner?, ticket?, granted?, expires, grantedOn? }`.
 *
 * @example
 * template.Resources.WebSg.Metadata?.[EXCEPTIONS_METADATA_KEY] // [{ requirement: 'NET-2', ... }]
 */
export const EXCEPTIONS_METADATA_KEY = 'compliance-constructs:exceptions';

/** The fields of an entry: the exception's, and what `PolicyException` adds (where and under which id it was granted). */
const METADATA_FIELDS: readonly string[] = [...EXCEPTION_FIELDS, 'grantedOn', 'id'];

/**
 * Every exception written into the template, each bound to the resource that carries it
 * (stack, file and logical id) and named as messages name that resource.
 *
 * @throws InputError when an entry is malformed (hand-edited metadata)
 *
 * @example
 * exceptionsOfTemplate(new TemplateContext(template, { stack: 'TeamWeb' }))
 * // [{ requirement: 'NET-2', target: { stack: 'TeamWeb', logicalId: 'LbSg...' }, ... }]
 */
export function exceptionsOfTemplate(ctx: TemplateContext): ExceptionGrant[] {
  const out: ExceptionGrant[] = [];
  const file = ctx.source.file ?? ctx.source.stack ?? 'template';
  if (ctx.template.Metadata?.[EXCEPTIONS_METADATA_KEY] !== undefined) {
    // Honouring it would except the whole template; ignoring it would leave its author believing it does.
    throw new InputError(file, `template Metadata.${EXCEPTIONS_METADATA_KEY}: exceptions belong in the Metadata of the resource they cover`);
  }
  for (const logicalId of ctx.logicalIds()) {
    const entries = ctx.resource(logicalId)?.Metadata?.[EXCEPTIONS_METADATA_KEY];
    if (entries === undefined) continue;
    const where = `resource '${logicalId}' Metadata.${EXCEPTIONS_METADATA_KEY}`;
    if (!Array.isArray(entries)) throw new InputError(file, `${where} must be a list of exceptions`);
    const subject = ctx.ref(logicalId);
    entries.forEach((raw: unknown, i: number) => {
      const spec = parseExceptionSpec(raw, file, `${where}[${i}]`);
      // An entry covers the resource that carries it, nothing else: a field that names another
      // resource (`resource`, `logicalId`, ...) would be silently ignored, so it is refused.
      const stray = Object.keys(raw as object).find((k) => !METADATA_FIELDS.includes(k));
      if (stray !== undefined) {
        throw new InputError(file, `${where}[${i}]: '${stray}' is not a field of an exception in metadata, which covers only the resource that carries it (fields: ${METADATA_FIELDS.join(', ')})`);
      }
      const grantedOn = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).grantedOn : undefined;
      out.push({
        ...spec,
        target: {
          logicalId,
          ...(subject.stack !== undefined ? { stack: subject.stack } : {}),
          ...(subject.file !== undefined ? { file: subject.file } : {}),
        },
        source: typeof grantedOn === 'string' ? grantedOn : (subject.path ?? logicalId),
        subject,
        label: ctx.label(logicalId),
      });
    });
  }
  return out;
}
