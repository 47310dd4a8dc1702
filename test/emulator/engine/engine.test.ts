import { afterEach, expect, onTestFinished, test, vi } from "vitest"
import {
  createEngine,
  type Engine,
  nextImmediate,
  realDeadline,
} from "../../../src/emulator/engine/index.js"
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

test("request() runs an operation as a client's request would: its answer, DynamoDB's errors, held by exclusive work", async () => {
  engine = await createEngine({ port: 0, host: "127.0.0.1" })
  const table = {
    TableName: "made-in-process",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    BillingMode: "PAY_PER_REQUEST",
  }
  const created = await engine.request("CreateTable", structuredClone(table))
  expect(created.status).toBe(200)
  expect(created.body.TableDescription).toMatchObject({ TableName: "made-in-process" })
  // The endpoint sees it: the same store, not a copy.
  const listed = await operation(engine.endpoint, "ListTables", {})
  expect(JSON.parse(listed.body)).toEqual({ TableNames: ["made-in-process"] })

  const again = await engine.request("CreateTable", structuredClone(table))
  expect(again.status).toBe(400)
  expect(again.body.__type).toBe("com.amazonaws.dynamodb.v20120810#ResourceInUseException")
  const invalid = await engine.request("CreateTable", { ...structuredClone(table), TableName: "x" })
  expect(invalid.body.__type).toBe("com.amazon.coral.validate#ValidationException")

  let answered = false
  let held: Promise<unknown> | undefined
  await engine.exclusive(async () => {
    held = engine?.request("ListTables", {}).then((answer) => {
      answered = true
      return answer
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(answered).toBe(false)
  })
  expect(await held).toMatchObject({ status: 200 })
})

test("close() completes while a test fakes every timer", async () => {
  engine = await createEngine({ port: 0, host: "127.0.0.1" })
  expect((await engine.request("ListTables", {})).status).toBe(200)
  vi.useFakeTimers()
  onTestFinished(() => {
    vi.useRealTimers()
  })
  const closing = engine.close()
  engine = undefined
  // Real time passes (the loop turns on real immediates); a close waiting for a faked timer would not end.
  let closed = false
  void closing.then(() => (closed = true))
  const deadline = realDeadline(2000)
  while (!closed && !deadline.passed()) await nextImmediate()
  deadline.clear()
  expect(closed).toBe(true)
})
