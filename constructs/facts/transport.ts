/**
 * Transport facts, provider-neutral: what listeners accept, which TLS versions they allow,
 * whether the balancer-to-backend hop is encrypted, and whether data services refuse clients
 * that do not use TLS. An ALB listener and a GCP target HTTPS proxy are both a `listener`.
 */
import type { ResourceRef } from '../finding';
import type { Maybe } from '../unknown';

/** Protocol versions, oldest first. */
export const TLS_VERSIONS = ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;

/** A protocol version an endpoint may accept. */
export type TlsVersion = (typeof TLS_VERSIONS)[number];

/**
 * Whether `v` names a protocol version.
 *
 * @example
 * isTlsVersion('TLSv1.2') // true
 */
export function isTlsVersion(v: unknown): v is TlsVersion {
  return typeof v === 'string' && (TLS_VERSIONS as readonly string[]).includes(v);
}

/**
 * Orders protocol versions: negative when `a` is older than `b`.
 *
 * @example
 * compareTlsVersions('TLSv1.0', 'TLSv1.2') < 0 // true
 */
export function compareTlsVersions(a: TlsVersion, b: TlsVersion): number {
  return TLS_VERSIONS.indexOf(a) - TLS_VERSIONS.indexOf(b);
}

/** Why a TLS policy falls short of a minimum: a protocol version older than it, or legacy cipher suites. */
export type TlsShortfall = 'old-version' | 'legacy-ciphers';

/**
 * What keeps a TLS policy from meeting `minimum`, or undefined when it meets it. TLS-2 decides
 * with this wherever a policy is judged: the check over facts, and the constructs that refuse a
 * policy when they are given one.
 *
 * @example
 * tlsPolicyShortfall({ minimumVersion: 'TLSv1.0' }, 'TLSv1.2') // 'old-version'
 * tlsPolicyShortfall({ minimumVersion: 'TLSv1.2', legacyCiphers: true }, 'TLSv1.2') // 'legacy-ciphers'
 * tlsPolicyShortfall({ minimumVersion: 'TLSv1.3' }, 'TLSv1.2') // undefined
 */
export function tlsPolicyShortfall(
  policy: { readonly minimumVersion: TlsVersion; readonly legacyCiphers?: boolean },
  minimum: TlsVersion,
): TlsShortfall | undefined {
  if (compareTlsVersions(policy.minimumVersion, minimum) < 0) return 'old-version';
  return policy.legacyCiphers === true ? 'legacy-ciphers' : undefined;
}

/** The common part of transport facts. */
interface TransportFactBase {
  readonly subject: ResourceRef;
  /** `Listener 'Web/Http'`: how messages name the resource. */
  readonly label: string;
  /** Which part of the resource, when it has several: `DefaultCacheBehavior`, `Listeners[1] (port 80)`. */
  readonly where?: string;
  /** Names the property and its value, for the message. */
  readonly why: string;
  /** A fix naming the property to set, where it says more than the catalog's. */
  readonly fix?: string;
}

/**
 * What an endpoint reachable from other hosts does with a client (TLS-1): it speaks TLS, it
 * speaks plain text only to redirect to HTTPS, or it serves plain text.
 *
 * @example
 * const l: ListenerFact = {
 *   kind: 'listener', subject: { type: 'AWS::ElasticLoadBalancingV2::Listener', logicalId: 'Http' },
 *   label: "Listener 'Http'", transport: 'plaintext', why: 'Protocol is HTTP and DefaultActions[0] is forward',
 * };
 */
export interface ListenerFact extends TransportFactBase {
  readonly kind: 'listener';
  readonly transport: Maybe<'tls' | 'redirect' | 'plaintext'>;
}

/**
 * The TLS versions and ciphers an endpoint accepts (TLS-2).
 *
 * @example
 * const p: TlsPolicyFact = {
 *   kind: 'tls-policy', subject, label: "Listener 'Https'", minimumVersion: 'TLSv1.0', legacyCiphers: false,
 *   why: 'SslPolicy is not set, so the listener uses ELBSecurityPolicy-2016-08',
 * };
 */
export interface TlsPolicyFact extends TransportFactBase {
  readonly kind: 'tls-policy';
  /** The oldest protocol version the endpoint accepts. */
  readonly minimumVersion: Maybe<TlsVersion>;
  /** Whether the policy still offers cipher suites the policy map calls legacy, whatever the version. */
  readonly legacyCiphers: boolean;
}

/**
 * The hop from a load balancer or CDN to its backend (TLS-3): two hosts, so it must be TLS.
 *
 * @example
 * const hop: BackendHopFact = {
 *   kind: 'backend-hop', subject: { type: 'AWS::ElasticLoadBalancingV2::TargetGroup', logicalId: 'Tg' },
 *   label: "Target group 'Tg'", encrypted: false, why: 'Protocol is HTTP',
 * };
 */
export interface BackendHopFact extends TransportFactBase {
  readonly kind: 'backend-hop';
  readonly encrypted: Maybe<boolean>;
}

/**
 * Whether a data service refuses clients that do not use TLS (TLS-4). A resource may have
 * several (OpenSearch: HTTPS for clients, and node-to-node encryption).
 *
 * @example
 * const e: TlsEnforcementFact = {
 *   kind: 'tls-enforcement', subject: { type: 'AWS::S3::Bucket', logicalId: 'Data' }, label: "Bucket 'Data'",
 *   enforced: false, why: 'no bucket policy denies requests where aws:SecureTransport is false',
 * };
 */
export interface TlsEnforcementFact extends TransportFactBase {
  readonly kind: 'tls-enforcement';
  readonly enforced: Maybe<boolean>;
}

/** Every transport fact. */
export type TransportFactKind = ListenerFact | TlsPolicyFact | BackendHopFact | TlsEnforcementFact;
