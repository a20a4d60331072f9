/**
 * GCP load balancing and data services -> transport facts: HTTP proxies whose URL map does not
 * redirect to HTTPS and TCP proxies (TLS-1), SSL policies and the HTTPS/SSL proxies that use
 * none (TLS-2), backend services (TLS-3), Cloud SQL and Memorystore clients (TLS-4).
 */
import type { BackendHopFact, ListenerFact, TlsEnforcementFact, TlsPolicyFact, TlsVersion } from '../../constructs/facts/transport';
import type { RequirementId } from '../../constructs/requirements';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import type { ProgramContext } from './program';
import { at, isObject, readBoolean, readList, readString } from './read';
import type { PulumiResource } from './resource';
import { GCP } from './types';

type Out = ListenerFact | TlsPolicyFact | BackendHopFact | TlsEnforcementFact;

const HTTP_PROXIES = [GCP.targetHttpProxy, GCP.regionTargetHttpProxy];
const TCP_PROXIES = [GCP.targetTcpProxy, GCP.regionTargetTcpProxy];
const TLS_PROXIES = [GCP.targetHttpsProxy, GCP.regionTargetHttpsProxy, GCP.targetSslProxy];
const SSL_POLICIES = [GCP.sslPolicy, GCP.regionSslPolicy];
const URL_MAPS = [GCP.urlMap, GCP.regionUrlMap];
const BACKENDS = [GCP.backendService, GCP.regionBackendService];

/**
 * The GCP types this file reads, and what it judges them for.
 *
 * @example
 * GCP_TRANSPORT_BINDINGS['gcp:compute/sSLPolicy:SSLPolicy'] // ['TLS-2']
 */
export const GCP_TRANSPORT_BINDINGS: Readonly<Record<string, readonly RequirementId[]>> = {
  ...Object.fromEntries([...HTTP_PROXIES, ...TCP_PROXIES].map((t): [string, readonly RequirementId[]] => [t, ['TLS-1']])),
  ...Object.fromEntries([...SSL_POLICIES, ...TLS_PROXIES].map((t): [string, readonly RequirementId[]] => [t, ['TLS-2']])),
  ...Object.fromEntries(BACKENDS.map((t): [string, readonly RequirementId[]] => [t, ['TLS-3']])),
  [GCP.sqlDatabaseInstance]: ['TLS-4'],
  [GCP.redisInstance]: ['TLS-4'],
};

/** GCP's own SSL policy, used by a proxy that names none: the COMPATIBLE profile with TLS 1.0. */
const DEFAULT_POLICY = 'so the proxy uses GCP\'s default SSL policy, which is the COMPATIBLE profile with TLS 1.0';

/**
 * Every transport fact of a program.
 *
 * @example
 * gcpTransportFacts(new ProgramContext(resources)).filter((f) => f.kind === 'tls-policy')
 */
export function gcpTransportFacts(program: ProgramContext): Out[] {
  const out: Out[] = [];
  // The URL map of an HTTP proxy and the SSL policy of an HTTPS proxy may be declared later.
  if (program.complete) for (const p of program.ofTypes(HTTP_PROXIES)) out.push(httpProxy(program, p));
  for (const p of program.ofTypes(TLS_PROXIES)) out.push(...tlsProxy(program, p));
  for (const p of program.ofTypes(TCP_PROXIES)) {
    out.push({
      kind: 'listener',
      subject: program.ref(p),
      label: program.label(p),
      transport: 'plaintext',
      why: 'a TCP proxy relays plain TCP and terminates no TLS',
      fix: 'Use an SSL proxy (TargetSSLProxy) or an HTTPS proxy; for TLS passed through to the backends, record an exception.',
    });
  }
  for (const p of program.ofTypes(SSL_POLICIES)) out.push(sslPolicy(program, p));
  for (const b of program.ofTypes(BACKENDS)) {
    const hop = backendHop(program, b);
    if (hop) out.push(hop);
  }
  for (const db of program.ofType(GCP.sqlDatabaseInstance)) out.push(sqlTls(program, db));
  for (const r of program.ofType(GCP.redisInstance)) out.push(redisTls(program, r));
  return out;
}

/** TLS-1: an HTTP proxy serves plain text unless its URL map redirects every request to HTTPS. */
function httpProxy(program: ProgramContext, p: PulumiResource): ListenerFact {
  const base = { kind: 'listener' as const, subject: program.ref(p), label: program.label(p) };
  const fix = 'Point the HTTP proxy at a URL map whose defaultUrlRedirect has httpsRedirect: true, and serve traffic on an HTTPS proxy.';
  const map = program.target(p, ['urlMap'], URL_MAPS);
  if (map === undefined) {
    const shown = typeof p.inputs.urlMap === 'string' ? ` '${p.inputs.urlMap}'` : '';
    return { ...base, transport: new Unknown(`its URL map${shown} is not declared in the program`), why: `its URL map${shown} is not declared in the program`, fix };
  }
  if (isUnknown(map)) return { ...base, transport: map, why: map.reason, fix };
  const redirect = redirectsEverything(map.inputs, program.label(map));
  if (isUnknown(redirect)) return { ...base, transport: redirect, why: redirect.reason, fix };
  if (redirect === true) return { ...base, transport: 'redirect', why: `${program.label(map)} redirects to HTTPS` };
  return { ...base, transport: 'plaintext', why: `its ${redirectMiss(map.inputs, program.label(map))}`, fix };
}

/** Whether a URL map answers every request with a redirect to HTTPS. */
function redirectsEverything(inputs: PulumiResource['inputs'], label: string): Maybe<boolean> {
  const https = readBoolean(at(inputs, 'defaultUrlRedirect', 'httpsRedirect'));
  if (isUnknown(https)) return new Unknown(`defaultUrlRedirect.httpsRedirect of ${label} is ${https.reason}`);
  if (https !== true) return false;
  const matchers = readList(inputs.pathMatchers);
  if (isUnknown(matchers)) return new Unknown(`pathMatchers of ${label} is ${matchers.reason}`);
  // Every path matcher must redirect too: a host rule may send some requests to a backend.
  for (const m of matchers ?? []) {
    if (!isObject(m)) return new Unknown(`a path matcher of ${label} is not readable`);
    if (readBoolean(at(m, 'defaultUrlRedirect', 'httpsRedirect')) !== true) return false;
    for (const key of ['pathRules', 'routeRules']) {
      const rules = readList(m[key]);
      if (isUnknown(rules)) return new Unknown(`${key} of ${label} is ${rules.reason}`);
      for (const r of rules ?? []) if (!isObject(r) || readBoolean(at(r, 'urlRedirect', 'httpsRedirect')) !== true) return false;
    }
  }
  return true;
}

function redirectMiss(inputs: PulumiResource['inputs'], label: string): string {
  if (readBoolean(at(inputs, 'defaultUrlRedirect', 'httpsRedirect')) !== true) {
    return inputs.defaultService !== undefined
      ? `${label} sends requests to a backend (defaultService) instead of redirecting to HTTPS`
      : `${label} has no defaultUrlRedirect with httpsRedirect: true`;
  }
  return `${label} sends some paths or hosts to a backend (pathMatchers) instead of redirecting them to HTTPS`;
}

/** TLS-2 for an HTTPS or SSL proxy: it must name an SSL policy; the policy is judged as itself. */
function tlsProxy(program: ProgramContext, p: PulumiResource): TlsPolicyFact[] {
  const base = { kind: 'tls-policy' as const, subject: program.ref(p), label: program.label(p), legacyCiphers: false };
  const fix = 'Attach an SSL policy with profile MODERN or RESTRICTED and minTlsVersion TLS_1_2 (sslPolicy).';
  const raw = p.inputs.sslPolicy;
  if (raw === undefined || raw === null || raw === '') {
    return [{ ...base, minimumVersion: 'TLSv1.0', legacyCiphers: true, why: `sslPolicy is not set, ${DEFAULT_POLICY}`, fix }];
  }
  if (!program.complete) return [];
  const policy = program.target(p, ['sslPolicy'], SSL_POLICIES);
  if (policy === undefined) {
    const why = `its SSL policy ${typeof raw === 'string' ? `'${raw}' ` : ''}is not declared in the program`;
    return [{ ...base, minimumVersion: new Unknown(why), why, fix }];
  }
  if (isUnknown(policy)) return [{ ...base, minimumVersion: policy, why: `sslPolicy is ${policy.reason}`, fix }];
  return [];
}

const VERSIONS: Readonly<Record<string, TlsVersion>> = { TLS_1_0: 'TLSv1.0', TLS_1_1: 'TLSv1.1', TLS_1_2: 'TLSv1.2', TLS_1_3: 'TLSv1.3' };

/**
 * Cipher suites of an SSL policy the policy map calls legacy: without forward secrecy (RSA key
 * exchange, which the COMPATIBLE profile offers) or with 3DES.
 */
const LEGACY_FEATURE = /^TLS_RSA_WITH_|3DES/i;

/** TLS-2 for an SSL policy: TLS 1.2 at least (the default is 1.0), and a profile without legacy ciphers. */
function sslPolicy(program: ProgramContext, p: PulumiResource): TlsPolicyFact {
  const base = { kind: 'tls-policy' as const, subject: program.ref(p), label: program.label(p) };
  const fix = 'Set profile MODERN or RESTRICTED and minTlsVersion TLS_1_2.';
  const versionText = readString(p.inputs.minTlsVersion);
  const profile = readString(p.inputs.profile) ?? 'COMPATIBLE';
  const version: Maybe<TlsVersion> = versionText === undefined
    ? 'TLSv1.0'
    : isUnknown(versionText)
      ? versionText
      : (VERSIONS[versionText.toUpperCase()] ?? new Unknown(`minTlsVersion '${versionText}', which is no TLS version`));
  const shownVersion = versionText === undefined ? 'minTlsVersion is not set (TLS_1_0 by default)' : `minTlsVersion is ${isUnknown(versionText) ? versionText.reason : versionText}`;
  if (isUnknown(profile)) return { ...base, minimumVersion: new Unknown(`profile is ${profile.reason}`), legacyCiphers: false, why: `profile is ${profile.reason}`, fix };
  const shownProfile = p.inputs.profile === undefined ? 'profile is not set (COMPATIBLE by default)' : `profile is ${profile}`;
  let legacy = profile.toUpperCase() === 'COMPATIBLE';
  let why = `${shownProfile} and ${shownVersion}`;
  if (profile.toUpperCase() === 'CUSTOM') {
    const features = readList(p.inputs.customFeatures);
    if (isUnknown(features)) return { ...base, minimumVersion: new Unknown(`customFeatures is ${features.reason}`), legacyCiphers: false, why, fix };
    const unknownFeature = (features ?? []).find((f) => isUnknown(f));
    if (unknownFeature !== undefined) return { ...base, minimumVersion: new Unknown('a custom feature is not known until deployment'), legacyCiphers: false, why, fix };
    const old = (features ?? []).filter((f): f is string => typeof f === 'string' && LEGACY_FEATURE.test(f));
    legacy = old.length > 0;
    if (legacy) why = `${why}, and customFeatures include ${old.join(', ')}`;
  }
  return { ...base, minimumVersion: version, legacyCiphers: legacy, why, fix };
}

const ENCRYPTED_BACKENDS = ['HTTPS', 'HTTP2', 'SSL', 'GRPC_WITH_TLS'];
const PASSTHROUGH = ['TCP', 'UDP', 'UNSPECIFIED'];

/**
 * TLS-3 for a backend service: the hop from the balancer to the backends. Passthrough network
 * load balancers (regional backend services of TCP or UDP with scheme EXTERNAL or INTERNAL) do
 * not terminate connections, so there is no second hop to judge.
 */
function backendHop(program: ProgramContext, b: PulumiResource): BackendHopFact | undefined {
  const protocol = readString(b.inputs.protocol);
  const base = { kind: 'backend-hop' as const, subject: program.ref(b), label: program.label(b), fix: 'Set protocol HTTPS, HTTP2 or SSL, and serve TLS on the backends.' };
  if (isUnknown(protocol)) return { ...base, encrypted: protocol, why: `protocol is ${protocol.reason}` };
  const p = (protocol ?? 'HTTP').toUpperCase();
  if (ENCRYPTED_BACKENDS.includes(p)) return undefined;
  if (PASSTHROUGH.includes(p) && b.type === GCP.regionBackendService) {
    const scheme = readString(b.inputs.loadBalancingScheme) ?? 'INTERNAL';
    if (isUnknown(scheme)) return { ...base, encrypted: new Unknown(`loadBalancingScheme is ${scheme.reason}`), why: '' };
    if (['EXTERNAL', 'INTERNAL'].includes(scheme.toUpperCase())) return undefined;
  }
  const shown = protocol === undefined ? 'protocol is not set (HTTP by default)' : `protocol is ${protocol}`;
  return { ...base, encrypted: false, why: shown };
}

/** TLS-4: Cloud SQL refuses clients without TLS (`sslMode`, which wins over the legacy `requireSsl`). */
function sqlTls(program: ProgramContext, db: PulumiResource): TlsEnforcementFact {
  const base = { kind: 'tls-enforcement' as const, subject: program.ref(db), label: program.label(db), fix: 'Set settings.ipConfiguration.sslMode to ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED.' };
  const ip = at(db.inputs, 'settings', 'ipConfiguration');
  if (isUnknown(ip)) return { ...base, enforced: ip, why: `settings.ipConfiguration is ${ip.reason}` };
  const mode = readString(at(ip, 'sslMode'));
  if (isUnknown(mode)) return { ...base, enforced: mode, why: `settings.ipConfiguration.sslMode is ${mode.reason}` };
  if (mode !== undefined && mode !== '') {
    const strict = ['ENCRYPTED_ONLY', 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED'].includes(mode.toUpperCase());
    return { ...base, enforced: strict, why: `settings.ipConfiguration.sslMode is ${mode}` };
  }
  const legacy = readBoolean(at(ip, 'requireSsl'));
  if (isUnknown(legacy)) return { ...base, enforced: legacy, why: `settings.ipConfiguration.requireSsl is ${legacy.reason}` };
  if (legacy === true) return { ...base, enforced: true, why: 'settings.ipConfiguration.requireSsl is true' };
  return { ...base, enforced: false, why: `settings.ipConfiguration.sslMode is not set${legacy === false ? ' and requireSsl is false' : ''}, so the instance also accepts unencrypted connections` };
}

/** TLS-4: Memorystore for Redis encrypts client connections only with transit encryption. */
function redisTls(program: ProgramContext, r: PulumiResource): TlsEnforcementFact {
  const base = { kind: 'tls-enforcement' as const, subject: program.ref(r), label: program.label(r), fix: 'Set transitEncryptionMode SERVER_AUTHENTICATION.' };
  const mode = readString(r.inputs.transitEncryptionMode);
  if (isUnknown(mode)) return { ...base, enforced: mode, why: `transitEncryptionMode is ${mode.reason}` };
  if (mode === undefined) return { ...base, enforced: false, why: 'transitEncryptionMode is not set (DISABLED by default)' };
  return { ...base, enforced: mode.toUpperCase() === 'SERVER_AUTHENTICATION', why: `transitEncryptionMode is ${mode}` };
}
