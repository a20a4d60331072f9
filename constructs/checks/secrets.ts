/**
 * AUTH-3, "Secrets in Logs" and "Don't Use Passwords": no plaintext secrets in infrastructure
 * code. Templates and state are logged and stored, so a secret in them is a secret in logs.
 * Every message shows the secret masked: a report must never become the leak.
 */
import type { StoredValue, StoredValueEntry, StoredValuesFact } from '../facts/auth';
import type { Finding } from '../finding';
import { findSecretAssignments, findSecretShapes, isPlausibleSecret, isSecretName, MASK, redact, SecretHit } from '../secrets';
import type { CheckContext } from './context';

/**
 * AUTH-3 over the values of one resource that may hold secrets: credential shapes anywhere,
 * literal values under secret names, secret assignments in scripts, secrets of other
 * resources copied in, secrets passed through parameters that are not `NoEcho`.
 *
 * @example
 * checkStoredValues({ kind: 'stored-values', subject, label: "Function 'Api'", values: [
 *   { where: 'Environment.Variables.DB_PASSWORD', name: 'DB_PASSWORD', value: { kind: 'text', text: 'hunter2' } },
 * ] }, ctx)
 * // [AUTH-3: "Function 'Api' sets Environment.Variables.DB_PASSWORD to a plaintext secret '********'."]
 */
export function checkStoredValues(fact: StoredValuesFact, ctx: CheckContext): Finding[] {
  return fact.values.flatMap((entry) => judge(fact, entry, ctx));
}

function judge(fact: StoredValuesFact, e: StoredValueEntry, ctx: CheckContext): Finding[] {
  const named = e.name !== undefined && isSecretName(e.name);
  const v: StoredValue = e.value;
  const fail = (message: string, detail: string, secrets: readonly string[] = []): Finding =>
    ctx.finding('AUTH-3', fact.subject, { message: redact(message, secrets), detail });

  switch (v.kind) {
    case 'text': {
      const via = v.via !== undefined ? ` (${v.via})` : '';
      const hits = hitsIn([v.text]);
      if (hits.length === 0 && named && isPlausibleSecret(v.text)) {
        return [fail(`${fact.label} sets ${e.where} to a plaintext secret '${MASK}'${via}.`, `${e.where} literal`, [v.text])];
      }
      return hits.map((h) => fail(hitMessage(fact.label, e.where, h, via), `${e.where} ${h.name ?? h.kind}`, [h.value]));
    }
    case 'partial': {
      const via = v.via !== undefined ? ` (${v.via})` : '';
      const hits = hitsIn(v.known);
      if (hits.length > 0) return hits.map((h) => fail(hitMessage(fact.label, e.where, h, via), `${e.where} ${h.name ?? h.kind}`, [h.value]));
      if (!named || v.fromSecretStore) return [];
      if (v.fromUnknown) {
        return [
          ctx.finding('AUTH-3', fact.subject, {
            status: 'unknown',
            message: `whether ${fact.label} holds a plaintext secret in ${e.where}: it is built from values known only at deploy.`,
            detail: `${e.where} literal`,
          }),
        ];
      }
      const text = v.known.join('');
      if (!isPlausibleSecret(text)) return [];
      return [fail(`${fact.label} builds ${e.where} from plaintext '${MASK}' and resource attributes${via}.`, `${e.where} literal`, v.known)];
    }
    case 'exposed-secret':
      return [fail(`${fact.label} copies ${v.what} into ${e.where}, where it is stored and shown in plain text.`, `${e.where} exposed`)];
    case 'plain-parameter':
      if (!named) return [];
      return [
        fail(
          `${fact.label} takes ${e.where} from parameter '${v.parameter}', which is not NoEcho, so CloudFormation shows the secret in plain text.`,
          `${e.where} parameter`,
        ),
      ];
    case 'unknown':
      if (!named) return [];
      return [
        ctx.finding('AUTH-3', fact.subject, {
          status: 'unknown',
          message: `whether ${fact.label} holds a plaintext secret in ${e.where}: it is ${v.reason}.`,
          detail: `${e.where} literal`,
        }),
      ];
    case 'secret-store':
    case 'resource-id':
      return [];
  }
}

/** Credential shapes and secret assignments in known text, one hit per distinct secret. */
function hitsIn(texts: readonly string[]): SecretHit[] {
  const hits: SecretHit[] = [];
  const seen = new Set<string>();
  for (const t of texts) {
    for (const h of [...findSecretShapes(t), ...findSecretAssignments(t)]) {
      const key = `${h.kind}\u0000${h.name ?? ''}\u0000${h.value}`;
      if (seen.has(key)) continue;
      // An assignment whose value is itself a credential shape is reported once, as the shape.
      if (h.kind === 'assignment' && hits.some((x) => x.kind !== 'assignment' && (x.value.includes(h.value) || h.value.includes(x.value)))) continue;
      seen.add(key);
      hits.push(h);
    }
  }
  return hits;
}

function hitMessage(label: string, where: string, h: SecretHit, via: string): string {
  if (h.kind === 'assignment') return `${label} assigns a literal value to ${h.name} in ${where}: '${h.masked}'${via}.`;
  return `${label} has ${h.what} in plain text in ${where}: '${h.masked}'${via}.`;
}
