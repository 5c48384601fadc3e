import { defineConfig } from "vite";

// A static page: dist/ is served by serve.mjs beside config.json, the verifier's wasm and
// the bundle (scripts/dashboard.sh).
export default defineConfig({
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 2048 },
});
