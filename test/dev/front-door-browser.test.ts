/**
 * The attack of the front-door issue, in a real browser: a page of another origin (and a page
 * served under a DNS-rebinding name) tries to read the dev table with fetch.
 */
import { existsSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { type Browser, chromium } from "playwright-core"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { type DevServer, startDevServer } from "../../src/dev/index.js"

const executablePath = "/usr/bin/chromium"
const hasChromium = existsSync(executablePath)

const attack = `
  async function scan(endpoint) {
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": "DynamoDB_20120810.Scan",
          authorization: "AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
          "x-amz-date": "20260101T000000Z",
        },
        body: JSON.stringify({ TableName: "next-auth" }),
      })
      return "read " + response.status + " " + (await response.text())
    } catch (error) {
      return "blocked: " + error.message
    }
  }
`

describe.skipIf(!hasChromium)("a web page in the developer's browser", () => {
  let server: DevServer
  let page: Server
  let pageOrigin: string
  let browser: Browser

  beforeAll(async () => {
    server = await startDevServer({ port: 0, dataDir: false, seedUsers: 2, sweepIntervalMs: false })
    page = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" }).end(`<script>${attack}</script>`)
    })
    await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve))
    pageOrigin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`
    browser = await chromium.launch({
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--host-resolver-rules=MAP evil.example 127.0.0.1",
      ],
    })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => page?.close(resolve))
    await server?.stop()
  })

  test("cannot read the table from another origin", async () => {
    const tab = await browser.newPage()
    await tab.goto(pageOrigin)
    const endpoint = server.endpoint.replace("127.0.0.1", "localhost")
    const result = await tab.evaluate(`scan(${JSON.stringify(endpoint)})`)
    expect(result).toMatch(/^blocked/)
    expect(String(result)).not.toContain("USER#")
    await tab.close()
  })

  test("reads it once that origin is allowed (the control: the page's fetch itself works)", async () => {
    const allowing = await startDevServer({
      port: 0,
      dataDir: false,
      seedUsers: 1,
      sweepIntervalMs: false,
      allowOrigins: [pageOrigin],
    })
    try {
      const tab = await browser.newPage()
      await tab.goto(pageOrigin)
      const result = await tab.evaluate(`scan(${JSON.stringify(allowing.endpoint)})`)
      expect(result).toMatch(/^read 200 .*USER#/)
      await tab.close()
    } finally {
      await allowing.stop()
    }
  })

  test("cannot read the table through a DNS-rebinding name", async () => {
    const tab = await browser.newPage()
    const port = new URL(server.endpoint).port
    // The page is served by the dev server itself under evil.example: the same origin as its fetch.
    const response = await tab.goto(`http://evil.example:${port}/_authtable/`)
    expect(response?.status()).toBe(403)
    const result = await tab.evaluate(
      `(${attack.trim().replace(/^async function scan/, "async function")})(${JSON.stringify(`http://evil.example:${port}/`)})`,
    )
    expect(result).toMatch(/^read 403 /)
    expect(String(result)).not.toContain("USER#")
    await tab.close()
  })

  test("the console itself still works from its own origin", async () => {
    const tab = await browser.newPage()
    const response = await tab.goto(server.inspectorUrl)
    expect(response?.status()).toBe(200)
    await tab.close()
  })
})
