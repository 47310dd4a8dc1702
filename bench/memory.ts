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
    return [
      {
        group,
        variant: `RSS added (${Math.round(rss / items).toLocaleString("en")} bytes an item; of it live JS heap and buffers ${(live / MB).toFixed(1)} MB; written in ${(fillMs / 1000).toFixed(1)} s)`,
        unit: "MB",
        samples: [{ ms: rss / MB, cpuMs: Number.NaN }],
      },
    ]
  },
}

export default memory
