import { existsSync } from "node:fs"
import { CreateTableCommand, DescribeTableCommand } from "@aws-sdk/client-dynamodb"
import { type Browser, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { type DevServer, startDevServer } from "../../src/dev/server.js"
import { type AuthApp, startAuthApp } from "./_auth-app.js"

const executablePath = "/usr/bin/chromium"
const hasChromium = existsSync(executablePath)
if (!hasChromium) {
  console.warn(
    `[authtable] Skipping the console's browser test: ${executablePath} is missing. Install Debian's chromium package (apt-get install chromium) to run it.`,
  )
}
/** Screenshots of each state go here for a person to look at; they are never committed. */
const shots = process.env.AUTHTABLE_SCREENSHOTS ?? "/tmp"
const viewport = { width: 1366, height: 800 }

describe.skipIf(!hasChromium)("the dev console in headless Chromium", () => {
  let server: DevServer
  let app: AuthApp
  let browser: Browser
  let page: Page
  let consoleUrl: string

  beforeAll(async () => {
    server = await startDevServer({
      port: 0,
      dataDir: false,
      seedUsers: 1000,
      sweepIntervalMs: false,
    })
    // Cookies ignore ports: the console and the app are both opened on localhost.
    consoleUrl = server.inspectorUrl.replace("127.0.0.1", "localhost")
    app = await startAuthApp(server.table.adapter, server.endpoint)
    browser = await chromium.launch({
      executablePath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
    })
    page = await browser.newPage({ viewport })
    page.setDefaultTimeout(10_000)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await server?.stop()
  })

  const rows = () => page.locator("#list tbody tr")

  test("finds one of 1,000 users by email, and the page stays shorter than two screens", async () => {
    await page.goto(consoleUrl)
    await expect.poll(() => page.locator('[data-count="Users"] b').textContent()).toBe("1,000")
    expect(await rows().count()).toBe(25)
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(
      2 * viewport.height,
    )
    await page.screenshot({ path: `${shots}/console-users.png` })

    const email = String(await rows().nth(7).getAttribute("data-email"))
    await page.getByRole("searchbox").fill(email)
    await expect.poll(() => rows().count()).toBe(1)
    expect(await rows().first().getAttribute("data-email")).toBe(email)
    await rows().first().click()
    const card = page.locator("#detail article")
    await expect.poll(() => card.textContent()).toContain("Sessions (1)")
    await page.screenshot({ path: `${shots}/console-search.png` })
  })

  test("masks tokens until 'Show tokens' is ticked", async () => {
    const email = String(await rows().first().getAttribute("data-email"))
    const user = await server.table.adapter.getUserByEmail(email)
    const { Items = [] } = await server.table.client.query({
      TableName: "next-auth",
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :s)",
      ExpressionAttributeValues: { ":pk": `USER#${user?.id}`, ":s": "SESSION#" },
    })
    const token = String(Items[0]?.sessionToken)
    expect(await page.content()).not.toContain(token)
    await page.getByLabel("Show tokens").check()
    await expect.poll(() => page.locator("#detail").textContent()).toContain(token)
    await page.getByLabel("Show tokens").uncheck()
    await expect.poll(() => page.locator("#detail").textContent()).not.toContain(token)
  })

  test("a second table made with the SDK appears in the picker; its items can be queried by key and by index", async () => {
    const { client } = server.table
    await client.send(
      new CreateTableCommand({
        TableName: "orders",
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [
          { AttributeName: "customer", AttributeType: "S" },
          { AttributeName: "orderId", AttributeType: "S" },
          { AttributeName: "status", AttributeType: "S" },
        ],
        KeySchema: [
          { AttributeName: "customer", KeyType: "HASH" },
          { AttributeName: "orderId", KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: "byStatus",
            KeySchema: [{ AttributeName: "status", KeyType: "HASH" }],
            Projection: { ProjectionType: "ALL" },
          },
        ],
      }),
    )
    while (
      (await client.send(new DescribeTableCommand({ TableName: "orders" }))).Table?.TableStatus !==
      "ACTIVE"
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    for (const [customer, orderId, status] of [
      ["c1", "o1", "shipped"],
      ["c1", "o2", "open"],
      ["c2", "o3", "shipped"],
      ["c3", "o4", "open"],
    ]) {
      await client.put({ TableName: "orders", Item: { customer, orderId, status, total: 12.5 } })
    }
    const picker = page.getByLabel("Table", { exact: true })
    // Live: the page polls, no reload.
    await expect
      .poll(() => picker.locator("option").allTextContents(), { timeout: 5000 })
      .toContain("orders")
    await picker.selectOption("orders")
    await expect.poll(() => rows().count()).toBe(4)

    await page.getByLabel("Partition key value").fill("c1")
    await page.getByRole("button", { name: "Query" }).click()
    await expect
      .poll(() => rows().allTextContents())
      .toEqual([expect.stringContaining("o1"), expect.stringContaining("o2")])
    await page.getByLabel("Table or index").selectOption("byStatus")
    await page.getByLabel("Partition key value").fill("shipped")
    await page.getByRole("button", { name: "Query" }).click()
    // The key query before also showed two rows, one of them open: wait for the index's answer.
    await expect
      .poll(async () => (await rows().allTextContents()).map((row) => row.includes("shipped")))
      .toEqual([true, true])
    expect((await rows().allTextContents()).join(" ")).not.toContain("open")
    await page.screenshot({ path: `${shots}/console-query.png` })
  })

  test("an item edit persists; an invalid one shows DynamoDB's error and changes nothing", async () => {
    const key = { customer: "c1", orderId: "o1" }
    await page.getByLabel("Table or index").selectOption("")
    await page.getByLabel("Partition key value").fill("c1")
    await page.getByRole("button", { name: "Query" }).click()
    await rows().filter({ hasText: "o1" }).click()
    await expect.poll(() => page.locator("#detail pre").textContent()).toContain('"total": 12.5')
    await page.getByRole("button", { name: "Edit" }).click()
    const editor = page.getByLabel("Item JSON")
    const edited = { ...key, status: "delivered", total: 20 }
    await editor.fill(JSON.stringify(edited))
    await page.getByRole("button", { name: "Save" }).click()
    await expect.poll(() => page.locator("#status").textContent()).toBe("Saved the item.")
    const stored = async () =>
      (await server.table.client.get({ TableName: "orders", Key: key, ConsistentRead: true })).Item
    expect(await stored()).toEqual(edited)

    await rows().filter({ hasText: "o1" }).click()
    await page.getByRole("button", { name: "Edit" }).click()
    const invalid = JSON.stringify({ ...edited, orderId: 5 })
    await editor.fill(invalid)
    // A live update while someone types keeps what they typed.
    await server.table.adapter.createUser({
      id: "live",
      email: "live@example.com",
      emailVerified: null,
    })
    await expect
      .poll(() => page.locator('[data-count="Users"] b').textContent(), { timeout: 5000 })
      .toBe("1,001")
    expect(await editor.inputValue()).toBe(invalid)
    await page.getByRole("button", { name: "Save" }).click()
    const error = page.getByRole("alert")
    await expect.poll(() => error.textContent()).toMatch(/^ValidationException: .*Type mismatch/)
    await page.screenshot({ path: `${shots}/console-edit-error.png` })
    expect(await stored()).toEqual(edited)
    const { Items } = await server.table.client.scan({ TableName: "orders" })
    expect(Items).toHaveLength(4)

    await page.getByRole("button", { name: "Cancel" }).click()
    await page.getByRole("button", { name: "New item" }).click()
    await editor.fill(JSON.stringify({ customer: "c9", orderId: "o9", status: "open" }))
    await page.getByRole("button", { name: "Save" }).click()
    await expect.poll(() => page.locator("#status").textContent()).toBe("Created the item.")
    await page.getByLabel("Partition key value").fill("c9")
    await page.getByRole("button", { name: "Query" }).click()
    await rows().filter({ hasText: "o9" }).click()
    page.once("dialog", (dialog) => void dialog.accept())
    await page.getByRole("button", { name: "Delete" }).click()
    await expect.poll(() => page.locator("#status").textContent()).toBe("Deleted the item.")
    const gone = await server.table.client.get({
      TableName: "orders",
      Key: { customer: "c9", orderId: "o9" },
    })
    expect(gone.Item).toBeUndefined()
  })

  test("a message sent with sendToDevMailbox appears in the Mailbox, and its link signs into the app", async () => {
    const context = await browser.newContext({ viewport })
    const tab = await context.newPage()
    await tab.goto(`${app.origin}/api/auth/signin`)
    await tab.getByLabel(/email/i).fill("mailbox@example.com")
    await tab.getByRole("button", { name: /sign in with resend/i }).click()
    await tab.waitForURL(/verify-request/)
    expect(app.printed[0]).toMatch(
      /^\[authtable\] Sign-in link for mailbox@example\.com: http:\/\/localhost:\d+\/api\/auth\/callback\/resend\?/,
    )

    await tab.goto(`${consoleUrl}#mailbox`)
    const link = tab.locator('a[data-to="mailbox@example.com"]')
    await expect.poll(() => link.count()).toBe(1)
    expect(await link.textContent()).toMatch(/token=.*%E2%80%A2/)
    await tab.screenshot({ path: `${shots}/console-mailbox.png` })
    await link.click()
    await tab.waitForURL(`${app.origin}/`)
    expect(await tab.getByTestId("user-email").textContent()).toBe("mailbox@example.com")
    await context.close()
  })

  test("'Sign in as' sets the app's session cookie: the app on localhost shows that user signed in", async () => {
    const context = await browser.newContext({ viewport })
    const tab = await context.newPage()
    await tab.goto(app.origin)
    expect(await tab.getByTestId("signed-out").count()).toBe(1)

    await tab.goto(consoleUrl)
    const email = String(await tab.locator("#list tbody tr").nth(3).getAttribute("data-email"))
    await tab.getByRole("searchbox").fill(email)
    const row = tab.locator(`#list tbody tr[data-email="${email}"]`)
    await expect.poll(() => tab.locator("#list tbody tr").count()).toBe(1)
    await row.getByRole("button", { name: "Sign in as" }).click()
    await expect.poll(() => tab.locator("#status").textContent()).toContain(`Signed in as ${email}`)
    expect(await tab.locator("#host-note").count()).toBe(0)
    await tab.screenshot({ path: `${shots}/console-sign-in-as.png` })
    await tab.emulateMedia({ colorScheme: "dark" })
    await row.click()
    await tab.screenshot({ path: `${shots}/console-dark.png` })

    await tab.goto(app.origin)
    expect(await tab.getByTestId("user-email").textContent()).toBe(email)

    // A page of the app (another origin) cannot use the console's actions.
    const status = await tab.evaluate(async (url) => {
      try {
        const res = await fetch(`${url}api/users/delete`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ userId: "x" }),
        })
        return res.status
      } catch {
        return "blocked"
      }
    }, consoleUrl)
    expect(status).toBe("blocked")
    await context.close()
  })

  test("says so when the console is opened on a host name the app is not on", async () => {
    await page.goto(server.inspectorUrl)
    await expect
      .poll(() => page.locator("#host-note").textContent())
      .toContain("open http://localhost:")
  })

  test("renders what the table holds as text, never as HTML", async () => {
    await server.table.adapter.createUser({
      id: "xss",
      email: "xss@example.com",
      emailVerified: null,
      name: `<img src=x onerror="document.title='pwned'">`,
    })
    await page.goto(consoleUrl)
    await page.getByRole("searchbox").fill("xss@example.com")
    const row = page.locator('#list tr[data-user-id="xss"]')
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.textContent()).toContain(`<img src=x onerror="document.title='pwned'">`)
    expect(await page.locator("#list img").count()).toBe(0)
    expect(await page.title()).not.toBe("pwned")
  })

  test("expires a session, then deletes the user with everything it owns", async () => {
    await page.goto(consoleUrl)
    await page.getByRole("searchbox").fill("xss@example.com")
    await server.table.adapter.createSession({
      sessionToken: "xss-session-token-0001",
      userId: "xss",
      expires: new Date(Date.now() + 3_600_000),
    })
    await page.locator('#list tr[data-user-id="xss"]').click()
    const card = page.locator('#detail article[data-user-id="xss"]')
    await expect.poll(() => card.textContent()).toContain("Sessions (1)")
    await card.getByRole("button", { name: "Expire now" }).click()
    await expect.poll(() => card.textContent()).toMatch(/expired \d+s ago, waiting for a sweep/)
    await page.getByRole("button", { name: "Sweep now" }).click()
    await expect
      .poll(() => page.locator("#status").textContent())
      .toBe("Swept: deleted 1 expired item (1 session).")
    await expect.poll(() => card.textContent()).toContain("Sessions (0)")
    page.once("dialog", (dialog) => void dialog.accept())
    await card.getByRole("button", { name: "Delete user" }).click()
    await expect.poll(() => page.locator('#list tr[data-user-id="xss"]').count()).toBe(0)
    expect(await server.table.adapter.getUser("xss")).toBeNull()
  })
})
