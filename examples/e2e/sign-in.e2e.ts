/**
 * The example apps, signed into through a real browser: Debian's headless Chromium driven by
 * playwright-core, against `npm run dev:ddb` and a production build of each app.
 * Run: `npm run test:example` at the repository root.
 */
import assert from "node:assert/strict"
import { existsSync } from "node:fs"
import { after, before, describe, test } from "node:test"
import { type Browser, type BrowserContext, chromium } from "playwright-core"
import { apps, buildApp, startApp } from "./_apps.js"
import { type DevDdb, startDevDdb } from "./_dev-ddb.js"
import type { Started } from "./_processes.js"

const chromiumPath = "/usr/bin/chromium"
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]
const noChromium = existsSync(chromiumPath)
  ? false
  : `Chromium not found at ${chromiumPath}: install it (apt-get install chromium) to run this test`
if (noChromium) console.log(`# skipped: ${noChromium}`)

for (const app of apps) {
  describe(app.name, { skip: noChromium }, () => {
    let ddb: DevDdb | undefined
    let server: Started | undefined
    let browser: Browser | undefined
    let context: BrowserContext
    let appUrl: string
    const email = "ada@example.com"

    before(
      async () => {
        await buildApp(app)
        ddb = await startDevDdb()
        const started = await startApp(app, ddb.env)
        server = started.server
        appUrl = started.url
        browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
        context = await browser.newContext()
        context.setDefaultTimeout(15_000)
      },
      { timeout: 15 * 60_000 },
    )

    after(async () => {
      await browser?.close().catch(() => {})
      await server?.stop()
      await ddb?.process.stop()
    })

    test("redirects the protected page to the sign-in page", async () => {
      const page = await context.newPage()
      await page.goto(`${appUrl}/protected`)
      assert.match(new URL(page.url()).pathname, /\/api\/auth\/signin/)
      await page.close()
    })

    test("signs in through a magic link read from the dev mailbox", async () => {
      const page = await context.newPage()
      await page.goto(`${appUrl}/protected`)
      await page.getByLabel(/email/i).fill(email)
      await page.getByRole("button", { name: app.emailButton }).click()
      await page.waitForURL(/\/api\/auth\/verify-request/)

      await page.goto(`${appUrl}/dev/mailbox`)
      const link = page.locator(`a[data-to="${email}"]`).first()
      const href = await link.getAttribute("href")
      assert.ok(href, `no link for ${email} in the dev mailbox`)
      assert.match(href, /\/api\/auth\/callback\/email\?/)
      await link.click()

      await page.waitForURL(`${appUrl}/protected`)
      assert.equal(await page.getByTestId("user-email").textContent(), email)
      await page.close()
    })

    test("shows the signed-in user and their session in the inspector", async () => {
      const page = await context.newPage()
      await page.goto(ddb!.inspectorUrl)
      await page.getByText(email).first().waitFor()
      await page.close()
    })

    test("signs out and lands on the sign-in page again", async () => {
      const page = await context.newPage()
      await page.goto(`${appUrl}/protected`)
      await page.getByRole("button", { name: /sign out/i }).click()
      await page.waitForURL(`${appUrl}/`)
      await page.goto(`${appUrl}/protected`)
      assert.match(new URL(page.url()).pathname, /\/api\/auth\/signin/)
      const cookies = await context.cookies(appUrl)
      assert.ok(!cookies.some((cookie) => cookie.name === app.sessionCookie))
      await page.close()
    })
  })
}
