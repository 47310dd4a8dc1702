// Run by test/vitest/workers.test.ts in a child vitest: two files one after the other in ONE
// worker that keeps its modules between them (isolate: false), the fast setup the README shows.
import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["sequence-*.check.ts"],
    isolate: false,
    maxWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
