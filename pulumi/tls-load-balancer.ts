/**
 * A global external HTTPS load balancer: TLS 1.2+ with a MODERN or RESTRICTED SSL policy
 * (TLS-2), HTTPS to the backends (TLS-3), request logging on (LOG-3), and port 80 only to
 * redirect to HTTPS (TLS-1). The only world-facing entry point of a team program (NET-2).
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { componentLabel, invalid, refuse } from './refuse';

/** One backend: an instance group (a `HardenedInstanceGroup`'s `instanceGroup`). */
export interface LoadBalancerBackend {
  readonly group: pulumi.Input<string>;
  /** @default 'UTILIZATION' */
  readonly balancingMode?: 'UTILIZATION' | 'RATE';
  /** @default 0.8 with UTILIZATION */
  readonly maxUtilization?: number;
}

/** Args of `TlsLoadBalancer`. */
export interface TlsLoadBalancerArgs {
  /** @default the project of the provider */
  readonly project?: pulumi.Input<string>;
  /** At least one. */
  readonly backends: readonly LoadBalancerBackend[];
  /** Domains of a Google-managed certificate. Give `domains`, `certificates`, or both. */
  readonly domains?: readonly string[];
  /** Self links of certificates managed elsewhere. */
  readonly certificates?: readonly pulumi.Input<string>[];
  /**
   * The SSL policy profile. `COMPATIBLE` (and a `CUSTOM` feature list) admits ciphers the
   * policy does not, and is refused (TLS-2).
   * @default 'MODERN'
   */
  readonly tlsProfile?: 'MODERN' | 'RESTRICTED' | 'COMPATIBLE' | 'CUSTOM';
  /**
   * The oldest TLS version clients may use. TLS 1.0 and 1.1 are refused (TLS-2).
   * @default 'TLS_1_2'
   */
  readonly minTlsVersion?: 'TLS_1_0' | 'TLS_1_1' | 'TLS_1_2' | 'TLS_1_3';
  /**
   * How the balancer talks to the backends. `HTTP` sends the traffic in the clear between two
   * hosts and is refused (TLS-3).
   * @default 'HTTPS'
   */
  readonly backendProtocol?: 'HTTPS' | 'HTTP2' | 'HTTP';
  /** The backends' named port. @default 'https' */
  readonly backendPortName?: string;
  /** The backends' HTTPS health check. @default port 443, path '/healthz' */
  readonly healthCheck?: { readonly port?: number; readonly requestPath?: string };
  /**
   * Answer plain HTTP on port 80 with a redirect to HTTPS (never with content).
   * @default true
   */
  readonly httpRedirect?: boolean;
  /**
   * The share of requests logged, above 0 and at most 1. 0 turns the access logs off and is
   * refused (LOG-3).
   * @default 1
   */
  readonly logSampleRate?: number;
  /** A Cloud Armor security policy for the backend service. @default none */
  readonly securityPolicy?: pulumi.Input<string>;
  /** @default 30 */
  readonly timeoutSec?: number;
}

const ALLOWED_PROFILES = ['MODERN', 'RESTRICTED'];
const ALLOWED_TLS = ['TLS_1_2', 'TLS_1_3'];
const ALLOWED_BACKEND = ['HTTPS', 'HTTP2'];

/**
 * The world-facing entry point of a program.
 *
 * @example
 * const lb = new TlsLoadBalancer('web', { backends: [{ group: web.instanceGroup }], domains: ['shop.example.com'] });
 * export const address = lb.ipAddress;
 */
export class TlsLoadBalancer extends pulumi.ComponentResource {
  readonly address: gcp.compute.GlobalAddress;
  readonly sslPolicy: gcp.compute.SSLPolicy;
  readonly certificate?: gcp.compute.ManagedSslCertificate;
  readonly healthCheck: gcp.compute.HealthCheck;
  readonly backendService: gcp.compute.BackendService;
  readonly urlMap: gcp.compute.URLMap;
  readonly httpsProxy: gcp.compute.TargetHttpsProxy;
  readonly httpsRule: gcp.compute.GlobalForwardingRule;
  readonly redirectUrlMap?: gcp.compute.URLMap;
  readonly httpProxy?: gcp.compute.TargetHttpProxy;
  readonly httpRule?: gcp.compute.GlobalForwardingRule;
  /** The balancer's IPv4 address. */
  readonly ipAddress: pulumi.Output<string>;

  constructor(name: string, args: TlsLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    const label = componentLabel('TlsLoadBalancer', name);
    const profile = args.tlsProfile ?? 'MODERN';
    if (!ALLOWED_PROFILES.includes(profile)) {
      refuse('TLS-2', label, `tlsProfile '${profile}' admits ciphers older than the policy allows; use 'MODERN' or 'RESTRICTED'.`);
    }
    const minTls = args.minTlsVersion ?? 'TLS_1_2';
    if (!ALLOWED_TLS.includes(minTls)) refuse('TLS-2', label, `minTlsVersion '${minTls}' admits clients older than TLS 1.2; use 'TLS_1_2' or 'TLS_1_3'.`);
    const backendProtocol = args.backendProtocol ?? 'HTTPS';
    if (!ALLOWED_BACKEND.includes(backendProtocol)) {
      refuse('TLS-3', label, `backendProtocol '${backendProtocol}' sends traffic in the clear from the balancer to the backends; use 'HTTPS' or 'HTTP2'.`);
    }
    const sampleRate = args.logSampleRate ?? 1;
    if (!(sampleRate > 0)) refuse('LOG-3', label, `logSampleRate ${sampleRate} turns the request logs off; log a share above 0 (the default is 1).`);
    if (sampleRate > 1) invalid(label, `logSampleRate ${sampleRate} is a share, at most 1.`);
    if (args.backends.length === 0) invalid(label, 'declare at least one backend.');
    if ((args.domains ?? []).length === 0 && (args.certificates ?? []).length === 0) invalid(label, 'give domains for a managed certificate, or certificates.');
    const project = args.project !== undefined ? { project: args.project } : {};
    const scheme = 'EXTERNAL_MANAGED';

    super('compliance:gcp:TlsLoadBalancer', name, {}, opts);
    this.address = new gcp.compute.GlobalAddress(`${name}-address`, { ipVersion: 'IPV4', addressType: 'EXTERNAL', ...project }, { parent: this });
    this.ipAddress = this.address.address;
    this.sslPolicy = new gcp.compute.SSLPolicy(`${name}-tls`, { profile, minTlsVersion: minTls, ...project }, { parent: this });
    const certificates: pulumi.Input<string>[] = [...(args.certificates ?? [])];
    if ((args.domains ?? []).length > 0) {
      this.certificate = new gcp.compute.ManagedSslCertificate(`${name}-certificate`, { type: 'MANAGED', managed: { domains: [...(args.domains ?? [])] }, ...project }, { parent: this });
      certificates.push(this.certificate.id);
    }
    this.healthCheck = new gcp.compute.HealthCheck(
      `${name}-health`,
      {
        httpsHealthCheck: { port: args.healthCheck?.port ?? 443, requestPath: args.healthCheck?.requestPath ?? '/healthz' },
        checkIntervalSec: 10,
        timeoutSec: 5,
        logConfig: { enable: true },
        ...project,
      },
      { parent: this },
    );
    this.backendService = new gcp.compute.BackendService(
      `${name}-backend`,
      {
        loadBalancingScheme: scheme,
        protocol: backendProtocol,
        portName: args.backendPortName ?? 'https',
        healthChecks: this.healthCheck.id,
        timeoutSec: args.timeoutSec ?? 30,
        backends: args.backends.map((b) => ({
          group: b.group,
          balancingMode: b.balancingMode ?? 'UTILIZATION',
          ...((b.balancingMode ?? 'UTILIZATION') === 'UTILIZATION' ? { maxUtilization: b.maxUtilization ?? 0.8 } : {}),
          capacityScaler: 1,
        })),
        logConfig: { enable: true, sampleRate },
        ...(args.securityPolicy !== undefined ? { securityPolicy: args.securityPolicy } : {}),
        ...project,
      },
      { parent: this },
    );
    this.urlMap = new gcp.compute.URLMap(`${name}-https`, { defaultService: this.backendService.id, ...project }, { parent: this });
    this.httpsProxy = new gcp.compute.TargetHttpsProxy(
      `${name}-https`,
      { urlMap: this.urlMap.id, sslCertificates: certificates, sslPolicy: this.sslPolicy.id, ...project },
      { parent: this },
    );
    this.httpsRule = new gcp.compute.GlobalForwardingRule(
      `${name}-https`,
      { target: this.httpsProxy.id, ipAddress: this.address.id, portRange: '443', ipProtocol: 'TCP', loadBalancingScheme: scheme, ...project },
      { parent: this },
    );
    if (args.httpRedirect ?? true) {
      this.redirectUrlMap = new gcp.compute.URLMap(
        `${name}-http-redirect`,
        { defaultUrlRedirect: { httpsRedirect: true, stripQuery: false, redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT' }, ...project },
        { parent: this },
      );
      this.httpProxy = new gcp.compute.TargetHttpProxy(`${name}-http-redirect`, { urlMap: this.redirectUrlMap.id, ...project }, { parent: this });
      this.httpRule = new gcp.compute.GlobalForwardingRule(
        `${name}-http-redirect`,
        { target: this.httpProxy.id, ipAddress: this.address.id, portRange: '80', ipProtocol: 'TCP', loadBalancingScheme: scheme, ...project },
        { parent: this },
      );
    }
    this.registerOutputs({ ipAddress: this.ipAddress });
  }
}
