/**
 * Runs once in jest's parent process before any test file: names this run, so that test files
 * in different worker processes share work made once per run (the weapp build, see
 * tests/support/weapp-build.ts). Workers inherit the parent's environment.
 */
const { randomBytes } = require('node:crypto');

module.exports = function globalSetup() {
  process.env.TEST_RUN_ID ??= `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
};
