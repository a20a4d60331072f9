/**
 * Test helpers: `compliance-constructs/testing`. Jest matchers over CDK constructs and snapshot
 * serializers that strip the noise from synthesized templates.
 *
 * In a jest setup file (`setupFilesAfterEnv`), or use `compliance-constructs/testing/setup`:
 *
 * @example
 * import { complianceMatchers, snapshotSerializers } from 'compliance-constructs/testing';
 * expect.extend(complianceMatchers);
 * for (const s of snapshotSerializers) expect.addSnapshotSerializer(s);
 */
import type { CompliantOptions, FindingQuery } from './matchers';

export { complianceMatchers, toBeCompliant, toHaveFinding } from './matchers';
export type { CompliantOptions, FindingQuery, MatcherResult, MatcherState } from './matchers';
export { ASSET_HASH_PLACEHOLDER, assetHashSerializer, cleanTemplate, replaceAssetHashes, snapshotSerializers, templateSerializer } from './serializers';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // The type parameters must match @types/jest's declaration to merge with it.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type
    interface Matchers<R, T = {}> {
      /** Passes when the construct has no finding at or above `failAt` (default P3) that is not excepted. */
      toBeCompliant(options?: CompliantOptions): R;
      /** Passes when the construct has a finding of `rule` matching the query. */
      toHaveFinding(rule: string, query?: FindingQuery): R;
    }
  }
}
