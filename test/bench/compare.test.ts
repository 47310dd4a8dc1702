import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import { readSavedReport } from "../../bench/_compare.js"
import type { Row } from "../../bench/_harness.js"
import { change, markdownTable } from "../../bench/_report.js"

const dir = mkdtempSync(join(tmpdir(), "authtable-bench-compare-"))
const saveAs = (name: string, text: string) => {
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}
const row = (variant: string, median: number): Row => ({
  case: "reset",
  group: "empty a table of 0 items",
  variant,
  unit: "ms",
  runs: 30,
  median,
  medianCpuMs: median,
  speedup: null,
})

describe("npm run bench -- --compare", () => {
  test("reads the rows of a report saved with --json", () => {
    const rows = [row("table.reset()", 0.1)]
    const file = saveAs("ok.json", JSON.stringify({ date: "2026-11-28T12:39:46.244Z", rows }))
    expect(readSavedReport(file)).toEqual({ file, date: "2026-11-28T12:39:46.244Z", rows })
  })

  test.each([
    ["missing.json", undefined, "no such file"],
    ["banner.json", "> authtable@0.1.0 bench\n{}", "it is not JSON"],
    ["other.json", '{"name":"authtable"}', "it is not a bench report (no date and rows)"],
    [
      "rows.json",
      '{"date":"2026-11-28","rows":[{"case":"reset"}]}',
      "some of its rows lack case, group, variant or median",
    ],
  ])("refuses %s, saying why and how to save a run", (name, text, why) => {
    const file = text === undefined ? join(dir, name) : saveAs(name, text)
    expect(() => readSavedReport(file)).toThrow(
      `[authtable] Could not compare with ${file}: ${why}. Save a run with: npm run -s bench -- --json > bench-before.json`,
    )
  })

  test("adds a column with each median's change, and – for rows the saved run lacks", () => {
    const saved = { file: "before.json", date: "2026-11-28T12:39:46.244Z", rows: [row("a", 2)] }
    const lines = markdownTable([row("a", 1.5), row("b", 1)], saved).split("\n")
    expect(lines[0]).toMatch(/\| vs 2026-11-28 12:39 \|$/)
    expect(lines[2]).toMatch(/ −25\.0% \|$/)
    expect(lines[3]).toMatch(/ – \|$/)
  })

  test("signs the change: + for a higher median, − for a lower one", () => {
    expect(change(110, 100)).toBe("+10.0%")
    expect(change(90, 100)).toBe("−10.0%")
    expect(change(100, 100)).toBe("+0.0%")
  })
})
