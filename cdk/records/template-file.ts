/**
 * Reading a template file: JSON, or YAML with CloudFormation's short-form tags (`!Ref`,
 * `!GetAtt`, `!Sub`, ...), each turned into its long form so the resolver sees one shape.
 * Every problem becomes an `InputError` naming the file and, where there is one, the line.
 */
import type { CollectionTag, ScalarTag, YAMLError, YAMLMap, YAMLSeq } from 'yaml';
import { InputError } from '../../constructs/errors';
import { fileProblem, readInputFile } from '../../constructs/input-file';
import { yaml } from '../../constructs/yaml';
import { CfnTemplate, toTemplate, ToTemplateOptions } from './template';

/** Short-form tag name → long-form key. */
const SHORT_FORMS: ReadonlyArray<readonly [string, string]> = [
  ['Ref', 'Ref'],
  ['Condition', 'Condition'],
  ...[
    'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'FindInMap', 'If', 'Equals', 'And', 'Or', 'Not',
    'Base64', 'Cidr', 'GetAZs', 'ImportValue', 'Transform', 'ToJsonString', 'Length',
  ].map((name) => [name, `Fn::${name}`] as const),
];

/**
 * `!GetAtt Db.Endpoint.Address` → `['Db', 'Endpoint.Address']`: a logical id has no dots, an
 * attribute may (`Endpoint.Address`, `Outputs.BucketName`), so split at the first one.
 */
function splitGetAtt(text: string): string | string[] {
  const dot = text.indexOf('.');
  return dot < 0 ? text : [text.slice(0, dot), text.slice(dot + 1)];
}

/** `{ key: node }` as a YAML node, so aliases inside `node` are still counted by `toJS`. */
function wrap(key: string, node: YAMLMap.Parsed | YAMLSeq.Parsed): YAMLMap {
  const { Pair, Scalar, YAMLMap } = yaml();
  const map = new YAMLMap();
  map.items.push(new Pair(new Scalar(key), node));
  return map;
}

/** One tag per node kind: a short form may tag a scalar, a sequence or a mapping. */
const CFN_TAGS: Array<ScalarTag | CollectionTag> = SHORT_FORMS.flatMap(([name, key]) => {
  const scalar: ScalarTag = {
    tag: `!${name}`,
    resolve: (text: string) => ({ [key]: name === 'GetAtt' ? splitGetAtt(text) : text }),
  };
  const collections = (['seq', 'map'] as const).map(
    (collection): CollectionTag => ({ tag: `!${name}`, collection, resolve: (node) => wrap(key, node) }),
  );
  return [scalar, ...collections];
});

/**
 * Aliases allowed, weighted by what each expands to (yaml's measure). Templates rarely use
 * aliases at all; a "billion laughs" document exceeds this at once.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses the text of a template file: JSON when it starts with `{`, YAML otherwise.
 *
 * @param text the file's content
 * @param file the file name, for errors
 * @returns the parsed document, not yet validated as a template (see `toTemplate`)
 * @throws InputError for empty or binary content, syntax errors (with line), duplicate keys,
 * unknown tags and alias bombs
 *
 * @example
 * parseTemplateText('Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      VpcId: !Ref Vpc\n', 'web.yaml')
 * // { Resources: { Web: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'Vpc' } } } } }
 */
export function parseTemplateText(text: string, file: string, options: ParseOptions = {}): unknown {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw new InputError(file, `binary content (NUL byte at offset ${nul}); a template is UTF-8 text`);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const start = body.trimStart();
  if (start === '') throw new InputError(file, 'empty file');
  return start.startsWith('{') ? parseJson(body, file, options) : parseYaml(body, file);
}

/**
 * How a template text is parsed.
 *
 * @example
 * parseTemplateText(text, 'cdk.out/Web.template.json', { writtenByJsonStringify: true })
 */
export interface ParseOptions {
  /**
   * The text is JSON that `JSON.stringify` wrote (a template CDK synthesized in this very
   * process), which cannot repeat a key: skip looking for one.
   * @default false
   */
  readonly writtenByJsonStringify?: boolean;
}

/**
 * Parses JSON, reporting a syntax error or a duplicate key with its line and column.
 *
 * @example
 * parseJson('{\n  "a": 1,\n}', 'manifest.json')
 * // throws InputError: "manifest.json: line 3, column 1: Expected double-quoted property name"
 */
export function parseJson(text: string, file: string, options: ParseOptions = {}): unknown {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e: unknown) {
    const message = e instanceof Error ? e.message : String(e);
    const { line, column } = lineAndColumn(text, jsonErrorPosition(text, message));
    throw new InputError(file, `line ${line}, column ${column}: ${jsonProblem(message)}`);
  }
  // JSON.parse keeps the last of two equal keys; which one CloudFormation keeps is not ours to guess.
  // Counting is enough to know there is none (each duplicate makes the document one key short);
  // only then is the text scanned for where the first one is.
  if (options.writtenByJsonStringify === true) return doc;
  const duplicate = keysInText(text) !== keysInDocument(doc) ? findDuplicateKey(text) : undefined;
  if (duplicate) {
    const { line, column } = lineAndColumn(text, duplicate.position);
    throw new InputError(file, `line ${line}, column ${column}: duplicate key '${duplicate.key}'`);
  }
  return doc;
}

/** V8's message without the position and the echo of the input. */
function jsonProblem(message: string): string {
  return message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, .*is not valid JSON$/s, '')
    .replace(/^JSON\.parse: /, '')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n');
}

/** Where JSON.parse failed: from its message when it says, else found by scanning. */
function jsonErrorPosition(text: string, message: string): number {
  const match = /at position (\d+)/.exec(message);
  if (match) return Number(match[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  return scanJsonError(text);
}

/** What the JSON scanner expects next. */
type JsonExpectation = 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'colon' | 'comma-or-end' | 'done';

/**
 * The offset of the first JSON syntax error, for messages V8 gives without a position
 * (`Unexpected token 'x', "..." is not valid JSON`). Iterative, so deep nesting cannot overflow.
 */
function scanJsonError(text: string): number {
  const stack: Array<'{' | '['> = [];
  let expect: JsonExpectation = 'value';
  let i = 0;
  const n = text.length;
  const afterValue = (): JsonExpectation => (stack.length === 0 ? 'done' : 'comma-or-end');
  while (true) {
    while (i < n && ' \t\r\n'.includes(text[i])) i++;
    if (i >= n) return n;
    const c = text[i];
    if (expect === 'done') return i;
    if (expect === 'colon') {
      if (c !== ':') return i;
      i++;
      expect = 'value';
    } else if (expect === 'comma-or-end') {
      const top = stack[stack.length - 1];
      if (c === ',') {
        i++;
        expect = top === '{' ? 'key' : 'value';
      } else if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
        i++;
        stack.pop();
        expect = afterValue();
      } else return i;
    } else if (expect === 'key' || expect === 'key-or-end') {
      if (expect === 'key-or-end' && c === '}') {
        i++;
        stack.pop();
        expect = afterValue();
      } else if (c === '"') {
        const end = scanJsonString(text, i);
        if (end < 0) return -end - 1;
        i = end;
        expect = 'colon';
      } else return i;
    } else if (expect === 'value-or-end' && c === ']') {
      i++;
      stack.pop();
      expect = afterValue();
    } else if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      expect = c === '{' ? 'key-or-end' : 'value-or-end';
    } else if (c === '"') {
      const end = scanJsonString(text, i);
      if (end < 0) return -end - 1;
      i = end;
      expect = afterValue();
    } else if (c === 't' || c === 'f' || c === 'n') {
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
      for (let k = 1; k < word.length; k++) if (text[i + k] !== word[k]) return i + k;
      i += word.length;
      expect = afterValue();
    } else {
      const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!number) return i;
      i += number[0].length;
      expect = afterValue();
    }
  }
}

/** The offset after the string starting at `start`, or `-(offset of the error) - 1`. */
function scanJsonString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -i - 1;
    if (c === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return -(i + 1) - 1;
        i += 5;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i++;
      else return -(i + 1) - 1;
    }
  }
  return -text.length - 1;
}

/** How many object keys valid JSON text spells: strings followed by a colon (found with `indexOf`, not char by char). */
function keysInText(text: string): number {
  let count = 0;
  let start = text.indexOf('"');
  while (start >= 0) {
    let end = text.indexOf('"', start + 1);
    while (end >= 0 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
    if (end < 0) break;
    let next = end + 1;
    while (next < text.length && isJsonSpace(text.charCodeAt(next))) next++;
    if (text.charCodeAt(next) === 0x3a) count++;
    start = text.indexOf('"', next);
  }
  return count;
}

/** Whether the quote at `at` follows an odd number of backslashes. */
function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && text.charCodeAt(i) === 0x5c; i--) backslashes++;
  return backslashes % 2 === 1;
}

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** How many keys the objects of a parsed JSON document hold. Iterative, so deep nesting cannot overflow. */
function keysInDocument(doc: unknown): number {
  let count = 0;
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    const o = v as Record<string, unknown>;
    for (const key in o) {
      count++;
      const item = o[key];
      if (typeof item === 'object' && item !== null) stack.push(item);
    }
  }
  return count;
}

/** The first key repeated inside one JSON object of valid JSON text, with its offset. */
function findDuplicateKey(text: string): { key: string; position: number } | undefined {
  const stack: Array<Set<string> | null> = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') stack.push(new Set());
    else if (c === '[') stack.push(null);
    else if (c === '}' || c === ']') stack.pop();
    else if (c === '"') {
      const end = scanJsonString(text, i);
      const keys = stack[stack.length - 1];
      if (keys) {
        let j = end;
        while (' \t\r\n'.includes(text[j])) j++;
        if (text[j] === ':') {
          const raw = text.slice(i + 1, end - 1);
          const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
          if (keys.has(key)) return { key, position: i };
          keys.add(key);
        }
      }
      i = end - 1;
    }
  }
  return undefined;
}

/** 1-based line and column of an offset. */
function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(position, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function parseYaml(text: string, file: string): unknown {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const fail = (error: YAMLError, message: string = error.message): never => {
    throw new InputError(file, `line ${lineCounter.linePos(error.pos[0]).line}: ${message}`);
  };
  try {
    // YAML 1.2 core schema, as aws-cdk-lib's CfnInclude reads templates.
    const doc = parseDocument(text, {
      customTags: CFN_TAGS,
      lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
      schema: 'core',
    });
    for (const error of doc.errors) fail(error, yamlProblem(error, text));
    for (const warning of doc.warnings) {
      // An unknown `!Tag` would otherwise be read as a plain string and change what is checked.
      if (warning.code === 'TAG_RESOLVE_FAILED') fail(warning, warning.message.replace(/^Unresolved tag/, 'unknown tag'));
    }
    if (doc.contents === null) throw new InputError(file, 'empty file (only comments or a document marker)');
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e: unknown) {
    if (e instanceof InputError) throw e;
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      throw new InputError(file, `too many YAML aliases (more than ${MAX_ALIAS_COUNT} expansions): refusing a possible alias bomb`);
    }
    if (e instanceof RangeError) throw new InputError(file, 'too deeply nested to read');
    throw new InputError(file, e instanceof Error ? e.message : String(e));
  }
}

/** A YAML error's message, in our words where yaml's would puzzle a template author. */
function yamlProblem(error: YAMLError, text: string): string {
  if (error.code === 'DUPLICATE_KEY') {
    // The error points at the repeated key; its text runs to the colon.
    const key = /^\s*("[^"\n]*"|'[^'\n]*'|[^:\n]*)/.exec(text.slice(error.pos[0], error.pos[0] + 200))?.[1].trim();
    return key ? `duplicate key '${key}'` : 'duplicate key';
  }
  if (error.code === 'MULTIPLE_DOCS') return 'more than one YAML document; a template is one document';
  // yaml reports a stack overflow on deep nesting as resource exhaustion.
  if (error.code === 'RESOURCE_EXHAUSTION') return 'too deeply nested to read';
  return error.message;
}

/**
 * Reads a file as UTF-8 text, turning a missing path, a directory, an unreadable, binary or
 * oversized file into an `InputError` with a clear one-line message (see `readInputFile`).
 *
 * @example
 * const text = readText('cdk.out/manifest.json');
 */
export function readText(path: string): string {
  return readInputFile(path);
}

export { fileProblem };

/**
 * Reads and validates a CloudFormation template file (JSON or YAML).
 *
 * @throws InputError naming the file and the problem
 *
 * @example
 * const template = readTemplateFile('templates/web.yaml');
 * Object.keys(template.Resources) // ['WebSG', ...]
 */
export function readTemplateFile(path: string, options: ToTemplateOptions & ParseOptions = {}): CfnTemplate {
  return toTemplate(parseTemplateText(readText(path), path, options), path, options);
}
