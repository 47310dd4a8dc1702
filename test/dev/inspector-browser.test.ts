import { existsSync } from "node:fs"
import { type Browser, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { type DevServer, startDevServer } from "../../src/dev/server.js"

const executablePath = "/usr/bin/chromium"
const hasChromium = existsSync(executablePath)
if (!hasChromium) {
  console.warn(
    `[authtable] Skipping the inspector's browser test: ${executablePath} is missing. Install Debian's chromium package (apt-get install chromium) to run it.`,
  )
}

describe.skipIf(!hasChromium)("the inspector in headless Chromium", () => {
  let server: DevServer
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    server = await startDevServer({ port: 0, dataDir: false, seedUsers: 3, sweepIntervalMs: false })
    browser = await chromium.launch({
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    })
    page = await browser.newPage()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  test("shows a seeded user, expires its session, and the session is gone after a sweep", async () => {
    const [user] = await seededUsers()
    if (!user) throw new Error("no seeded user")
    await page.goto(server.inspectorUrl)
    const card = page.locator(`article[data-user-id="${user.id}"]`)
    await expect.poll(() => card.count()).toBe(1)
    expect(await card.textContent()).toContain(user.email)
    expect(await card.locator("h3", { hasText: "Sessions" }).textContent()).toBe("Sessions (1)")
    await expect.poll(() => card.textContent()).toMatch(/expires in \d+d/)

    await card.getByRole("button", { name: "Expire now" }).click()
    await expect.poll(() => card.textContent()).toMatch(/expired \d+s ago, waiting for a sweep/)
    expect(await page.locator("#status").textContent()).toContain("Session expired")

    await page.getByRole("button", { name: "Sweep now" }).click()
    await expect
      .poll(() => card.locator("h3", { hasText: "Sessions" }).textContent())
      .toBe("Sessions (0)")
    expect(await page.locator("#status").textContent()).toBe(
      "Swept: deleted 1 expired item (1 session).",
    )
    const sessions = await server.table.client.query({
      TableName: "next-auth",
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :s)",
      ExpressionAttributeValues: { ":pk": `USER#${user.id}`, ":s": "SESSION#" },
    })
    expect(sessions.Items).toEqual([])
  })

  test("masks tokens until 'Show tokens' is ticked", async () => {
    const [, user] = await seededUsers()
    const { Items = [] } = await server.table.client.query({
      TableName: "next-auth",
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :s)",
      ExpressionAttributeValues: { ":pk": `USER#${user!.id}`, ":s": "SESSION#" },
    })
    const token = String(Items[0]?.sessionToken)
    await page.goto(server.inspectorUrl)
    await expect.poll(() => page.locator(`article[data-user-id="${user!.id}"]`).count()).toBe(1)
    expect(await page.content()).not.toContain(token)
    await page.getByLabel("Show tokens").check()
    await expect.poll(() => page.locator("body").textContent()).toContain(token)
  })

  test("renders what the table holds as text, never as HTML", async () => {
    await server.table.adapter.createUser({
      id: "xss",
      email: "xss@example.com",
      emailVerified: null,
      name: `<img src=x onerror="document.title='pwned'">`,
    })
    await page.goto(server.inspectorUrl)
    const card = page.locator('article[data-user-id="xss"]')
    await expect.poll(() => card.count()).toBe(1)
    expect(await card.locator("strong").textContent()).toBe(
      `<img src=x onerror="document.title='pwned'">`,
    )
    expect(await card.locator("img").count()).toBe(0)
    expect(await page.title()).not.toBe("pwned")
  })

  test("deletes a user with everything it owns", async () => {
    const [, , second] = await seededUsers()
    await page.goto(server.inspectorUrl)
    const card = page.locator(`article[data-user-id="${second!.id}"]`)
    await expect.poll(() => card.count()).toBe(1)
    page.once("dialog", (dialog) => void dialog.accept())
    await card.getByRole("button", { name: "Delete user" }).click()
    await expect.poll(() => card.count()).toBe(0)
    const { Items } = await server.table.client.query({
      TableName: "next-auth",
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": `USER#${second!.id}` },
    })
    expect(Items).toEqual([])
  })

  /** The seeded users, in a stable order. */
  async function seededUsers() {
    const { Items = [] } = await server.table.client.scan({
      TableName: "next-auth",
      FilterExpression: "#type = :user AND begins_with(pk, :u) AND pk <> :xss",
      ExpressionAttributeNames: { "#type": "type" },
      ExpressionAttributeValues: { ":user": "USER", ":u": "USER#", ":xss": "USER#xss" },
    })
    return Items.map((item) => ({ id: String(item.id), email: String(item.email) })).sort((a, b) =>
      a.id.localeCompare(b.id),
    )
  }
})
