/**
 * Exceptions from untyped input: an exceptions file (JSON or YAML) for `compliance-check
 * --exceptions`, and the entries CDK writes into template metadata. Shape errors (a field of
 * the wrong type, an unknown requirement, a resource that names nothing) are `InputError`s;
 * what makes an exception unusable on a given day (expired, too long, no owner, P0) is judged
 * later by `applyExceptions`, which reports it as a finding.
 */
import { yaml } from './yaml';
import { InputError } from './errors';
import { readInputFile } from './input-file';
import { ExceptionGrant, ExceptionSpec, ExceptionTarget, hasSelector } from './exceptions';
import { isRequirementId, requirement } from './requirements';

/**
 * The fields of an exception (`ExceptionSpec`), wherever it is written.
 *
 * @example
 * EXCEPTION_FIELDS.includes('expires') // true
 */
export const EXCEPTION_FIELDS = ['requirement', 'detail', 'reason', 'owner', 'ticket', 'granted', 'expires'] as const;
const SPEC_FIELDS = EXCEPTION_FIELDS;
const TARGET_FIELDS = ['logicalId', 'path', 'urn', 'name', 'stack', 'file'] as const;

/**
 * Reads the fields of one exception from an untyped object. Dates may be strings or YAML/JSON
 * dates; they are kept as `YYYY-MM-DD` text.
 *
 * @param raw the object
 * @param file the file (or template) it came from, for errors
 * @param where where in the file (`exceptions[2]`), for errors
 * @throws InputError when a field is missing or of the wrong type, or the requirement is not in the catalog
 *
 * @example
 * parseExceptionSpec({ requirement: 'NET-2', reason: 'r', owner: 'o', expires: '2026-11-27' }, 'x.yaml', 'exceptions[0]')
 * // { requirement: 'NET-2', reason: 'r', owner: 'o', expires: '2026-11-27' }
 */
export function parseExceptionSpec(raw: unknown, file: string, where: string): ExceptionSpec {
  const fail = (problem: string): never => {
    throw new InputError(file, `${where}: ${problem}`);
  };
  if (!isPlainObject(raw)) return fail('an exception must be a mapping');
  const id = raw.requirement;
  if (typeof id !== 'string') return fail('requirement is required (a requirement id such as NET-2)');
  if (!isRequirementId(id)) return fail(`'${id}' is not a requirement id (run compliance-check --list-requirements)`);
  const text = (key: (typeof SPEC_FIELDS)[number], required: boolean): string | undefined => {
    const v = raw[key];
    if (v === undefined || v === null) return required ? fail(`${key} is required`) : undefined;
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v !== 'string') return fail(`${key} must be text, not ${typeof v}`);
    return v;
  };
  const detail = text('detail', false);
  const owner = text('owner', false);
  const ticket = text('ticket', false);
  const granted = text('granted', false);
  return {
    requirement: requirement(id).id,
    ...(detail !== undefined ? { detail } : {}),
    reason: text('reason', true) as string,
    ...(owner !== undefined ? { owner } : {}),
    ...(ticket !== undefined ? { ticket } : {}),
    ...(granted !== undefined ? { granted } : {}),
    expires: text('expires', true) as string,
  };
}

/**
 * Reads the resource selector of a file exception (`resource: { stack, logicalId }`,
 * `resource: { path }`, `resource: { urn }`).
 *
 * @throws InputError when it is missing, names nothing, or has a field of the wrong type
 *
 * @example
 * parseExceptionTarget({ path: 'TeamWeb/Lb' }, 'x.yaml', 'exceptions[0]') // { path: 'TeamWeb/Lb' }
 */
export function parseExceptionTarget(raw: unknown, file: string, where: string): ExceptionTarget {
  if (!isPlainObject(raw)) {
    throw new InputError(file, `${where}: resource must be a mapping with a logicalId, path, urn or name`);
  }
  const out: Record<string, string> = {};
  for (const key of Object.keys(raw)) {
    if (!(TARGET_FIELDS as readonly string[]).includes(key)) {
      throw new InputError(file, `${where}: resource.${key} is not a field (use ${TARGET_FIELDS.join(', ')})`);
    }
    const v = raw[key];
    if (typeof v !== 'string' || v === '') throw new InputError(file, `${where}: resource.${key} must be non-empty text`);
    out[key] = v;
  }
  const target: ExceptionTarget = out;
  if (!hasSelector(target)) throw new InputError(file, `${where}: resource must name a logicalId, path, urn or name`);
  return target;
}

/**
 * Reads a parsed exceptions document: a list of exceptions, or `{ exceptions: [...] }`. Each has
 * the fields of `ExceptionSpec` and a `resource` selector.
 *
 * @throws InputError naming the entry and the problem
 *
 * @example
 * parseExceptionsDocument({ exceptions: [{ requirement: 'NET-2', resource: { path: 'TeamWeb/Lb' },
 *   reason: 'r', owner: 'o', expires: '2026-11-27' }] }, 'exceptions.yaml')
 */
export function parseExceptionsDocument(doc: unknown, file: string): ExceptionGrant[] {
  const list = Array.isArray(doc) ? doc : isPlainObject(doc) ? doc.exceptions : undefined;
  if (!Array.isArray(list)) throw new InputError(file, 'expected a list of exceptions, or a mapping with an exceptions list');
  if (isPlainObject(doc)) {
    const extra = Object.keys(doc).filter((k) => k !== 'exceptions');
    if (extra.length > 0) throw new InputError(file, `unexpected top-level key '${extra[0]}' (expected exceptions)`);
  }
  return list.map((raw: unknown, i: number): ExceptionGrant => {
    const where = `exceptions[${i}]`;
    const spec = parseExceptionSpec(raw, file, where);
    const obj = raw as Record<string, unknown>;
    const unknownKey = Object.keys(obj).find((k) => k !== 'resource' && !(SPEC_FIELDS as readonly string[]).includes(k));
    if (unknownKey !== undefined) {
      throw new InputError(file, `${where}: '${unknownKey}' is not a field (use resource, ${SPEC_FIELDS.join(', ')})`);
    }
    if (requirement(spec.requirement).severity === 'P0') {
      throw new InputError(file, `${where}: ${spec.requirement} is P0 and cannot be excepted`);
    }
    return { ...spec, target: parseExceptionTarget(obj.resource, file, where), source: file };
  });
}

/**
 * Reads an exceptions file (JSON or YAML).
 *
 * @throws InputError when the file cannot be read or parsed, or an entry is malformed
 *
 * @example
 * const exceptions = readExceptionsFile('exceptions.yaml');
 * applyExceptions(findings, exceptions);
 */
export function readExceptionsFile(file: string): ExceptionGrant[] {
  const text = readInputFile(file);
  let doc: unknown;
  const { parse, YAMLError } = yaml();
  try {
    doc = parse(text, { uniqueKeys: true, maxAliasCount: 100 });
  } catch (e: unknown) {
    if (e instanceof YAMLError) {
      const line = e.linePos?.[0].line;
      const message = e.code === 'RESOURCE_EXHAUSTION' ? 'too deeply nested to read' : e.message.split('\n')[0];
      throw new InputError(file, `${line !== undefined ? `line ${line}: ` : ''}${message}`);
    }
    throw new InputError(file, e instanceof Error ? e.message : String(e));
  }
  return parseExceptionsDocument(doc, file);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
