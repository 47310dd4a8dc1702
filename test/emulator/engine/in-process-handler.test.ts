import { setTimeout as delay } from "node:timers/promises"
import { GetItemCommand, ListTablesCommand, PutItemCommand } from "@aws-sdk/client-dynamodb"
import { setupServer } from "msw/node"
import { afterEach, describe, expect, test, vi } from "vitest"
import { isHttpIntercepted } from "../../../src/emulator/engine/in-process-handler.js"
import { createEngine, type Engine } from "../../../src/emulator/engine/index.js"
import { createLocalClient, startAuthTable } from "../../../src/emulator/index.js"
import { dynamoDBFault, emulatorPassthrough } from "../../../src/msw/index.js"
import { signedHeaders } from "./_raw-http.js"

/** Holds every request the engine gets until the returned function is called (and awaited). */
function holdRequests(engine: Engine): () => Promise<void> {
  let open = () => {}
  const held = engine.exclusive(() => new Promise<void>((resolve) => (open = resolve)))
  return async () => {
    open()
    await held
  }
}

const text = async (body: unknown) => Buffer.from(body as Uint8Array).toString("utf8")

const tcpHandles = () =>
  process.getActiveResourcesInfo().filter((name) => name.startsWith("TCP")).length

const key = { pk: { S: "USER#1" }, sk: { S: "USER#1" } }
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error & { code?: string; $metadata?: { httpStatusCode?: number } }) => error,
  )

afterEach(() => {
  vi.useRealTimers()
})

describe("the in-process transport of table.client", () => {
  test("serves requests without opening a connection", async () => {
    const before = tcpHandles()
    await using table = await startAuthTable()
    await table.client.send(new PutItemCommand({ TableName: table.tableName, Item: key }))
    const { Item } = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: key }),
    )
    expect(Item).toEqual(key)
    expect(tcpHandles()).toBe(before + 1) // the listening socket only
  })

  test("shares the store with clients on table.endpoint", async () => {
    await using table = await startAuthTable()
    const other = createLocalClient(table.endpoint)
    await other.send(new PutItemCommand({ TableName: table.tableName, Item: key }))
    const { Item } = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: key }),
    )
    expect(Item).toEqual(key)
    other.destroy()
  })

  test("answers errors with DynamoDB's status and type", async () => {
    await using table = await startAuthTable()
    const missing = await failure(
      table.client.send(new GetItemCommand({ TableName: "nope", Key: key })),
    )
    expect(missing?.name).toBe("ResourceNotFoundException")
    expect(missing?.$metadata?.httpStatusCode).toBe(400)
    await table.client.send(new PutItemCommand({ TableName: table.tableName, Item: key }))
    const conflict = await failure(
      table.client.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: key,
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    )
    expect(conflict?.name).toBe("ConditionalCheckFailedException")
  })

  test("goes over HTTP while msw listens, so faults reach table.client", async () => {
    await using table = await startAuthTable()
    const server = setupServer(emulatorPassthrough())
    server.listen({ onUnhandledRequest: "error" })
    try {
      expect(isHttpIntercepted()).toBe(true)
      const fault = dynamoDBFault(table.endpoint, {
        operations: ["PutItem"],
        error: "ThrottlingException",
        times: 1,
      })
      server.use(fault.handler)
      const result = await table.client.send(
        new PutItemCommand({ TableName: table.tableName, Item: key }),
      )
      expect(result.$metadata.attempts).toBe(2)
      expect(fault.injected).toBe(1)
    } finally {
      server.close()
    }
    expect(isHttpIntercepted()).toBe(false)
    const { Item } = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: key }),
    )
    expect(Item).toEqual(key)
  })

  test('transport: "http" sends table.client through table.endpoint', async () => {
    const before = tcpHandles()
    await using table = await startAuthTable({ transport: "http" })
    await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: key }))
    // The listening socket, and the server's end of a keep-alive connection at least.
    expect(tcpHandles()).toBeGreaterThan(before + 1)
  })

  test("stop() fails a pending request and refuses later ones with STOPPED", async () => {
    const engine = await createEngine({ port: 0, host: "127.0.0.1" })
    const handler = engine.createInProcessHandler()
    const client = createLocalClient(engine.endpoint, { requestHandler: handler, lean: true })
    const release = holdRequests(engine)
    const pending = failure(client.send(new ListTablesCommand({})))
    await delay(50) // the request reaches the router, which holds it
    handler.close() // what the handle's stop() does once requests in flight had their chance
    expect(await pending).toMatchObject({ name: "AuthTableError", code: "STOPPED" })
    const later = await failure(
      client.send(new GetItemCommand({ TableName: "next-auth", Key: key })),
    )
    expect(later).toMatchObject({ code: "STOPPED" })
    expect(later?.message).toMatch(/Could not send GetItem: this emulator was stopped/)
    await release()
    await engine.close()
  })

  test("rejects a request aborted before its answer", async () => {
    const engine = await createEngine({ port: 0, host: "127.0.0.1" })
    const client = createLocalClient(engine.endpoint, {
      requestHandler: engine.createInProcessHandler(),
      lean: true,
    })
    const release = holdRequests(engine)
    const controller = new AbortController()
    const pending = failure(
      client.send(new ListTablesCommand({}), { abortSignal: controller.signal }),
    )
    await delay(50)
    controller.abort()
    expect((await pending)?.name).toBe("AbortError")
    await release()
    await engine.close()
  })

  test("answers as over HTTP, without the wire's CRC32; a route is served by its listener", async () => {
    const engine = await createEngine({
      port: 0,
      host: "127.0.0.1",
      allowOrigins: ["http://app.localhost"],
    })
    try {
      engine.route("/_console/", (_req, res) => res.end("console"))
      const handler = engine.createInProcessHandler()
      const request = (path: string, headers: Record<string, string> = {}) => ({
        method: "POST",
        protocol: "http:",
        hostname: "127.0.0.1",
        path,
        query: {},
        headers: {
          host: "127.0.0.1",
          "Content-Type": "application/x-amz-json-1.0",
          "X-Amz-Target": "DynamoDB_20120810.ListTables",
          authorization: signedHeaders.authorization,
          "x-amz-date": signedHeaders["x-amz-date"] as string,
          ...headers,
        },
        body: "{}",
      })
      const { response } = await handler.handle(
        request("/", { origin: "http://app.localhost" }) as never,
      )
      expect(response.statusCode).toBe(200)
      expect(await text(response.body)).toBe('{"TableNames":[]}')
      expect(response.headers).toMatchObject({
        "content-type": "application/x-amz-json-1.0",
        "content-length": "17",
        "access-control-allow-origin": "http://app.localhost",
      })
      expect(response.headers["x-amzn-requestid"]).toMatch(/^[A-Z0-9]{52}$/)
      expect(response.headers).not.toHaveProperty("x-amz-crc32")
      const refused = await handler.handle(request("/", { origin: "http://evil.example" }) as never)
      expect(refused.response.statusCode).toBe(403)
      const routed = await handler.handle(request("/_console/state") as never)
      expect(await text(routed.response.body)).toBe("console")
    } finally {
      await engine.close()
    }
  })

  test("lets timers run during a long run of requests (the store yields a turn now and then)", async () => {
    await using table = await startAuthTable()
    let fired = -1
    setTimeout(() => {
      fired = done
    }, 0)
    let done = 0
    for (; done < 300; done++) {
      await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: key }))
    }
    // Answered on promises only, the loop would keep the timer waiting until it ended.
    expect(fired).toBeGreaterThanOrEqual(0)
    expect(fired).toBeLessThan(300)
  })

  test("refuses an unknown transport up front", async () => {
    await expect(startAuthTable({ transport: "tcp" as never })).rejects.toThrow(TypeError)
  })
})
