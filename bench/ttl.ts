/**
 * Bench case "ttl": TTL sweeps over 100,000 items, with 10% of them expired sessions and with
 * none expired (it only reads), in a fresh process (bench/_store-child.ts). The baseline is the
 * public `sweepExpiredItems(table.client)`, a Scan and one conditional DeleteItem per expired
 * item through the API, as it sweeps any endpoint; against it, `table.sweep()`, which the engine
 * does in its store a page at a time. dynalite has no TTL, so there is nothing else to compare.
 */
import type { BenchCase, Row } from "./_harness.js"
import { findRow, format, ratio } from "./_report.js"
import { storeRun } from "./_store.js"

const ttl: BenchCase = {
  name: "ttl",
  description:
    "table.sweep() over 100,000 items, 10% expired and none expired, vs sweepExpiredItems() over the API",
  async run() {
    const { items, sweeps } = await storeRun(true)
    if (!sweeps) throw new Error("bench: the store run has no sweeps")
    const count = items.toLocaleString("en")
    const expired = `${(items / 10).toLocaleString("en")} expired`
    // The API rows keep the group and names they had when they were the only ones (--compare).
    const api = `TTL sweep over ${count} items`
    const store = `table.sweep() over ${count} items, in the store`
    return [
      { group: api, variant: "none expired (scan only)", samples: sweeps.noneApi },
      {
        group: api,
        variant: `${expired} (conditional deletes, one by one)`,
        samples: sweeps.tenPercentApi,
      },
      { group: store, variant: "none expired (reads only)", samples: sweeps.none },
      {
        group: store,
        variant: `${expired} (deleted in store batches)`,
        samples: sweeps.tenPercent,
      },
    ]
  },
  targets(rows: readonly Row[]) {
    const sweep = findRow(rows, "table.sweep()", "10,000 expired")
    const api = findRow(rows, "TTL sweep over", "10,000 expired")
    if (!sweep || !api) return []
    return [
      {
        target: "TTL sweep of 100,000 items, 10% expired, ≤1.5 s",
        measured: `${format(sweep.median)} (the API one by one: ${format(api.median)}, ${ratio(api.median / sweep.median)})`,
        pass: sweep.median <= 1500,
      },
    ]
  },
}

export default ttl
