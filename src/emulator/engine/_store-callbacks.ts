/**
 * dynalite answers each store call's callback with `setImmediate` (db/index.js,
 * wrapWithCallbacks): a GetItem waits for two turns of the event loop, a PutItem or an UpdateItem
 * for four, and each turn (timers, a poll of the sockets, the check phase) costs more than the
 * store call itself. These wrappers answer the callback as soon as the store's promise settles,
 * still never synchronously, and on a real `setImmediate` once in {@link yieldEvery} calls, so
 * that timers and sockets keep their turn during a long run of requests (a seeding loop, say).
 *
 * Answering on a promise also means a request no longer waits for a timer phase that a test's
 * fake timers (`vi.useFakeTimers()`) may have frozen.
 *
 * On the engine's in-memory store (a {@link DirectStore}), get, put and del go straight to its
 * tree, as JSON text, while it is open and nothing watches its writes: what abstract-level's put
 * and get do there (checks, the JSON encoding, a promise) and what dynalite adds (a closed-store
 * check, a second promise, tracking the operation until it settles, for a close to wait for)
 * cost a request more than the tree does. The tree changes at once, as abstract-level's put
 * changed it, and the callback is answered as above. Anything else takes the path it took.
 */

type Callback = (error: Error | null, value?: unknown) => void

/** The store's callback methods, as dynalite wraps them: with a callback, or as a promise. */
export interface CallbackStore {
  get(key: string, callback?: Callback): unknown
  put(key: string, value: unknown, callback?: Callback): unknown
  del(key: string, callback?: Callback): unknown
  batch(operations: unknown[], callback?: Callback): unknown
}

/** One call in this many is answered on a turn of the event loop. */
export const yieldEvery = 64

const realSetImmediate = globalThis.setImmediate
let calls = 0

/** Calls `callback` now (on the promise's turn), or on the next turn of the event loop. */
function answer(callback: Callback, error: Error | null, value?: unknown): void {
  if (++calls % yieldEvery === 0) realSetImmediate(callback, error, value)
  else callback(error, value)
}

/** Calls `callback` after the current turn's synchronous work, as the store would answer it. */
export function answerSoon(callback: Callback, error: Error | null, value?: unknown): void {
  resolved.then(() => answer(callback, error, value))
}
const resolved = Promise.resolve()

/**
 * Replaces `store`'s callback forms of get, put, del and batch: each calls dynalite's promise
 * form (the same checks of a closed store and the same tracking of pending operations) and
 * answers the callback when it settles.
 */
export function answerStoreCallbacksPromptly(store: CallbackStore): void {
  for (const method of ["get", "put", "del", "batch"] as const) {
    const original = store[method].bind(store) as (...args: unknown[]) => unknown
    store[method] = (...args: unknown[]) => {
      const callback = args.at(-1)
      if (typeof callback !== "function") return original(...args)
      const settled = original(...args.slice(0, -1)) as Promise<unknown>
      settled.then(
        (value) => answer(callback as Callback, null, value),
        (error: Error) => answer(callback as Callback, error),
      )
      return undefined
    }
  }
  if (isDirect(store)) goDirect(store)
}

/** The engine's in-memory store (store/memory-store.ts) as abstract-level and dynalite have it. */
export interface DirectStore extends CallbackStore {
  readsDirectly(): boolean
  writesDirectly(): boolean
  valueEncoding(): { commonName: string }
  getNow(key: string): string | undefined
  putNow(key: string, value: string): void
  delNow(key: string): void
}

function isDirect(store: CallbackStore): store is DirectStore {
  const direct = store as Partial<DirectStore>
  return typeof direct.getNow === "function" && direct.valueEncoding?.().commonName === "json"
}

/** get, put and del with a callback, straight to the tree when they can (see the module's comment). */
function goDirect(store: DirectStore): void {
  const { get, put, del } = store
  const readable = (key: unknown): key is string => typeof key === "string" && store.readsDirectly()
  const writable = (key: unknown): key is string =>
    typeof key === "string" && store.writesDirectly()
  store.get = (key: string, callback?: Callback) => {
    if (!callback || !readable(key)) return get(key, callback)
    const text = store.getNow(key)
    let value: unknown
    try {
      value = text === undefined ? undefined : JSON.parse(text)
    } catch (error) {
      return answerSoon(callback, error as Error)
    }
    answerSoon(callback, null, value)
  }
  store.put = (key: string, value: unknown, callback?: Callback) => {
    if (!callback || !writable(key) || value == null) return put(key, value, callback)
    store.putNow(key, JSON.stringify(value))
    answerSoon(callback, null)
  }
  store.del = (key: string, callback?: Callback) => {
    if (!callback || !writable(key)) return del(key, callback)
    store.delNow(key)
    answerSoon(callback, null)
  }
}
