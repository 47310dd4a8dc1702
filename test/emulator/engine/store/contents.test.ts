import { describe, expect, test } from "vitest"
import {
  type ReadableStore,
  StoreContents,
} from "../../../../src/emulator/engine/store/contents.js"

/** A store holding `data`, recording which keys were read. */
function fakeStore() {
  const data = new Map<string, Record<string, unknown>>()
  const reads: string[][] = []
  const store: ReadableStore = {
    async getMany(keys) {
      reads.push(keys)
      return keys.map((key) => data.get(key))
    },
    keys: ({ gte, lt, limit }) => ({
      all: async () => [...data.keys()].filter((k) => k >= gte && k < lt).slice(0, limit),
    }),
  }
  return { store, data, reads }
}

/** FNV-1a, 32 bits: what StoreContents keeps of each key. */
function fnv1a(key: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

describe("StoreContents", () => {
  test("reads nothing while it knows every key written since the table was empty", async () => {
    const { store, reads } = fakeStore()
    const contents = new StoreContents(store)
    const first = await contents.beginWrite("t", ["item-t~a", "item-t~b"])
    first.wrote()
    const second = await contents.beginWrite("t", ["item-t~c"])
    expect(second.existing).toEqual([undefined])
    expect(reads).toEqual([])
  })

  test("reads the keys it wrote before, and only those", async () => {
    const { store, data, reads } = fakeStore()
    const contents = new StoreContents(store)
    ;(await contents.beginWrite("t", ["item-t~a"])).wrote()
    data.set("item-t~a", { pk: { S: "a" } })
    const again = await contents.beginWrite("t", ["item-t~a", "item-t~b"])
    expect(again.existing).toEqual([{ pk: { S: "a" } }, undefined])
    expect(reads).toEqual([["item-t~a"]])
  })

  test("reads a new key whose hash it holds, and finds nothing there", async () => {
    // Found by a birthday search over `item-t~<n>`.
    const [written, colliding] = ["item-t~887809", "item-t~1107984"]
    expect(fnv1a(written)).toBe(fnv1a(colliding))
    const { store, reads } = fakeStore()
    const contents = new StoreContents(store)
    ;(await contents.beginWrite("t", [written])).wrote()
    const next = await contents.beginWrite("t", [colliding])
    expect(next.existing).toEqual([undefined])
    expect(reads).toEqual([[colliding]])
  })

  test("reads every key once a request has run since", async () => {
    const { store, data, reads } = fakeStore()
    const contents = new StoreContents(store)
    ;(await contents.beginWrite("t", ["item-t~a"])).wrote()
    data.set("item-t~a", { pk: { S: "a" } })
    contents.touched()
    await contents.beginWrite("t", ["item-t~b", "item-t~c"])
    expect(reads).toEqual([["item-t~b", "item-t~c"]])
  })
})
