/**
 * Reading an input file (a template, a manifest, a stack export, an exceptions file) with the
 * bounds a security tool needs on whatever a pipeline hands it: a size limit, so `/dev/zero`, an
 * endless pipe or a huge file cannot exhaust memory; binary content refused at its first NUL
 * byte; and every file-system problem as an `InputError` of one line.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from './errors';

/**
 * The largest input read, in bytes (128 MiB). CloudFormation deploys templates of at most 1 MB;
 * a stack export of tens of thousands of resources is tens of MB. Reading a file of this size
 * takes about 600 MB of memory and ten seconds here, so the limit keeps both bounded.
 *
 * @example
 * readInputFile('huge.json') // throws InputError: 'huge.json: is larger than 128 MiB ...'
 */
export const MAX_INPUT_BYTES = 128 * 1024 * 1024;

const CHUNK = 1024 * 1024;

/**
 * Reads a file as UTF-8 text, within `maxBytes`. Reads devices and pipes too (a process
 * substitution such as `<(cat t.json)` is a pipe), but stops at the limit instead of waiting
 * for an end that may never come.
 *
 * @param path the file
 * @param maxBytes the most bytes read before the file is refused
 * @throws InputError for a missing path, a directory, a file that cannot be read, content over
 * the limit, or binary content (a NUL byte)
 *
 * @example
 * const text = readInputFile('cdk.out/manifest.json');
 */
export function readInputFile(path: string, maxBytes: number = MAX_INPUT_BYTES): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e: unknown) {
    throw new InputError(path, fileProblem(e));
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(path, 'is a directory, expected a file');
    if (stat.isFile() && stat.size > maxBytes) throw new InputError(path, tooLarge(maxBytes));
    const chunks: Buffer[] = [];
    let total = 0;
    // A regular file is read in one chunk of its size (one byte more shows it did not grow); a
    // pipe or device, whose size is unknown, in chunks up to the limit.
    let next = stat.isFile() ? stat.size + 1 : CHUNK;
    while (true) {
      const chunk = Buffer.allocUnsafe(Math.min(next, maxBytes + 1 - total));
      next = CHUNK;
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const nul = chunk.subarray(0, n).indexOf(0);
      if (nul >= 0) throw new InputError(path, `binary content (NUL byte at offset ${total + nul}); expected UTF-8 text`);
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new InputError(path, tooLarge(maxBytes));
    }
    return (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)).toString('utf8');
  } catch (e: unknown) {
    if (e instanceof InputError) throw e;
    throw new InputError(path, fileProblem(e));
  } finally {
    closeSync(fd);
  }
}

function tooLarge(maxBytes: number): string {
  return `is larger than ${formatBytes(maxBytes)}, the most an input may be (a CloudFormation template is at most 1 MB)`;
}

function formatBytes(n: number): string {
  const mib = n / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${n} bytes`;
}

/**
 * The one-line reason a file system call failed.
 *
 * @example
 * fileProblem(Object.assign(new Error('...'), { code: 'ENOENT' })) // 'no such file or directory'
 */
export function fileProblem(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory, expected a file';
    default:
      return typeof code === 'string' ? `cannot be read (${code})` : e instanceof Error ? e.message : String(e);
  }
}
