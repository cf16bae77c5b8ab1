// The tests Stryker runs against each mutant (stryker.config.mjs): the rules' own tests
// (test/domain), the content files' checks (test/content), and the tests of the two services it
// mutates. The rest, browser and end-to-end tests included, are left out: most mutants in
// src/domain are "static" (reached while a test file loads, as every test loads the area files),
// a static mutant runs every related test file, and with the whole suite a run was estimated at
// seven hours on two cores.
import { defineConfig } from "vitest/config";
import { experimental_getRunnerTask, type Reporter, type RunnerTask, type RunnerTestCase } from "vitest/node";
import base from "./vitest.config.ts";

function hasFailedTest(task: RunnerTask): boolean {
  if (task.type === "test") return task.result?.state === "fail";
  return task.tasks.some(hasFailedTest);
}

/**
 * Stryker's vitest runner (9.6, and 10.1 still: stryker-js issue 6150) scores a mutant by the tests
 * it collected, and a test file that fails to load collects none. A mutant that stops the area
 * files parsing, which every test file does as it loads, would then count as survived. This turns
 * each such file into one failed test carrying the load error, so the mutant counts as killed.
 */
const unloadableFileAsFailedTest: Reporter = {
  onTestRunEnd(testModules) {
    for (const testModule of testModules) {
      const file = experimental_getRunnerTask(testModule);
      if (file.result?.state !== "fail" || hasFailedTest(file)) continue;
      // Only Stryker reads this task, once the run has ended; a test's run context is vitest's own.
      const loads = {
        type: "test", id: `${file.id}_loads`, name: "the test file loads", mode: "run", file, suite: file, meta: {}, annotations: [], artifacts: [],
        result: { state: "fail", errors: file.result.errors },
      };
      file.tasks.push(loads as unknown as RunnerTestCase);
    }
  },
};

export default defineConfig({
  test: {
    ...base.test,
    include: ["test/domain/**/*.test.ts", "test/content/**/*.test.ts", "test/services/find-danger.test.ts", "test/services/read-asked-time.test.ts"],
    exclude: ["**/node_modules/**", "**/*.browser.test.ts", "test/e2e/**"],
    // Stryker reads the results itself: vitest's own report of every mutant's failures would only cost time.
    reporters: [unloadableFileAsFailedTest],
  },
});
