/**
 * CloudFormation network resources -> network facts: security groups with every rule that
 * targets them (inline, standalone, on imported groups), network ACLs, VPCs, placement in the
 * default VPC, and public endpoints of data services.
 */
import type { AttachedResource, DataEndpointFact, NetworkBoundaryFact, NetworkFact, NetworkRule, Peer, PlacementFact } from '../../constructs/facts/network';
import type { ResourceRef } from '../../constructs/finding';
import { parseCidr } from '../../constructs/net/cidr';
import { ALL_PORTS, hasPorts, parseProtocol, PortRange, Protocol } from '../../constructs/net/ports';
import { isUnknown, Maybe, Unknown } from '../../constructs/unknown';
import type { TemplateContext } from './context';
import { valuesAt } from './flags';
import { describeValue, expandFields, isObject, possibleValues, readBoolean, readNumber, readString } from './read';
import { Reference, Value, ValueObject } from './values';

const SG = 'AWS::EC2::SecurityGroup';
const SG_INGRESS = 'AWS::EC2::SecurityGroupIngress';
const SG_EGRESS = 'AWS::EC2::SecurityGroupEgress';
const NACL_ENTRY = 'AWS::EC2::NetworkAclEntry';
const VPC = 'AWS::EC2::VPC';
const ALB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const CLB = 'AWS::ElasticLoadBalancing::LoadBalancer';

/** The resource types this file reads, and what it judges them for. */
export const NETWORK_BINDINGS = {
  [SG]: ['NET-1', 'NET-2', 'NET-3', 'NET-4'],
  [SG_INGRESS]: ['NET-1', 'NET-2', 'NET-4'],
  [SG_EGRESS]: ['NET-3', 'NET-4'],
  [NACL_ENTRY]: ['NET-1'],
  [VPC]: ['NET-4'],
  'AWS::EC2::Instance': ['NET-4'],
  'AWS::RDS::DBInstance': ['NET-5'],
  'AWS::RDS::DBCluster': ['NET-5'],
  'AWS::Redshift::Cluster': ['NET-5'],
  'AWS::RedshiftServerless::Workgroup': ['NET-5'],
  'AWS::OpenSearchService::Domain': ['NET-5'],
  'AWS::Elasticsearch::Domain': ['NET-5'],
  'AWS::DMS::ReplicationInstance': ['NET-5'],
  'AWS::MSK::Cluster': ['NET-5'],
} as const;

type NetworkFactOut = NetworkBoundaryFact | NetworkFact | PlacementFact | DataEndpointFact;

/**
 * Every network fact of a template.
 *
 * @example
 * networkFacts(new TemplateContext(template)).filter((f) => f.kind === 'network-boundary')
 */
export function networkFacts(ctx: TemplateContext): NetworkFactOut[] {
  return [
    ...securityGroupFacts(ctx),
    ...standaloneRuleFacts(ctx),
    ...networkAclFacts(ctx),
    ...vpcFacts(ctx),
    ...instancePlacementFacts(ctx),
    ...dataEndpointFacts(ctx),
  ];
}

// ---------------------------------------------------------------- security groups

function securityGroupFacts(ctx: TemplateContext): NetworkFactOut[] {
  const out: NetworkFactOut[] = [];
  for (const id of ctx.ofType(SG)) {
    const props = ctx.properties(id);
    const subject = ctx.ref(id);
    const rules: NetworkRule[] = [
      ...inlineRules(ctx, props, 'SecurityGroupIngress', 'ingress', subject),
      ...inlineRules(ctx, props, 'SecurityGroupEgress', 'egress', subject),
      ...defaultEgress(props, subject),
    ];
    for (const r of ctx.referrers(id)) {
      if ((r.fromType === SG_INGRESS || r.fromType === SG_EGRESS) && r.path[0] === 'GroupId') {
        rules.push(...standaloneRules(ctx, r.from));
      }
    }
    out.push({
      kind: 'network-boundary',
      subject,
      label: ctx.label(id),
      boundary: 'security-group',
      stateless: false,
      rules,
      publicEntry: publicEntry(ctx, id),
      attachedTo: attachments(ctx, id),
    });
    const vpc = possibleValues(props.VpcId);
    if (vpc.some((v) => v === undefined)) {
      out.push({
        kind: 'placement',
        subject,
        label: ctx.label(id),
        usesDefault: true,
        why: 'it has no VpcId, so it is created in the default VPC',
      });
    }
  }
  return out;
}

/**
 * AWS adds an allow-all egress rule to a group created without inline egress rules
 * (standalone egress resources do not remove it).
 */
function defaultEgress(props: ValueObject, subject: ResourceRef): NetworkRule[] {
  const lists = possibleValues(props.SecurityGroupEgress);
  const none = lists.some((l) => l === undefined || (Array.isArray(l) && l.length === 0));
  if (!none) return [];
  const text = '0.0.0.0/0';
  return [{
    where: 'default egress (no SecurityGroupEgress declared)',
    declaredBy: subject,
    direction: 'egress',
    action: 'allow',
    protocol: 'all',
    ports: ALL_PORTS,
    peer: { kind: 'cidr', text, range: parseCidr(text)! },
  }];
}

function inlineRules(
  ctx: TemplateContext,
  props: ValueObject,
  key: string,
  direction: 'ingress' | 'egress',
  declaredBy: ResourceRef,
): NetworkRule[] {
  const rules: NetworkRule[] = [];
  for (const list of possibleValues(props[key])) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      rules.push(unknownRule(key, declaredBy, direction, list instanceof Unknown ? list : new Unknown(`${key} is ${describeValue(list)}`)));
      continue;
    }
    list.forEach((item: Value, i: number) => {
      for (const entry of possibleValues(item)) {
        if (entry === undefined) continue;
        rules.push(...sgRule(ctx, entry, direction, `${key}[${i}]`, declaredBy));
      }
    });
  }
  return rules;
}

function standaloneRules(ctx: TemplateContext, logicalId: string): NetworkRule[] {
  const type = ctx.typeOf(logicalId);
  const direction = type === SG_EGRESS ? 'egress' : 'ingress';
  return sgRule(ctx, ctx.properties(logicalId), direction, logicalId, ctx.ref(logicalId));
}

const SG_RULE_FIELDS = [
  'IpProtocol', 'FromPort', 'ToPort', 'CidrIp', 'CidrIpv6', 'SourcePrefixListId', 'SourceSecurityGroupId',
  'SourceSecurityGroupName', 'DestinationPrefixListId', 'DestinationSecurityGroupId',
];

/** One security group rule (inline entry or standalone resource) -> rules, one per Fn::If branch. */
function sgRule(ctx: TemplateContext, entry: Value, direction: 'ingress' | 'egress', where: string, declaredBy: ResourceRef): NetworkRule[] {
  if (!isObject(entry)) {
    return [unknownRule(where, declaredBy, direction, entry instanceof Unknown ? entry : new Unknown(`the rule is ${describeValue(entry)}`))];
  }
  const variants = expandFields(entry, SG_RULE_FIELDS);
  if (isUnknown(variants)) return [unknownRule(where, declaredBy, direction, variants)];
  return variants.flatMap((rule) => {
    const protocol = readProtocol(rule.IpProtocol);
    const ports = isUnknown(protocol) || hasPorts(protocol) ? readSgPorts(rule.FromPort, rule.ToPort) : ALL_PORTS;
    return sgPeers(ctx, rule, direction).map((peer) => ({
      where,
      declaredBy,
      direction,
      action: 'allow' as const,
      protocol,
      ports,
      peer,
    }));
  });
}

function readProtocol(v: Value | undefined): Maybe<Protocol> {
  const text = readString(v);
  if (text === undefined) return new Unknown('absent');
  if (isUnknown(text)) return text;
  return parseProtocol(text) ?? new Unknown(`'${text}', which is no protocol`);
}

/** Ports of a group rule: -1 or absent means every port. */
function readSgPorts(fromV: Value | undefined, toV: Value | undefined): Maybe<PortRange> {
  const from = readNumber(fromV);
  const to = readNumber(toV);
  if (isUnknown(from)) return from;
  if (isUnknown(to)) return to;
  if (from === undefined || to === undefined || from === -1 || to === -1) return ALL_PORTS;
  if (from < 0 || to > 65535 || from > to) return new Unknown(`an invalid port range ${from}-${to}`);
  return { from, to };
}

function sgPeers(ctx: TemplateContext, rule: ValueObject, direction: 'ingress' | 'egress'): Peer[] {
  const prefix = direction === 'ingress' ? 'Source' : 'Destination';
  const peers: Peer[] = [];
  for (const key of ['CidrIp', 'CidrIpv6']) {
    if (rule[key] !== undefined) peers.push(cidrPeer(rule[key]));
  }
  const prefixList = rule[`${prefix}PrefixListId`];
  if (prefixList !== undefined) peers.push(...prefixListPeers(ctx, prefixList));
  const group = rule[`${prefix}SecurityGroupId`] ?? rule.SourceSecurityGroupName;
  if (group instanceof Reference && group.resourceType === SG) {
    peers.push({ kind: 'group', label: ctx.label(group.logicalId), subject: ctx.ref(group.logicalId) });
  } else if (group !== undefined) {
    peers.push({ kind: 'group', label: describeValue(group) });
  }
  return peers.length > 0 ? peers : [{ kind: 'unknown', reason: 'a rule with no source or destination' }];
}

function cidrPeer(v: Value): Peer {
  const text = readString(v);
  if (text === undefined) return { kind: 'unknown', reason: 'absent' };
  if (isUnknown(text)) return { kind: 'unknown', reason: text.reason };
  const range = parseCidr(text);
  return range ? { kind: 'cidr', text, range } : { kind: 'unknown', reason: `'${text}', which is no CIDR` };
}

/** A prefix list declared in the template is read entry by entry; any other is unknown. */
function prefixListPeers(ctx: TemplateContext, v: Value): Peer[] {
  if (v instanceof Reference && v.resourceType === 'AWS::EC2::PrefixList') {
    const entries = ctx.properties(v.logicalId).Entries;
    if (Array.isArray(entries)) {
      return entries.map((e: Value) => (isObject(e) ? cidrPeer(e.Cidr) : { kind: 'unknown' as const, reason: `an entry of prefix list ${v.logicalId}` }));
    }
    return [{ kind: 'unknown', reason: `prefix list ${v.logicalId} whose entries are ${describeValue(entries)}` }];
  }
  return [{ kind: 'unknown', reason: `prefix list ${describeValue(v)}, whose entries are not in this template` }];
}

function unknownRule(where: string, declaredBy: ResourceRef, direction: 'ingress' | 'egress', u: Unknown): NetworkRule {
  return { where, declaredBy, direction, action: 'allow', protocol: u, ports: u, peer: { kind: 'unknown', reason: u.reason } };
}

/** Standalone rules on groups this template does not define: imported, literal or default groups. */
function standaloneRuleFacts(ctx: TemplateContext): NetworkFactOut[] {
  const out: NetworkFactOut[] = [];
  for (const id of [...ctx.ofType(SG_INGRESS), ...ctx.ofType(SG_EGRESS)]) {
    const props = ctx.properties(id);
    const targets = possibleValues(props.GroupId ?? props.GroupName);
    for (const target of targets) {
      if (target instanceof Reference && target.resourceType === SG) continue; // judged with its group
      const subject = ctx.ref(id);
      const isDefault = target instanceof Reference && target.resourceType === VPC && target.attribute === 'DefaultSecurityGroup';
      const label = isDefault
        ? `Default security group of ${ctx.label((target as Reference).logicalId)}`
        : `Security group ${describeValue(target)} (not defined in this template)`;
      out.push({
        kind: 'network-boundary',
        subject,
        label,
        boundary: 'security-group',
        stateless: false,
        rules: standaloneRules(ctx, id),
        publicEntry: isDefault ? false : new Unknown(`${label} is attached to resources outside this template`),
      });
      if (isDefault) {
        out.push({ kind: 'placement', subject, label: ctx.label(id), usesDefault: true, why: `it adds a rule to the ${label.toLowerCase()}` });
      }
    }
  }
  return out;
}

/**
 * Whether a reference at `path` attaches a security group to the referring resource
 * (`SecurityGroups`, `SecurityGroupIds`, `VPCSecurityGroups`, an interface's `GroupSet`), as
 * opposed to naming it in a policy document or a tag.
 */
function isAttachment(path: readonly string[]): boolean {
  if (path.some((p) => p === 'PolicyDocument' || p === 'Statement' || p === 'Tags')) return false;
  return path.some((p) => /securitygroup/i.test(p) || p === 'GroupSet' || p === 'Groups');
}

/** The resources of the template a group is attached to, each once. */
function attachments(ctx: TemplateContext, groupId: string): AttachedResource[] {
  const seen = new Set<string>();
  const out: AttachedResource[] = [];
  for (const r of ctx.referrers(groupId)) {
    if (r.fromType === SG_INGRESS || r.fromType === SG_EGRESS || r.fromType === SG || !isAttachment(r.path) || seen.has(r.from)) continue;
    seen.add(r.from);
    out.push({ subject: ctx.ref(r.from), label: ctx.label(r.from) });
  }
  return out;
}

/**
 * Whether a group fronts only internet-facing load balancers: it is attached to at least one,
 * and to nothing else in the template.
 */
function publicEntry(ctx: TemplateContext, groupId: string): Maybe<boolean> {
  let balancers = 0;
  let internal: Maybe<boolean> = false;
  for (const r of ctx.referrers(groupId)) {
    if (r.fromType === SG_INGRESS || r.fromType === SG_EGRESS || r.fromType === SG || !isAttachment(r.path)) continue;
    if ((r.fromType === ALB || r.fromType === CLB) && r.path[0] === 'SecurityGroups') {
      const schemes = possibleValues(ctx.properties(r.from).Scheme).map(readString);
      if (schemes.some((s) => s !== undefined && !isUnknown(s) && s !== 'internet-facing')) return false;
      const unknown = schemes.find(isUnknown);
      if (unknown) internal = new Unknown(`the scheme of ${ctx.label(r.from)} is ${unknown.reason}`);
      balancers++;
      continue;
    }
    return false; // attached to an instance, a function, a database...
  }
  if (balancers === 0) return false;
  return isUnknown(internal) ? internal : true;
}

// ---------------------------------------------------------------- network ACLs

function networkAclFacts(ctx: TemplateContext): NetworkFactOut[] {
  const byAcl = new Map<string, { subject: ResourceRef; label: string; rules: NetworkRule[] }>();
  for (const id of ctx.ofType(NACL_ENTRY)) {
    const props = ctx.properties(id);
    for (const acl of possibleValues(props.NetworkAclId)) {
      const key = acl instanceof Reference ? acl.logicalId : `?${describeValue(acl)}`;
      let group = byAcl.get(key);
      if (!group) {
        const inTemplate = acl instanceof Reference && ctx.typeOf(acl.logicalId) !== undefined;
        group = {
          subject: inTemplate ? ctx.ref((acl as Reference).logicalId) : ctx.ref(id),
          label: inTemplate ? ctx.label((acl as Reference).logicalId) : `Network ACL ${describeValue(acl)}`,
          rules: [],
        };
        byAcl.set(key, group);
      }
      group.rules.push(...naclRules(ctx, id, props));
    }
  }
  return [...byAcl.values()].map((g) => ({
    kind: 'network-boundary' as const,
    subject: g.subject,
    label: g.label,
    boundary: 'network-acl' as const,
    stateless: true,
    rules: g.rules,
    publicEntry: false,
  }));
}

const NACL_FIELDS = ['Protocol', 'PortRange', 'CidrBlock', 'Ipv6CidrBlock', 'Egress', 'RuleAction', 'RuleNumber'];

function naclRules(ctx: TemplateContext, id: string, props: ValueObject): NetworkRule[] {
  const declaredBy = ctx.ref(id);
  const variants = expandFields(props, NACL_FIELDS);
  if (isUnknown(variants)) return [unknownRule(id, declaredBy, 'ingress', variants)];
  return variants.flatMap((p) => {
    const egress = readBoolean(p.Egress);
    const action = readString(p.RuleAction) ?? new Unknown('absent');
    const protocol = readProtocol(p.Protocol);
    const range = p.PortRange;
    let ports: Maybe<PortRange> = ALL_PORTS;
    if (!isUnknown(protocol) && hasPorts(protocol)) {
      ports = isObject(range) ? readSgPorts(range.From, range.To) : range === undefined ? ALL_PORTS : new Unknown(describeValue(range));
    }
    const order = readNumber(p.RuleNumber);
    const peer = p.CidrBlock !== undefined ? cidrPeer(p.CidrBlock) : p.Ipv6CidrBlock !== undefined ? cidrPeer(p.Ipv6CidrBlock) : { kind: 'unknown' as const, reason: 'an entry with no CIDR' };
    const directions: Array<'ingress' | 'egress'> = isUnknown(egress) ? ['ingress', 'egress'] : [egress ? 'egress' : 'ingress'];
    const allow = isUnknown(action) ? 'allow' : action.toLowerCase() === 'deny' ? 'deny' : 'allow';
    return directions.map((direction) => ({
      where: id,
      declaredBy,
      direction,
      action: allow,
      protocol: isUnknown(action) ? action : protocol,
      ports,
      peer,
      order: order ?? new Unknown('absent'),
    }) as NetworkRule);
  });
}

// ---------------------------------------------------------------- VPCs and placement

function vpcFacts(ctx: TemplateContext): NetworkFactOut[] {
  return ctx.ofType(VPC).map((id) => {
    const restricts = ctx
      .referrers(id)
      .some((r) => r.attribute === 'DefaultSecurityGroup' && (r.fromType.startsWith('Custom::') || r.fromType === 'AWS::CloudFormation::CustomResource'));
    return { kind: 'network' as const, subject: ctx.ref(id), label: ctx.label(id), defaultGroupRestricted: restricts };
  });
}

function instancePlacementFacts(ctx: TemplateContext): NetworkFactOut[] {
  const out: NetworkFactOut[] = [];
  for (const id of ctx.ofType('AWS::EC2::Instance')) {
    const props = ctx.properties(id);
    const subject = ctx.ref(id);
    const label = ctx.label(id);
    if (props.SubnetId !== undefined || hasSubnetInInterfaces(props.NetworkInterfaces)) continue;
    if (props.LaunchTemplate !== undefined) {
      const lt = isObject(props.LaunchTemplate) ? props.LaunchTemplate.LaunchTemplateId ?? props.LaunchTemplate.LaunchTemplateName : undefined;
      if (lt instanceof Reference) {
        const data = ctx.properties(lt.logicalId).LaunchTemplateData;
        if (isObject(data) && hasSubnetInInterfaces(data.NetworkInterfaces)) continue;
      }
      out.push({ kind: 'placement', subject, label, usesDefault: new Unknown('it names no subnet, and its launch template does not say either'), why: '' });
      continue;
    }
    out.push({ kind: 'placement', subject, label, usesDefault: true, why: 'it names no subnet, so it launches in the default VPC' });
  }
  // Anything attached to a VPC's default group uses the default network's rules.
  for (const vpc of ctx.ofType(VPC)) {
    for (const r of ctx.referrers(vpc)) {
      if (r.attribute !== 'DefaultSecurityGroup' || !isAttachment(r.path)) continue;
      if (r.fromType.startsWith('Custom::') || r.fromType === 'AWS::CloudFormation::CustomResource' || r.fromType === SG_INGRESS || r.fromType === SG_EGRESS) continue;
      out.push({
        kind: 'placement',
        subject: ctx.ref(r.from),
        label: ctx.label(r.from),
        usesDefault: true,
        why: `${r.path.join('.')} uses the default security group of ${ctx.label(vpc)}`,
      });
    }
  }
  return out;
}

function hasSubnetInInterfaces(v: Value | undefined): boolean {
  return Array.isArray(v) && v.some((n: Value) => isObject(n) && n.SubnetId !== undefined);
}

// ---------------------------------------------------------------- data services (NET-5)

function dataEndpointFacts(ctx: TemplateContext): NetworkFactOut[] {
  const out: DataEndpointFact[] = [];
  const add = (id: string, publicEndpoint: Maybe<boolean>, why: string): void => {
    out.push({ kind: 'data-endpoint', subject: ctx.ref(id), label: ctx.label(id), publicEndpoint, why });
  };

  for (const id of ctx.ofType('AWS::RDS::DBInstance')) {
    const props = ctx.properties(id);
    judgeFlag(props.PubliclyAccessible, (v, why) => add(id, v, why), () => {
      if (props.DBSubnetGroupName === undefined && props.DBClusterIdentifier === undefined) {
        return [true, 'PubliclyAccessible is not set and there is no DBSubnetGroupName, so it is created public in the default VPC'];
      }
      return [new Unknown('PubliclyAccessible is not set, so it is public whenever its VPC has an internet gateway'), ''];
    });
  }
  for (const id of ctx.ofType('AWS::RDS::DBCluster')) {
    const props = ctx.properties(id);
    // Only Multi-AZ DB clusters (with DBClusterInstanceClass) take PubliclyAccessible; Aurora sets it per instance.
    if (props.PubliclyAccessible === undefined && props.DBClusterInstanceClass === undefined) continue;
    judgeFlag(props.PubliclyAccessible, (v, why) => add(id, v, why), () =>
      props.DBSubnetGroupName === undefined
        ? [true, 'PubliclyAccessible is not set and there is no DBSubnetGroupName, so it is created public in the default VPC']
        : [new Unknown('PubliclyAccessible is not set, so it is public whenever its VPC has an internet gateway'), '']);
  }
  for (const type of ['AWS::Redshift::Cluster', 'AWS::RedshiftServerless::Workgroup']) {
    for (const id of ctx.ofType(type)) {
      judgeFlag(ctx.properties(id).PubliclyAccessible, (v, why) => add(id, v, why), () => [false, '']);
    }
  }
  for (const id of ctx.ofType('AWS::DMS::ReplicationInstance')) {
    judgeFlag(ctx.properties(id).PubliclyAccessible, (v, why) => add(id, v, why), () => [true, 'PubliclyAccessible is not set, and DMS makes replication instances public by default']);
  }
  for (const type of ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain']) {
    for (const id of ctx.ofType(type)) {
      for (const vpc of possibleValues(ctx.properties(id).VPCOptions)) {
        if (vpc === undefined) add(id, true, 'it has no VPCOptions, so its endpoint is on the internet');
        else if (vpc instanceof Unknown) add(id, vpc, '');
        else add(id, false, '');
      }
    }
  }
  for (const id of ctx.ofType('AWS::MSK::Cluster')) {
    // A step known only at deploy (BrokerNodeGroupInfo from an import) leaves the access type unknown, not absent.
    const access = valuesAt(ctx.properties(id), ['BrokerNodeGroupInfo', 'ConnectivityInfo', 'PublicAccess', 'Type']);
    for (const t of access.map(readString)) {
      if (isUnknown(t)) add(id, t, '');
      else add(id, t === 'SERVICE_PROVIDED_EIPS', 'BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type is SERVICE_PROVIDED_EIPS');
    }
  }
  return out;
}

/** Judges a PubliclyAccessible-style flag over every Fn::If branch, with a default when absent. */
function judgeFlag(
  value: Value | undefined,
  add: (v: Maybe<boolean>, why: string) => void,
  whenAbsent: () => [Maybe<boolean>, string],
): void {
  for (const option of possibleValues(value)) {
    const flag = readBoolean(option);
    if (flag === undefined) add(...whenAbsent());
    else add(flag, flag === true ? 'PubliclyAccessible is true' : '');
  }
}
