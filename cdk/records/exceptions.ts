/**
 * Exceptions that travel in a template: CDK's `PolicyException` writes them into the
 * `Metadata` of every resource it covers, so `compliance-check` honours them on a cloud
 * assembly exactly as `cdk synth` did.
 */
import type { ExceptionGrant } from '../../constructs/exceptions';
import { parseExceptionSpec } from '../../constructs/exceptions-input';
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
  for (const logicalId of ctx.logicalIds()) {
    const entries = ctx.resource(logicalId)?.Metadata?.[EXCEPTIONS_METADATA_KEY];
    if (entries === undefined) continue;
    const where = `resource '${logicalId}' Metadata.${EXCEPTIONS_METADATA_KEY}`;
    if (!Array.isArray(entries)) throw new InputError(file, `${where} must be a list of exceptions`);
    const subject = ctx.ref(logicalId);
    entries.forEach((raw: unknown, i: number) => {
      const spec = parseExceptionSpec(raw, file, `${where}[${i}]`);
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
