/**
 * Lists, at the end of the run under load, every test that failed once and passed on its retry.
 * The under-load pass retries a failed test once (a machine three times oversubscribed can push a
 * test past a deadline that holds everywhere else); a test that fails twice still fails the run,
 * and one that needed its retry is named here so the race behind it is looked at, not forgotten.
 * `npm test` itself never retries.
 */
import type { Reporter, TestCase } from 'vitest/node';

export default class FlakyReporter implements Reporter {
  private readonly flaky: string[] = [];

  onTestCaseResult(test: TestCase): void {
    const d = test.diagnostic();
    if (d?.flaky) this.flaky.push(`${test.module.moduleId.replace(/^.*\/test\//, '')} > ${test.fullName} (failed ${d.retryCount}x, then passed)`);
  }

  onTestRunEnd(): void {
    if (!this.flaky.length) {
      console.log('under-load: no test needed its retry');
      return;
    }
    console.log(`under-load: ${this.flaky.length} test(s) passed only on their retry (a race to look at):`);
    for (const f of this.flaky) console.log(`  - ${f}`);
  }
}
