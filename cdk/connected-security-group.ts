/**
 * A security group built from declared connections: "web talks to api on 8443" writes the
 * ingress on one side and the egress on the other; everything else is denied, egress included.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { ComplianceError } from '../constructs/errors';
import { judgeWorldEgress, judgeWorldIngress, trafficOf, worldCidrOf } from './declared-traffic';

/** Props of a {@link ConnectedSecurityGroup}. */
export interface ConnectedSecurityGroupProps {
  /** The VPC of the group (NET-4: a VPC you define, never the default one). */
  readonly vpc: ec2.IVpc;
  /**
   * What the group is for, shown in the console.
   * @default the construct path
   */
  readonly description?: string;
  /**
   * The group name.
   * @default a generated name
   */
  readonly securityGroupName?: string;
  /**
   * Whether the group allows all outbound traffic. NET-3: `true` is refused; declare egress
   * with `allowTo`, `allowToInternet` or `addEgressRule`.
   * @default false
   */
  readonly allowAllOutbound?: boolean;
  /**
   * Whether the group allows all outbound IPv6 traffic. NET-3: `true` is refused.
   * @default false
   */
  readonly allowAllIpv6Outbound?: boolean;
  /**
   * Whether the group fronts internet-facing load balancers, the only place the internet may
   * come in, on tcp/443 and tcp/80 (NET-2). `TlsLoadBalancer` makes its own; a public entry
   * group that admits the internet without being attached to an internet-facing balancer fails
   * validation.
   * @default false
   */
  readonly publicEntry?: boolean;
}

/**
 * A security group whose rules are declared connections. Egress is denied unless declared
 * (NET-3); world ingress is refused (NET-1, NET-2) except tcp/443 and tcp/80 on a public entry
 * point. Rules added through `connections`, `addIngressRule` or `addEgressRule` are judged the
 * same way, so CDK's own `allowFrom`/`allowTo` helpers stay safe.
 *
 * @example
 * const web = new ConnectedSecurityGroup(this, 'Web', { vpc });
 * const api = new ConnectedSecurityGroup(this, 'Api', { vpc });
 * api.allowFrom(web, ec2.Port.tcp(8443)); // ingress on api, egress on web
 */
export class ConnectedSecurityGroup extends ec2.SecurityGroup {
  /** Whether the group may admit the internet on tcp/443 and tcp/80. */
  readonly publicEntry: boolean;
  private admitsInternet = false;
  private readonly publicBalancers: string[] = [];

  constructor(scope: Construct, id: string, props: ConnectedSecurityGroupProps) {
    if (props.allowAllOutbound === true) {
      throw new ComplianceError('NET-3', `Security group '${id}' sets allowAllOutbound: true; egress must be declared connection by connection.`);
    }
    if (props.allowAllIpv6Outbound === true) {
      throw new ComplianceError('NET-3', `Security group '${id}' sets allowAllIpv6Outbound: true; egress must be declared connection by connection.`);
    }
    super(scope, id, {
      vpc: props.vpc,
      allowAllOutbound: false,
      allowAllIpv6Outbound: false,
      ...(props.description !== undefined ? { description: props.description } : {}),
      ...(props.securityGroupName !== undefined ? { securityGroupName: props.securityGroupName } : {}),
    });
    this.publicEntry = props.publicEntry === true;
    this.node.addValidation({
      validate: () =>
        this.admitsInternet && this.publicBalancers.length === 0
          ? [`[NET-2] Security group '${this.node.id}' admits the internet but is attached to no internet-facing load balancer; only an internet-facing load balancer takes traffic from the internet.`]
          : [],
    });
  }

  /**
   * Lets `source` open connections to this group on `port`: ingress here, egress there.
   *
   * @example
   * database.allowFrom(api, ec2.Port.tcp(5432));
   */
  allowFrom(source: ec2.IConnectable, port: ec2.Port, description?: string): void {
    this.connections.allowFrom(source, port, description);
  }

  /**
   * Lets this group open connections to `destination` on `port`: egress here, ingress there.
   *
   * @example
   * web.allowTo(api, ec2.Port.tcp(8443));
   */
  allowTo(destination: ec2.IConnectable, port: ec2.Port, description?: string): void {
    this.connections.allowTo(destination, port, description);
  }

  /**
   * Admits the internet (IPv4 and IPv6) on tcp/443, or tcp/80 to redirect, on a public entry
   * point. Refused (NET-2) on any other group or port.
   *
   * @example
   * lbGroup.allowFromInternet(ec2.Port.tcp(443));
   */
  allowFromInternet(port: ec2.Port = ec2.Port.tcp(443), description = 'The internet, to the public entry point'): void {
    this.addIngressRule(ec2.Peer.anyIpv4(), port, description);
    this.addIngressRule(ec2.Peer.anyIpv6(), port, description);
  }

  /**
   * Declares egress to the internet on one port, such as tcp/443 to reach AWS APIs, package
   * mirrors or signature updates. All traffic is refused (NET-3).
   *
   * @example
   * hosts.allowToInternet(ec2.Port.tcp(443), 'AWS APIs and package mirrors');
   */
  allowToInternet(port: ec2.Port, description = 'Declared egress to the internet'): void {
    this.addEgressRule(ec2.Peer.anyIpv4(), port, description);
  }

  /**
   * Records that an internet-facing load balancer uses this group (the public entry point's
   * reason to exist). Called by `TlsLoadBalancer`.
   */
  attachToPublicBalancer(balancerPath: string): void {
    this.publicBalancers.push(balancerPath);
  }

  /** Adds an ingress rule after judging it: world ingress only to a public entry point on 443/80. */
  override addIngressRule(peer: ec2.IPeer, connection: ec2.Port, description?: string, remoteRule?: boolean): void {
    const cidr = worldCidrOf(peer, 'ingress');
    const traffic = trafficOf(connection);
    if (cidr !== undefined && traffic === undefined) {
      throw new ComplianceError('NET-2', `Security group '${this.node.id}' would admit ${connection.toString()} from ${cidr}, a port not known before deployment; world ingress must name tcp/443 or tcp/80.`);
    }
    if (cidr !== undefined && traffic !== undefined) {
      const verdict = judgeWorldIngress(`Security group '${this.node.id}'`, this.publicEntry === true, traffic, cidr);
      if (verdict) throw new ComplianceError(verdict.requirement, verdict.problem);
      this.admitsInternet = true;
    }
    super.addIngressRule(peer, connection, description, remoteRule);
  }

  /** Adds an egress rule after judging it: never all traffic to the world. */
  override addEgressRule(peer: ec2.IPeer, connection: ec2.Port, description?: string, remoteRule?: boolean): void {
    const cidr = worldCidrOf(peer, 'egress');
    const traffic = trafficOf(connection);
    if (cidr !== undefined && traffic !== undefined) {
      const verdict = judgeWorldEgress(`Security group '${this.node.id}'`, traffic, cidr);
      if (verdict) throw new ComplianceError(verdict.requirement, verdict.problem);
    }
    super.addEgressRule(peer, connection, description, remoteRule);
    if (!peer.canInlineRule || !connection.canInlineRule) {
      // CDK drops its "match no traffic" inline rule when any egress rule is added, also one
      // written as a standalone resource; a group with no inline egress keeps AWS's default
      // allow-all rule. Put the placeholder back so egress stays an allow-list (NET-3).
      super.addEgressRule(NO_TRAFFIC_PEER, NO_TRAFFIC_PORT, 'Disallow all traffic');
    }
  }
}

/** CDK's placeholder egress rule that matches no traffic (ICMP type 252 code 86 to one address). */
const NO_TRAFFIC_PEER = ec2.Peer.ipv4('255.255.255.255/32');
const NO_TRAFFIC_PORT = ec2.Port.icmpTypeAndCode(252, 86);
