/**
 * Jest runs TypeScript through @swc/jest: type-checking transformers cost 20 s and 2 GB on a
 * file importing @pulumi/gcp here. Types are checked once, by `npm run typecheck`.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // aws-cdk-lib's built-in CloudFormation validation adds ~2 s and 330 MB per synth.
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 60000,
};
