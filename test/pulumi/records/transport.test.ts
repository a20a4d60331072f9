/**
 * TLS-1..TLS-4 over GCP load balancing, Cloud SQL and Memorystore.
 */
import type { PulumiObject, PulumiResource, PulumiValue } from '../../../pulumi/records/resource';
import { GCP } from '../../../pulumi/records/types';
import { judge, only, res, UNKNOWN } from '../fixtures';

const REDIRECT = { defaultUrlRedirect: { httpsRedirect: true, stripQuery: false } };

describe('TLS-1: HTTP proxies redirect to HTTPS, TCP proxies carry plain TCP', () => {
  const proxy = (urlMap: PulumiValue) => res(GCP.targetHttpProxy, 'http', { urlMap });
  it.each<[string, PulumiResource[], string[]]>([
    ['a URL map that redirects everything → pass', [res(GCP.urlMap, 'redirect', REDIRECT), proxy('redirect-id')], []],
    ['a URL map that serves a backend → fail', [res(GCP.urlMap, 'web', { defaultService: 'backend-id' }), proxy('web-id')], ['TLS-1:fail']],
    [
      'a redirect by default but a path matcher that serves a backend → fail',
      [res(GCP.urlMap, 'mixed', { ...REDIRECT, pathMatchers: [{ name: 'api', defaultService: 'api-id' }] }), proxy('mixed-id')],
      ['TLS-1:fail'],
    ],
    [
      'path matchers that redirect too → pass',
      [res(GCP.urlMap, 'all', { ...REDIRECT, pathMatchers: [{ name: 'p', defaultUrlRedirect: { httpsRedirect: true }, pathRules: [{ paths: ['/x'], urlRedirect: { httpsRedirect: true } }] }] }), proxy('all-id')],
      [],
    ],
    ['httpsRedirect as the string "true" → pass', [res(GCP.urlMap, 'redirect', { defaultUrlRedirect: { httpsRedirect: 'true' } }), proxy('redirect-id')], []],
    ['a regional proxy and URL map → fail', [res(GCP.regionUrlMap, 'web', { defaultService: 'b' }), res(GCP.regionTargetHttpProxy, 'http', { urlMap: 'web-id' })], ['TLS-1:fail']],
    ['a URL map declared elsewhere → unknown', [proxy('projects/p/global/urlMaps/shared')], ['TLS-1:unknown']],
    ['the URL map not known yet, no dependency → unknown', [proxy(UNKNOWN)], ['TLS-1:unknown']],
    ['httpsRedirect known only at deploy → unknown', [res(GCP.urlMap, 'redirect', { defaultUrlRedirect: { httpsRedirect: UNKNOWN } }), proxy('redirect-id')], ['TLS-1:unknown']],
    ['a TCP proxy → fail', [res(GCP.targetTcpProxy, 'tcp', { backendService: 'b' })], ['TLS-1:fail']],
  ])('%s', (_name, resources, expected) => {
    expect(judge(resources, 'TLS-1')).toEqual(expected);
  });

  it('the URL map joins through the property dependency in a preview → pass', () => {
    const map = res(GCP.urlMap, 'redirect', REDIRECT);
    expect(judge([map, { ...proxy(UNKNOWN), dependencies: { urlMap: [{ type: GCP.urlMap, name: 'redirect', urn: map.urn }] } }], 'TLS-1')).toEqual([]);
  });

  it('message names the URL map', () => {
    expect(only([res(GCP.urlMap, 'web', { defaultService: 'backend-id' }), proxy('web-id')], 'TLS-1').message).toBe(
      "HTTP proxy 'http' serves clients without TLS: its URL map 'web' sends requests to a backend (defaultService) instead of redirecting to HTTPS.",
    );
  });
});

describe('TLS-2: SSL policies, and HTTPS/SSL proxies that name none', () => {
  const policy = (inputs: PulumiObject) => res(GCP.sslPolicy, 'tls', inputs);
  it.each<[string, PulumiObject, string[]]>([
    ['MODERN with TLS 1.2 → pass', { profile: 'MODERN', minTlsVersion: 'TLS_1_2' }, []],
    ['RESTRICTED with TLS 1.2 → pass', { profile: 'RESTRICTED', minTlsVersion: 'TLS_1_2' }, []],
    ['MODERN with the default minimum (TLS 1.0) → fail', { profile: 'MODERN' }, ['TLS-2:fail']],
    ['MODERN with TLS 1.1 → fail', { profile: 'MODERN', minTlsVersion: 'TLS_1_1' }, ['TLS-2:fail']],
    ['COMPATIBLE even with TLS 1.2 offers RSA key exchange → fail', { profile: 'COMPATIBLE', minTlsVersion: 'TLS_1_2' }, ['TLS-2:fail']],
    ['no profile (COMPATIBLE by default) → fail', { minTlsVersion: 'TLS_1_2' }, ['TLS-2:fail']],
    ['CUSTOM with ECDHE GCM suites only → pass', { profile: 'CUSTOM', minTlsVersion: 'TLS_1_2', customFeatures: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'] }, []],
    ['CUSTOM with 3DES → fail', { profile: 'CUSTOM', minTlsVersion: 'TLS_1_2', customFeatures: ['TLS_RSA_WITH_3DES_EDE_CBC_SHA'] }, ['TLS-2:fail']],
    ['minTlsVersion known only at deploy → unknown', { profile: 'MODERN', minTlsVersion: UNKNOWN }, ['TLS-2:unknown']],
    ['minTlsVersion misspelt → unknown', { profile: 'MODERN', minTlsVersion: 'TLS1.2' }, ['TLS-2:unknown']],
  ])('%s', (_name, inputs, expected) => {
    expect(judge([policy(inputs)], 'TLS-2')).toEqual(expected);
  });

  const good = policy({ profile: 'MODERN', minTlsVersion: 'TLS_1_2' });
  it.each<[string, PulumiResource[], string[]]>([
    ['an HTTPS proxy with a compliant policy → pass', [good, res(GCP.targetHttpsProxy, 'https', { sslPolicy: 'tls-id' })], []],
    ["an HTTPS proxy without sslPolicy uses GCP's default (TLS 1.0) → fail", [res(GCP.targetHttpsProxy, 'https', { sslCertificates: ['c'] })], ['TLS-2:fail']],
    ['an SSL proxy without sslPolicy → fail', [res(GCP.targetSslProxy, 'ssl', { backendService: 'b' })], ['TLS-2:fail']],
    ['a policy of another project → unknown', [res(GCP.targetHttpsProxy, 'https', { sslPolicy: 'projects/x/global/sslPolicies/shared' })], ['TLS-2:unknown']],
    ['the policy not known yet and no dependency → unknown', [good, res(GCP.targetHttpsProxy, 'https', { sslPolicy: UNKNOWN })], ['TLS-2:unknown']],
    [
      'the policy not known yet, joined through its dependency → pass',
      [good, { ...res(GCP.targetHttpsProxy, 'https', { sslPolicy: UNKNOWN }), dependencies: { sslPolicy: [{ type: GCP.sslPolicy, name: 'tls' }] } }],
      [],
    ],
    ['a proxy with a bad policy: one finding, on the policy', [policy({ profile: 'COMPATIBLE' }), res(GCP.targetHttpsProxy, 'https', { sslPolicy: 'tls-id' })], ['TLS-2:fail']],
  ])('%s', (_name, resources, expected) => {
    expect(judge(resources, 'TLS-2')).toEqual(expected);
  });

  it('messages name the profile, the version, or the missing policy', () => {
    expect(only([policy({ profile: 'MODERN', minTlsVersion: 'TLS_1_0' })], 'TLS-2').message).toBe("SSL policy 'tls' accepts TLSv1.0: profile is MODERN and minTlsVersion is TLS_1_0.");
    expect(only([policy({ profile: 'COMPATIBLE', minTlsVersion: 'TLS_1_2' })], 'TLS-2').message).toBe("SSL policy 'tls' offers legacy cipher suites: profile is COMPATIBLE and minTlsVersion is TLS_1_2.");
    expect(only([res(GCP.targetHttpsProxy, 'https', {})], 'TLS-2').message).toBe(
      "HTTPS proxy 'https' accepts TLSv1.0: sslPolicy is not set, so the proxy uses GCP's default SSL policy, which is the COMPATIBLE profile with TLS 1.0.",
    );
  });
});

describe('TLS-3: backend services', () => {
  it.each<[string, string, PulumiObject, string[]]>([
    ['HTTPS → pass', GCP.backendService, { protocol: 'HTTPS' }, []],
    ['HTTP2 → pass', GCP.backendService, { protocol: 'HTTP2' }, []],
    ['SSL → pass', GCP.backendService, { protocol: 'SSL' }, []],
    ['HTTP → fail', GCP.backendService, { protocol: 'HTTP' }, ['TLS-3:fail']],
    ['no protocol (HTTP by default) → fail', GCP.backendService, {}, ['TLS-3:fail']],
    ['a TCP proxy backend → fail', GCP.backendService, { protocol: 'TCP' }, ['TLS-3:fail']],
    ['a regional passthrough TCP backend (no second hop) → pass', GCP.regionBackendService, { protocol: 'TCP', loadBalancingScheme: 'INTERNAL' }, []],
    ['a regional managed HTTP backend → fail', GCP.regionBackendService, { protocol: 'HTTP', loadBalancingScheme: 'INTERNAL_MANAGED' }, ['TLS-3:fail']],
    ['protocol known only at deploy → unknown', GCP.backendService, { protocol: UNKNOWN }, ['TLS-3:unknown']],
  ])('%s', (_name, type, inputs, expected) => {
    expect(judge([res(type, 'backend', { logConfig: { enable: true }, ...inputs })], 'TLS-3')).toEqual(expected);
  });

  it('message names the protocol', () => {
    expect(only([res(GCP.backendService, 'web', {})], 'TLS-3').message).toBe("Backend service 'web' carries traffic to its backend without TLS: protocol is not set (HTTP by default).");
  });
});

describe('TLS-4: Cloud SQL and Memorystore refuse plain-text clients', () => {
  const db = (ip: PulumiObject | undefined) => res(GCP.sqlDatabaseInstance, 'db', { databaseVersion: 'POSTGRES_16', settings: { tier: 'db-f1-micro', ...(ip ? { ipConfiguration: ip } : {}) } });
  it.each<[string, PulumiObject | undefined, string[]]>([
    ['sslMode ENCRYPTED_ONLY → pass', { sslMode: 'ENCRYPTED_ONLY' }, []],
    ['sslMode TRUSTED_CLIENT_CERTIFICATE_REQUIRED → pass', { sslMode: 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED' }, []],
    ['legacy requireSsl true → pass', { requireSsl: true }, []],
    ['sslMode ALLOW_UNENCRYPTED_AND_ENCRYPTED → fail', { sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED' }, ['TLS-4:fail']],
    ['sslMode wins over requireSsl → fail', { sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED', requireSsl: true }, ['TLS-4:fail']],
    ['nothing set (unencrypted allowed by default) → fail', undefined, ['TLS-4:fail']],
    ['requireSsl "false" → fail', { requireSsl: 'false' }, ['TLS-4:fail']],
    ['sslMode known only at deploy → unknown', { sslMode: UNKNOWN }, ['TLS-4:unknown']],
  ])('%s', (_name, ip, expected) => {
    expect(judge([db(ip)], 'TLS-4')).toEqual(expected);
  });

  it.each<[string, PulumiObject, string[]]>([
    ['Memorystore SERVER_AUTHENTICATION → pass', { transitEncryptionMode: 'SERVER_AUTHENTICATION' }, []],
    ['Memorystore DISABLED → fail', { transitEncryptionMode: 'DISABLED' }, ['TLS-4:fail']],
    ['Memorystore unset → fail', {}, ['TLS-4:fail']],
    ['Memorystore unknown → unknown', { transitEncryptionMode: UNKNOWN }, ['TLS-4:unknown']],
  ])('%s', (_name, inputs, expected) => {
    expect(judge([res(GCP.redisInstance, 'cache', inputs)], 'TLS-4')).toEqual(expected);
  });

  it('message names sslMode', () => {
    expect(only([db(undefined)], 'TLS-4').message).toBe("Cloud SQL instance 'db' accepts clients that do not use TLS: settings.ipConfiguration.sslMode is not set, so the instance also accepts unencrypted connections.");
  });
});
