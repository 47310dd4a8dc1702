/**
 * Bulk writes straight into dynalite's store (what `table.seed` uses): the items and index
 * entries BatchWriteItem would leave, without a request, a lock, a read and four writes per
 * item. Plain items take a fast path ({@link convertItem}, keys built here as dynalite builds
 * them); anything else, and every 25-item chunk holding such an item, goes through marshall and
 * dynalite's own BatchWriteItem validation, so bad input gets dynalite's own error.
 */

import { marshall } from "@aws-sdk/util-dynamodb"
import { marshallOptions } from "../marshall-options.js"
import type { StoreContents } from "./contents.js"
import { convertItem, type WireItem } from "./items.js"
import { type ItemKeys, storeKeys as keysOf } from "./keys.js"
import type { DynaliteTable, DynaliteWriteParts } from "./types.js"

/** A write of the store: a JSON value already encoded, or a delete. */
export type StoreOperation =
  | { type: "put"; key: string; value: string; valueEncoding: "utf8" }
  | { type: "del"; key: string }

/** What a bulk write works with. */
export interface StoreWriter {
  /** The store's batch (abstract-level's, as dynalite wraps it). */
  batch(operations: StoreOperation[]): Promise<void>
  contents: StoreContents
  dynalite: DynaliteWriteParts
  /** dynalite's item size limit. */
  maxItemSize: number
}

/** Binary bytes in base64, as the SDK's JSON serializer (smithy's toBase64) sends them. */
function base64(value: unknown): string {
  const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value
  const view = bytes as { buffer?: ArrayBuffer; byteOffset?: unknown; byteLength?: unknown }
  if (typeof view?.byteOffset !== "number" || typeof view.byteLength !== "number") {
    throw new Error("binary values must be strings or Uint8Arrays")
  }
  return Buffer.from(view.buffer as ArrayBuffer, view.byteOffset, view.byteLength).toString(
    "base64",
  )
}

/** A marshalled item as it goes over the wire: binaries (B, BS) in base64, the rest as is. */
function wire(item: WireItem): WireItem {
  const value = (attribute: Record<string, unknown>): Record<string, unknown> => {
    if ("B" in attribute) return { ...attribute, B: base64(attribute.B) }
    if ("BS" in attribute) return { ...attribute, BS: (attribute.BS as unknown[]).map(base64) }
    if ("L" in attribute)
      return { ...attribute, L: (attribute.L as Record<string, unknown>[]).map(value) }
    if ("M" in attribute) return { ...attribute, M: wire(attribute.M as WireItem) }
    return attribute
  }
  const result: WireItem = {}
  for (const name of Object.keys(item)) result[name] = value(item[name] as Record<string, unknown>)
  return result
}

/** `[authtable] Could not write items to "<table>": <reason>.`, keeping the cause. */
function writeError(tableName: string, error: unknown): Error {
  const body = (error as { body?: { message?: string; Message?: string } }).body
  const reason = body?.message ?? body?.Message ?? (error as Error).message ?? String(error)
  return new Error(
    `[authtable] Could not write items to "${tableName}": ${reason.replace(/\.$/, "")}.`,
    { cause: error },
  )
}

/**
 * Checks and normalises `documents` 25 at a time as BatchWriteItem requests of them would be
 * checked, in the same order (types and values of the whole request, then each item's key,
 * then duplicate keys in the request).
 * @returns the items in DynamoDB JSON (or, when `keys.keysSuffice`, only their key attributes),
 *   their JSON text encoded, and their keys and index entries.
 * @throws dynalite's error for the first chunk that holds a bad item.
 */
function checkItems(
  documents: readonly unknown[],
  table: DynaliteTable,
  dynalite: DynaliteWriteParts,
  keys: ReturnType<typeof keysOf>,
  maxItemSize: number,
) {
  const items: WireItem[] = new Array(documents.length)
  const values: string[] = new Array(documents.length)
  const itemKeys: ItemKeys[] = new Array(documents.length)
  // Where each key was last seen: duplicates in a chunk are an error, across chunks the later wins.
  const last = new Map<string, number>()
  for (let start = 0; start < documents.length; start += 25) {
    const end = Math.min(documents.length, start + 25)
    let plain = true
    for (let i = start; i < end && plain; i++) {
      const converted = convertItem(documents[i], keys.names)
      if (converted && converted.size <= maxItemSize) {
        values[i] = converted.json
        items[i] = keys.keysSuffice ? converted.keys : converted.item
      } else {
        plain = false
      }
    }
    if (!plain) {
      const chunk = documents.slice(start, end).map((d) => wire(marshall(d, marshallOptions)))
      const checked = dynalite.checkPutRequest(table.TableName, chunk)
      for (let i = start; i < end; i++) {
        items[i] = checked[i - start] as WireItem
        values[i] = JSON.stringify(items[i])
      }
    }
    for (let i = start; i < end; i++) {
      const item = items[i] as WireItem
      const invalid = dynalite.validateItem(item, table)
      if (invalid) throw invalid
      const made = keys.of(item)
      if ((last.get(made.key) ?? -1) >= start) {
        throw dynalite.validationError("Provided list of item keys contains duplicates")
      }
      last.set(made.key, i)
      itemKeys[i] = made
    }
  }
  return { items, values, itemKeys, last }
}

/**
 * Writes document-client items (as `marshall(item, marshallOptions)` takes them) to a table in
 * one store batch, after checking every one: the same items and index entries BatchWriteItem
 * requests of them, 25 at a time, would leave. Existing items are replaced and their index
 * entries moved; of two items with one key, the later wins. Nothing is written when an item is
 * bad.
 * @throws `[authtable] Could not write items to "<table>": <dynalite's reason>.`
 */
export async function writeItems(
  writer: StoreWriter,
  table: DynaliteTable,
  documents: readonly unknown[],
): Promise<void> {
  const { dynalite, maxItemSize } = writer
  const tableName = table.TableName
  const keys = keysOf(table, dynalite)
  let checked: ReturnType<typeof checkItems>
  try {
    checked = checkItems(documents, table, dynalite, keys, maxItemSize)
  } catch (error) {
    throw writeError(tableName, error)
  }
  const { items, values, itemKeys, last } = checked
  const written =
    last.size === items.length ? items.map((_, i) => i) : [...last.values()].sort((a, b) => a - b)
  const storeKeys = written.map((i) => (itemKeys[i] as ItemKeys).key)
  const { existing, wrote } = await writer.contents.beginWrite(tableName, storeKeys)
  const operations: StoreOperation[] = []
  written.forEach((i, n) => {
    const item = items[i] as WireItem
    const value = values[i] as string
    const { entries } = itemKeys[i] as ItemKeys
    const before = existing[n]
    if (before) {
      for (const { key } of keys.of(before).entries) {
        if (!entries.some((entry) => entry.key === key)) operations.push({ type: "del", key })
      }
    }
    for (const entry of entries) {
      const entryValue = entry.item === item ? value : JSON.stringify(entry.item)
      operations.push({ type: "put", key: entry.key, value: entryValue, valueEncoding: "utf8" })
    }
    operations.push({ type: "put", key: storeKeys[n] as string, value, valueEncoding: "utf8" })
  })
  // Every key is written once, so the order is free: in key order the store's tree inserts walk
  // neighbouring paths, a quarter faster than in hash order. (The sort is stable, should two
  // index entries ever share a key.)
  operations.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  await writer.batch(operations)
  wrote()
}
