// The bench suite's floor (bench/suite.ts): the same 200 tests' files with empty tests and no
// setup file, so no emulator. The bench adds `--pool threads --no-isolate` for the floor of
// vitest.fast.config.ts.
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["generated/*.test.ts"],
  },
})
