/** Medians, ratios and targets of a bench run, as rows, markdown tables or JSON. */
import { previousRow, type SavedReport } from "./_compare.js"
import type { Measurement, Row, Summary, TargetResult } from "./_harness.js"
import { median } from "./_harness.js"

/** Medians and ratios of a case's measurements. */
export function summarize(caseName: string, measurements: readonly Measurement[]): Row[] {
  return measurements.map((m) => {
    const base = measurements.find((other) => other.group === m.group && other.baseline)
    const value = median(m.samples.map((s) => s.ms))
    const cpu = median(m.samples.map((s) => s.cpuMs))
    const baseValue = base ? median(base.samples.map((s) => s.ms)) : undefined
    return {
      case: caseName,
      group: m.group,
      variant: m.variant,
      unit: m.unit ?? "ms",
      runs: m.samples.length,
      median: value,
      medianCpuMs: Number.isNaN(cpu) ? null : cpu,
      speedup: baseValue === undefined ? null : baseValue / value,
    }
  })
}

/** The row of `variant` in `group` (matched by prefix). */
export function findRow(rows: readonly Row[], group: string, variant: string): Row | undefined {
  return rows.find((row) => row.group.startsWith(group) && row.variant.startsWith(variant))
}

/** A ratio as the table prints it: "12.3× faster", "1.52× slower". */
export function ratio(speedup: number): string {
  return speedup >= 1 ? `${speedup.toFixed(1)}× faster` : `${(1 / speedup).toFixed(2)}× slower`
}

/** A duration or size with its unit, to a sensible precision. */
export function format(value: number, unit: "ms" | "s" | "MB" = "ms"): string {
  if (unit === "ms" && value >= 1000) return format(value / 1000, "s")
  const digits = value < 1 ? 3 : value < 10 ? 2 : 1
  return `${value.toFixed(digits)} ${unit}`
}

/** A markdown table with padded columns, as biome formats them; "r" columns align right. */
function table(header: string[], align: ("l" | "r")[], body: string[][]): string {
  const widths = header.map((cell, i) =>
    Math.max(3, cell.length, ...body.map((row) => row[i]?.length ?? 0)),
  )
  const pad = (cells: string[]) =>
    `| ${cells.map((cell, i) => (align[i] === "r" ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(" | ")} |`
  const rule = `| ${widths.map((w, i) => (align[i] === "r" ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`
  return [pad(header), rule, ...body.map(pad)].join("\n")
}

/** How `now` moved from `before`, in percent: "+12.3%" (higher, slower or bigger), "−4.0%". */
export function change(now: number, before: number): string {
  const percent = (now / before - 1) * 100
  return `${percent >= 0 ? "+" : "−"}${Math.abs(percent).toFixed(1)}%`
}

/**
 * The rows as a markdown table; with a saved report, a last column says how each median moved
 * since that run ("–" for rows it did not have).
 */
export function markdownTable(rows: readonly Row[], saved?: SavedReport): string {
  const body = rows.map((row) => {
    const cells = [
      row.group,
      row.variant,
      String(row.runs),
      format(row.median, row.unit),
      row.medianCpuMs === null ? "–" : format(row.medianCpuMs),
      row.speedup === null ? "–" : row.speedup === 1 ? "baseline" : ratio(row.speedup),
    ]
    if (!saved) return cells
    const before = previousRow(saved, row)
    return [...cells, before ? change(row.median, before.median) : "–"]
  })
  const header = ["case", "variant", "runs", "median", "median CPU", "vs baseline"]
  const align: ("l" | "r")[] = ["l", "l", "r", "r", "r", "r"]
  if (!saved) return table(header, align, body)
  return table(
    [...header, `vs ${saved.date.slice(0, 16).replace("T", " ")}`],
    [...align, "r"],
    body,
  )
}

/** A case's summary as a markdown table under its title. */
export function summaryTable(summary: Summary): string {
  return `${summary.title}\n\n${table(summary.header, summary.align, summary.body)}`
}

/** The targets as a markdown table. */
export function targetTable(targets: readonly TargetResult[]): string {
  const body = targets.map((t) => [t.target, t.measured, t.pass ? "pass" : "**miss**"])
  return table(["target", "measured", "result"], ["l", "l", "l"], body)
}
