/**
 * TLS-1..TLS-4 checks over facts, provider-neutral.
 */
import fc from 'fast-check';
import { checkContext } from '../../../constructs/checks';
import { checkBackendHop, checkListener, checkTlsEnforcement, checkTlsPolicy } from '../../../constructs/checks/transport';
import { compareTlsVersions, TLS_VERSIONS, TlsPolicyFact } from '../../../constructs/facts/transport';
import { Unknown } from '../../../constructs/unknown';

const subject = { type: 'gcp:compute/targetHttpsProxy:TargetHttpsProxy', name: 'web' };
const ctx = checkContext();
const statuses = (fs: ReturnType<typeof checkListener>) => fs.map((f) => `${f.requirement}:${f.status}`);
const policy = (over: Partial<TlsPolicyFact>): TlsPolicyFact => ({ kind: 'tls-policy', subject, label: "Proxy 'web'", minimumVersion: 'TLSv1.2', legacyCiphers: false, why: 'sslPolicy is modern', ...over });

describe('checkListener (TLS-1)', () => {
  it.each<[string, 'tls' | 'redirect' | 'plaintext' | Unknown, string[]]>([
    ['tls → pass', 'tls', []],
    ['plain text that only redirects → pass', 'redirect', []],
    ['plain text → fail', 'plaintext', ['TLS-1:fail']],
    ['unknown → unknown', new Unknown('import'), ['TLS-1:unknown']],
  ])('%s', (_n, transport, expected) => {
    expect(statuses(checkListener({ kind: 'listener', subject, label: "Proxy 'web'", transport, why: 'x' }, ctx))).toEqual(expected);
  });
});

describe('checkTlsPolicy (TLS-2)', () => {
  it.each<[string, Partial<TlsPolicyFact>, string[]]>([
    ['TLSv1.2 → pass', {}, []],
    ['TLSv1.3 → pass', { minimumVersion: 'TLSv1.3' }, []],
    ['TLSv1.1 → fail', { minimumVersion: 'TLSv1.1' }, ['TLS-2:fail']],
    ['SSLv3 → fail', { minimumVersion: 'SSLv3' }, ['TLS-2:fail']],
    ['TLSv1.2 with legacy ciphers → fail', { legacyCiphers: true }, ['TLS-2:fail']],
    ['unknown → unknown', { minimumVersion: new Unknown('import') }, ['TLS-2:unknown']],
  ])('%s', (_n, over, expected) => {
    expect(statuses(checkTlsPolicy(policy(over), ctx))).toEqual(expected);
  });

  it('property: a policy fails exactly when its minimum is older than the team minimum', () => {
    fc.assert(fc.property(fc.constantFrom(...TLS_VERSIONS), fc.constantFrom('TLSv1.2' as const, 'TLSv1.3' as const), (min, team) => {
      const failed = checkTlsPolicy(policy({ minimumVersion: min }), checkContext({ minimumTlsVersion: team })).length > 0;
      return failed === compareTlsVersions(min, team) < 0;
    }));
  });
});

describe('checkBackendHop (TLS-3) and checkTlsEnforcement (TLS-4)', () => {
  it.each<[string, boolean | Unknown, string[], string[]]>([
    ['true → pass', true, [], []],
    ['false → fail', false, ['TLS-3:fail'], ['TLS-4:fail']],
    ['unknown → unknown', new Unknown('import'), ['TLS-3:unknown'], ['TLS-4:unknown']],
  ])('%s', (_n, value, hop, enforcement) => {
    expect(statuses(checkBackendHop({ kind: 'backend-hop', subject, label: "Backend 'api'", encrypted: value, why: 'protocol is HTTP' }, ctx))).toEqual(hop);
    expect(statuses(checkTlsEnforcement({ kind: 'tls-enforcement', subject, label: "Cloud SQL 'db'", enforced: value, why: 'sslMode is ALLOW_UNENCRYPTED_AND_ENCRYPTED' }, ctx))).toEqual(enforcement);
  });

  it('messages name the part, the property and carry the specific fix', () => {
    const [f] = checkTlsEnforcement({ kind: 'tls-enforcement', subject, label: "Cloud SQL 'db'", where: 'client connections', enforced: false, why: 'sslMode is ALLOW_UNENCRYPTED_AND_ENCRYPTED', fix: 'Set sslMode to ENCRYPTED_ONLY.' }, ctx);
    expect(f).toMatchObject({
      message: "The client connections of Cloud SQL 'db' accepts clients that do not use TLS: sslMode is ALLOW_UNENCRYPTED_AND_ENCRYPTED.",
      fix: 'Set sslMode to ENCRYPTED_ONLY.',
      detail: 'tls enforcement: client connections',
    });
  });
});
