/**
 * Store keys of items and index entries, as dynalite's createKey and getIndexActions make them,
 * for bulk writes. Built here for the usual table (string keys, indexes projecting everything):
 * one md5 call per hash (and one per distinct hash key) instead of a Hash object each, and each
 * key written as bytes into a scratch buffer and read out as one flat string, instead of hex
 * strings of each value concatenated (a tree of pieces the store then copies flat). Anything
 * else, or a key string with a surrogate, is left to dynalite.
 */

import * as crypto from "node:crypto"
import type { WireItem } from "./items.js"
import type { DynaliteTable, DynaliteWriteParts, KeyElement } from "./types.js"

// An md5 digest as a 16-character latin1 ("binary") string: cheaper to make than hex, of which
// only six digits are kept (Node 24: 0.65 against 1.15 µs a call).
const md5Latin1: (text: string) => string =
  typeof crypto.hash === "function"
    ? (text) => crypto.hash("md5", text, "binary")
    : (text) => crypto.createHash("md5").update(text).digest("binary")
/** Character codes of the hex digits. */
const hexDigit = Array.from("0123456789abcdef", (digit) => digit.charCodeAt(0))

/** dynalite's hash prefix of `text`: the first six hex digits of its md5. */
const md5Prefix = (text: string) => {
  const digest = md5Latin1(text)
  const [a, b, c] = [digest.charCodeAt(0), digest.charCodeAt(1), digest.charCodeAt(2)]
  return String.fromCharCode(
    hexDigit[a >> 4] as number,
    hexDigit[a & 15] as number,
    hexDigit[b >> 4] as number,
    hexDigit[b & 15] as number,
    hexDigit[c >> 4] as number,
    hexDigit[c & 15] as number,
  )
}
const slash = "/".charCodeAt(0)

/**
 * Writes a key into a scratch buffer, ASCII text as it is and key values as the hex digits of
 * their UTF-8 bytes (dynalite's `Buffer.from(value).toString("hex")`), and reads it out as one
 * latin1 string (every byte written is ASCII). A character takes six hex digits at most.
 */
class KeyWriter {
  // Written as a plain Uint8Array (Node 20 stores into a Buffer's elements more slowly), read as
  // a Buffer over the same memory.
  #bytes = new Uint8Array(32 * 1024)
  #buffer = Buffer.from(this.#bytes.buffer)
  #at = 0

  /** Starts a key of at most `capacity` bytes; false when the scratch buffer is too small. */
  begin(capacity: number): boolean {
    this.#at = 0
    return capacity <= this.#bytes.length
  }

  /** ASCII text (table and index names, hash prefixes), as it is. */
  text(text: string): void {
    const bytes = this.#bytes
    let at = this.#at
    for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i)
    this.#at = at
  }

  /** `value`'s UTF-8 bytes in hex, then "/"; false (and the key is void) at a surrogate. */
  hexValue(value: string): boolean {
    const bytes = this.#bytes
    let at = this.#at
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i)
      if (code < 0x80) {
        bytes[at++] = hexDigit[code >> 4] as number
        bytes[at++] = hexDigit[code & 15] as number
      } else if (code >= 0xd800 && code <= 0xdfff) {
        return false
      } else {
        const lead = code < 0x800 ? 0xc0 | (code >> 6) : 0xe0 | (code >> 12)
        bytes[at++] = hexDigit[lead >> 4] as number
        bytes[at++] = hexDigit[lead & 15] as number
        if (code >= 0x800) {
          const middle = 0x80 | ((code >> 6) & 63)
          bytes[at++] = hexDigit[middle >> 4] as number
          bytes[at++] = hexDigit[middle & 15] as number
        }
        const last = 0x80 | (code & 63)
        bytes[at++] = hexDigit[last >> 4] as number
        bytes[at++] = hexDigit[last & 15] as number
      }
    }
    bytes[at++] = slash
    this.#at = at
    return true
  }

  /** The key written since {@link begin}. */
  end(): string {
    return this.#buffer.toString("latin1", 0, this.#at)
  }
}

/** An item's store key and its index entries. */
export interface ItemKeys {
  /** `item-<table>~` and dynalite's key of the item. */
  key: string
  entries: IndexEntry[]
}

/** An index entry of an item: its store key, and what it holds (the item itself for ALL). */
export interface IndexEntry {
  key: string
  item: WireItem
}

const writer = new KeyWriter()

/** Keys of `table`'s items and index entries; see the module's comment. */
export function storeKeys(table: DynaliteTable, dynalite: DynaliteWriteParts) {
  const types = new Map(table.AttributeDefinitions.map((d) => [d.AttributeName, d.AttributeType]))
  const names = (schema: KeyElement[]) => schema.map((k) => k.AttributeName)
  const tableKey = names(table.KeySchema)
  const indexes = [
    ...(table.GlobalSecondaryIndexes ?? []).map((index) => ({ index, kind: "global" })),
    ...(table.LocalSecondaryIndexes ?? []).map((index) => ({ index, kind: "local" })),
  ].map(({ index, kind }) => ({
    index,
    keyNames: names(index.KeySchema),
    prefix: `index-${kind}~${table.TableName}~${index.IndexName}~`,
  }))
  const keyNames = [...new Set([...tableKey, ...indexes.flatMap((i) => i.keyNames)])]
  const fast =
    keyNames.every((name) => types.get(name) === "S") &&
    indexes.every((i) => i.index.Projection.ProjectionType === "ALL")
  const prefixes = new Map<string, string>()
  // dynalite's hashPrefix: md5 of "Outliers" and the key strings, first six hex digits.
  const hashPrefix = (hash: string, range = "") => {
    if (range !== "") return md5Prefix(`Outliers${hash}${range}`)
    let prefix = prefixes.get(hash)
    if (prefix === undefined) {
      prefix = md5Prefix(`Outliers${hash}`)
      if (prefixes.size > 10_000) prefixes.clear()
      prefixes.set(hash, prefix)
    }
    return prefix
  }
  // Every key attribute a string (or absent): then the keys can be built here.
  const stringKeys = (item: WireItem) => {
    for (const name of keyNames) {
      const value = item[name] as { S?: unknown } | undefined
      if (value != null && typeof value.S !== "string") return false
    }
    return true
  }
  const present = (item: WireItem, names: string[]) => {
    for (const name of names) if (item[name] == null) return false
    return true
  }
  const [hashName, rangeName] = tableKey as [string, string | undefined]
  /**
   * dynalite's createKey over `names` after `prefix`, then `suffix`: the hash prefix, then each
   * value in hex and "/". Undefined (leave it to dynalite) for a value with a surrogate.
   */
  const keyOf = (prefix: string, item: WireItem, names: string[], suffix: string) => {
    let capacity = prefix.length + 7 + suffix.length
    for (const name of names) capacity += 6 * (item[name] as { S: string }).S.length + 1
    if (!writer.begin(capacity)) return undefined
    writer.text(prefix)
    writer.text(hashPrefix((item[names[0] as string] as { S: string }).S))
    writer.text("/")
    for (const name of names) {
      if (!writer.hexValue((item[name] as { S: string }).S)) return undefined
    }
    writer.text(suffix)
    return writer.end()
  }
  const itemPrefix = `item-${table.TableName}~`
  const viaDynalite = (item: WireItem): ItemKeys => ({
    key: itemPrefix + dynalite.createKey(item, table),
    entries: indexes.flatMap(({ index, prefix }) =>
      dynalite
        .getIndexActions([index], undefined, item, table)
        .puts.map((put) => ({ key: prefix + put.key, item: put.item })),
    ),
  })

  return {
    /** The attributes of the table's and its indexes' keys: all that keys are made of. */
    names: new Set(keyNames) as ReadonlySet<string>,
    /**
     * Whether an item's key attributes are enough to make its index entries (string keys, and
     * indexes that project everything); else index entries need the whole item.
     */
    keysSuffice: fast,
    /**
     * The item's store key and its index entries: store keys, and what each holds (the item
     * itself, for ALL).
     */
    of(item: WireItem): ItemKeys {
      if (!fast || !stringKeys(item)) return viaDynalite(item)
      const key = keyOf(itemPrefix, item, tableKey, "")
      if (key === undefined) return viaDynalite(item)
      let suffix: string | undefined
      const entries: IndexEntry[] = []
      for (const { keyNames, prefix } of indexes) {
        if (present(item, keyNames)) {
          suffix ??= hashPrefix(
            (item[hashName] as { S: string }).S,
            rangeName === undefined ? undefined : (item[rangeName] as { S: string }).S,
          )
          const entryKey = keyOf(prefix, item, keyNames, suffix)
          if (entryKey === undefined) return viaDynalite(item)
          entries.push({ key: entryKey, item })
        }
      }
      return { key, entries }
    },
  }
}
