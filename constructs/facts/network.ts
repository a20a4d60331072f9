/**
 * Network facts, provider-neutral: security groups, network ACLs and firewalls with their rules,
 * networks, where resources are placed, and data services' public endpoints.
 */
import type { ResourceRef } from '../finding';
import type { AddressRange } from '../net/cidr';
import type { PortRange, Protocol } from '../net/ports';
import type { Maybe } from '../unknown';

/** The other end of a rule: an address range, another group (never the internet), or unknown. */
export type Peer =
  | { readonly kind: 'cidr'; readonly text: string; readonly range: AddressRange }
  | {
      readonly kind: 'group';
      readonly label: string;
      /** The group, when it is a resource the records can point to (for connectivity graphs). */
      readonly subject?: ResourceRef;
    }
  | { readonly kind: 'unknown'; readonly reason: string };

/** One rule of a boundary. */
export interface NetworkRule {
  /** Where it is declared, for messages and exceptions: `SecurityGroupIngress[2]`, a logical id. */
  readonly where: string;
  /** The resource that declares it (the group itself, or a standalone rule resource). */
  readonly declaredBy: ResourceRef;
  readonly direction: 'ingress' | 'egress';
  readonly action: 'allow' | 'deny';
  readonly protocol: Maybe<Protocol>;
  /** For TCP/UDP/SCTP; ignored for other protocols. */
  readonly ports: Maybe<PortRange>;
  readonly peer: Peer;
  /** Evaluation order where rules are ordered (NACL rule number, firewall priority): lower first. */
  readonly order?: Maybe<number>;
}

/** A security group, network ACL or firewall, with every rule that applies to it. */
export interface NetworkBoundaryFact {
  readonly kind: 'network-boundary';
  readonly subject: ResourceRef;
  /** `Security group 'WebSG'`: how messages name it. */
  readonly label: string;
  readonly boundary: 'security-group' | 'network-acl' | 'firewall';
  /** Stateless boundaries (network ACLs) must admit return traffic on ephemeral ports. */
  readonly stateless: boolean;
  readonly rules: readonly NetworkRule[];
  /**
   * Whether the boundary fronts only internet-facing load balancers or CDNs, where world
   * ingress on 80/443 is the point.
   */
  readonly publicEntry: Maybe<boolean>;
  /**
   * The resources the boundary is attached to (load balancers, instances, launch templates,
   * databases), where the records know them: what a connectivity graph draws inside the box.
   */
  readonly attachedTo?: readonly AttachedResource[];
}

/** A resource a boundary applies to. */
export interface AttachedResource {
  readonly subject: ResourceRef;
  /** `Load balancer 'Web/Lb'`. */
  readonly label: string;
}

/** A virtual network (VPC, GCP network). */
export interface NetworkFact {
  readonly kind: 'network';
  readonly subject: ResourceRef;
  readonly label: string;
  /** Whether its default security group denies all (AWS); absent where there is none. */
  readonly defaultGroupRestricted?: Maybe<boolean>;
  /** Whether it creates subnetworks in every region by itself (GCP auto mode). */
  readonly autoCreateSubnetworks?: Maybe<boolean>;
}

/** A resource that lives in a network: is it the provider's default network? */
export interface PlacementFact {
  readonly kind: 'placement';
  readonly subject: ResourceRef;
  readonly label: string;
  /** `true` when it lands in the default network or uses its default group. */
  readonly usesDefault: Maybe<boolean>;
  /** Why it does, for the message (`has no VpcId`). */
  readonly why: string;
}

/** A database, cache or search cluster, and whether it has an endpoint on the internet. */
export interface DataEndpointFact {
  readonly kind: 'data-endpoint';
  readonly subject: ResourceRef;
  readonly label: string;
  readonly publicEndpoint: Maybe<boolean>;
  /** Why, naming the property (`PubliclyAccessible is true`). */
  readonly why: string;
}

/** Every network fact. */
export type NetworkFactKind = NetworkBoundaryFact | NetworkFact | PlacementFact | DataEndpointFact;
