// The tests Stryker runs against each mutant (stryker.config.mjs). The end-to-end tests are left
// out: they start servers and browsers, take minutes, and every mutant they cover would run them.
import { configDefaults, defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.ts";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, "test/e2e/**", "**/*.browser.test.ts"],
    },
  }),
);
