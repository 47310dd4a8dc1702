// The bench's authtable suite (bench/suite.ts and bench/boot.ts run it with the root vitest,
// from this folder): an emulator per test file from authtable's setup file, reset before each
// test. The test files are generated into generated/ by the bench.
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["generated/*.test.ts"],
    setupFiles: ["./clock.ts", "./setup.ts"],
  },
})
