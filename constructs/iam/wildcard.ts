/**
 * IAM-style wildcard patterns (`*` any run of characters, `?` exactly one): matching a text,
 * deciding whether two patterns can match a common text, and whether one pattern surely
 * covers another. Used for actions, resources and condition values alike.
 */

/** Options of the wildcard functions. */
export interface WildcardOptions {
  /** Compare letters without regard to case (IAM actions are case-insensitive). */
  readonly ignoreCase?: boolean;
}

/**
 * Whether `text` matches `pattern`. Linear in practice: the classic two-pointer walk that
 * backtracks only to the last `*`, so a hostile pattern cannot make it exponential.
 *
 * @example
 * wildcardMatch('iam:Pass*', 'iam:PassRole') // true
 * wildcardMatch('s3:?etObject', 's3:GetObject') // true
 * wildcardMatch('IAM:PASSROLE', 'iam:PassRole', { ignoreCase: true }) // true
 */
export function wildcardMatch(pattern: string, text: string, options: WildcardOptions = {}): boolean {
  const p = options.ignoreCase ? pattern.toLowerCase() : pattern;
  const t = options.ignoreCase ? text.toLowerCase() : text;
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < t.length) {
    if (i < p.length && (p[i] === '?' || (p[i] !== '*' && p[i] === t[j]))) {
      i++;
      j++;
    } else if (i < p.length && p[i] === '*') {
      star = i++;
      mark = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++mark;
    } else {
      return false;
    }
  }
  while (i < p.length && p[i] === '*') i++;
  return i === p.length;
}

/**
 * Whether some text matches both patterns (their languages intersect): `iam:*` and
 * `*:PassRole` both match `iam:PassRole`. A breadth-first walk over pairs of positions.
 *
 * @example
 * wildcardsOverlap('iam:*', '*:PassRole') // true
 * wildcardsOverlap('s3:Get*', 's3:Put*') // false
 */
export function wildcardsOverlap(a: string, b: string, options: WildcardOptions = {}): boolean {
  const p = options.ignoreCase ? a.toLowerCase() : a;
  const q = options.ignoreCase ? b.toLowerCase() : b;
  const width = q.length + 1;
  const seen = new Uint8Array((p.length + 1) * width);
  const queue: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number): void => {
    const k = i * width + j;
    if (!seen[k]) {
      seen[k] = 1;
      queue.push(k);
    }
  };
  while (queue.length > 0) {
    const k = queue.pop() as number;
    const i = Math.floor(k / width);
    const j = k % width;
    if (i === p.length && j === q.length) return true;
    // A star may match nothing.
    if (p[i] === '*') push(i + 1, j);
    if (q[j] === '*') push(i, j + 1);
    // Or both sides read one common character.
    if (i < p.length && j < q.length) {
      const pc = p[i];
      const qc = q[j];
      const compatible = pc === '*' || pc === '?' || qc === '*' || qc === '?' || pc === qc;
      if (!compatible) continue;
      const ni = pc === '*' ? i : i + 1;
      const nj = qc === '*' ? j : j + 1;
      if (ni !== i || nj !== j) push(ni, nj);
    }
  }
  return false;
}

/**
 * Whether every text `specific` matches is surely matched by `general`. Conservative: `false`
 * means "not shown", never a guess that it covers (a Deny is trusted only when this is true).
 *
 * @example
 * wildcardCovers('s3:*', 's3:Get*') // true
 * wildcardCovers('*', 'anything?') // true
 * wildcardCovers('s3:Get*', 's3:*') // false
 */
export function wildcardCovers(general: string, specific: string, options: WildcardOptions = {}): boolean {
  const g = options.ignoreCase ? general.toLowerCase() : general;
  const s = options.ignoreCase ? specific.toLowerCase() : specific;
  if (g.length > 0 && /^\*+$/.test(g)) return true;
  if (g === s) return true;
  if (!hasWildcard(s)) return wildcardMatch(g, s);
  // `prefix*` covers anything whose literal start carries the prefix.
  if (g.endsWith('*')) {
    const prefix = g.replace(/\*+$/, '');
    if (!hasWildcard(prefix)) return literalPrefix(s).startsWith(prefix);
  }
  return false;
}

/**
 * Whether a pattern has a wildcard.
 *
 * @example
 * hasWildcard('s3:Get*') // true
 */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/**
 * Whether a pattern is made of wildcards only (`*`, `**`, `*?`).
 *
 * @example
 * isOnlyWildcards('*') // true
 * isOnlyWildcards('arn:*') // false
 */
export function isOnlyWildcards(pattern: string): boolean {
  return pattern.length > 0 && /^[*?]+$/.test(pattern);
}

function literalPrefix(pattern: string): string {
  const m = /[*?]/.exec(pattern);
  return m ? pattern.slice(0, m.index) : pattern;
}
