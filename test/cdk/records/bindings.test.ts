import { AWS_BINDINGS } from '../../../cdk/records';
import { mergeBindings } from '../../../cdk/records/bindings';

describe('AWS_BINDINGS', () => {
  it('merges the areas: a type judged by several keeps every requirement', () => {
    expect(AWS_BINDINGS['AWS::EC2::Instance']).toEqual(expect.arrayContaining(['NET-4', 'ENC-1', 'ENC-3', 'SSH-1', 'AUTH-3']));
    expect(AWS_BINDINGS['AWS::RDS::DBInstance']).toEqual(expect.arrayContaining(['NET-5', 'ENC-2', 'ENC-3', 'TLS-4']));
    expect(AWS_BINDINGS['AWS::OpenSearchService::Domain']).toEqual(expect.arrayContaining(['NET-5', 'ENC-2', 'ENC-3', 'TLS-2', 'TLS-4']));
  });

  it('binds every ENC and TLS requirement to at least one type', () => {
    const bound = new Set(Object.values(AWS_BINDINGS).flat());
    for (const id of ['ENC-1', 'ENC-2', 'ENC-3', 'TLS-1', 'TLS-2', 'TLS-3', 'TLS-4'] as const) expect(bound.has(id)).toBe(true);
  });

  it('mergeBindings keeps order of first appearance without duplicates', () => {
    expect(mergeBindings({ A: ['NET-1', 'NET-2'] }, { A: ['NET-2', 'ENC-1'], B: ['TLS-1'] })).toEqual({ A: ['NET-1', 'NET-2', 'ENC-1'], B: ['TLS-1'] });
  });
});
