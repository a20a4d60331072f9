import fc from 'fast-check';
import { actionCovers, actionMatches, coversAllActions, isWildcardAction } from '../../../constructs/iam/actions';
import { wildcardCovers, wildcardMatch, wildcardsOverlap } from '../../../constructs/iam/wildcard';

/** The reference: a pattern as an anchored, case-insensitive regular expression. */
function reference(pattern: string, action: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'is').test(action);
}

/** Small alphabets so that random patterns and actions often meet. */
const letter = fc.constantFrom('a', 'B', 'c', 'S', '3');
const actionText = fc.tuple(fc.string({ unit: letter, minLength: 1, maxLength: 4 }), fc.string({ unit: letter, minLength: 1, maxLength: 5 }))
  .map(([svc, name]) => `${svc}:${name}`);
const patternText = fc.string({ unit: fc.constantFrom('a', 'b', 'C', 's', '3', ':', '*', '?'), maxLength: 8 });

describe('actionMatches', () => {
  it.each<[string, string, boolean]>([
    ['iam:Pass* covers iam:PassRole', 'iam:Pass*|iam:PassRole', true],
    ['* covers everything', '*|ec2:RunInstances', true],
    ['case-insensitive service and action', 'IAM:passrole|iam:PassRole', true],
    ['? is one character', 's3:?etObject|s3:GetObject', true],
    ['s3:Get* does not cover s3:PutObject', 's3:Get*|s3:PutObject', false],
    ['iam:* and a wildcard question iam:Pass* overlap', 'iam:*|iam:Pass*', true],
    ['*:PassRole and iam:* overlap', '*:PassRole|iam:*', true],
    ['s3:Get* and s3:Put* do not overlap', 's3:Get*|s3:Put*', false],
    ['surrounding spaces are ignored', ' iam:PassRole |iam:PassRole', true],
    ['a prefix alone is no match', 'iam:Pass|iam:PassRole', false],
  ])('%s', (_name, pair, expected) => {
    const [pattern, action] = pair.split('|');
    expect(actionMatches(pattern, action)).toBe(expected);
  });

  it('property: agrees with a regular expression reference on random patterns and actions', () => {
    fc.assert(
      fc.property(patternText, actionText, (pattern, action) => {
        expect(actionMatches(pattern, action)).toBe(reference(pattern, action));
      }),
      { numRuns: 3000 },
    );
  });

  it('property: two patterns overlap exactly when some action matches both (checked on their own expansions)', () => {
    fc.assert(
      fc.property(patternText, patternText, fc.array(actionText, { maxLength: 30 }), (a, b, actions) => {
        // Any action matched by both is a witness: then the patterns must overlap.
        if (actions.some((x) => reference(a, x) && reference(b, x))) expect(wildcardsOverlap(a, b, { ignoreCase: true })).toBe(true);
        // Replacing wildcards with one letter gives texts of each pattern: if one matches the other, they overlap.
        const texts = [a, b].map((p) => p.replace(/[*?]/g, 'a'));
        if (reference(b, texts[0]) || reference(a, texts[1])) expect(wildcardsOverlap(a, b, { ignoreCase: true })).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: on short patterns, overlap agrees with a search for a common text', () => {
    const short = fc.string({ unit: fc.constantFrom('a', 'b', ':', '*', '?'), maxLength: 3 });
    fc.assert(
      fc.property(short, short, (a, b) => {
        // A common text, when there is one, needs no more characters than the two patterns have.
        let found = false;
        const search = (prefix: string): void => {
          if (found) return;
          if (reference(a, prefix) && reference(b, prefix)) found = true;
          if (prefix.length < a.length + b.length) for (const c of ['a', 'b', ':', 'x']) search(prefix + c);
        };
        search('');
        expect(wildcardsOverlap(a, b)).toBe(found);
      }),
      { numRuns: 300 },
    );
  });

  it('property: covers is sound (what the specific pattern matches, the general one matches)', () => {
    fc.assert(
      fc.property(patternText, patternText, actionText, (general, specific, action) => {
        if (actionCovers(general, specific) && reference(specific, action)) expect(reference(general, action)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: coversAllActions patterns match every action', () => {
    fc.assert(
      fc.property(patternText, actionText, (pattern, action) => {
        if (coversAllActions(pattern)) expect(reference(pattern, action)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('coversAllActions', () => {
  it.each(['*', '*:*', '**', '*?', '?*:*', ' * '])('%s → every action', (p) => expect(coversAllActions(p)).toBe(true));
  it.each(['iam:*', '*:Get*', 'a*', '*:*:*', '??:*', ''])('%s → not every action', (p) => expect(coversAllActions(p)).toBe(false));
});

describe('wildcard helpers', () => {
  it('matching is linear on a hostile pattern', () => {
    const pattern = `${'*a'.repeat(200)}b`;
    expect(wildcardMatch(pattern, 'a'.repeat(5000))).toBe(false);
  });

  it.each<[string, string, boolean]>([
    ['s3:*', 's3:Get*', true],
    ['*', 'anything?', true],
    ['s3:Get*', 's3:*', false],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/logs/*', true],
    ['arn:aws:s3:::b/?', 'arn:aws:s3:::b/*', false],
  ])('%s covers %s → %s', (general, specific, expected) => {
    expect(wildcardCovers(general, specific)).toBe(expected);
  });

  it('isWildcardAction', () => {
    expect(isWildcardAction('ec2:Describe*')).toBe(true);
    expect(isWildcardAction('s3:?etObject')).toBe(true);
    expect(isWildcardAction('s3:GetObject')).toBe(false);
  });
});
