/**
 * Timers captured when the emulator loads, before a test can install fake ones: a stop() that
 * must not hang waits with these, whatever `vi.useFakeTimers()` did to the globals since.
 */
const realSetTimeout = globalThis.setTimeout
const realClearTimeout = globalThis.clearTimeout

/**
 * Resolves with `promise`'s outcome, or with `undefined` after `ms` on a real, unref'd timer
 * (a rejection is swallowed: callers only wait, they do not use the value).
 */
export async function settleWithin(
  promise: Promise<unknown> | undefined,
  ms: number,
): Promise<void> {
  if (!promise) return
  let timer: ReturnType<typeof setTimeout> | undefined
  const elapsed = new Promise<void>((resolve) => {
    timer = realSetTimeout(resolve, ms)
    timer.unref?.()
  })
  await Promise.race([promise.catch(() => {}), elapsed])
  realClearTimeout(timer)
}

const realSetImmediate = globalThis.setImmediate

/** Resolves on a later turn of the event loop's check phase, on the real setImmediate. */
export function nextImmediate(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve))
}

/** Resolves after `ms` on a real timer: the next check phase for 0, as {@link nextImmediate}. */
export function realSleep(ms: number): Promise<void> {
  if (ms <= 0) return nextImmediate()
  return new Promise((resolve) => realSetTimeout(resolve, ms))
}

/**
 * A deadline `ms` from now on a real, unref'd timer: `passed()` turns true when it is over, even
 * while a test fakes timers and clocks. `clear()` it once it is no longer needed.
 */
export function realDeadline(ms: number): { passed(): boolean; clear(): void } {
  let passed = false
  const timer = realSetTimeout(() => {
    passed = true
  }, ms)
  timer.unref?.()
  return { passed: () => passed, clear: () => realClearTimeout(timer) }
}
