/**
 * The public entry point: an application load balancer that speaks TLS 1.2+ on 443, keeps 80
 * only to redirect, talks HTTPS to its targets, logs every request to the archive, and is the
 * one group the internet may reach.
 */
import { Annotations, Duration, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { ComplianceError } from '../constructs/errors';
import type { TlsVersion } from '../constructs/facts/transport';
import { tlsPolicyShortfall } from '../constructs/facts/transport';
import { resolveOptions } from '../constructs/options';
import { ConnectedSecurityGroup } from './connected-security-group';
import { ArchiveEncryption, LogArchiveBucket } from './log-archive-bucket';
import { elbPolicy } from './records/tls-policies';

/** Why the public entry group carries an acknowledgement of cdk-nag's AwsSolutions-EC23. */
export const PUBLIC_ENTRY_ACKNOWLEDGEMENT =
  'The internet-facing load balancer is the public entry point: its group admits the internet on tcp/443, and on tcp/80 only to redirect to HTTPS (NET-2 allows exactly this).';

/** Props of a {@link TlsLoadBalancer}. */
export interface TlsLoadBalancerProps {
  /** The VPC (NET-4: a VPC you define). */
  readonly vpc: ec2.IVpc;
  /** The certificates of the HTTPS listener (at least one). TLS-1. */
  readonly certificates: readonly elbv2.IListenerCertificate[];
  /**
   * The archive that receives the access logs (LOG-3). Elastic Load Balancing writes only to
   * SSE-S3 buckets: create it with `encryption: ArchiveEncryption.S3_MANAGED`.
   */
  readonly accessLogs: LogArchiveBucket;
  /**
   * The key prefix of the access logs in the archive.
   * @default 'elb/<construct id>'
   */
  readonly accessLogPrefix?: string;
  /**
   * The TLS policy of the HTTPS listener. TLS-2: policies that accept TLS 1.0 or 1.1 are refused.
   * @default elbv2.SslPolicy.RECOMMENDED_TLS (TLS 1.3 and 1.2)
   */
  readonly sslPolicy?: elbv2.SslPolicy;
  /**
   * Whether the balancer is on the internet. When it is, its group admits the internet on 443
   * (and 80 for the redirect), and nothing else does (NET-2).
   * @default true
   */
  readonly internetFacing?: boolean;
  /**
   * Whether port 80 answers with a redirect to 443. TLS-1: plain HTTP only redirects.
   * @default true
   */
  readonly httpRedirect?: boolean;
  /**
   * The subnets.
   * @default public subnets when internet-facing, else private ones
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Whether the balancer is protected from deletion.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/** Targets behind the balancer, reached over HTTPS (TLS-3). */
export interface HttpsTargetsProps {
  /** The port the targets serve HTTPS on. */
  readonly port: number;
  /**
   * The protocol to the targets. TLS-3: HTTP is refused; the balancer and the targets are two hosts.
   * @default elbv2.ApplicationProtocol.HTTPS
   */
  readonly protocol?: elbv2.ApplicationProtocol;
  /**
   * The targets.
   * @default none yet: add them to `targetGroup`
   */
  readonly targets?: elbv2.IApplicationLoadBalancerTarget[];
  /**
   * The health check path.
   * @default '/'
   */
  readonly healthCheckPath?: string;
  /**
   * The type of targets.
   * @default decided by the targets
   */
  readonly targetType?: elbv2.TargetType;
}

/**
 * Why the policy refuses an ELB TLS policy (TLS-2), or undefined when it accepts it. The
 * policies are judged as the TLS-2 check judges them: what each accepts is read from the
 * shared table (`cdk/records/tls-policies.ts`), against the policy's minimum version.
 *
 * @example
 * refusedTlsPolicy('ELBSecurityPolicy-2016-08') // 'accepts TLS 1.0 and older than TLS 1.2'
 * refusedTlsPolicy('ELBSecurityPolicy-TLS13-1-2-2021-06') // undefined
 */
export function refusedTlsPolicy(name: string): string | undefined {
  const minimum = resolveOptions().minimumTlsVersion;
  const info = elbPolicy(name);
  if (info === undefined) return `is not known to refuse older than ${versionText(minimum)}`;
  switch (tlsPolicyShortfall(info, minimum)) {
    case 'old-version':
      return `accepts ${versionText(info.minimumVersion)} and older than ${versionText(minimum)}`;
    case 'legacy-ciphers':
      return 'offers legacy cipher suites';
    default:
      return undefined;
  }
}

/** `TLS 1.2` for `TLSv1.2`; `SSLv3` as it is. */
function versionText(v: TlsVersion): string {
  return v.replace(/^TLSv/, 'TLS ');
}

/**
 * An application load balancer for HTTPS: a TLS 1.2+ listener on 443 (TLS-1, TLS-2), port 80
 * only redirecting to it, HTTPS to the targets (TLS-3), access logs in the archive (LOG-3),
 * invalid headers dropped, and a security group that admits the internet on 443 and 80 only
 * (NET-1, NET-2) and reaches only the targets it is given.
 *
 * @example
 * const lb = new TlsLoadBalancer(this, 'Web', { vpc, certificates: [cert], accessLogs: lbLogs });
 * lb.addHttpsTargets('Api', { port: 8443, targets: [fleet.autoScalingGroup] });
 */
export class TlsLoadBalancer extends Construct {
  /** The load balancer. */
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** Its security group: the public entry point. */
  readonly securityGroup: ConnectedSecurityGroup;
  /** The HTTPS listener. */
  readonly httpsListener: elbv2.ApplicationListener;
  /** The redirecting HTTP listener, when there is one. */
  readonly redirectListener?: elbv2.ApplicationListener;
  /** The targets the HTTPS listener forwards to by default, once there are some (until then it answers 404). */
  private forwardsTo?: string;

  constructor(scope: Construct, id: string, props: TlsLoadBalancerProps) {
    const sslPolicy = props.sslPolicy ?? elbv2.SslPolicy.RECOMMENDED_TLS;
    const refused = refusedTlsPolicy(sslPolicy);
    if (refused !== undefined) {
      throw new ComplianceError('TLS-2', `Load balancer '${id}' sets sslPolicy: ${sslPolicy}, which ${refused}; listeners must accept only TLS 1.2 or newer.`);
    }
    if (props.accessLogs.archiveEncryption !== ArchiveEncryption.S3_MANAGED) {
      throw new Error(`Load balancer '${id}': Elastic Load Balancing writes access logs only to SSE-S3 buckets; give it a LogArchiveBucket with encryption: ArchiveEncryption.S3_MANAGED.`);
    }
    if (props.certificates.length === 0) {
      throw new Error(`Load balancer '${id}': the HTTPS listener needs at least one certificate.`);
    }
    super(scope, id);
    const internetFacing = props.internetFacing ?? true;
    this.securityGroup = new ConnectedSecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `Load balancer ${this.node.path}`,
      publicEntry: internetFacing,
    });
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing,
      securityGroup: this.securityGroup,
      dropInvalidHeaderFields: true,
      deletionProtection: props.deletionProtection ?? true,
      ...(props.vpcSubnets ? { vpcSubnets: props.vpcSubnets } : {}),
    });
    if (internetFacing) {
      this.securityGroup.attachToPublicBalancer(this.loadBalancer.node.path);
      Validations.of(this.securityGroup).acknowledge({ id: 'AwsSolutions-EC23', reason: PUBLIC_ENTRY_ACKNOWLEDGEMENT });
    }
    this.loadBalancer.logAccessLogs(props.accessLogs, props.accessLogPrefix ?? `elb/${id}`);

    this.httpsListener = this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [...props.certificates],
      sslPolicy,
      open: false,
      defaultAction: elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'Not found' }),
    });
    if (internetFacing) this.securityGroup.allowFromInternet(ec2.Port.tcp(443), 'HTTPS from the internet');
    if (props.httpRedirect ?? true) {
      this.redirectListener = this.loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443, open: false });
      if (internetFacing) this.securityGroup.allowFromInternet(ec2.Port.tcp(80), 'HTTP from the internet, redirected to HTTPS');
    }
  }

  /**
   * Forwards the HTTPS listener to `targets` over HTTPS on `port` (TLS-3), and declares the
   * connection from the balancer's group to theirs. Once: these become the listener's default
   * action; route further targets by condition through `httpsListener.addTargets`.
   *
   * @example
   * lb.addHttpsTargets('Api', { port: 8443, targets: [fleet.autoScalingGroup], healthCheckPath: '/health' });
   */
  addHttpsTargets(id: string, props: HttpsTargetsProps): elbv2.ApplicationTargetGroup {
    if (props.protocol !== undefined && props.protocol !== elbv2.ApplicationProtocol.HTTPS) {
      throw new ComplianceError('TLS-3', `Load balancer '${this.node.id}' targets '${id}' over ${props.protocol}; the balancer reaches its targets over HTTPS.`);
    }
    if (this.forwardsTo !== undefined) {
      throw new Error(`Load balancer '${this.node.id}' already forwards to '${this.forwardsTo}'; route more targets with conditions through httpsListener.addTargets.`);
    }
    // The targets take the place of the 404 the listener answers with until then.
    Annotations.of(this.httpsListener).acknowledgeWarning(
      '@aws-cdk/aws-elbv2:listenerExistingDefaultActionReplaced',
      'TlsLoadBalancer answers 404 until addHttpsTargets makes its targets the default action.',
    );
    this.forwardsTo = id;
    return this.httpsListener.addTargets(id, {
      port: props.port,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      ...(props.targets ? { targets: props.targets } : {}),
      ...(props.targetType ? { targetType: props.targetType } : {}),
      healthCheck: { protocol: elbv2.Protocol.HTTPS, path: props.healthCheckPath ?? '/', interval: Duration.seconds(30) },
    });
  }
}
