import { describe, expect, test } from "vitest"
import { runChildVitest } from "./_child-vitest.js"

// Two test files run at the same time on two workers (they wait for each other), each writes
// a user with its own id and must then see that user only.
describe.each(["threads", "forks"] as const)("parallel workers in the %s pool", (pool) => {
  test("never see each other's data, with setupAuthTable and with the fixture", async () => {
    const run = await runChildVitest("vitest.config.ts", pool)
    expect(run.failures).toEqual([])
    expect(run).toMatchObject({ passed: 4, failed: 0 })
    for (const phase of ["setup", "fixture"]) {
      const endpoints = run.recorded[phase] ?? {}
      expect(Object.keys(endpoints).sort()).toEqual(["a", "b"])
      expect(endpoints.a).not.toBe(endpoints.b)
    }
  }, 120_000)
})

// isolate: false (README, "Faster suites"): files run one after another in the same worker,
// which keeps authtable's modules loaded between them.
describe.each(["threads", "forks"] as const)(
  "one worker for several files in the %s pool",
  (pool) => {
    test("each file starts from an empty table, with setupAuthTable and with the fixture", async () => {
      const run = await runChildVitest("vitest.shared.config.ts", pool)
      expect(run.failures).toEqual([])
      expect(run).toMatchObject({ passed: 4, failed: 0 })
      for (const phase of ["setup", "fixture"]) {
        const workers = run.recorded[phase] ?? {}
        expect(Object.keys(workers).sort()).toEqual(["a", "b"])
        expect(workers.a).toBe(workers.b) // the two files shared one worker
      }
    }, 120_000)
  },
)
