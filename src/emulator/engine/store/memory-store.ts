/**
 * The in-memory store under dynalite: an abstract-level database, like the memory-level it
 * replaces, that keeps its entries in a B+ tree (sorted-btree) with string keys and values.
 *
 * memory-level keeps a persistent red-black tree of Buffers: every put walks the tree twice and
 * copies its path, and every comparison is a loop over bytes. Replaying the 80,000 store writes
 * of seeding 10,000 users took about 0.8 s that way, 0.4 s with memory-level's string keys, and
 * 0.15 s in this tree. dynalite's keys are ASCII (table and index names, hex digits of the key
 * values), so string order is the byte order DynamoDB sorts by.
 *
 * Keys and values are kept flat (see {@link flat}).
 *
 * Reads see a snapshot: an iterator walks a clone of the tree, which sorted-btree makes in O(1)
 * and keeps apart by copying, on the next write, the nodes the two share. One clone serves every
 * iterator opened until the next write.
 */

import {
  AbstractIterator,
  type AbstractIteratorOptions,
  AbstractKeyIterator,
  AbstractLevel,
  AbstractValueIterator,
} from "abstract-level"
import BTreeModule from "sorted-btree"

// sorted-btree is CommonJS with `exports.default`: imported from ESM the class is the default
// export's `default`, from the CommonJS build the default export itself.
type BTreeClass = typeof BTreeModule.default
const BTree: BTreeClass = BTreeModule.default ?? (BTreeModule as unknown as BTreeClass)

/** The calls of sorted-btree's BTree<string, string> used here. */
interface Tree {
  get(key: string): string | undefined
  has(key: string): boolean
  set(key: string, value: string): boolean
  delete(key: string): boolean
  deleteRange(low: string, high: string, includeHigh: boolean): number
  clone(): Tree
  entries(lowestKey?: string): Iterator<[string, string]>
  entriesReversed(
    highestKey?: string,
    reusedArray?: undefined,
    skipHighest?: boolean,
  ): Iterator<[string, string]>
}

/** Any regular expression: V8 flattens the string it runs on. */
const flattening = /^/

/**
 * `text` as one flat string. Strings built by concatenation are trees of their pieces (dynalite's
 * keys, bulk writes' keys), and so is `JSON.stringify`'s text on Node 20 (the chunks of its
 * builder, for the values of every write): kept as they come, they hold several times the heap of
 * flat strings (5.7 times, for 40 pieces each). V8 flattens a string a regular expression runs on,
 * on every Node, after which only the flat copy stays alive; on a flat string it copies nothing.
 */
export function flat(text: string): string {
  flattening.test(text)
  return text
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Up to how many keys outside a clear's ranges a store is rebuilt from rather than cleared range
 * by range: a test's store holds a table's definition and settings beside it, a few dozen keys.
 */
export const maxKeysToRebuildFrom = 1000
const emptyTree = (): Tree => new BTree<string, string>(undefined, compare)

/** Range options as abstract-level hands them over: encoded, and only those set. */
interface RangeOptions {
  gt?: string
  gte?: string
  lt?: string
  lte?: string
  reverse?: boolean
}

/** A walk over a range of a tree (a snapshot), in key order or reversed. */
class Range {
  readonly #tree: Tree
  readonly #reverse: boolean
  /** Whether a key is on the walk's near side of the far bound (`lt`/`lte`, reversed `gt`/`gte`). */
  readonly #beforeEnd: (key: string) => boolean
  /** Whether a key is on the walk's far side of the near bound (`gt`/`gte`, reversed `lt`/`lte`). */
  readonly #afterStart: (key: string) => boolean
  #entries: Iterator<[string, string]>
  /** A key the walk must step over once (an exclusive near bound the tree holds). */
  #skip: string | undefined

  constructor(tree: Tree, options: RangeOptions) {
    const { gt, gte, lt, lte } = options
    const above =
      "gte" in options
        ? (key: string) => key >= (gte as string)
        : "gt" in options
          ? (key: string) => key > (gt as string)
          : () => true
    const below =
      "lte" in options
        ? (key: string) => key <= (lte as string)
        : "lt" in options
          ? (key: string) => key < (lt as string)
          : () => true
    this.#tree = tree
    this.#reverse = options.reverse === true
    this.#beforeEnd = this.#reverse ? above : below
    this.#afterStart = this.#reverse ? below : above
    if (!this.#reverse) {
      this.#skip = "gte" in options ? undefined : gt
      this.#entries = tree.entries("gte" in options ? gte : gt)
    } else {
      this.#entries = tree.entriesReversed(
        "lte" in options ? lte : lt,
        undefined,
        !("lte" in options) && "lt" in options,
      )
    }
  }

  /** Moves the walk to `target` (or the next key after it in the walk's direction). */
  seek(target: string): void {
    this.#skip = undefined
    if (!this.#afterStart(target) || !this.#beforeEnd(target)) {
      this.#entries = [][Symbol.iterator]()
    } else {
      this.#entries = this.#reverse
        ? this.#tree.entriesReversed(target)
        : this.#tree.entries(target)
    }
  }

  /** The next entry in range, or `undefined` past its end. */
  next(): [string, string] | undefined {
    let step = this.#entries.next()
    if (this.#skip !== undefined) {
      if (!step.done && step.value[0] === this.#skip) step = this.#entries.next()
      this.#skip = undefined
    }
    if (step.done || !this.#beforeEnd(step.value[0])) return undefined
    return step.value
  }

  /** Up to `size` entries, each mapped by `pick`. */
  take<T>(size: number, pick: (entry: [string, string]) => T): T[] {
    const taken: T[] = []
    while (taken.length < size) {
      const entry = this.next()
      if (entry === undefined) break
      taken.push(pick(entry))
    }
    return taken
  }
}

// sorted-btree yields a new pair at each step (no reused array is passed), so it is handed on.
const pickEntry = (entry: [string, string]) => entry
const pickKey = (entry: [string, string]) => entry[0]
const pickValue = (entry: [string, string]) => entry[1]

/** The part of abstract-level's iterator state the iterators below read. */
interface IteratorState {
  limit: number
  count: number
}

/** abstract-level's iterator base classes, as the iterators below extend them. */
type IteratorBase = new (
  db: MemoryStore,
  options: AbstractIteratorOptions<string, string>,
) => object

/** An iterator over a range of a tree, on one of abstract-level's bases, yielding `pick(entry)`. */
function rangeIterator<T>(Base: IteratorBase, pick: (entry: [string, string]) => T) {
  return class extends Base {
    readonly #range: Range
    constructor(db: MemoryStore, tree: Tree, options: AbstractIteratorOptions<string, string>) {
      super(db, options)
      this.#range = new Range(tree, options as RangeOptions)
    }
    _seek(target: string) {
      this.#range.seek(target)
    }
    async _next() {
      const entry = this.#range.next()
      return entry && pick(entry)
    }
    async _nextv(size: number) {
      return this.#range.take(size, pick)
    }
    async _all() {
      const { limit, count } = this as unknown as IteratorState
      return this.#range.take(limit - count, pick)
    }
  }
}

const EntryIterator = rangeIterator(AbstractIterator as unknown as IteratorBase, pickEntry)
const KeyIterator = rangeIterator(AbstractKeyIterator as unknown as IteratorBase, pickKey)
const ValueIterator = rangeIterator(AbstractValueIterator as unknown as IteratorBase, pickValue)

type Operation = { type: "put"; key: string; value: string } | { type: "del"; key: string }

/** abstract-level's in-memory database on a B+ tree; see the module's comment. */
export class MemoryStore extends AbstractLevel<string, string, string> {
  #tree = emptyTree()
  /** A clone of the tree as it is now, shared by the iterators opened since the last write. */
  #snapshot: Tree | undefined

  constructor(options?: Record<string, unknown>) {
    super(
      {
        encodings: { utf8: true },
        implicitSnapshots: true,
        explicitSnapshots: false,
        seek: true,
        permanence: false,
        createIfMissing: false,
        errorIfExists: false,
        has: true,
        signals: { iterators: false },
      },
      options,
    )
  }

  /** The tree to change: any snapshot keeps what it has. */
  #writable(): Tree {
    this.#snapshot = undefined
    return this.#tree
  }

  #read(): Tree {
    this.#snapshot ??= this.#tree.clone()
    return this.#snapshot
  }

  /** Whether {@link getNow} may run: the store is open. */
  readsDirectly(): boolean {
    return this.status === "open"
  }

  /**
   * Whether the writes that skip abstract-level ({@link putNow}, {@link batchNow}, …) may run:
   * the store is open and nothing watches its writes (a prewrite hook, a write listener), which
   * abstract-level's own calls would have to tell.
   */
  writesDirectly(): boolean {
    // abstract-level's hooks keep `noop` (none added) in step, untyped, for this very check.
    const { noop } = this.hooks.prewrite as unknown as { noop: boolean }
    return this.status === "open" && noop && this.listenerCount("write") === 0
  }

  /**
   * The stored text at `key`, read at once: abstract-level's checks and encodings left out, so
   * only for a caller that checked {@link readsDirectly} and has a string key ({@link DirectStore}).
   */
  getNow(key: string): string | undefined {
    return this.#tree.get(key)
  }

  /** Stores `value` at `key` at once; only when {@link writesDirectly}. */
  putNow(key: string, value: string): void {
    this.#writable().set(flat(key), flat(value))
  }

  /** Deletes `key` at once; only when {@link writesDirectly}. */
  delNow(key: string): void {
    this.#writable().delete(key)
  }

  /**
   * Applies string puts and deletes in order at once, as {@link _batch} does; only when
   * {@link writesDirectly}. A bulk write of thousands of entries skips abstract-level's copy and
   * checks of each operation.
   */
  batchNow(operations: readonly Operation[]): void {
    const tree = this.#writable()
    for (const operation of operations) {
      if (operation.type === "put") tree.set(flat(operation.key), flat(operation.value))
      else tree.delete(operation.key)
    }
  }

  /**
   * Deletes every key of `ranges` (each from `gte` up to, not including, `lt`) at once; only when
   * {@link writesDirectly}. When at most `maxRest` keys lie outside them (a test's store:
   * one table, its definition and settings beside it), the tree is rebuilt from those few; else
   * each range is deleted from the tree in place.
   */
  clearRangesNow(
    ranges: readonly { gte: string; lt: string }[],
    maxRest = maxKeysToRebuildFrom,
  ): void {
    const sorted = [...ranges].sort((a, b) => compare(a.gte, b.gte))
    const tree = this.#writable()
    const rest: [string, string][] = []
    // The gaps between the ranges: before the first, between each two, after the last.
    for (let i = 0; i <= sorted.length; i++) {
      const end = sorted[i]?.gte
      const entries = tree.entries(sorted[i - 1]?.lt)
      for (let step = entries.next(); !step.done; step = entries.next()) {
        if (end !== undefined && step.value[0] >= end) break
        if (rest.push(step.value) > maxRest) {
          for (const { gte, lt } of sorted) tree.deleteRange(gte, lt, false)
          return
        }
      }
    }
    const rebuilt = emptyTree()
    for (const [key, value] of rest) rebuilt.set(key, value)
    this.#tree = rebuilt
  }

  async _put(key: string, value: string) {
    this.putNow(key, value)
  }

  async _get(key: string) {
    return this.getNow(key)
  }

  async _getMany(keys: string[]) {
    const tree = this.#tree
    return keys.map((key) => tree.get(key))
  }

  async _has(key: string) {
    return this.#tree.has(key)
  }

  async _hasMany(keys: string[]) {
    const tree = this.#tree
    return keys.map((key) => tree.has(key))
  }

  async _del(key: string) {
    this.delNow(key)
  }

  async _batch(operations: Operation[]) {
    this.batchNow(operations)
  }

  /** `options.limit` comes normalised by abstract-level: -1 for none. */
  async _clear(options: RangeOptions & { limit: number }) {
    const ranged = "gt" in options || "gte" in options || "lt" in options || "lte" in options
    if (!ranged && options.limit === -1) {
      this.#writable()
      this.#tree = emptyTree()
      return
    }
    const limit = options.limit === -1 ? Number.POSITIVE_INFINITY : options.limit
    const keys = new Range(this.#read(), options).take(limit, pickKey)
    const tree = this.#writable()
    for (const key of keys) tree.delete(key)
  }

  _iterator(options: AbstractIteratorOptions<string, string>) {
    return new EntryIterator(this, this.#read(), options)
  }

  _keys(options: AbstractIteratorOptions<string, string>) {
    return new KeyIterator(this, this.#read(), options)
  }

  _values(options: AbstractIteratorOptions<string, string>) {
    return new ValueIterator(this, this.#read(), options)
  }
}
