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

  test("holds the keys themselves: a new key that shares a 32-bit hash with a known one is not read", async () => {
    // The two share an FNV-1a hash (found by a birthday search over `item-t~<n>`), which the
    // store once kept instead of the key: the second write read its key for nothing.
    const [written, colliding] = ["item-t~887809", "item-t~1107984"]
    const { store, reads } = fakeStore()
    const contents = new StoreContents(store)
    ;(await contents.beginWrite("t", [written])).wrote()
    const next = await contents.beginWrite("t", [colliding])
    expect(next.existing).toEqual([undefined])
    expect(reads).toEqual([])
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
