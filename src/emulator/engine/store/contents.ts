/**
 * What a bulk write needs to know before writing: which of its items exist already (to move
 * their index entries). Reading every key from the in-memory store costs several µs each, most
 * of a seed's reads when the table was empty. So the store remembers, for the last table written
 * in bulk, every item key that may be in it, as long as it can prove nothing else wrote since:
 * the table was empty (or cleared) when it started counting, and no request has started or
 * ended since (any request counts, reads too), nor another bulk write or clear begun. Then only
 * keys it holds are read.
 *
 * It holds the keys themselves: the very strings the store holds, so they cost a slot of the set
 * each and no copy. (A 32-bit hash of each, as before, cost 3% more instructions of a 10,000-user
 * graph(): a loop over every key's hundred-odd characters, and a heap number for every hash above
 * 2^30.) Whatever ends what it proves (a request, another bulk write, a clear) lets the set go, so
 * it never keeps a deleted key alive.
 */

import type { WireItem } from "./items.js"

/** The store calls these checks use. */
export interface ReadableStore {
  getMany(keys: string[]): Promise<(WireItem | undefined)[]>
  keys(options: { gte: string; lt: string; limit: number }): { all(): Promise<string[]> }
}

/** Beyond this many keys, stop remembering (the memory is not worth it). */
const maxKnownKeys = 1_000_000

export class StoreContents {
  #store: ReadableStore
  /**
   * Bumped when a request starts or ends and when a bulk write or clear begins: what was known
   * at an older generation may have changed.
   */
  #generation = 0
  #known: { tableName: string; generation: number; keys: Set<string> } | undefined

  constructor(store: ReadableStore) {
    this.#store = store
  }

  /** Call when a request starts and again when it ends. */
  touched(): void {
    this.#generation++
    this.#known = undefined
  }

  /**
   * Starts a bulk write to `tableName`: the existing items at `storeKeys` (full store keys of the
   * table's items), and `wrote` to call once they have all been written.
   */
  async beginWrite(tableName: string, storeKeys: string[]) {
    const generation = ++this.#generation
    const known = this.#known
    let keys =
      known?.tableName === tableName && known.generation === generation - 1 ? known.keys : undefined
    this.#known = undefined
    if (!keys && (await this.#isEmpty(tableName))) keys = new Set()
    let existing: (WireItem | undefined)[]
    if (!keys) {
      existing = await this.#store.getMany(storeKeys)
    } else {
      existing = new Array(storeKeys.length)
      const maybe: number[] = []
      for (let i = 0; i < storeKeys.length; i++) if (keys.has(storeKeys[i] as string)) maybe.push(i)
      if (maybe.length > 0) {
        const found = await this.#store.getMany(maybe.map((i) => storeKeys[i] as string))
        maybe.forEach((i, n) => {
          existing[i] = found[n]
        })
      }
    }
    return {
      existing,
      wrote: () => {
        if (!keys || this.#generation !== generation) return
        for (const key of storeKeys) keys.add(key)
        if (keys.size <= maxKnownKeys) this.#known = { tableName, generation, keys }
      },
    }
  }

  /** Starts emptying a table's items; call what it returns once they are gone. */
  beginClear(tableName: string): () => void {
    const generation = ++this.#generation
    this.#known = undefined
    return () => {
      if (this.#generation === generation) this.#known = { tableName, generation, keys: new Set() }
    }
  }

  async #isEmpty(tableName: string): Promise<boolean> {
    const prefix = `item-${tableName}~`
    const keys = await this.#store.keys({ gte: prefix, lt: `${prefix}\xff`, limit: 1 }).all()
    return keys.length === 0
  }
}
