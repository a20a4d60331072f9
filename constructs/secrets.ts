/**
 * Recognising secrets written in infrastructure code, and masking them so that a report never
 * becomes the leak: credential shapes (AWS access keys, private keys, well-known token
 * prefixes), names that say "secret" (`DB_PASSWORD`, `apiKey`, `MasterUserPassword`), and
 * assignments inside scripts (`export DB_PASSWORD=...`, `"token": "..."`).
 */

/** A secret found in a text: what it is and how messages may show it. */
export interface SecretHit {
  /** A stable key for `detail`: `aws-access-key-id`, `private-key`, `password`, ... Never the value. */
  readonly kind: string;
  /** What it is, for messages: `an AWS access key id`. */
  readonly what: string;
  /** The value masked: at most a public format prefix (`AKIA`, `ghp_`) and `********`. */
  readonly masked: string;
  /** The variable or key that names it, for assignments (`DB_PASSWORD`). */
  readonly name?: string;
  /** The secret itself, kept so the caller can make sure no message carries it. */
  readonly value: string;
}

/** What replaces a secret in messages. Fixed width, so the length of the secret is not told either. */
export const MASK = '********';

/**
 * A secret as messages may show it: a public format prefix at most, then the mask.
 *
 * @example
 * maskSecret('hunter2') // '********'
 * maskSecret('AKIAIOSFODNN7EXAMPLE', 'AKIA') // 'AKIA********'
 */
export function maskSecret(value: string, publicPrefix = ''): string {
  const prefix = publicPrefix.length > 0 && value.startsWith(publicPrefix) ? publicPrefix : '';
  return `${prefix}${MASK}`;
}

/**
 * Replaces every occurrence of the secrets in a message by the mask: the last guard, in case a
 * secret also appears in a name the message repeats. Secrets shorter than 4 characters are left
 * alone (they would mangle ordinary words, and are not worth hiding from a report).
 *
 * @example
 * redact("Function 'x' sets TOKEN to hunter22.", ['hunter22']) // "Function 'x' sets TOKEN to ********."
 */
export function redact(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(MASK);
  return out;
}

interface Shape {
  readonly kind: string;
  readonly what: string;
  readonly pattern: RegExp;
  /** The public prefix of a match (the format's marker), shown before the mask. */
  readonly prefix: (match: string) => string;
}

const fixed = (n: number) => (m: string): string => m.slice(0, n);

/** Credential formats that are secrets whatever they are called. Global regexes, reset per use. */
const SHAPES: readonly Shape[] = [
  { kind: 'aws-access-key-id', what: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, prefix: fixed(4) },
  {
    kind: 'aws-secret-access-key',
    what: 'an AWS secret access key',
    pattern: /(?:aws_?secret_?access_?key|secret_?access_?key)["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/gi,
    prefix: () => '',
  },
  {
    kind: 'private-key',
    what: 'a private key',
    // The header, and the body up to the end line (or the end of the text).
    pattern: /-----BEGIN (?:(?:RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END [A-Z ]+-----|[\s\S]*)/g,
    prefix: (m) => m.slice(0, m.indexOf('-----', 5) + 5),
  },
  { kind: 'github-token', what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g, prefix: (m) => (m.startsWith('github_pat_') ? 'github_pat_' : m.slice(0, 4)) },
  { kind: 'gitlab-token', what: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g, prefix: fixed(6) },
  { kind: 'slack-token', what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, prefix: fixed(5) },
  {
    kind: 'slack-webhook',
    what: 'a Slack webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]{16,}/g,
    prefix: () => 'https://hooks.slack.com/services/',
  },
  { kind: 'stripe-key', what: 'a Stripe live key', pattern: /\b(?:sk|rk)_live_[A-Za-z0-9]{20,}/g, prefix: fixed(8) },
  { kind: 'google-api-key', what: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, prefix: fixed(4) },
  { kind: 'npm-token', what: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, prefix: fixed(4) },
  { kind: 'sendgrid-key', what: 'a SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, prefix: fixed(3) },
  { kind: 'api-secret-key', what: 'an API secret key', pattern: /\bsk-(?:proj-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{32,}/g, prefix: fixed(3) },
  { kind: 'jwt', what: 'a JSON web token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, prefix: fixed(3) },
  { kind: 'azure-storage-key', what: 'an Azure storage account key', pattern: /AccountKey=[A-Za-z0-9+/]{86}==/g, prefix: () => 'AccountKey=' },
  {
    kind: 'url-credentials',
    what: 'a password in a URL',
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/"'$]+:[^\s@/"'$]+@[^\s"']+/gi,
    prefix: (m) => m.slice(0, m.indexOf('://') + 3),
  },
];

/** Cheap test before the regexes: most strings of a template carry none of these markers. */
const SHAPE_HINT = /AKIA|ASIA|ABIA|ACCA|secret|PRIVATE KEY|gh[pousr]_|github_pat_|glpat-|xox|hooks\.slack|_live_|AIza|npm_|SG\.|sk-|eyJ|AccountKey=|:\/\/[^\s:@/]+:/i;

/**
 * Credential shapes in a text, each masked.
 *
 * @example
 * findSecretShapes('aws_access_key_id = AKIAIOSFODNN7EXAMPLE').map((h) => h.masked) // ['AKIA********']
 */
export function findSecretShapes(text: string): SecretHit[] {
  if (!SHAPE_HINT.test(text)) return [];
  const hits: SecretHit[] = [];
  for (const shape of SHAPES) {
    shape.pattern.lastIndex = 0;
    for (const m of text.matchAll(shape.pattern)) {
      hits.push({ kind: shape.kind, what: shape.what, masked: maskSecret(m[0], shape.prefix(m[0])), value: m[0] });
    }
  }
  return hits;
}

// ------------------------------------------------------------------ names

/** Words that make a name secret on their own. */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'password', 'passwords', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'secrets', 'token', 'tokens',
  'credential', 'credentials', 'creds', 'apikey', 'privatekey', 'secretkey', 'accesskey', 'authtoken', 'apitoken',
]);

/** `key` is a secret only after one of these (`API_KEY`, `privateKey`), not after `kms` or `public`. */
const KEY_QUALIFIERS: ReadonlySet<string> = new Set([
  'api', 'access', 'private', 'secret', 'signing', 'encryption', 'master', 'client', 'auth', 'license', 'session', 'hmac', 'app',
]);

/** Last words that make a name point at a secret rather than hold one (`SECRET_ARN`, `TOKEN_URL`). */
const POINTER_WORDS: ReadonlySet<string> = new Set([
  'arn', 'arns', 'name', 'names', 'id', 'ids', 'path', 'file', 'url', 'uri', 'endpoint', 'host', 'param', 'parameter',
  'ssm', 'ref', 'reference', 'length', 'len', 'ttl', 'expiry', 'expiration', 'expires', 'header', 'type', 'policy',
  'enabled', 'enable', 'disabled', 'rotation', 'version', 'region', 'field', 'template', 'location', 'store', 'mode',
  'format', 'days', 'hours', 'minutes', 'seconds', 'count', 'size', 'required', 'validity', 'prefix', 'suffix', 'bucket',
  'table', 'kms', 'key_id', 'keyid', 'source', 'provider', 'config', 'configuration', 'scope', 'scopes', 'audience',
  'issuer', 'algorithm', 'manager', 'vault', 'complexity', 'rules', 'reset', 'secretid', 'level', 'strength', 'generator', 'hash',
]);

/**
 * The words of a name, lower case: `DB_PASSWORD`, `dbPassword`, `db-password`, `APIKey` and
 * `/app/db/password` all give their parts.
 *
 * @example
 * nameWords('MasterUserPassword') // ['master', 'user', 'password']
 * nameWords('APIKey') // ['api', 'key']
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/**
 * Whether a name says its value is a secret: a secret word (`password`, `secret`, `token`,
 * `credentials`, `api key`, ...) that is not followed by a word saying it only points at one
 * (`_ARN`, `_NAME`, `_URL`, `_LENGTH`, ...).
 *
 * @example
 * isSecretName('DB_PASSWORD') // true
 * isSecretName('stripeApiKey') // true
 * isSecretName('DB_PASSWORD_SECRET_ARN') // false
 * isSecretName('KmsKeyId') // false
 * isSecretName('PUBLIC_KEY') // false
 */
export function isSecretName(name: string): boolean {
  let known = NAME_CACHE.get(name);
  if (known === undefined) {
    known = classifyName(name);
    // Property keys repeat across a template: remember them, within bounds.
    if (NAME_CACHE.size >= 10_000) NAME_CACHE.clear();
    NAME_CACHE.set(name, known);
  }
  return known;
}

const NAME_CACHE = new Map<string, boolean>();

function classifyName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  const last = words[words.length - 1];
  if (POINTER_WORDS.has(last)) return false;
  return words.some((w, i) => SECRET_WORDS.has(w) || /pass(word|wd|phrase)/.test(w) || (w === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1])));
}

/**
 * Whether a literal value under a secret name plausibly is the secret, rather than empty, a flag,
 * a placeholder, or a pointer to where the secret lives (an ARN, a parameter path, a variable).
 *
 * @example
 * isPlausibleSecret('hunter2') // true
 * isPlausibleSecret('arn:aws:secretsmanager:eu-west-1:111111111111:secret:db') // false
 * isPlausibleSecret('$DB_PASSWORD') // false
 */
export function isPlausibleSecret(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return false;
  if (/^(true|false|yes|no|on|off|null|none|undefined|nil|enabled|disabled|required|optional)$/i.test(v)) return false; // flags such as MetadataOptions.HttpTokens
  if (/^(milliseconds|seconds|minutes|hours|days)$/i.test(v)) return false; // token validity units
  if (/^arn:/i.test(v) || /^\{\{resolve:/.test(v)) return false;
  if (/^\$/.test(v) || /^%[\w(]/.test(v) || /^\{\{/.test(v) || /^\{[\w.\s-]*\}$/.test(v)) return false; // variables and templates
  if (/^<[^>]*>$/.test(v) || /^(\*+|x{3,}|\.{3,})$/i.test(v)) return false; // placeholders and masks
  if (/^\/[\w.\-/]+$/.test(v) && v.includes('/', 1)) return false; // a parameter path such as /app/db/password
  return true;
}

// ------------------------------------------------------------------ assignments in scripts

const NAME = '[A-Za-z_][A-Za-z0-9_.-]*';
/** `NAME="value"`, `NAME = 'value'`, `name: "value"`, `"name": "value"`: a quoted value. */
const QUOTED = new RegExp(`(?<![\\w$])["']?(${NAME})["']?\\s*[:=]\\s*(["'])([^"'\\n]*)\\2`, 'g');
/** `NAME=value` without spaces, as in shell and env files. */
const BARE = new RegExp(`(?<![\\w$-])(${NAME})=([^\\s"'\`;&|)]+)`, 'g');
/** `--password value`, `--db-password=value`. */
const FLAG = /(?<![\w-])--([A-Za-z][\w-]*)(=|[ \t]+)(["']?)([^\s"']+)\3/g;

/** Cheap test before the regexes. */
const ASSIGNMENT_HINT = /pass|pwd|secret|token|key|cred/i;

/**
 * Secrets assigned in free text (user data, inline code, scripts): a secret name given a
 * literal value. Expansions (`$(aws secretsmanager ...)`, `${VAR}`) are not literal.
 *
 * @example
 * findSecretAssignments('export DB_PASSWORD=hunter2\n').map((h) => h.masked) // ['DB_PASSWORD=********']
 * findSecretAssignments('DB_PASSWORD=$(aws secretsmanager get-secret-value ...)') // []
 */
export function findSecretAssignments(text: string): SecretHit[] {
  if (!ASSIGNMENT_HINT.test(text)) return [];
  const hits: SecretHit[] = [];
  const seen = new Set<string>();
  const add = (name: string, value: string, separator: string): void => {
    if (!isSecretName(name) || !isPlausibleSecret(value) || /\$[({\w]/.test(value)) return;
    const key = `${name}\u0000${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    hits.push({ kind: 'assignment', what: `a literal value for ${name}`, masked: `${name}${separator}${MASK}`, name, value });
  };
  for (const m of text.matchAll(QUOTED)) add(m[1], m[3], '=');
  for (const m of text.matchAll(BARE)) add(m[1], m[2], '=');
  for (const m of text.matchAll(FLAG)) add(m[1], m[4], m[2] === '=' ? '=' : ' ');
  return hits;
}
