// Mutation testing: `npm run mutation` makes small mistakes in the rules (one at a time) and checks
// that a test fails for each. The score and the survivors are in docs/rules-and-tests.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ["src/domain/**/*.ts"],
  testRunner: "vitest",
  // Each mutant runs only the tests that reached it in the first run (perTest), from the test files
  // that import its module (related).
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  coverageAnalysis: "perTest",
  // A mutant that does not compile is dropped before any test runs.
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  // Two cores, shared: more workers only queue.
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ["clear-text", "progress-append-only", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false },
  tempDirName: ".stryker-tmp",
  ignorePatterns: ["dist", "lib", "test-results", "data", "coverage", "reports", ".eval-tmp"],
  cleanTempDir: true,
};
