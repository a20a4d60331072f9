/**
 * The check registry: which checks read which kind of fact, and the one pass that runs them.
 */
import type { Fact, FactOfKind } from '../facts';
import type { Finding } from '../finding';
import type { CheckOptions } from '../options';
import type { RequirementId } from '../requirements';
import { CheckContext, checkContext } from './context';
import { checkPasswordSignIn, checkSecretRotation } from './auth';
import { checkAccessPolicy, checkLongLivedCredential, checkRoleAttachment } from './identity';
import { checkDataEndpoint, checkNetwork, checkNetworkBoundary, checkPlacement } from './network';
import { checkDataStore, checkDisk, checkEncryptionKey } from './encryption';
import { checkBackendHop, checkListener, checkTlsEnforcement, checkTlsPolicy } from './transport';
import { checkStoredValues } from './secrets';
import { checkHostAccess, checkSshKey } from './ssh';
import { checkAuditTrail, checkLogArchive, checkLogCoverage, checkLogFormat, checkLogStore } from './logging';
import { checkContainerIsolation, checkHostCare, checkInstanceMetadata, checkVulnerabilityScan } from './host';
import { checkRollback } from './deploy';

/** A check over one kind of fact, and the requirements it can report. */
export interface BoundCheck<K extends Fact['kind']> {
  readonly requirements: readonly RequirementId[];
  readonly run: (fact: FactOfKind<K>, ctx: CheckContext) => Finding[];
}

type Registry = { readonly [K in Fact['kind']]: ReadonlyArray<BoundCheck<K>> };

/** Every check, by the kind of fact it reads. Looking checks up by kind runs only what applies. */
export const CHECKS: Registry = {
  'network-boundary': [{ requirements: ['NET-1', 'NET-2', 'NET-3'], run: checkNetworkBoundary }],
  network: [{ requirements: ['NET-4'], run: checkNetwork }],
  placement: [{ requirements: ['NET-4'], run: checkPlacement }],
  'data-endpoint': [{ requirements: ['NET-5'], run: checkDataEndpoint }],
  disk: [{ requirements: ['ENC-1', 'ENC-3'], run: checkDisk }],
  'data-store': [{ requirements: ['ENC-2', 'ENC-3'], run: checkDataStore }],
  'encryption-key': [{ requirements: ['ENC-3'], run: checkEncryptionKey }],
  listener: [{ requirements: ['TLS-1'], run: checkListener }],
  'tls-policy': [{ requirements: ['TLS-2'], run: checkTlsPolicy }],
  'backend-hop': [{ requirements: ['TLS-3'], run: checkBackendHop }],
  'tls-enforcement': [{ requirements: ['TLS-4'], run: checkTlsEnforcement }],
  'access-policy': [{ requirements: ['IAM-1', 'IAM-2', 'IAM-3'], run: checkAccessPolicy }],
  'role-attachment': [{ requirements: ['IAM-1', 'IAM-2'], run: checkRoleAttachment }],
  'long-lived-credential': [{ requirements: ['IAM-4'], run: checkLongLivedCredential }],
  'password-sign-in': [{ requirements: ['AUTH-1'], run: checkPasswordSignIn }],
  'secret-rotation': [{ requirements: ['AUTH-2'], run: checkSecretRotation }],
  'stored-values': [{ requirements: ['AUTH-3'], run: checkStoredValues }],
  'ssh-key': [{ requirements: ['SSH-1'], run: checkSshKey }],
  'host-access': [{ requirements: ['SSH-1'], run: checkHostAccess }],
  'log-store': [{ requirements: ['LOG-1'], run: checkLogStore }],
  'log-archive': [{ requirements: ['LOG-2'], run: checkLogArchive }],
  'log-coverage': [{ requirements: ['LOG-3'], run: checkLogCoverage }],
  'log-format': [{ requirements: ['LOG-4'], run: checkLogFormat }],
  'audit-trail': [{ requirements: ['LOG-5'], run: checkAuditTrail }],
  'host-care': [{ requirements: ['HOST-1', 'HOST-3'], run: checkHostCare }],
  'vulnerability-scan': [{ requirements: ['HOST-2'], run: checkVulnerabilityScan }],
  'instance-metadata': [{ requirements: ['HOST-4'], run: checkInstanceMetadata }],
  'container-isolation': [{ requirements: ['HOST-5'], run: checkContainerIsolation }],
  rollback: [{ requirements: ['DEPLOY-1'], run: checkRollback }],
};

/**
 * Runs every check bound to each fact's kind, once, and returns the findings.
 *
 * @example
 * runChecks(factsOfTemplate(template), { severities: { 'NET-3': 'P1' } })
 */
export function runChecks(facts: Iterable<Fact>, options: CheckOptions | CheckContext = {}): Finding[] {
  const ctx = 'finding' in options ? options : checkContext(options);
  const findings: Finding[] = [];
  for (const fact of facts) {
    const bound = CHECKS[fact.kind] as ReadonlyArray<BoundCheck<typeof fact.kind>>;
    for (const check of bound) findings.push(...check.run(fact as never, ctx));
  }
  return findings;
}

/**
 * The requirements a kind of fact can be judged against.
 *
 * @example
 * requirementsOfKind('network-boundary') // ['NET-1', 'NET-2', 'NET-3']
 */
export function requirementsOfKind(kind: Fact['kind']): RequirementId[] {
  return [...new Set(CHECKS[kind].flatMap((c) => c.requirements))];
}

export { checkContext } from './context';
export type { CheckContext } from './context';
