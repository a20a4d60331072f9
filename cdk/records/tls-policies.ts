/**
 * What each AWS TLS security policy allows, as data: the oldest protocol version it accepts,
 * and whether it keeps cipher suites the policy map calls legacy. TLS-2 reads the policy a
 * resource names (or the one AWS applies when it names none) through these tables.
 *
 * Sources (AWS documentation, as of 2026):
 * - Elastic Load Balancing: "Security policies for your Application Load Balancer",
 *   "Security policies for your Network Load Balancer" and, for classic load balancers,
 *   "Predefined SSL security policies for Classic Load Balancers". Policies are named by
 *   family: `ELBSecurityPolicy-TLS13-1-2-*` accepts TLS 1.2 and 1.3, `-TLS13-1-0-*` also
 *   1.0 and 1.1; the FIPS (`-FIPS-`), post-quantum (`-PQ-`) and restricted/extended
 *   (`-Res-`, `-Ext0-`, `-Ext1-`, `-Ext2-`) variants keep the protocol range of their family.
 * - CloudFront: "Supported protocols and ciphers between viewers and CloudFront". The policy
 *   map accepts TLSv1.2_2019 and newer; TLSv1.2_2018 keeps CBC and non-forward-secret suites.
 * - OpenSearch Service: `DomainEndpointOptions.TLSSecurityPolicy` (`Policy-Min-TLS-1-0-2019-07`,
 *   `Policy-Min-TLS-1-2-2019-07`, `Policy-Min-TLS-1-2-PFS-2023-10`).
 * - API Gateway: "Choose a security policy for your custom domain" (`TLS_1_0`, `TLS_1_2`, and
 *   the enhanced `SecurityPolicy_TLS13_*` / `SecurityPolicy_TLS12_*` policies).
 */
import type { TlsVersion } from '../../constructs/facts/transport';

/**
 * What a policy allows.
 *
 * @example
 * const info: TlsPolicyInfo = { minimumVersion: 'TLSv1.2', legacyCiphers: true }; // CloudFront TLSv1.2_2018
 */
export interface TlsPolicyInfo {
  readonly minimumVersion: TlsVersion;
  /** Cipher suites the policy map calls legacy, whatever the protocol version. */
  readonly legacyCiphers?: boolean;
}

/** A family of policies named by a pattern: the protocol range is in the name. */
interface PolicyFamily {
  readonly pattern: RegExp;
  readonly minimumVersion: (match: RegExpMatchArray) => TlsVersion;
}

const fromMinor = (minor: string): TlsVersion => (`TLSv1.${minor}` as TlsVersion);

/**
 * The policy an HTTPS or TLS listener of an application or network load balancer uses when
 * `SslPolicy` is absent, and a classic load balancer's HTTPS/SSL listener without a
 * negotiation policy.
 */
export const ELB_DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';

/** Elastic Load Balancing policies named one by one: the older policies, outside the families. */
const ELB_POLICIES: Readonly<Record<string, TlsPolicyInfo>> = {
  'ELBSecurityPolicy-2016-08': { minimumVersion: 'TLSv1.0' },
  'ELBSecurityPolicy-2015-05': { minimumVersion: 'TLSv1.0' },
  'ELBSecurityPolicy-2015-03': { minimumVersion: 'TLSv1.0' },
  'ELBSecurityPolicy-2015-02': { minimumVersion: 'TLSv1.0' },
  'ELBSecurityPolicy-2014-10': { minimumVersion: 'TLSv1.0' },
  'ELBSecurityPolicy-2014-01': { minimumVersion: 'SSLv3' },
  'ELBSecurityPolicy-2011-08': { minimumVersion: 'SSLv3' },
  'ELBSample-ELBDefaultCipherPolicy': { minimumVersion: 'SSLv3' },
  'ELBSample-OpenSSLDefaultCipherPolicy': { minimumVersion: 'SSLv3' },
  'ELBSecurityPolicy-FS-2018-06': { minimumVersion: 'TLSv1.0' },
};

const ELB_FAMILIES: readonly PolicyFamily[] = [
  // ELBSecurityPolicy-TLS13-1-2-2021-06, -TLS13-1-2-Res-FIPS-2023-04, -TLS13-1-3-PQ-2025-09, ...
  { pattern: /^ELBSecurityPolicy-TLS13-1-([0-3])-/, minimumVersion: (m) => fromMinor(m[1]) },
  // ELBSecurityPolicy-TLS-1-0-2015-04, -TLS-1-1-2017-01, -TLS-1-2-2017-01, -TLS-1-2-Ext-2018-06
  { pattern: /^ELBSecurityPolicy-TLS-1-([0-2])-/, minimumVersion: (m) => fromMinor(m[1]) },
  // ELBSecurityPolicy-FS-1-1-2019-08, -FS-1-2-2019-08, -FS-1-2-Res-2019-08, -FS-1-2-Res-2020-10
  { pattern: /^ELBSecurityPolicy-FS-1-([12])-/, minimumVersion: (m) => fromMinor(m[1]) },
];

/** CloudFront viewer security policies (`ViewerCertificate.MinimumProtocolVersion`). */
const CLOUDFRONT_POLICIES: Readonly<Record<string, TlsPolicyInfo>> = {
  SSLv3: { minimumVersion: 'SSLv3' },
  TLSv1: { minimumVersion: 'TLSv1.0' },
  TLSv1_2016: { minimumVersion: 'TLSv1.0' },
  'TLSv1.1_2016': { minimumVersion: 'TLSv1.1' },
  'TLSv1.2_2018': { minimumVersion: 'TLSv1.2', legacyCiphers: true },
  'TLSv1.2_2019': { minimumVersion: 'TLSv1.2' },
  'TLSv1.2_2021': { minimumVersion: 'TLSv1.2' },
  'TLSv1.2_2025': { minimumVersion: 'TLSv1.2' },
  'TLSv1.3_2025': { minimumVersion: 'TLSv1.3' },
};

/** What CloudFront allows when a distribution uses its default `*.cloudfront.net` certificate. */
export const CLOUDFRONT_DEFAULT_CERTIFICATE_POLICY = 'TLSv1';

/** The policy CloudFront applies to a custom certificate when `MinimumProtocolVersion` is absent. */
export const CLOUDFRONT_DEFAULT_POLICY = 'TLSv1';

const OPENSEARCH_FAMILIES: readonly PolicyFamily[] = [
  { pattern: /^Policy-Min-TLS-1-([0-3])-/, minimumVersion: (m) => fromMinor(m[1]) },
];

/** The policy OpenSearch Service applies when `TLSSecurityPolicy` is absent. */
export const OPENSEARCH_DEFAULT_POLICY = 'Policy-Min-TLS-1-0-2019-07';

const API_GATEWAY_POLICIES: Readonly<Record<string, TlsPolicyInfo>> = {
  TLS_1_0: { minimumVersion: 'TLSv1.0' },
  TLS_1_2: { minimumVersion: 'TLSv1.2' },
};

const API_GATEWAY_FAMILIES: readonly PolicyFamily[] = [
  { pattern: /^SecurityPolicy_TLS13_1_([0-3])_/, minimumVersion: (m) => fromMinor(m[1]) },
  { pattern: /^SecurityPolicy_TLS13_/, minimumVersion: () => 'TLSv1.3' },
  { pattern: /^SecurityPolicy_TLS12_/, minimumVersion: () => 'TLSv1.2' },
];

/** The policy API Gateway applies to a custom domain name when `SecurityPolicy` is absent. */
export const API_GATEWAY_DEFAULT_POLICY = 'TLS_1_0';

function lookup(name: string, table: Readonly<Record<string, TlsPolicyInfo>>, families: readonly PolicyFamily[]): TlsPolicyInfo | undefined {
  if (Object.prototype.hasOwnProperty.call(table, name)) return table[name];
  for (const f of families) {
    const m = name.match(f.pattern);
    if (m) return { minimumVersion: f.minimumVersion(m) };
  }
  return undefined;
}

/**
 * What an Elastic Load Balancing security policy allows, or undefined for a name not known.
 *
 * @example
 * elbPolicy('ELBSecurityPolicy-TLS13-1-2-2021-06') // { minimumVersion: 'TLSv1.2' }
 * elbPolicy('ELBSecurityPolicy-2016-08') // { minimumVersion: 'TLSv1.0' }
 */
export function elbPolicy(name: string): TlsPolicyInfo | undefined {
  return lookup(name, ELB_POLICIES, ELB_FAMILIES);
}

/**
 * What a CloudFront `MinimumProtocolVersion` allows.
 *
 * @example
 * cloudFrontPolicy('TLSv1.2_2018') // { minimumVersion: 'TLSv1.2', legacyCiphers: true }
 */
export function cloudFrontPolicy(name: string): TlsPolicyInfo | undefined {
  return lookup(name, CLOUDFRONT_POLICIES, []);
}

/**
 * What an OpenSearch Service `TLSSecurityPolicy` allows.
 *
 * @example
 * openSearchPolicy('Policy-Min-TLS-1-2-PFS-2023-10') // { minimumVersion: 'TLSv1.2' }
 */
export function openSearchPolicy(name: string): TlsPolicyInfo | undefined {
  return lookup(name, {}, OPENSEARCH_FAMILIES);
}

/**
 * What an API Gateway custom domain `SecurityPolicy` allows.
 *
 * @example
 * apiGatewayPolicy('TLS_1_2') // { minimumVersion: 'TLSv1.2' }
 */
export function apiGatewayPolicy(name: string): TlsPolicyInfo | undefined {
  return lookup(name, API_GATEWAY_POLICIES, API_GATEWAY_FAMILIES);
}
