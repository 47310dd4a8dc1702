/**
 * The bench harness: a case module measures variants with {@link measure} (or
 * {@link measureInRounds}); bench/run.ts prints medians and each variant's ratio to its group's
 * baseline (bench/_report.ts). Wall-clock and CPU time are both kept: on a busy shared machine
 * CPU time is the steadier of the two.
 */

import { spawn } from "node:child_process"

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
  /** What `Sample.ms` holds when it is not milliseconds. @default "ms" */
  unit?: "ms" | "MB"
  samples: Sample[]
}

/** A variant's samples reduced to medians, and its ratio to its group's baseline. */
export interface Row {
  case: string
  group: string
  variant: string
  unit: "ms" | "MB"
  runs: number
  median: number
  /** `null` when the process's CPU time does not cover the work (a child process). */
  medianCpuMs: number | null
  /** Baseline median / this median: how many times faster than the baseline (1 for it). */
  speedup: number | null
}

/** A target of the issue, checked on the rows of the same run. */
export interface TargetResult {
  target: string
  measured: string
  pass: boolean
}

/** A case's own compact view of its rows, printed after the rows (and kept in --json). */
export interface Summary {
  title: string
  header: string[]
  /** Per column: "r" aligns right (figures), "l" left. */
  align: ("l" | "r")[]
  body: string[][]
}

/** A bench case: a module listed in bench/run.ts. */
export interface BenchCase {
  name: string
  /** One line for the README: what is compared with what. */
  description: string
  run(): Promise<Measurement[]>
  /** The targets this case's rows decide. */
  targets?(rows: readonly Row[]): TargetResult[]
  /** A compact table of this case's rows, when the full table hides what they say. */
  summary?(rows: readonly Row[]): Summary | undefined
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

/**
 * A variant timed in rounds: a run, or a run with untimed preparation and clean-up of its own
 * (as {@link measure} takes them; `never` lets each variant keep its own types).
 */
export type RoundVariant =
  | (() => Promise<unknown>)
  | {
      before?: () => Promise<unknown>
      run: (prepared: never) => Promise<unknown>
      after?: (ran: never) => Promise<unknown>
    }

/**
 * Times several variants in rounds, one run of each per round, starting each round at the next
 * variant: drifts of a shared machine (load, heap growth, JIT) spread over all of them instead
 * of landing on whichever ran last.
 */
export async function measureInRounds(
  variants: readonly RoundVariant[],
  options: {
    iterations: number
    /** Untimed rounds first. @default 1 */
    warmup?: number
    /** Untimed clean-up after each timed run. */
    between?: () => Promise<unknown>
  },
): Promise<Sample[][]> {
  const { iterations, warmup = 1, between } = options
  const samples: Sample[][] = variants.map(() => [])
  for (let round = 0; round < warmup + iterations; round++) {
    for (let k = 0; k < variants.length; k++) {
      const index = (round + k) % variants.length
      const variant = variants[index]!
      const { before, run, after } = (
        typeof variant === "function" ? { run: variant } : variant
      ) as MeasureOptions<unknown, unknown>
      const [sample] = await measure({
        iterations: 1,
        warmup: 0,
        before,
        run,
        after: async (ran) => {
          await after?.(ran)
          await between?.()
        },
      })
      if (round >= warmup) samples[index]!.push(sample!)
    }
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

/** What a child process left: its exit code and everything it printed. */
export interface ChildRun {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `node <args>` to its end (a non-zero exit included; the caller judges it). */
export function runNode(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { ...options, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => {
      stdout += chunk
    })
    child.stderr.on("data", (chunk) => {
      stderr += chunk
    })
    child.on("error", reject)
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })
}
