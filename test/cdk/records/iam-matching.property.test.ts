/**
 * Property tests of IAM action and principal matching, end to end through the records and the
 * checks, against references written here from the IAM documentation:
 *
 * - an action pattern grants full admin exactly when it matches every action `service:name`;
 *   over the generated alphabet that is decided by a few probe actions (see `PROBES`);
 * - a statement is open to anyone when its principal is `"*"` or has `"*"` under `AWS` (any
 *   `Fn::If` branch, any allowed value of a parameter), or when it is a `NotPrincipal` allow; a
 *   principal chosen at deploy (a parameter without a default) may be anyone. IAM documents
 *   `"*"` only as everyone or under `AWS`; under `Service` or `CanonicalUser` it is read as
 *   anyone too, the safe side of an undocumented case.
 */
import fc from 'fast-check';
import { checkStackTemplates } from '../../../cdk/records';
import type { CfnTemplate } from '../../../cdk/records/template';
import { coversAllActions } from '../../../constructs/iam/actions';
import type { Json } from '../fixtures';

/** A pattern as an anchored, case-insensitive regular expression (IAM's documented matching). */
function matches(pattern: string, action: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'is').test(action);
}

/**
 * Actions every full-admin pattern must match. Their letters are outside the generated
 * alphabet, so a pattern that matches them all has only wildcards and one colon, and these
 * shapes (one-character parts, long parts) decide whether it matches every action.
 */
const PROBES = ['x:y', 'xy:z', 'x:yz', 'xyzw:vuts', `${'x'.repeat(30)}:${'y'.repeat(30)}`];
const refFullAdmin = (pattern: string): boolean => PROBES.every((a) => matches(pattern.trim(), a));

const patterns = fc.string({ unit: fc.constantFrom('*', '*', '?', ':', 'a', 'S', '3'), minLength: 1, maxLength: 7 });

function findings(resources: Record<string, Json>, parameters: Record<string, Json> = {}): string[] {
  const template = { Parameters: parameters, Resources: resources } as unknown as CfnTemplate;
  return checkStackTemplates([{ file: 't.json', stackName: 't', template }]).findings.map((f) => `${f.requirement}:${f.status}`);
}

describe('IAM action matching against the probe reference', () => {
  it('property: coversAllActions is exactly the reference (a miss is an undetected full-admin grant)', () => {
    let admins = 0;
    fc.assert(
      fc.property(patterns, (pattern) => {
        const expected = refFullAdmin(pattern);
        if (expected) admins++;
        expect([pattern, coversAllActions(pattern)]).toEqual([pattern, expected]);
      }),
      { numRuns: 3000 },
    );
    expect(admins).toBeGreaterThan(50);
  });

  it('property: a role allowing a pattern on every resource is IAM-1 exactly when the pattern is full admin', () => {
    fc.assert(
      fc.property(patterns, fc.constantFrom<Json>('*', ['*'], 'arn:aws:*:*:*:*'), (pattern, resource) => {
        const role = {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
            Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: pattern, Resource: resource }] } }],
          },
        };
        expect(findings({ Role: role }).includes('IAM-1:fail')).toBe(refFullAdmin(pattern));
      }),
      { numRuns: 300 },
    );
  });
});

/** What the reference says of a principal: open to anyone, maybe (chosen at deploy), or named. */
type Openness = 'anyone' | 'maybe' | 'named';

/** A generated principal value and what the reference says of it. */
interface GenPrincipal {
  readonly json: Json;
  readonly openness: Openness;
}

const NAMED: Record<string, string[]> = {
  AWS: ['arn:aws:iam::111122223333:root', '111122223333', 'arn:aws:iam::111122223333:role/app'],
  Service: ['lambda.amazonaws.com', 'logs.amazonaws.com'],
  CanonicalUser: ['79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'],
};

const worst = (a: Openness, b: Openness): Openness => (a === 'anyone' || b === 'anyone' ? 'anyone' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'named');

/** One principal value under `type`: named, `*`, or from a parameter or Fn::If. */
const principalValue = (type: string): fc.Arbitrary<GenPrincipal> =>
  fc.oneof(
    // Named principals most often, so that blocks open to no one are common too.
    { arbitrary: fc.constantFrom(...NAMED[type]).map((v): GenPrincipal => ({ json: v, openness: 'named' })), weight: 8 },
    fc.constant<GenPrincipal>({ json: '*', openness: 'anyone' }),
    fc.constant<GenPrincipal>({ json: { Ref: 'StarDefault' }, openness: 'anyone' }),
    fc.constant<GenPrincipal>({ json: { Ref: 'AllowedStar' }, openness: 'anyone' }),
    fc.constant<GenPrincipal>({ json: { Ref: 'Chosen' }, openness: 'maybe' }),
    fc.constantFrom(...NAMED[type]).map((v): GenPrincipal => ({ json: { 'Fn::If': ['Cond', v, '*'] }, openness: 'anyone' })),
  );

/** A principal block: `"*"`, or a mapping of types to one value or a list of them. */
const principalBlock: fc.Arbitrary<GenPrincipal> = fc.oneof(
  fc.constant<GenPrincipal>({ json: '*', openness: 'anyone' }),
  { weight: 4, arbitrary: fc
    .uniqueArray(fc.constantFrom('AWS', 'Service', 'CanonicalUser'), { minLength: 1, maxLength: 3 })
    .chain((types) =>
      fc.tuple(...types.map((t) => fc.tuple(fc.constant(t), fc.array(principalValue(t), { minLength: 1, maxLength: 3 }), fc.boolean()))),
    )
    .map((entries): GenPrincipal => {
      const json: Record<string, Json> = {};
      let openness: Openness = 'named';
      for (const [type, values, asList] of entries) {
        json[type] = asList || values.length > 1 ? values.map((v) => v.json) : values[0].json;
        for (const v of values) openness = worst(openness, v.openness);
      }
      return { json, openness };
    }) },
);

const PARAMETERS: Record<string, Json> = {
  StarDefault: { Type: 'String', Default: '*' },
  AllowedStar: { Type: 'String', AllowedValues: ['arn:aws:iam::111122223333:root', '*'] },
  Chosen: { Type: 'String' },
};

describe('IAM principal matching against the documented reference', () => {
  it('property: a bucket policy allowing a principal is IAM-3 fail when it is anyone, unknown when it may be, and nothing when it is named', () => {
    const seen = new Set<Openness>();
    fc.assert(
      fc.property(principalBlock, fc.boolean(), (principal, negated) => {
        const statement: Record<string, Json> = {
          Effect: 'Allow',
          [negated ? 'NotPrincipal' : 'Principal']: principal.json,
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::assets/*',
        };
        const policy = { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: 'assets', PolicyDocument: { Version: '2012-10-17', Statement: [statement] } } };
        // Allow with NotPrincipal allows everyone but the principals named.
        const expected = negated ? 'anyone' : principal.openness;
        seen.add(expected);
        const iam3 = findings({ Policy: policy }, PARAMETERS).filter((f) => f.startsWith('IAM-3'));
        if (expected === 'anyone') expect(iam3).toContain('IAM-3:fail');
        else if (expected === 'maybe') expect(iam3).toEqual(expect.arrayContaining([expect.stringMatching(/^IAM-3:(fail|unknown)$/)]));
        else expect(iam3).toEqual([]);
      }),
      { numRuns: 400 },
    );
    expect([...seen].sort()).toEqual(['anyone', 'maybe', 'named']);
  });

  it('property: the same principal in a role trust policy is judged the same way', () => {
    fc.assert(
      fc.property(principalBlock, (principal) => {
        const role = {
          Type: 'AWS::IAM::Role',
          Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal.json, Action: 'sts:AssumeRole' }] } },
        };
        const iam3 = findings({ Role: role }, PARAMETERS).filter((f) => f.startsWith('IAM-3'));
        if (principal.openness === 'anyone') expect(iam3).toContain('IAM-3:fail');
        else if (principal.openness === 'maybe') expect(iam3.length).toBeGreaterThan(0);
        else expect(iam3).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
