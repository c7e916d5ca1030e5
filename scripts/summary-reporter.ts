import type { Reporter, TestModule } from 'vitest/node'

/**
 * Ends every run with one plain line, "Tests: N passed, N failed, N skipped", after Vitest's own
 * summary, so that logs and CI read the outcome without parsing colours or tables.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 }
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed')
          counts.passed++
        else if (state === 'failed')
          counts.failed++
        else
          counts.skipped++
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0)
        counts.failed++
    }
    // Suites that skip themselves (no PostgreSQL, no Chromium) carry the reason in their name.
    const skippedSuites = new Set(testModules.flatMap(module => [...module.children.allSuites()]
      .map(suite => suite.name)
      .filter(name => name.includes('(skipped:'))))
    for (const name of skippedSuites)
      console.log(`Skipped: ${name}`)
    console.log(`\nTests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`)
  }
}
