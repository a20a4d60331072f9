/**
 * The pinned catalog test for GCP: every requirement has a resource type bound to it, or a
 * written reason why not; every bound type is in the type table.
 */
import { REQUIREMENTS } from '../../constructs/requirements';
import { GCP_BINDINGS, GCP_UNBOUND } from '../../pulumi/records';
import { GCP } from '../../pulumi/records/types';

describe('GCP_BINDINGS', () => {
  it('binds every requirement, or says why not', () => {
    const bound = new Set(Object.values(GCP_BINDINGS).flat());
    const missing = REQUIREMENTS.filter((r) => !bound.has(r.id) && GCP_UNBOUND[r.id] === undefined).map((r) => r.id);
    expect(missing).toEqual([]);
    expect(Object.keys(GCP_UNBOUND).sort()).toEqual(['HOST-5', 'LOG-4']);
    for (const id of Object.keys(GCP_UNBOUND)) expect(bound.has(id as never)).toBe(false);
  });

  it('binds only type tokens of the table', () => {
    const tokens = new Set<string>(Object.values(GCP));
    expect(Object.keys(GCP_BINDINGS).filter((t) => !tokens.has(t))).toEqual([]);
  });

  it('merges the areas: a type judged by several keeps every requirement', () => {
    expect(GCP_BINDINGS[GCP.instance]).toEqual(expect.arrayContaining(['NET-4', 'ENC-1', 'ENC-3', 'IAM-4', 'AUTH-3', 'SSH-1', 'HOST-1', 'HOST-2', 'HOST-3']));
    expect(GCP_BINDINGS[GCP.sqlDatabaseInstance]).toEqual(expect.arrayContaining(['NET-5', 'ENC-2', 'ENC-3', 'TLS-4', 'AUTH-3']));
    expect(GCP_BINDINGS[GCP.firewall]).toEqual(expect.arrayContaining(['NET-1', 'NET-2', 'NET-3', 'NET-4', 'LOG-3']));
  });
});
