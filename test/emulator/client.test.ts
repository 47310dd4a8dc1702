import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb"
import { NodeHttpHandler } from "@smithy/node-http-handler"
import { describe, expect, test } from "vitest"
import { createLocalClient, startAuthTable } from "../../src/emulator/index.js"

type Handler = NodeHttpHandler["handle"]
type Headers = Record<string, string>

/** An HTTP handler that records the headers of every request it sends. */
function recordingHandler() {
  const handler = new NodeHttpHandler()
  const send = handler.handle.bind(handler)
  const sent: Headers[] = []
  const handle: Handler = (request, options) => {
    sent.push({ ...request.headers })
    return send(request, options)
  }
  return { sent, handler: Object.assign(handler, { handle }) }
}

const key = { pk: { S: "USER#1" }, sk: { S: "USER#1" } }

describe("createLocalClient", () => {
  test("signs requests with SigV4 and sends the SDK's user agent by default", async () => {
    await using table = await startAuthTable({ transport: "http" })
    const { sent, handler } = recordingHandler()
    const client = createLocalClient(table.endpoint, { requestHandler: handler })
    await client.send(new GetItemCommand({ TableName: table.tableName, Key: key }))
    client.destroy()
    expect(sent[0]?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=authtable\//)
    expect(sent[0]?.authorization).not.toMatch(/Signature=0{64}$/)
    expect(sent[0]?.["x-amz-user-agent"]).toMatch(/aws-sdk-js/)
  })

  test("lean: sends a dummy signature and no user agent, and the emulator accepts it", async () => {
    await using table = await startAuthTable({ transport: "http" })
    const { sent, handler } = recordingHandler()
    const client = createLocalClient(table.endpoint, { requestHandler: handler, lean: true })
    await client.send(new PutItemCommand({ TableName: table.tableName, Item: key }))
    const { Item } = await client.send(new GetItemCommand({ TableName: table.tableName, Key: key }))
    client.destroy()
    expect(Item).toEqual(key)
    expect(sent[0]?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=authtable\/\d{8}\/us-east-1\/dynamodb\/aws4_request, SignedHeaders=host;x-amz-date, Signature=0{64}$/,
    )
    expect(sent[0]?.["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/)
    expect(sent[0]?.["x-amz-user-agent"]).toBeUndefined()
  })

  test("table.client is lean with the in-process transport and signs with transport http", async () => {
    const stacks: string[][] = []
    for (const transport of ["in-process", "http"] as const) {
      await using table = await startAuthTable({ transport })
      stacks.push(table.client.middlewareStack.identify())
    }
    expect(stacks[0]?.some((name) => name.startsWith("getUserAgentMiddleware"))).toBe(false)
    expect(stacks[1]?.some((name) => name.startsWith("getUserAgentMiddleware"))).toBe(true)
  })
})
