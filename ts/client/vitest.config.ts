import { defineConfig } from "vitest/config";

// Two projects: `unit` (no node needed: payloads against ../shared/vectors, keys, events,
// tallies, the one-height reads on a fake node, codegen drift) and `node` (a running node:
// E2E_RPC and the E2E_* environment of scripts/e2e.sh; skipped without E2E_RPC).
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["test/unit/**/*.test.ts"], testTimeout: 30_000 } },
      { test: { name: "node", include: ["test/node/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000 } },
    ],
  },
});
