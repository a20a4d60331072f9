/**
 * Small wording and path helpers the renderers share, so that the formats say the same thing
 * the same way. Not re-exported from the index: the renderers, and the faces that print single
 * findings their own way (the CDK pack's violations), import them from here.
 */
import { AppliedException, Finding, ResourceRef } from '../finding';

/**
 * The fix window in words.
 *
 * @example
 * fixWindowText(0) // 'fix immediately'
 * fixWindowText(7) // 'fix within 7 days'
 */
export function fixWindowText(days: number): string {
  if (days <= 0) return 'fix immediately';
  return `fix within ${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * Who answers for an exception: `owner/ticket`, either one alone, or `undefined` when neither is set.
 *
 * @example
 * exceptionOwner({ reason: 'r', owner: 'team-web', ticket: 'SEC-12', expires: '2025-03-01' }) // 'team-web/SEC-12'
 */
export function exceptionOwner(e: AppliedException): string | undefined {
  const parts = [e.owner, e.ticket].filter((p): p is string => p !== undefined && p !== '');
  return parts.length > 0 ? parts.join('/') : undefined;
}

/**
 * The exception of an excepted finding in words, without brackets.
 *
 * @example
 * exceptionText({ reason: 'legacy VPN', owner: 'team-web', expires: '2025-03-01' })
 * // 'EXCEPTED until 2025-03-01: legacy VPN (team-web)'
 */
export function exceptionText(e: AppliedException | undefined): string {
  if (e === undefined) return 'EXCEPTED';
  const who = exceptionOwner(e);
  return `EXCEPTED until ${e.expires}: ${e.reason}${who !== undefined ? ` (${who})` : ''}`;
}

/**
 * A file path with forward slashes and no leading `./`, or `undefined` when there is none.
 *
 * @example
 * portablePath('.\\cdk.out\\App.template.json') // 'cdk.out/App.template.json'
 */
export function portablePath(file: string | undefined): string | undefined {
  if (file === undefined || file === '') return undefined;
  let p = file.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  return p === '' ? undefined : p;
}

/**
 * The identifier of a resource inside its stack: the logical id, else the URN.
 *
 * @example
 * resourceId({ type: 'AWS::S3::Bucket', logicalId: 'Logs' }) // 'Logs'
 */
export function resourceId(r: ResourceRef): string | undefined {
  return r.logicalId ?? r.urn;
}

/**
 * Whether the message of an unknown finding already says so (`makeFinding` makes sure it does;
 * a hand-made finding may not).
 *
 * @example
 * unknownMessage({ ...f, status: 'unknown', message: 'bucket policy is an import.' })
 * // 'Could not be verified: bucket policy is an import.'
 */
export function unknownMessage(f: Finding): string {
  if (f.status !== 'unknown' || /^could not be verified/i.test(f.message)) return f.message;
  return `Could not be verified: ${f.message}`;
}

// Line breaks, C0/C1 controls (ESC starts terminal escape sequences) and the Unicode line and
// paragraph separators.
const CONTROL_RUNS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * User-controlled text made safe for one line of plain text: every run of line breaks and
 * control characters becomes one space.
 *
 * @example
 * oneLine('a\r\nb\u001b[31mc') // 'a b [31mc'
 */
export function oneLine(s: string): string {
  return s.replace(CONTROL_RUNS, ' ');
}

// Characters that start inline Markdown anywhere in a line: escapes, code, emphasis, links,
// HTML and autolinks, entities, table cells, GFM strikethrough and GitHub math.
const MD_INLINE = /[\\`*_[\]<>&|~$]/g;
// Line breaks of any kind.
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;
// Other control characters, tabs included.
const MD_CONTROLS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * User-controlled text made safe for inline Markdown (a table cell, a list item, a paragraph):
 * every character that could start emphasis, code, a link, HTML, an entity, a table cell
 * boundary, strikethrough or math is backslash-escaped, a leading block marker (`#`, `-`, `+`,
 * `=`, `1.`) is neutralised, leading blanks are dropped (four would open a code block), line breaks become `<br>` and other control characters spaces.
 * The result renders as the original text and stays on one line.
 *
 * @example
 * escapeMarkdown('a | b\n*c*') // 'a \\| b<br>\\*c\\*'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(MD_CONTROLS, ' ')
    .trimStart()
    .split(LINE_BREAKS)
    .map((line) =>
      line
        .replace(MD_INLINE, (c) => `\\${c}`)
        .replace(/^(\s*)([#+\-=])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2'),
    )
    .join('<br>');
}

/**
 * A short readable name for a resource: the logical id, the Pulumi name (given, or the last
 * part of the URN), else the construct path.
 *
 * @example
 * resourceName({ type: 't', urn: 'urn:pulumi:dev::team::gcp:storage/bucket:Bucket::logs' }) // 'logs'
 */
export function resourceName(r: ResourceRef): string | undefined {
  if (r.logicalId !== undefined) return r.logicalId;
  if (r.name !== undefined) return r.name;
  if (r.urn !== undefined) {
    const i = r.urn.lastIndexOf('::');
    return i >= 0 && i + 2 < r.urn.length ? r.urn.slice(i + 2) : r.urn;
  }
  return r.path;
}
