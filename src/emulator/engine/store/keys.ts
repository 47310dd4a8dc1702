/**
 * Store keys of items and index entries, as dynalite's createKey and getIndexActions make them,
 * for bulk writes. Built here for the usual table (string keys, indexes projecting everything)
 * with one md5 call per hash (and one per distinct hash key) instead of a Hash object each;
 * anything else, or a key string with a surrogate, is left to dynalite.
 */

import * as crypto from "node:crypto"
import type { WireItem } from "./items.js"
import type { DynaliteTable, DynaliteWriteParts, KeyElement } from "./types.js"

// An md5 digest as a 16-character latin1 string: cheaper to make than hex, of which only six
// digits are kept (Node 24: 0.65 against 1.15 µs a call).
const md5Latin1: (text: string) => string =
  typeof crypto.hash === "function"
    ? (text) => crypto.hash("md5", text, "latin1")
    : (text) => crypto.createHash("md5").update(text).digest("latin1")
const byteHex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"))
/** dynalite's hash prefix of `text`: the first six hex digits of its md5. */
const md5Prefix = (text: string) => {
  const digest = md5Latin1(text)
  return `${byteHex[digest.charCodeAt(0)]}${byteHex[digest.charCodeAt(1)]}${byteHex[digest.charCodeAt(2)]}`
}
// Key strings are encoded in a scratch buffer (a key piece is at most 2,048 bytes).
const scratch = Buffer.allocUnsafe(8192)
const hex = (text: string) =>
  text.length * 3 <= scratch.length
    ? scratch.toString("hex", 0, scratch.write(text, 0, "utf8"))
    : Buffer.from(text, "utf8").toString("hex")
const surrogate = /[\ud800-\udfff]/

/** An item's key in its table (without the store prefix) and its index entries. */
export interface ItemKeys {
  key: string
  entries: IndexEntry[]
}

/** An index entry of an item: its store key, and what it holds (the item itself for ALL). */
export interface IndexEntry {
  key: string
  item: WireItem
}

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
  const canBuild = (item: WireItem) =>
    fast &&
    keyNames.every((name) => {
      const value = item[name] as { S?: unknown } | undefined
      return value == null || (typeof value.S === "string" && !surrogate.test(value.S))
    })
  /** dynalite's createKey over `names`: hash prefix, then each value in hex. */
  // The last few strings encoded: a session's token is its sort key and both index keys.
  const recent: string[] = []
  const recentHex: string[] = []
  const hexOf = (value: string) => {
    const at = recent.indexOf(value)
    if (at >= 0) return recentHex[at] as string
    const encoded = hex(value)
    if (recent.length >= 4) {
      recent.shift()
      recentHex.shift()
    }
    recent.push(value)
    recentHex.push(encoded)
    return encoded
  }
  const keyOf = (item: WireItem, names: string[]) => {
    let key = ""
    for (const name of names) {
      const value = (item[name] as { S: string }).S
      key += key === "" ? `${hashPrefix(value)}/${hexOf(value)}/` : `${hexOf(value)}/`
    }
    return key
  }
  const viaDynalite = (item: WireItem): ItemKeys => ({
    key: dynalite.createKey(item, table),
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
     * The item's key in the table (without the store prefix) and its index entries: store keys,
     * and what each holds (the item itself, for ALL).
     */
    of(item: WireItem): ItemKeys {
      if (!canBuild(item)) return viaDynalite(item)
      const key = keyOf(item, tableKey)
      let suffix: string | undefined
      const entries: IndexEntry[] = []
      for (const { keyNames, prefix } of indexes) {
        if (keyNames.every((name) => item[name] != null)) {
          const [hash, range] = tableKey.map((name) => (item[name] as { S: string }).S)
          suffix ??= hashPrefix(hash as string, range)
          entries.push({ key: prefix + keyOf(item, keyNames) + suffix, item })
        }
      }
      return { key, entries }
    },
  }
}
