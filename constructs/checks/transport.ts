/**
 * TLS-1..TLS-4, "Inter-Service Communication": all communication between two hosts uses TLS.
 */
import type { BackendHopFact, ListenerFact, TlsEnforcementFact, TlsPolicyFact } from '../facts/transport';
import { tlsPolicyShortfall } from '../facts/transport';
import type { Finding } from '../finding';
import { isUnknown } from '../unknown';
import type { CheckContext } from './context';

/**
 * TLS-1: the listener speaks TLS, or speaks plain text only to redirect to HTTPS.
 *
 * @example
 * checkListener({ kind: 'listener', subject, label: "Listener 'Http'", transport: 'plaintext', why: 'Protocol is HTTP' }, ctx)
 * // [TLS-1 fail: "Listener 'Http' serves clients without TLS: Protocol is HTTP."]
 */
export function checkListener(fact: ListenerFact, ctx: CheckContext): Finding[] {
  if (fact.transport === 'tls' || fact.transport === 'redirect') return [];
  const detail = fact.where ? `plaintext listener: ${fact.where}` : 'plaintext listener';
  const fix = fact.fix !== undefined ? { fix: fact.fix } : {};
  if (isUnknown(fact.transport)) {
    return [ctx.finding('TLS-1', fact.subject, { status: 'unknown', message: `whether ${what(fact)} speaks TLS: ${fact.why}.`, detail, ...fix })];
  }
  return [ctx.finding('TLS-1', fact.subject, { message: `${capital(what(fact))} serves clients without TLS: ${fact.why}.`, detail, ...fix })];
}

/**
 * TLS-2: the endpoint accepts only the team's minimum TLS version (TLSv1.2 by default) and
 * newer, with no legacy cipher suites.
 *
 * @example
 * checkTlsPolicy({ kind: 'tls-policy', subject, label: "Listener 'Https'", minimumVersion: 'TLSv1.0', legacyCiphers: false, why: 'SslPolicy is ELBSecurityPolicy-2016-08' }, ctx)
 * // [TLS-2 fail: "Listener 'Https' accepts TLSv1.0: SslPolicy is ELBSecurityPolicy-2016-08."]
 */
export function checkTlsPolicy(fact: TlsPolicyFact, ctx: CheckContext): Finding[] {
  const detail = fact.where ? `tls policy: ${fact.where}` : 'tls policy';
  const fix = fact.fix !== undefined ? { fix: fact.fix } : {};
  const min = fact.minimumVersion;
  if (isUnknown(min)) {
    return [ctx.finding('TLS-2', fact.subject, { status: 'unknown', message: `which TLS versions ${what(fact)} accepts: ${fact.why}.`, detail, ...fix })];
  }
  switch (tlsPolicyShortfall({ minimumVersion: min, legacyCiphers: fact.legacyCiphers }, ctx.options.minimumTlsVersion)) {
    case 'old-version':
      return [ctx.finding('TLS-2', fact.subject, { message: `${capital(what(fact))} accepts ${min}: ${fact.why}.`, detail, ...fix })];
    case 'legacy-ciphers':
      return [ctx.finding('TLS-2', fact.subject, { message: `${capital(what(fact))} offers legacy cipher suites: ${fact.why}.`, detail, ...fix })];
    default:
      return [];
  }
}

/**
 * TLS-3: the hop from the balancer or CDN to the backend is encrypted.
 *
 * @example
 * checkBackendHop({ kind: 'backend-hop', subject, label: "Target group 'Tg'", encrypted: false, why: 'Protocol is HTTP' }, ctx)
 * // [TLS-3 fail: "Target group 'Tg' carries traffic to its backend without TLS: Protocol is HTTP."]
 */
export function checkBackendHop(fact: BackendHopFact, ctx: CheckContext): Finding[] {
  if (fact.encrypted === true) return [];
  const detail = fact.where ? `backend hop: ${fact.where}` : 'backend hop';
  const fix = fact.fix !== undefined ? { fix: fact.fix } : {};
  if (isUnknown(fact.encrypted)) {
    return [ctx.finding('TLS-3', fact.subject, { status: 'unknown', message: `whether ${what(fact)} reaches its backend over TLS: ${fact.why}.`, detail, ...fix })];
  }
  return [ctx.finding('TLS-3', fact.subject, { message: `${capital(what(fact))} carries traffic to its backend without TLS: ${fact.why}.`, detail, ...fix })];
}

/**
 * TLS-4: the data service refuses clients that do not use TLS.
 *
 * @example
 * checkTlsEnforcement({ kind: 'tls-enforcement', subject, label: "Bucket 'Data'", enforced: false, why: 'no bucket policy denies aws:SecureTransport false' }, ctx)
 * // [TLS-4 fail: "Bucket 'Data' accepts clients that do not use TLS: no bucket policy denies aws:SecureTransport false."]
 */
export function checkTlsEnforcement(fact: TlsEnforcementFact, ctx: CheckContext): Finding[] {
  if (fact.enforced === true) return [];
  const detail = fact.where ? `tls enforcement: ${fact.where}` : 'tls enforcement';
  const fix = fact.fix !== undefined ? { fix: fact.fix } : {};
  if (isUnknown(fact.enforced)) {
    return [ctx.finding('TLS-4', fact.subject, { status: 'unknown', message: `whether ${what(fact)} refuses clients that do not use TLS: ${fact.why}.`, detail, ...fix })];
  }
  return [ctx.finding('TLS-4', fact.subject, { message: `${capital(what(fact))} accepts clients that do not use TLS: ${fact.why}.`, detail, ...fix })];
}

function what(fact: { readonly label: string; readonly where?: string }): string {
  return fact.where ? `the ${fact.where} of ${fact.label}` : fact.label;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
