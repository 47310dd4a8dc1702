/**
 * The store's callback methods as the engine answers them: never synchronously, and on the
 * in-memory store straight to its tree as JSON text, except when abstract-level must see the
 * call (a 'write' listener, a closed store), which then answers as it always did.
 */
import { describe, expect, test } from "vitest"
import {
  answerStoreCallbacksPromptly,
  type CallbackStore,
} from "../../../src/emulator/engine/_store-callbacks.js"
import { MemoryStore } from "../../../src/emulator/engine/store/memory-store.js"

type Callback = (error: Error | null, value?: unknown) => void

async function openStore() {
  const store = new MemoryStore({ valueEncoding: "json" })
  await store.open()
  answerStoreCallbacksPromptly(store as unknown as CallbackStore)
  const callbacks = store as unknown as {
    get(key: string, callback: Callback): void
    put(key: string, value: unknown, callback: Callback): void
    del(key: string, callback: Callback): void
  }
  /** Calls `method`, checks the callback waits for the current turn, resolves with its answer. */
  const call = (method: "get" | "put" | "del", ...args: unknown[]) =>
    new Promise<{ error: Error | null; value?: unknown }>((resolve) => {
      let returned = false
      const callback: Callback = (error, value) => {
        expect(returned, `${method} answered synchronously`).toBe(true)
        resolve({ error, value })
      }
      ;(callbacks[method] as (...a: unknown[]) => void)(...args, callback)
      returned = true
    })
  return { store, call }
}

describe("store callbacks", () => {
  test("put, get and del keep JSON values, each get a copy, and answer after the caller's turn", async () => {
    const { store, call } = await openStore()
    const item = { pk: { S: "USER#1" }, tags: { SS: ["a", "b"] }, n: { N: "1.50" } }
    expect(await call("put", "item~1", item)).toEqual({ error: null, value: undefined })
    // What the store holds is the JSON text abstract-level's json encoding writes.
    expect(store.getNow("item~1")).toBe(JSON.stringify(item))
    expect(await store.get("item~1")).toEqual(item)
    const first = await call("get", "item~1")
    const second = await call("get", "item~1")
    expect(first).toEqual({ error: null, value: item })
    expect(first.value).not.toBe(second.value)
    expect(first.value).not.toBe(item)
    expect(await call("get", "missing")).toEqual({ error: null, value: undefined })
    await call("del", "item~1")
    expect(await call("get", "item~1")).toEqual({ error: null, value: undefined })
    await store.close()
  })

  test("with a 'write' listener, writes go through abstract-level, which reports them", async () => {
    const { store, call } = await openStore()
    const seen: unknown[] = []
    store.on("write", (operations: { type: string; key: string }[]) => {
      for (const { type, key } of operations) seen.push([type, key])
    })
    await call("put", "a", { S: "1" })
    await call("del", "a")
    expect(seen).toEqual([
      ["put", "a"],
      ["del", "a"],
    ])
    await store.close()
  })

  test("on a closed store, each call gets abstract-level's error, as before", async () => {
    const { store, call } = await openStore()
    await store.close()
    for (const [method, ...args] of [
      ["get", "a"],
      ["put", "a", { S: "1" }],
      ["del", "a"],
    ] as const) {
      const { error } = await call(method, ...args)
      expect(error, method).toMatchObject({ code: "LEVEL_DATABASE_NOT_OPEN" })
    }
  })
})
