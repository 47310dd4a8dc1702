// vitest-dynamodb-lite as its README sets it up (vitest 3): its setup file starts dynalite per
// test file and deletes + recreates the tables after each test. clock.ts only starts the boot
// clock of bench/boot.ts. The test files are generated into generated/ by the bench.
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["generated/*.test.ts"],
    setupFiles: ["./clock.ts", "vitest-dynamodb-lite"],
  },
})
