import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { setupServer } from "msw/node"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { type AuthTable, startAuthTable } from "../../src/emulator/index.js"
import {
  dynamoDBOperation,
  isEmulatorRequest,
  strictUnhandledRequests,
} from "../../src/msw/index.js"

const dynamoRequest = (url: string, operation = "GetItem") =>
  new Request(url, {
    method: "POST",
    headers: { "x-amz-target": `DynamoDB_20120810.${operation}` },
    body: "{}",
  })

describe("dynamoDBOperation and isEmulatorRequest", () => {
  it("reads the operation from X-Amz-Target", () => {
    expect(dynamoDBOperation(dynamoRequest("http://127.0.0.1:8000/", "PutItem"))).toBe("PutItem")
    expect(dynamoDBOperation(new Request("http://127.0.0.1:8000/"))).toBeUndefined()
  })

  it("recognizes DynamoDB requests to loopback hosts, or to one endpoint when given", () => {
    expect(isEmulatorRequest(dynamoRequest("http://127.0.0.1:8000/"))).toBe(true)
    expect(isEmulatorRequest(dynamoRequest("http://[::1]:8000/"))).toBe(true)
    expect(isEmulatorRequest(dynamoRequest("https://dynamodb.us-east-1.amazonaws.com/"))).toBe(
      false,
    )
    expect(isEmulatorRequest(new Request("http://127.0.0.1:8000/"))).toBe(false)
    const endpoint = "http://127.0.0.1:8000"
    expect(isEmulatorRequest(dynamoRequest("http://127.0.0.1:8000/"), endpoint)).toBe(true)
    expect(isEmulatorRequest(dynamoRequest("http://127.0.0.1:9000/"), endpoint)).toBe(false)
  })
})

describe("strictUnhandledRequests", () => {
  let app: Server
  let appOrigin: string
  let table: AuthTable
  const server = setupServer()

  beforeAll(async () => {
    app = createServer((_req, res) => res.end("app"))
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve))
    appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
    server.listen({ onUnhandledRequest: strictUnhandledRequests({ allow: [appOrigin] }) })
    // Started after listen(): every request of its client goes through msw.
    table = await startAuthTable()
  })
  afterAll(async () => {
    await table.stop()
    server.close()
    await new Promise((resolve) => app.close(resolve))
  })

  it("lets the emulator's own requests through, table creation included", async () => {
    await table.client.put({ TableName: table.tableName, Item: { pk: "A", sk: "A" } })
    const { Item } = await table.client.get({
      TableName: table.tableName,
      Key: { pk: "A", sk: "A" },
    })
    expect(Item).toEqual({ pk: "A", sk: "A" })
  })

  it("lets allowed origins through", async () => {
    expect(await (await fetch(appOrigin)).text()).toBe("app")
  })

  it("fails a request to any other host", async () => {
    const print = vi.spyOn(console, "error").mockImplementation(() => {})
    await expect(fetch("https://api.github.com/user")).rejects.toThrow()
    expect(print).toHaveBeenCalled()
    print.mockRestore()
  })
})
