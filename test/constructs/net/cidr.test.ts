import fc from 'fast-check';
import { coveredInternets, coversRange, isPublicRange, parseCidr } from '../../../constructs/net/cidr';

describe('parseCidr', () => {
  it.each([
    ['0.0.0.0/0', 4, 0n, 2n ** 32n - 1n],
    ['::/0', 6, 0n, 2n ** 128n - 1n],
    ['0:0:0:0:0:0:0:0/0', 6, 0n, 2n ** 128n - 1n],
    ['::/00', 6, 0n, 2n ** 128n - 1n],
    ['0000::/0', 6, 0n, 2n ** 128n - 1n],
    ['10.0.0.1/8 (host bits masked)', 4, 10n << 24n, (11n << 24n) - 1n],
    ['192.168.1.7 (bare address)', 4, (192n << 24n) + (168n << 16n) + (1n << 8n) + 7n, (192n << 24n) + (168n << 16n) + (1n << 8n) + 7n],
    ['::ffff:0:0/96 (IPv4-mapped: all of IPv4)', 4, 0n, 2n ** 32n - 1n],
  ])('%s', (text, family, start, end) => {
    expect(parseCidr(text.split(' ')[0])).toEqual({ family, start, end });
  });

  it.each(['anywhere', '1.2.3.4/33', '::/129', '', '10.0.0.0/8/8'])('%s → undefined', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe('coveredInternets', () => {
  const of = (...c: string[]) => coveredInternets(c.map((x) => parseCidr(x)!));
  it.each<[string, string[], { v4: boolean; v6: boolean }]>([
    ['0.0.0.0/0', ['0.0.0.0/0'], { v4: true, v6: false }],
    ['::/0', ['::/0'], { v4: false, v6: true }],
    ['2000::/3 (all global unicast)', ['2000::/3'], { v4: false, v6: true }],
    ['two /1 halves', ['0.0.0.0/1', '128.0.0.0/1'], { v4: true, v6: false }],
    ['one /1 half', ['0.0.0.0/1'], { v4: false, v6: false }],
    ['10.0.0.0/8', ['10.0.0.0/8'], { v4: false, v6: false }],
    ['IPv4-mapped ::ffff:0:0/96', ['::ffff:0:0/96'], { v4: true, v6: false }],
  ])('%s', (_n, cidrs, expected) => {
    expect(of(...cidrs)).toEqual(expected);
  });
});

describe('isPublicRange', () => {
  it.each([['10.0.0.0/8', false], ['172.16.0.0/12', false], ['192.168.0.0/16', false], ['fd00::/8', false], ['8.8.8.8/32', true], ['2600::/16', true]])(
    '%s → %s',
    (c, expected) => {
      expect(isPublicRange(parseCidr(c as string)!)).toBe(expected);
    },
  );
});

describe('coversRange against a reference set implementation (IPv4 /24 granularity)', () => {
  // Reference: which /24 blocks of 10.0.0.0/16 a CIDR list covers, counted one block at a time.
  const blockCidr = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 16, max: 24 })).map(([b, prefix]) => {
    const third = b & ~((1 << (24 - prefix)) - 1) & 0xff;
    return `10.0.${third}.0/${prefix}`;
  });
  it('covers 10.0.0.0/16 exactly when every /24 inside is in some range', () => {
    fc.assert(
      fc.property(fc.array(blockCidr, { maxLength: 40 }), (cidrs) => {
        const ranges = cidrs.map((c) => parseCidr(c)!);
        const blocks = new Set<number>();
        for (const c of cidrs) {
          const [addr, p] = c.split('/');
          const third = Number(addr.split('.')[2]);
          const size = 1 << (24 - Number(p));
          for (let i = 0; i < size; i++) blocks.add(third + i);
        }
        expect(coversRange(ranges, parseCidr('10.0.0.0/16')!)).toBe(blocks.size === 256);
      }),
    );
  });
});
