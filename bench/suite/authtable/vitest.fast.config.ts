// The same suite with the README's "Faster suites" settings: test files share their worker
// (isolate: false), which keeps authtable, the SDK and dynalite loaded, and their code warm, from
// one file to the next; worker threads start faster than forked processes.
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["generated/*.test.ts"],
    setupFiles: ["./clock.ts", "./setup.ts"],
    pool: "threads",
    isolate: false,
  },
})
