// The tests Stryker runs against each mutant (stryker.config.mjs): the rules' own tests
// (test/domain), the content files' checks (test/content), and the tests of the two services it
// mutates. The rest are left out, browser and end-to-end tests included: most mutants in
// src/domain are "static" (reached while a test file loads, as every test loads the area files),
// a static mutant runs every related test file, and with the whole suite a run took most of a
// day on two cores.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

export default defineConfig({
  test: {
    ...base.test,
    include: ["test/domain/**/*.test.ts", "test/content/**/*.test.ts", "test/services/find-danger.test.ts", "test/services/read-asked-time.test.ts"],
    exclude: ["**/node_modules/**", "**/*.browser.test.ts", "test/e2e/**"],
  },
});
