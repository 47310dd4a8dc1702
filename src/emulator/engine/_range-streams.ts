/**
 * dynalite reads every key range (Query, Scan, ListTables, a table's deletion) as a stream its
 * store makes from a LevelDB iterator: a Readable that awaits one `iterator.next()` per entry,
 * then flows through `lazy`. For a Query of one session that is a Readable, a promise per entry,
 * and its end on later turns: a fifth of the Query's time, most of it garbage. These streams read
 * the same iterator (the same range, order, limit and snapshot) a page at a time with `nextv()`
 * and emit the entries as `data` then `end`, as an old-style stream: what `lazy` and Node's
 * `Readable.wrap()`, dynalite's two readers, consume.
 */
import { Stream } from "node:stream"

/** The part of an abstract-level iterator the streams use. */
interface RangeIterator<T> {
  nextv(size: number): Promise<T[]>
  close(): Promise<void>
}

/** The store's two range readers that dynalite calls (db/index.js, wrapWithCallbacks). */
export interface RangeReaders {
  keys(options?: object): RangeIterator<string>
  values(options?: object): RangeIterator<unknown>
  createKeyStream?: (options?: object) => Stream
  createValueStream?: (options?: object) => Stream
}

/** Entries read per `nextv()`: a page, so a Query of a few items is one read. */
const pageSize = 256

/** Replaces the store's `createKeyStream` and `createValueStream` with paged ones. */
export function installRangeStreams(store: RangeReaders): void {
  store.createKeyStream = (options) => new RangeStream(store.keys(options))
  store.createValueStream = (options) => new RangeStream(store.values(options))
}

/**
 * Emits each entry of `iterator` as `data`, then `end` (or `error`), starting on the next tick
 * so that the reader can subscribe first; `destroy()` stops it and closes the iterator. A reader
 * in the engine calls {@link read} at once instead, and no event is emitted.
 */
export class RangeStream<T> extends Stream {
  readonly #iterator: RangeIterator<T>
  #destroyed = false
  #taken = false

  constructor(iterator: RangeIterator<T>) {
    super()
    this.#iterator = iterator
    process.nextTick(() => void this.#pump())
  }

  destroy(): this {
    this.#destroyed = true
    return this
  }

  /**
   * Passes each entry, in order, to `take` until it returns false or the range ends, then closes
   * the iterator. Call it before the next tick, in place of listening.
   */
  async read(take: (entry: T) => boolean): Promise<void> {
    this.#taken = true
    try {
      for (;;) {
        const page = await this.#iterator.nextv(pageSize)
        if (page.length === 0) return
        for (const entry of page) if (!take(entry)) return
      }
    } finally {
      await this.#iterator.close().catch(() => {})
    }
  }

  async #pump(): Promise<void> {
    if (this.#taken) return
    try {
      while (!this.#destroyed) {
        const page = await this.#iterator.nextv(pageSize)
        if (page.length === 0) break
        for (const entry of page) {
          if (this.#destroyed) break
          this.emit("data", entry)
        }
      }
    } catch (error) {
      if (!this.#destroyed) this.emit("error", error)
      this.#destroyed = true
    } finally {
      await this.#iterator.close().catch(() => {})
    }
    if (!this.#destroyed) this.emit("end")
  }
}
