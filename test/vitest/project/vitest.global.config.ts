// Run by test/vitest/global-setup.test.ts in a child vitest: one emulator for the whole run.
import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["shared-*.check.ts"],
    globalSetup: ["./global-setup.ts"],
    maxWorkers: 2,
    testTimeout: 30_000,
  },
})
