/**
 * Registers the compliance matchers and snapshot serializers with jest: add
 * `compliance-constructs/testing/setup` to `setupFilesAfterEnv`.
 *
 * @example
 * // jest.config.js
 * module.exports = { setupFilesAfterEnv: ['compliance-constructs/testing/setup'] };
 */
import { complianceMatchers } from './matchers';
import { snapshotSerializers } from './serializers';

expect.extend(complianceMatchers);
for (const serializer of snapshotSerializers) expect.addSnapshotSerializer(serializer);
