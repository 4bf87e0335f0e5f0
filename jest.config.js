/** One jest run, several projects: each folder under tests/ is a kind of test (see README). */
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};
// jose and @noble ship ESM only; let swc turn it into CommonJS for jest.
const transformIgnorePatterns = ['/node_modules/(?!(jose|@noble)/)'];
const project = (name, extra = {}) => ({
  displayName: name,
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns,
  ...extra,
});
module.exports = {
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  projects: [
    project('unit'),
    project('devdb'),
    project('api'),
    project('functions'),
    project('build'),
    project('e2e'),
    project('weapp', {
      // dist/weapp is WeChat's JS as built: run it as is
      transformIgnorePatterns: [...transformIgnorePatterns, '<rootDir>/dist/'],
    }),
  ],
};
