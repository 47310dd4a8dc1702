import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { type AuthTable, localCredentials, startAuthTable } from "../../src/emulator/index.js"
import { dynamoDBFault, emulatorPassthrough } from "../../src/msw/index.js"

const server = setupServer(emulatorPassthrough())
let table: AuthTable
const clients: DynamoDBDocument[] = []

// msw listens before the emulator's first request; see the README's "msw" section.
beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" })
  table = await startAuthTable()
})
afterEach(() => server.resetHandlers())
afterAll(async () => {
  for (const client of clients) client.destroy()
  await table.stop()
  server.close()
})

function clientWith(maxAttempts: number): DynamoDBDocument {
  const { region, accessKeyId, secretAccessKey } = localCredentials
  const client = DynamoDBDocument.from(
    new DynamoDBClient({
      endpoint: table.endpoint,
      region,
      credentials: { accessKeyId, secretAccessKey },
      maxAttempts,
    }),
  )
  clients.push(client)
  return client
}

const key = (n: number) => ({ pk: `FAULT#${n}`, sk: `FAULT#${n}` })
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error & { $metadata?: { attempts?: number; httpStatusCode?: number } }) => error,
  )

describe("dynamoDBFault", () => {
  it("throttles 3 times, then lets the SDK's 4th attempt through", async () => {
    const fault = dynamoDBFault(table.endpoint, {
      operations: ["PutItem"],
      error: "ThrottlingException",
      times: 3,
    })
    server.use(fault.handler)
    // The DynamoDB client's default maxAttempts is 4 (other AWS clients: 3).
    const result = await table.client.put({ TableName: table.tableName, Item: key(1) })
    expect(result.$metadata.attempts).toBe(4)
    expect(fault.injected).toBe(3)
    const { Item } = await table.client.get({ TableName: table.tableName, Key: key(1) })
    expect(Item).toEqual(key(1))
  })

  it("surfaces ProvisionedThroughputExceededException once the SDK's attempts run out", async () => {
    const fault = dynamoDBFault(table.endpoint, {
      operations: ["GetItem"],
      error: "ProvisionedThroughputExceededException",
    })
    server.use(fault.handler)
    const error = await failure(table.client.get({ TableName: table.tableName, Key: key(2) }))
    expect(error?.name).toBe("ProvisionedThroughputExceededException")
    expect(error?.$metadata?.attempts).toBe(4)
    expect(fault.injected).toBe(4)
  })

  it("answers a 500 the SDK reports as InternalServerError", async () => {
    server.use(dynamoDBFault(table.endpoint, { error: "InternalServerError" }).handler)
    const error = await failure(clientWith(1).put({ TableName: table.tableName, Item: key(3) }))
    expect(error?.name).toBe("InternalServerError")
    expect(error?.$metadata?.httpStatusCode).toBe(500)
  })

  it("faults only the chosen operations and lets the others through", async () => {
    const fault = dynamoDBFault(table.endpoint, {
      operations: ["Query"],
      error: "ThrottlingException",
    })
    server.use(fault.handler)
    await clientWith(1).put({ TableName: table.tableName, Item: key(4) })
    expect(await failure(clientWith(1).get({ TableName: table.tableName, Key: key(4) }))).toBe(
      undefined,
    )
    expect(fault.seen).toBe(0)
  })

  it("faults only the requests whose body matches", async () => {
    const fault = dynamoDBFault(table.endpoint, {
      operations: ["PutItem"],
      error: "InternalServerError",
      match: ({ body }) => JSON.stringify(body.Item).includes('"FAULT#7"'),
    })
    server.use(fault.handler)
    const client = clientWith(1)
    await client.put({ TableName: table.tableName, Item: key(6) })
    const error = await failure(client.put({ TableName: table.tableName, Item: key(7) }))
    expect(error?.name).toBe("InternalServerError")
    expect([fault.seen, fault.injected]).toEqual([1, 1])
  })

  it("delays a request and then passes it on", async () => {
    const fault = dynamoDBFault(table.endpoint, { operations: ["PutItem"], delayMs: 50, times: 1 })
    server.use(fault.handler)
    const result = await clientWith(1).put({ TableName: table.tableName, Item: key(5) })
    expect(result.$metadata.httpStatusCode).toBe(200)
    expect(fault.injected).toBe(1)
  })

  it("faults the same requests for the same seed", async () => {
    const pattern = async (seed: number) => {
      const fault = dynamoDBFault(table.endpoint, {
        operations: ["GetItem"],
        error: "ThrottlingException",
        probability: 0.5,
        seed,
      })
      server.use(fault.handler)
      const client = clientWith(1)
      const outcomes: boolean[] = []
      for (let n = 0; n < 16; n += 1) {
        outcomes.push(
          (await failure(client.get({ TableName: table.tableName, Key: key(n) }))) !== undefined,
        )
      }
      server.resetHandlers()
      return outcomes
    }
    const first = await pattern(42)
    expect(await pattern(42)).toEqual(first)
    expect(first.filter(Boolean).length).toBeGreaterThan(0)
    expect(first.filter(Boolean).length).toBeLessThan(16)
    expect(await pattern(43)).not.toEqual(first)
  })

  it("rejects options that cannot fault anything", () => {
    expect(() => dynamoDBFault(table.endpoint, {})).toThrow(TypeError)
    expect(() =>
      dynamoDBFault(table.endpoint, { error: "ThrottlingException", probability: 2 }),
    ).toThrow(/probability/)
    expect(() =>
      dynamoDBFault(table.endpoint, { error: "ThrottlingException", times: 1.5 }),
    ).toThrow(/times/)
    expect(() => dynamoDBFault(table.endpoint, { error: "Nope" as never })).toThrow(/unknown error/)
  })
})
