import { describe, expect, test } from "vitest"
import { createLayout, defaultTableKeys } from "../../src/adapter/index.js"
import {
  describeSweep,
  type SweepSummary,
  startSweeper,
  summarizeSweep,
} from "../../src/dev/sweep-log.js"

const layout = createLayout(defaultTableKeys)

describe("summarizeSweep / describeSweep", () => {
  test("counts deleted items by the layout's kind, with strays as `other`", () => {
    const summary = summarizeSweep(
      [
        layout.sessionItem({ sessionToken: "a", userId: "u", expires: new Date(0) }),
        layout.sessionItem({ sessionToken: "b", userId: "u", expires: new Date(0) }),
        layout.verificationTokenItem({ identifier: "i", token: "t", expires: new Date(0) }),
        { pk: "CUSTOM#1", sk: "CUSTOM#1", expires: 0 },
      ],
      layout,
    )
    expect(summary).toEqual({
      deleted: 4,
      byKind: { session: 2, verificationToken: 1, other: 1 },
    })
    expect(describeSweep(summary)).toBe(
      "deleted 4 expired items (2 sessions, 1 verification token, 1 item outside the layout)",
    )
  })
})

describe("startSweeper", () => {
  test("runs on-demand sweeps one after another, never two at once", async () => {
    let running = 0
    let overlapped = false
    const seen: SweepSummary[] = []
    const sweeper = startSweeper({
      intervalMs: false,
      sweep: async () => {
        running++
        overlapped ||= running > 1
        await new Promise((resolve) => setTimeout(resolve, 5))
        running--
        return { deleted: seen.length, byKind: {} }
      },
      onSweep: (summary) => seen.push(summary),
      onError: (error) => {
        throw error
      },
    })
    const results = await Promise.all([sweeper.sweepNow(), sweeper.sweepNow(), sweeper.sweepNow()])
    await sweeper.stop()
    expect(overlapped).toBe(false)
    expect(results.map((r) => r.deleted)).toEqual([0, 1, 2])
  })

  test("keeps sweeping on its interval after a failed sweep", async () => {
    const errors: unknown[] = []
    let calls = 0
    let done: () => void = () => {}
    const third = new Promise<void>((resolve) => {
      done = resolve
    })
    const sweeper = startSweeper({
      intervalMs: 1,
      sweep: async () => {
        calls++
        if (calls === 3) done()
        if (calls === 1) throw new Error("store busy")
        return { deleted: 0, byKind: {} }
      },
      onSweep: () => {},
      onError: (error) => errors.push(error),
    })
    await third
    await sweeper.stop()
    expect(errors).toHaveLength(1)
    expect(calls).toBeGreaterThanOrEqual(3)
  })
})
