/**
 * The bench harness: a case module measures variants with {@link measure}; bench/run.ts prints
 * medians and each variant's ratio to its group's baseline. Wall-clock and CPU time are both
 * kept: on a busy shared machine CPU time is the steadier of the two.
 */

/** One timed run. */
export interface Sample {
  ms: number
  /** User + system CPU time of the whole process (client and in-process emulator). */
  cpuMs: number
}

/** The samples of one variant of one group ("reset, 200 items" / "table.reset()"). */
export interface Measurement {
  group: string
  variant: string
  /** The variant the others in the group are compared with. */
  baseline?: boolean
  samples: Sample[]
}

/** A bench case: a module listed in bench/run.ts. */
export interface BenchCase {
  name: string
  /** One line for the README: what is compared with what. */
  description: string
  run(): Promise<Measurement[]>
}

/** Options of {@link measure}. */
export interface MeasureOptions<T, R> {
  /** Timed runs. */
  iterations: number
  /** Untimed runs first (module loading, JIT). @default 2 */
  warmup?: number
  /** Untimed preparation before each run; its result is passed to `run`. */
  before?: () => Promise<T>
  run: (prepared: T) => Promise<R>
  /** Untimed clean-up after each run, given what `run` returned. */
  after?: (ran: R) => Promise<unknown>
}

/** Runs `run` `warmup + iterations` times, timing only `run`. */
export async function measure<T = undefined, R = unknown>(
  options: MeasureOptions<T, R>,
): Promise<Sample[]> {
  const { iterations, warmup = 2, before, run, after } = options
  const samples: Sample[] = []
  for (let i = 0; i < warmup + iterations; i++) {
    const prepared = (before ? await before() : undefined) as T
    const cpu = process.cpuUsage()
    const start = performance.now()
    const ran = await run(prepared)
    const ms = performance.now() - start
    const { user, system } = process.cpuUsage(cpu)
    if (i >= warmup) samples.push({ ms, cpuMs: (user + system) / 1000 })
    await after?.(ran)
  }
  return samples
}

/** The median of `values` (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  if (sorted.length === 0) return Number.NaN
  if (sorted.length % 2 === 1) return sorted[middle] as number
  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** One printed row. */
export interface Row {
  case: string
  group: string
  variant: string
  iterations: number
  medianMs: number
  medianCpuMs: number
  /** Baseline median / this median: how many times faster than the baseline (1 for it). */
  speedup: number | null
}

/** Medians and ratios of a case's measurements. */
export function summarize(caseName: string, measurements: readonly Measurement[]): Row[] {
  return measurements.map((m) => {
    const base = measurements.find((other) => other.group === m.group && other.baseline)
    const medianMs = median(m.samples.map((s) => s.ms))
    const baseMs = base ? median(base.samples.map((s) => s.ms)) : undefined
    return {
      case: caseName,
      group: m.group,
      variant: m.variant,
      iterations: m.samples.length,
      medianMs,
      medianCpuMs: median(m.samples.map((s) => s.cpuMs)),
      speedup: baseMs === undefined ? null : baseMs / medianMs,
    }
  })
}

/** The rows as a markdown table. */
export function markdownTable(rows: readonly Row[]): string {
  const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1))
  const lines = [
    "| case | variant | runs | median ms | median CPU ms | vs baseline |",
    "|---|---|--:|--:|--:|--:|",
  ]
  for (const row of rows) {
    const ratio =
      row.speedup === null
        ? "–"
        : row.speedup === 1
          ? "baseline"
          : row.speedup >= 1
            ? `${row.speedup.toFixed(1)}× faster`
            : `${(1 / row.speedup).toFixed(2)}× slower`
    lines.push(
      `| ${row.group} | ${row.variant} | ${row.iterations} | ${ms(row.medianMs)} | ${ms(row.medianCpuMs)} | ${ratio} |`,
    )
  }
  return lines.join("\n")
}
