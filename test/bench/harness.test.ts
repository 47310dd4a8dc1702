import { describe, expect, test } from "vitest"
import { measureInRounds } from "../../bench/_harness.js"

describe("measureInRounds", () => {
  test("alternates the variants, each round starting at the next, preparing and cleaning up each run", async () => {
    const log: string[] = []
    const prepared = (name: string) => ({
      before: async () => {
        log.push(`${name}:before`)
        return `${name}-table`
      },
      run: async (table: string) => {
        log.push(`${name}:run ${table}`)
        return `${name}-ran`
      },
      after: async (ran: string) => {
        log.push(`${name}:after ${ran}`)
      },
    })
    const plain = async () => {
      log.push("C:run")
    }
    const samples = await measureInRounds([prepared("A"), prepared("B"), plain], {
      iterations: 2,
      warmup: 1,
      between: async () => {
        log.push("between")
      },
    })
    expect(samples.map((variant) => variant.length)).toEqual([2, 2, 2])
    const runs = log.filter((entry) => entry.includes("run"))
    // Rounds start at A, then B, then C (the first is the untimed warm-up).
    expect(runs).toEqual([
      ...["A:run A-table", "B:run B-table", "C:run"],
      ...["B:run B-table", "C:run", "A:run A-table"],
      ...["C:run", "A:run A-table", "B:run B-table"],
    ])
    expect(log.slice(0, 4)).toEqual(["A:before", "A:run A-table", "A:after A-ran", "between"])
  })
})
