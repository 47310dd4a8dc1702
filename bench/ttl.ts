/**
 * Bench case "ttl": one `table.sweep()` over 100,000 items, with 10% of them expired sessions
 * (the sweep deletes those 10,000, each with a conditional DeleteItem) and with none expired
 * (it only scans), in a fresh process (bench/_store-child.ts). dynalite has no TTL, so there
 * is nothing to compare with: the figures say what a sweep costs.
 */
import type { BenchCase } from "./_harness.js"
import { storeRun } from "./_store.js"

const ttl: BenchCase = {
  name: "ttl",
  description: "table.sweep() over 100,000 items, 10% expired and none expired",
  async run() {
    const { items, sweeps } = await storeRun(true)
    if (!sweeps) throw new Error("bench: the store run has no sweeps")
    const group = `TTL sweep over ${items.toLocaleString("en")} items`
    return [
      { group, variant: "none expired (scan only)", samples: sweeps.none },
      {
        group,
        variant: `${(items / 10).toLocaleString("en")} expired (conditional deletes, one by one)`,
        samples: sweeps.tenPercent,
      },
    ]
  },
}

export default ttl
