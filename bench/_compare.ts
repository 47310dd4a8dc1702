/**
 * `npm run bench -- --compare <earlier.json>`: reads a report saved with `--json` and matches its
 * rows to this run's by case, group and variant, so each row can say how its median moved.
 */
import { readFileSync } from "node:fs"
import type { Row } from "./_harness.js"

/** What is read of a saved report: when it ran and its rows. */
export interface SavedReport {
  file: string
  date: string
  rows: Row[]
}

const save = "Save a run with: npm run -s bench -- --json > bench-before.json"

/**
 * Reads and checks a report saved by `npm run -s bench -- --json`.
 * @throws `[authtable] Could not compare with <file>: <why>. <how to fix>`
 */
export function readSavedReport(file: string): SavedReport {
  const fail = (why: string, fix = save): never => {
    throw new Error(`[authtable] Could not compare with ${file}: ${why}. ${fix}`)
  }
  let text = ""
  try {
    text = readFileSync(file, "utf8")
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    fail(code === "ENOENT" ? "no such file" : `cannot read it (${code})`)
  }
  let report: unknown
  try {
    report = JSON.parse(text)
  } catch {
    fail("it is not JSON", `${save} (with -s, so that npm's banner stays out of the file).`)
  }
  const { date, rows } = (report ?? {}) as { date?: unknown; rows?: unknown }
  if (typeof date !== "string" || !Array.isArray(rows)) {
    fail("it is not a bench report (no date and rows)")
  }
  const valid = (rows as unknown[]).filter(isRow)
  if (valid.length !== (rows as unknown[]).length) {
    fail("some of its rows lack case, group, variant or median")
  }
  return { file, date: date as string, rows: valid }
}

function isRow(value: unknown): value is Row {
  const row = value as Partial<Row> | null
  return (
    typeof row?.case === "string" &&
    typeof row.group === "string" &&
    typeof row.variant === "string" &&
    typeof row.median === "number"
  )
}

/** The saved row measuring the same thing as `row`, if the earlier run had it. */
export function previousRow(saved: SavedReport, row: Row): Row | undefined {
  return saved.rows.find(
    (old) => old.case === row.case && old.group === row.group && old.variant === row.variant,
  )
}
