/**
 * Connectivity as a picture: security groups and firewalls as boxes (with what they are
 * attached to), the internet and address ranges as the other ends, and an arrow for each
 * declared connection labelled with its traffic. Rendered as Mermaid from network facts, so it
 * draws CloudFormation and Pulumi alike.
 */
import type { Fact, NetworkBoundaryFact, NetworkRule, Peer } from '../facts';
import type { ResourceRef } from '../finding';
import { coveredInternets } from '../net/cidr';
import { formatPorts, hasPorts, protocolName } from '../net/ports';
import { isUnknown } from '../unknown';

/** Graph formats `compliance-check --graph` can draw. */
export const GRAPH_FORMATS = ['mermaid'] as const;

/** A graph format. */
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

interface Node {
  readonly id: string;
  readonly label: string;
  readonly group?: string;
  readonly shape: 'box' | 'world' | 'range';
  readonly entry?: boolean;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly traffic: string;
  /** Which sides declare it: both for a complete group-to-group connection. */
  ingress: boolean;
  egress: boolean;
  /** Whether the far end is a group of the graph (so both sides can declare it). */
  readonly betweenGroups: boolean;
}

/** CDK's placeholder egress rule: ICMP to the broadcast address, matching no traffic. */
const MATCHES_NOTHING = '255.255.255.255/32';
const INTERNET = 'internet';

/**
 * Draws the connectivity of the network boundaries among `facts` as a Mermaid flowchart.
 * Arrows point the way connections are opened; a dotted arrow is declared on one side only
 * (the other side's group does not let it through).
 *
 * @example
 * renderMermaidGraph(factsOfTemplate(template, { stack: 'Web' }))
 * // flowchart LR
 * //   internet((Internet))
 * //   internet -->|"tcp/443"| Web_LbSg
 */
export function renderMermaidGraph(facts: readonly Fact[]): string {
  const boundaries = facts.filter((f): f is NetworkBoundaryFact => f.kind === 'network-boundary' && f.boundary !== 'network-acl');
  const nodes = new Map<string, Node>();
  const edges = new Map<string, Edge>();
  const known = new Set(boundaries.map((b) => nodeId(b.subject)));
  let unknowns = 0;

  for (const b of boundaries) {
    const id = nodeId(b.subject);
    const attached = (b.attachedTo ?? []).map((a) => a.label);
    nodes.set(id, {
      id,
      label: [b.label, ...attached].join('<br/>'),
      group: b.subject.stack ?? b.subject.file,
      shape: 'box',
      entry: b.publicEntry === true,
    });
  }
  for (const b of boundaries) {
    const self = nodeId(b.subject);
    for (const rule of b.rules) {
      if (rule.action !== 'allow') continue;
      const traffic = trafficText(rule);
      const other = peerNode(rule.peer, () => `unknown_${++unknowns}`);
      if (other === undefined) continue;
      if (!nodes.has(other.id)) nodes.set(other.id, other);
      const [from, to] = rule.direction === 'ingress' ? [other.id, self] : [self, other.id];
      const key = `${from}\u0000${to}\u0000${traffic}`;
      const edge = edges.get(key) ?? { from, to, traffic, ingress: false, egress: false, betweenGroups: known.has(other.id) };
      if (rule.direction === 'ingress') edge.ingress = true;
      else edge.egress = true;
      edges.set(key, edge);
    }
  }
  // A group that lets all traffic out (or in) needs no rule of its own for one connection.
  const openEgress = new Set(boundaries.filter((b) => opensToWorld(b, 'egress')).map((b) => nodeId(b.subject)));
  const openIngress = new Set(boundaries.filter((b) => opensToWorld(b, 'ingress')).map((b) => nodeId(b.subject)));
  for (const e of edges.values()) {
    if (!e.betweenGroups) continue;
    e.egress ||= openEgress.has(e.from);
    e.ingress ||= openIngress.has(e.to);
  }
  return render([...nodes.values()], [...edges.values()]);
}

function opensToWorld(b: NetworkBoundaryFact, direction: 'ingress' | 'egress'): boolean {
  return b.rules.some((r) => r.direction === direction && r.action === 'allow' && r.protocol === 'all' && r.peer.kind === 'cidr' && coveredInternets([r.peer.range]).v4);
}

function render(nodes: readonly Node[], edges: readonly Edge[]): string {
  const lines = ['flowchart LR'];
  const byGroup = new Map<string | undefined, Node[]>();
  for (const n of nodes) byGroup.set(n.group, [...(byGroup.get(n.group) ?? []), n]);
  for (const [group, members] of byGroup) {
    const indent = group === undefined ? '  ' : '    ';
    if (group !== undefined) lines.push(`  subgraph ${safeId(`stack_${group}`)}["${escape(group)}"]`);
    for (const n of members) lines.push(`${indent}${n.id}${shape(n)}`);
    if (group !== undefined) lines.push('  end');
  }
  const merged = new Map<string, { edge: Edge; traffic: string[] }>();
  for (const e of edges) {
    const oneSided = e.betweenGroups && !(e.ingress && e.egress);
    const key = `${e.from}\u0000${e.to}\u0000${oneSided ? (e.ingress ? 'i' : 'e') : 'both'}`;
    const m = merged.get(key) ?? { edge: e, traffic: [] };
    m.traffic.push(e.traffic);
    merged.set(key, m);
  }
  for (const { edge, traffic } of merged.values()) {
    const oneSided = edge.betweenGroups && !(edge.ingress && edge.egress);
    const note = oneSided ? (edge.ingress ? ' (no egress declared)' : ' (no ingress declared)') : '';
    lines.push(`  ${edge.from} ${oneSided ? '-.->' : '-->'}|"${escape(traffic.join(', ') + note)}"| ${edge.to}`);
  }
  const entries = nodes.filter((n) => n.entry).map((n) => n.id);
  if (entries.length > 0) {
    lines.push('  classDef entry stroke-width:3px');
    lines.push(`  class ${entries.join(',')} entry`);
  }
  return lines.join('\n');
}

function shape(n: Node): string {
  if (n.shape === 'world') return `((${escape(n.label)}))`;
  if (n.shape === 'range') return `[/"${escape(n.label)}"/]`;
  return `["${escape(n.label)}"]`;
}

/** The node at the other end of a rule; undefined for the rule that matches no traffic. */
function peerNode(peer: Peer, nextUnknown: () => string): Node | undefined {
  if (peer.kind === 'cidr') {
    if (peer.text === MATCHES_NOTHING) return undefined;
    const covered = coveredInternets([peer.range]);
    if (covered.v4 || covered.v6) return { id: INTERNET, label: 'Internet', shape: 'world' };
    return { id: safeId(`range_${peer.text}`), label: peer.text, shape: 'range' };
  }
  if (peer.kind === 'group') {
    if (peer.subject) return { id: nodeId(peer.subject), label: peer.label, group: peer.subject.stack ?? peer.subject.file, shape: 'box' };
    return { id: safeId(`group_${peer.label}`), label: peer.label, shape: 'box' };
  }
  return { id: nextUnknown(), label: `unknown: ${peer.reason}`, shape: 'range' };
}

function trafficText(rule: NetworkRule): string {
  if (isUnknown(rule.protocol)) return 'unknown traffic';
  if (rule.protocol === 'all') return 'all traffic';
  const name = protocolName(rule.protocol);
  if (!hasPorts(rule.protocol)) return name;
  if (isUnknown(rule.ports)) return `${name}/unknown ports`;
  return `${name}/${formatPorts(rule.ports)}`;
}

function nodeId(r: ResourceRef): string {
  return safeId([r.stack ?? r.file ?? '', r.logicalId ?? r.urn ?? r.name ?? r.type].join('_'));
}

/** Mermaid ids: letters, digits and underscores, not starting with a digit. */
function safeId(s: string): string {
  const id = s.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(id) ? id : `n_${id}`;
}

/** Mermaid labels in quotes: a double quote is written as an entity. */
function escape(s: string): string {
  return s.replace(/"/g, '#quot;');
}
