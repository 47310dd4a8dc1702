import { afterEach, expect, test } from "vitest"
import { createEngine, type Engine } from "../../../src/emulator/engine/index.js"
import { abortedUpload, operation } from "./_raw-http.js"

let engine: Engine | undefined
afterEach(async () => {
  await engine?.close()
  engine = undefined
})

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms, "still waiting"))])

test("a request whose client left while it was held is not counted in flight", async () => {
  engine = await createEngine({ port: 0, host: "127.0.0.1" })
  const { endpoint } = engine
  // The uploads arrive and are abandoned while exclusive work holds new requests.
  await engine.exclusive(() =>
    Promise.all(Array.from({ length: 3 }, () => abortedUpload(endpoint))),
  )
  // Exclusive work waits for every request in flight: one counted for good would stall it.
  expect(
    await within(
      engine.exclusive(async () => "ran"),
      5000,
    ),
  ).toBe("ran")
  expect((await operation(endpoint, "ListTables", {})).status).toBe(200)
})

test("requests held by exclusive work are served once it ends", async () => {
  engine = await createEngine({ port: 0, host: "127.0.0.1" })
  const { endpoint } = engine
  let answered = false
  const listing = operation(endpoint, "ListTables", {}).then((response) => {
    answered = true
    return response
  })
  await engine.exclusive(async () => {
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(answered).toBe(false)
  })
  expect((await listing).status).toBe(200)
})
