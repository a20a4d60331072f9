/**
 * Fixtures of the fail-closed audit on Pulumi GCP resources: for every type token and every
 * requirement it is bound to, resources that comply with the requirement and the one input
 * that decides it. The audit replaces that input by Pulumi's unknown marker (what a preview or
 * a stack export holds for an output not known yet) and expects "could not be verified".
 */
import type { RequirementId } from '../../constructs/requirements';
import { GCP } from '../../pulumi/records/types';
import type { Json } from '../cdk/fixtures';

/** A resource as a stack export holds it. */
export interface GcpResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: { [k: string]: Json };
}

/** One (type, requirement) pair of the audit. */
export interface GcpAuditFixture {
  /** Resources that comply with the requirement; the bound resource is named `subject`. */
  readonly resources: readonly GcpResource[];
  /** The decisive input: a resource name, then the path inside its inputs. */
  readonly decisive: readonly [string, ...Array<string | number>];
  /** Where the finding is reported. @default the resource holding the decisive input */
  readonly reportedOn?: string;
  /**
   * `fail` where the check reads this unknown as a violation rather than "could not be
   * verified" (still never a pass); `why` must say why.
   * @default 'unknown'
   */
  readonly closedAs?: 'unknown' | 'fail';
  /**
   * The requirement the finding comes under, where a stricter one subsumes this one (an
   * opening that may include admin ports is NET-1, not NET-2); `why` must say why.
   * @default the requirement of the pair
   */
  readonly reportedAs?: RequirementId;
  /** Why this input decides, where no single input of the subject does. */
  readonly why?: string;
}

/** Pulumi's marker for a value not known until deployment. */
export const PULUMI_UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

const network = (name: string, inputs: { [k: string]: Json } = {}): GcpResource => ({ type: GCP.network, name, inputs: { autoCreateSubnetworks: false, ...inputs } });
const firewall = (name: string, inputs: { [k: string]: Json }): GcpResource => ({ type: GCP.firewall, name, inputs: { network: 'main', ...inputs } });
/** The deny-all egress firewall that closes a network's implied allow-all egress rule. */
const denyAllEgress = firewall('deny-all-egress', { direction: 'EGRESS', priority: 65534, denies: [{ protocol: 'all' }], destinationRanges: ['0.0.0.0/0'] });
const forwarding = (type: string): GcpResource => ({ type, name: 'subject', inputs: { loadBalancingScheme: 'EXTERNAL_MANAGED', ipProtocol: 'TCP', portRange: '443', target: 'proxy' } });

/** Why an unknown port range of a forwarding rule is NET-1 rather than NET-2. */
const SUBSUMED = 'NET-2 is decided by the ports a public entry point opens (only 80 and 443); a port range unknown until deployment may include admin ports, so it is reported under the stricter NET-1';

/** For each bound type token, the fixture of each requirement it is bound to. */
export const GCP_FIXTURES: Readonly<Record<string, Partial<Record<RequirementId, GcpAuditFixture>>>> = {
  [GCP.firewall]: {
    'NET-1': { resources: [network('main'), denyAllEgress, firewall('subject', { allows: [{ protocol: 'tcp', ports: ['22'] }], sourceRanges: ['10.0.0.0/8'] })], decisive: ['subject', 'sourceRanges', 0] },
    'NET-2': { resources: [network('main'), denyAllEgress, firewall('subject', { allows: [{ protocol: 'tcp', ports: ['8080'] }], sourceRanges: ['10.0.0.0/8'] })], decisive: ['subject', 'sourceRanges', 0] },
    'NET-3': { resources: [network('main'), denyAllEgress, firewall('subject', { direction: 'EGRESS', allows: [{ protocol: 'all' }], destinationRanges: ['10.0.0.0/8'] })], decisive: ['subject', 'destinationRanges', 0] },
  },
  [GCP.network]: {
    'NET-3': {
      resources: [network('subject'), { ...denyAllEgress, inputs: { ...denyAllEgress.inputs, network: 'subject' } }],
      decisive: ['deny-all-egress', 'destinationRanges', 0],
      reportedOn: 'subject',
      closedAs: 'fail',
      why: 'the implied allow-all egress rule is closed only by a deny that surely applies; a deny whose range is unknown is left out (it can only hide traffic), so the rule stays open',
    },
    'NET-4': { resources: [network('subject'), denyAllEgress], decisive: ['subject', 'autoCreateSubnetworks'] },
  },
  [GCP.forwardingRule]: {
    'NET-1': { resources: [forwarding(GCP.forwardingRule)], decisive: ['subject', 'portRange'] },
    'NET-2': { resources: [forwarding(GCP.forwardingRule)], decisive: ['subject', 'portRange'], reportedAs: 'NET-1', why: SUBSUMED },
  },
  [GCP.globalForwardingRule]: {
    'NET-1': { resources: [forwarding(GCP.globalForwardingRule)], decisive: ['subject', 'portRange'] },
    'NET-2': { resources: [forwarding(GCP.globalForwardingRule)], decisive: ['subject', 'portRange'], reportedAs: 'NET-1', why: SUBSUMED },
  },
  [GCP.sqlDatabaseInstance]: {
    'NET-5': {
      resources: [{ type: GCP.sqlDatabaseInstance, name: 'subject', inputs: { databaseVersion: 'POSTGRES_16', settings: { tier: 'db-f1-micro', ipConfiguration: { ipv4Enabled: false, privateNetwork: 'main' } } } }],
      decisive: ['subject', 'settings', 'ipConfiguration', 'ipv4Enabled'],
    },
  },
};

/**
 * GCP pairs bound on another branch whose fixtures are still to be written, as
 * `'<type token> <requirement>'`. The lead fills this in when merging the GCP records of the
 * other requirements (issue-8b), then replaces each entry by a fixture above; keep it as short
 * as possible. Every pair bound on this branch has its fixture, so it is empty.
 */
export const GCP_PENDING: readonly string[] = [];
