import * as fc from 'fast-check';
import { Finding, makeFinding, ResourceRef } from '../../../constructs/finding';
import { compareFindings, groupBySeverity, sortFindings, summarize } from '../../../constructs/report';
import { FINDINGS, listenerUnknown, logFormat, retentionExcepted, sshOpen } from './fixtures';

describe('summarize', () => {
  it('counts by severity and by status, with every key present', () => {
    expect(summarize(FINDINGS)).toEqual({
      total: 4,
      bySeverity: { P0: 1, P1: 1, P2: 1, P3: 1 },
      byStatus: { fail: 2, unknown: 1, excepted: 1 },
    });
  });

  it('without failOn → no blocking count', () => {
    expect(summarize(FINDINGS)).not.toHaveProperty('blocking');
    expect(summarize(FINDINGS)).not.toHaveProperty('failOn');
  });

  it.each([
    ['P0', 1], // the P0 fail
    ['P1', 2], // + the P1 unknown: unknown counts at the requirement's severity
    ['P2', 2], // the P2 is excepted: never blocking
    ['P3', 3], // + the P3 fail
    ['none', 0],
  ] as const)('failOn %s → %i blocking', (failOn, blocking) => {
    expect(summarize(FINDINGS, failOn)).toMatchObject({ failOn, blocking });
  });

  it('no findings → zeros', () => {
    expect(summarize([], 'P1')).toEqual({
      total: 0,
      bySeverity: { P0: 0, P1: 0, P2: 0, P3: 0 },
      byStatus: { fail: 0, unknown: 0, excepted: 0 },
      failOn: 'P1',
      blocking: 0,
    });
  });
});

describe('sortFindings', () => {
  const sg = (r: Partial<ResourceRef>, detail?: string): Finding =>
    makeFinding('NET-1', { type: 'AWS::EC2::SecurityGroup', ...r }, { message: 'open', ...(detail ? { detail } : {}) });

  it('orders by severity, P0 first', () => {
    expect(sortFindings(FINDINGS)).toEqual([sshOpen, listenerUnknown, retentionExcepted, logFormat]);
  });

  it('does not change its input', () => {
    const input = [...FINDINGS];
    sortFindings(input);
    expect(input).toEqual(FINDINGS);
  });

  it('same severity → catalog order of the requirement, not alphabetical', () => {
    // IAM-1 comes after NET-1 in the catalog though 'I' < 'N'; both are P0.
    const iam = makeFinding('IAM-1', { type: 'AWS::IAM::Policy', logicalId: 'A' }, { message: 'admin' });
    const net = makeFinding('NET-1', { type: 'AWS::EC2::SecurityGroup', logicalId: 'Z' }, { message: 'open' });
    expect(sortFindings([iam, net])).toEqual([net, iam]);
  });

  it('same requirement → file, then stack, then logical id or urn, then detail; missing last', () => {
    const expected = [
      sg({ file: 'a.json', stack: 'A', logicalId: 'X' }, 'tcp/22'),
      sg({ file: 'a.json', stack: 'A', logicalId: 'X' }, 'tcp/3389'),
      sg({ file: 'a.json', stack: 'A', logicalId: 'Y' }),
      sg({ file: 'a.json', stack: 'A', urn: 'urn:pulumi:dev::p::t::z' }),
      sg({ file: 'a.json', stack: 'B', logicalId: 'A' }),
      sg({ file: 'a.json', logicalId: 'A' }),
      sg({ file: 'b.json', stack: 'A', logicalId: 'A' }),
      sg({ stack: 'A', logicalId: 'A' }),
    ];
    expect(sortFindings([...expected].reverse())).toEqual(expected);
  });

  it('any input order → the same output (deterministic)', () => {
    const many = [
      ...FINDINGS,
      sg({ file: 'a.json', logicalId: 'X' }, 'tcp/22'),
      sg({ file: 'a.json', logicalId: 'X' }, 'tcp/22'), // an exact duplicate
      sg({ file: 'a.json', logicalId: 'X' }),
      { ...sg({ file: 'a.json', logicalId: 'X' }), rule: 'NET-1.v6' },
      { ...sg({ file: 'a.json', logicalId: 'X' }), message: 'another message' },
    ];
    const reference = JSON.stringify(sortFindings(many));
    fc.assert(
      fc.property(fc.shuffledSubarray(many, { minLength: many.length }), (shuffled) => {
        expect(JSON.stringify(sortFindings(shuffled))).toBe(reference);
      }),
      { numRuns: 200 },
    );
  });

  it('compareFindings is a consistent comparator (antisymmetric, 0 only for equal keys)', () => {
    for (const a of FINDINGS) {
      for (const b of FINDINGS) {
        expect(Math.sign(compareFindings(a, b)) + Math.sign(compareFindings(b, a))).toBe(0);
        expect(compareFindings(a, b) === 0).toBe(a === b);
      }
    }
  });
});

describe('groupBySeverity', () => {
  it('P0 first, empty severities left out', () => {
    const groups = groupBySeverity([logFormat, sshOpen]);
    expect(groups).toEqual([
      ['P0', [sshOpen]],
      ['P3', [logFormat]],
    ]);
  });
});
