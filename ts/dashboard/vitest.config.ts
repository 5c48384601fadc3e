import { defineConfig } from "vitest/config";

// The browser tests (test/browser.test.ts): Playwright driving Debian's chromium against the
// served dashboard and a running node; scripts/browser-test.sh sets their environment.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
