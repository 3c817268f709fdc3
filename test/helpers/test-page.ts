/**
 * What every test page adds to mocha, so that a file which never finishes still says why.
 * web-test-runner.config.mjs loads this after the test framework, before the test file runs.
 */
import {executeServerCommand} from '@web/test-runner-commands';

// Each test tells the test server when it starts, unawaited: a file that never finishes (a page that
// stops answering) is then reported with the test it stopped in and the API calls that test made.
mocha.suite.beforeEach('tell the server', function () {
  void executeServerCommand('test-started', this.currentTest?.fullTitle());
});

/**
 * Keeps every failed test reportable. web-test-runner sends a file's results to the server through
 * structuredClone, with each failure's `actual` and `expected` as chai left them: when one is a DOM
 * node or a function (`expect(activeElement).to.equal(button)`), the clone throws, the results are
 * never sent, and the file "did not finish within 300000ms" with no test failed. Such values go; the
 * failure's message still names them.
 */
const cloneable = (value: unknown) => {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
};

function* testsOf(suite: Mocha.Suite): Generator<Mocha.Test> {
  yield* suite.tests;
  for (const child of suite.suites) yield* testsOf(child);
}

// After the whole file, so a failure recorded after its test's own hooks is covered too.
mocha.suite.afterAll('keep failures reportable', () => {
  for (const test of testsOf(mocha.suite)) {
    const error = test.err as (Error & {actual?: unknown; expected?: unknown}) | undefined;
    if (!error) continue;
    if (!cloneable(error.actual)) delete error.actual;
    if (!cloneable(error.expected)) delete error.expected;
  }
});
