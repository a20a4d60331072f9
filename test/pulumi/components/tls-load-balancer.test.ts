/**
 * TlsLoadBalancer: TLS 1.2+ with a MODERN or RESTRICTED policy (TLS-2), HTTP only as a redirect
 * (TLS-1), HTTPS backends (TLS-3), request logging (LOG-3), world entry on 80/443 only (NET-2).
 */
import { checkResources } from '../../../pulumi/records';
import type { PulumiResource } from '../../../pulumi/records/resource';
import { TlsLoadBalancer, TlsLoadBalancerArgs } from '../../../pulumi/tls-load-balancer';
import { deepFreeze, failure, inputsOf, ofType, record, refusal, snapshotOf, T } from './fixtures';

const GROUP = 'https://www.googleapis.com/compute/v1/projects/team-project/regions/europe-west1/instanceGroups/web';
const args: TlsLoadBalancerArgs = { backends: [{ group: GROUP }], domains: ['shop.example.com'] };

describe('TlsLoadBalancer: GIVEN a group and a domain', () => {
  let resources: PulumiResource[];
  beforeAll(async () => {
    resources = await record(() => new TlsLoadBalancer('shop', deepFreeze({ ...args, backends: [{ group: GROUP }], domains: ['shop.example.com'] })));
  });

  it('THEN the SSL policy is MODERN with TLS 1.2 at least, and the HTTPS proxy uses it (TLS-2)', () => {
    expect(inputsOf(resources, T.sslPolicy, 'shop-tls')).toEqual({ profile: 'MODERN', minTlsVersion: 'TLS_1_2' });
    expect(inputsOf(resources, T.httpsProxy, 'shop-https')).toEqual({ urlMap: 'shop-https-id', sslPolicy: 'shop-tls-id', sslCertificates: ['shop-certificate-id'] });
    expect(inputsOf(resources, T.managedCertificate, 'shop-certificate')).toEqual({ type: 'MANAGED', managed: { domains: ['shop.example.com'] } });
  });

  it('THEN the backend service speaks HTTPS to the backends and logs every request (TLS-3, LOG-3)', () => {
    expect(inputsOf(resources, T.backendService, 'shop-backend')).toEqual({
      loadBalancingScheme: 'EXTERNAL_MANAGED',
      protocol: 'HTTPS',
      portName: 'https',
      healthChecks: 'shop-health-id',
      timeoutSec: 30,
      backends: [{ group: GROUP, balancingMode: 'UTILIZATION', maxUtilization: 0.8, capacityScaler: 1 }],
      logConfig: { enable: true, sampleRate: 1 },
    });
    expect(inputsOf(resources, T.healthCheck, 'shop-health')).toMatchObject({ httpsHealthCheck: { port: 443, requestPath: '/healthz' } });
  });

  it('THEN port 443 serves the application and port 80 only redirects to HTTPS (TLS-1)', () => {
    expect(inputsOf(resources, T.globalForwardingRule, 'shop-https')).toEqual({
      target: 'shop-https-id',
      ipAddress: 'shop-address-id',
      portRange: '443',
      ipProtocol: 'TCP',
      loadBalancingScheme: 'EXTERNAL_MANAGED',
    });
    expect(inputsOf(resources, T.globalForwardingRule, 'shop-http-redirect')).toMatchObject({ target: 'shop-http-redirect-id', portRange: '80' });
    expect(inputsOf(resources, T.httpProxy, 'shop-http-redirect')).toEqual({ urlMap: 'shop-http-redirect-id' });
    expect(inputsOf(resources, T.urlMap, 'shop-http-redirect')).toEqual({
      defaultUrlRedirect: { httpsRedirect: true, stripQuery: false, redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT' },
    });
    expect(inputsOf(resources, T.urlMap, 'shop-https')).toEqual({ defaultService: 'shop-backend-id' });
  });

  it('THEN the checks find nothing: the world reaches 80 and 443 of a load balancer only', () => {
    expect(checkResources(resources)).toEqual([]);
  });

  it('snapshot of the recorded inputs', () => {
    expect(snapshotOf(resources)).toMatchSnapshot();
  });
});

describe('TlsLoadBalancer options', () => {
  it('RESTRICTED, TLS 1.3, HTTP/2 backends, certificates managed elsewhere, no redirect', async () => {
    const resources = await record(
      () =>
        new TlsLoadBalancer('shop', {
          backends: [{ group: GROUP, balancingMode: 'RATE' }],
          certificates: ['projects/team-project/global/sslCertificates/shop'],
          tlsProfile: 'RESTRICTED',
          minTlsVersion: 'TLS_1_3',
          backendProtocol: 'HTTP2',
          httpRedirect: false,
          logSampleRate: 0.5,
          securityPolicy: 'projects/team-project/global/securityPolicies/edge',
        }),
    );
    expect(inputsOf(resources, T.sslPolicy, 'shop-tls')).toEqual({ profile: 'RESTRICTED', minTlsVersion: 'TLS_1_3' });
    expect(inputsOf(resources, T.backendService, 'shop-backend')).toMatchObject({
      protocol: 'HTTP2',
      logConfig: { enable: true, sampleRate: 0.5 },
      securityPolicy: 'projects/team-project/global/securityPolicies/edge',
      backends: [{ group: GROUP, balancingMode: 'RATE', capacityScaler: 1 }],
    });
    expect(inputsOf(resources, T.httpsProxy, 'shop-https').sslCertificates).toEqual(['projects/team-project/global/sslCertificates/shop']);
    expect(ofType(resources, T.globalForwardingRule).map((r) => r.inputs.portRange)).toEqual(['443']);
    expect(ofType(resources, T.managedCertificate)).toEqual([]);
  });
});

describe('TlsLoadBalancer refuses', () => {
  it.each<[string, Partial<TlsLoadBalancerArgs>, string]>([
    ['the COMPATIBLE profile → TLS-2', { tlsProfile: 'COMPATIBLE' }, "[TLS-2] TlsLoadBalancer 'shop': tlsProfile 'COMPATIBLE' admits ciphers older than the policy allows; use 'MODERN' or 'RESTRICTED'."],
    ['a CUSTOM profile → TLS-2', { tlsProfile: 'CUSTOM' }, "[TLS-2] TlsLoadBalancer 'shop': tlsProfile 'CUSTOM' admits ciphers older than the policy allows; use 'MODERN' or 'RESTRICTED'."],
    ['TLS 1.0 → TLS-2', { minTlsVersion: 'TLS_1_0' }, "[TLS-2] TlsLoadBalancer 'shop': minTlsVersion 'TLS_1_0' admits clients older than TLS 1.2; use 'TLS_1_2' or 'TLS_1_3'."],
    ['TLS 1.1 → TLS-2', { minTlsVersion: 'TLS_1_1' }, "[TLS-2] TlsLoadBalancer 'shop': minTlsVersion 'TLS_1_1' admits clients older than TLS 1.2; use 'TLS_1_2' or 'TLS_1_3'."],
    ['plain HTTP to the backends → TLS-3', { backendProtocol: 'HTTP' }, "[TLS-3] TlsLoadBalancer 'shop': backendProtocol 'HTTP' sends traffic in the clear from the balancer to the backends; use 'HTTPS' or 'HTTP2'."],
    ['request logs off → LOG-3', { logSampleRate: 0 }, "[LOG-3] TlsLoadBalancer 'shop': logSampleRate 0 turns the request logs off; log a share above 0 (the default is 1)."],
  ])('%s', async (_name, extra, message) => {
    expect((await refusal(() => new TlsLoadBalancer('shop', { ...args, ...extra }))).message).toBe(message);
  });

  it.each<[string, TlsLoadBalancerArgs, string]>([
    ['no backend', { backends: [], domains: ['shop.example.com'] }, "TlsLoadBalancer 'shop': declare at least one backend."],
    ['no certificate', { backends: [{ group: GROUP }] }, "TlsLoadBalancer 'shop': give domains for a managed certificate, or certificates."],
  ])('rejects %s', async (_name, a, message) => {
    expect((await failure(() => new TlsLoadBalancer('shop', a))).message).toBe(message);
  });
});
