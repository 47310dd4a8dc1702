import type { Item, Layout } from "../adapter/index.js"

/** One TTL sweep: how many items it deleted, by kind of the layout (`other` for the rest). */
export interface SweepSummary {
  deleted: number
  byKind: Record<string, number>
}

/** Counts deleted items by `layout.kindOf`. */
export function summarizeSweep(items: readonly Item[], layout: Layout): SweepSummary {
  const byKind: Record<string, number> = {}
  for (const item of items) {
    const kind = layout.kindOf(item) ?? "other"
    byKind[kind] = (byKind[kind] ?? 0) + 1
  }
  return { deleted: items.length, byKind }
}

const labels: Record<string, [string, string]> = {
  session: ["session", "sessions"],
  verificationToken: ["verification token", "verification tokens"],
  user: ["user", "users"],
  account: ["account", "accounts"],
  authenticator: ["authenticator", "authenticators"],
  other: ["item outside the layout", "items outside the layout"],
}

/** `deleted 3 expired items (2 sessions, 1 verification token)`. */
export function describeSweep(summary: SweepSummary): string {
  const kinds = [...Object.keys(labels), ...Object.keys(summary.byKind)]
  const parts = [...new Set(kinds)].flatMap((kind) => {
    const count = summary.byKind[kind]
    if (!count) return []
    const [one, many] = labels[kind] ?? [kind, kind]
    return [`${count} ${count === 1 ? one : many}`]
  })
  const items = summary.deleted === 1 ? "item" : "items"
  const detail = parts.length > 0 ? ` (${parts.join(", ")})` : ""
  return `deleted ${summary.deleted} expired ${items}${detail}`
}

/** One sweep the console lists: when, who ran it and what it did. */
export interface SweepRecord {
  /** Epoch ms. */
  at: number
  /** Run by the background sweeper, not by "Sweep now". */
  background: boolean
  deleted: number
  /** `deleted 2 expired items (2 sessions)`. */
  text: string
}

/** The recent sweeps, newest first; the dev server records each one from the handle's onSweep. */
export interface SweepHistory {
  record(summary: SweepSummary, background: boolean, at: number): void
  list(): readonly SweepRecord[]
}

/** Keeps the newest `limit` sweeps that deleted something, and the newest one that did not. */
export function createSweepHistory(limit = 20): SweepHistory {
  let records: SweepRecord[] = []
  return {
    record(summary, background, at) {
      const record = { at, background, deleted: summary.deleted, text: describeSweep(summary) }
      // Empty sweeps every few seconds would push out the ones that matter: keep only the last.
      const kept = records.filter((r) => r.deleted > 0)
      records = [record, ...kept].slice(0, limit)
    },
    list: () => records,
  }
}

/** Sweeps on an interval and on demand, one sweep at a time. */
export interface Sweeper {
  /** Runs a sweep after the one in progress, if any. */
  sweepNow(): Promise<SweepSummary>
  /** Stops the interval and waits for a sweep in progress. */
  stop(): Promise<void>
}

/**
 * Calls `sweep` every `intervalMs` (counted from the end of the previous sweep, so sweeps never
 * overlap) and hands each result to `onSweep`; a failed sweep goes to `onError` and the next one
 * still runs.
 */
export function startSweeper(options: {
  sweep: () => Promise<SweepSummary>
  intervalMs: number | false
  onSweep: (summary: SweepSummary) => void
  onError: (error: unknown) => void
}): Sweeper {
  let queue: Promise<unknown> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  let stopped = false

  const run = (): Promise<SweepSummary> => {
    const next = queue.then(async () => {
      const summary = await options.sweep()
      options.onSweep(summary)
      return summary
    })
    queue = next.catch(() => {})
    return next
  }
  const schedule = (intervalMs: number) => {
    timer = setTimeout(() => {
      void run()
        .catch(options.onError)
        .finally(() => {
          if (!stopped) schedule(intervalMs)
        })
    }, intervalMs)
  }
  if (options.intervalMs !== false) schedule(options.intervalMs)

  return {
    sweepNow: run,
    async stop() {
      stopped = true
      clearTimeout(timer)
      await queue
    },
  }
}
