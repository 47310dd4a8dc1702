/**
 * Bench case "memory": how much resident memory (RSS, after a full GC) 100,000 items add to a
 * process running the emulator in memory: 25,000 users and 75,000 sessions written with
 * `table.seed.write()`, in a fresh process (bench/_store-child.ts). RSS keeps what the writing
 * allocated and freed; the live part (JS heap and the store's buffers) is given beside it.
 */
import type { BenchCase, Measurement } from "./_harness.js"
import { storeRun } from "./_store.js"

const MB = 1024 * 1024

const memory: BenchCase = {
  name: "memory",
  description: "resident size added by 100,000 items in the in-memory emulator",
  async run(): Promise<Measurement[]> {
    const { items, before, after, fillMs } = await storeRun(false)
    const rss = after.rss - before.rss
    const live = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers
    const group = `memory, ${items.toLocaleString("en")} items`
    // Each figure its own row under a fixed name, so that --compare finds it in a saved run.
    const row = (variant: string, value: number, unit: "MB" | "ms"): Measurement => ({
      group,
      variant,
      unit,
      samples: [{ ms: value, cpuMs: Number.NaN }],
    })
    return [
      row("RSS added", rss / MB, "MB"),
      row("of it live: JS heap and buffers", live / MB, "MB"),
      row("time to write them", fillMs, "ms"),
    ]
  },
}

export default memory
