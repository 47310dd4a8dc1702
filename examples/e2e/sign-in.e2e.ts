/**
 * The example apps, signed into through a real browser: Debian's headless Chromium driven by
 * playwright-core, against `npm run dev:ddb` and a production build of each app.
 * Run: `npm run test:example` at the repository root.
 */
import assert from "node:assert/strict"
import { existsSync } from "node:fs"
import { after, before, describe, test as nodeTest } from "node:test"
import { DynamoDBAdapter } from "authtable/adapter"
import { createLocalClient } from "authtable/emulator"
import { seedTable, sessionCookieName } from "authtable/fixtures"
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
    let appSecret: string
    const email = "ada@example.com"
    /** A test whose failure also shows what the app and dev:ddb printed last. */
    const test = (name: string, body: () => Promise<void>) =>
      nodeTest(name, async () => {
        try {
          await body()
        } catch (error) {
          for (const started of [server, ddb?.process]) {
            if (started)
              console.log(`--- ${started.name}, last output:\n${started.output().slice(-4000)}`)
          }
          throw error
        }
      })

    before(
      async () => {
        await buildApp(app)
        ddb = await startDevDdb()
        const started = await startApp(app, ddb.env)
        server = started.server
        appUrl = started.url
        appSecret = started.secret
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

    test("signs in through a magic link read from the dev console's Mailbox", async () => {
      const page = await context.newPage()
      await page.goto(`${appUrl}/protected`)
      await page.getByLabel(/email/i).fill(email)
      await page.getByRole("button", { name: app.emailButton }).click()
      await page.waitForURL(/\/api\/auth\/verify-request/)

      // sendToDevMailbox delivered it to `authtable dev`; the console links through its own
      // redirect, so the token stays out of the page until the link is followed.
      await page.goto(`${ddb!.inspectorUrl}#mailbox`)
      const link = page.locator(`a[data-to="${email}"]`).first()
      assert.match((await link.textContent()) ?? "", /\/api\/auth\/callback\/email\?/)
      await link.click()

      await page.waitForURL(`${appUrl}/protected`)
      assert.equal(await page.getByTestId("user-email").textContent(), email)
      assert.match((await page.getByTestId("user-id").textContent()) ?? "", /^[0-9a-f-]{36}$/)
      await page.close()
    })

    test("shows the signed-in user and their session in the inspector", async () => {
      const page = await context.newPage()
      await page.goto(ddb!.inspectorUrl)
      await page.getByRole("searchbox").fill(email)
      await page.locator(`#list tr[data-email="${email}"]`).click()
      const card = page.locator("#detail article", { hasText: email })
      await card.waitFor()
      const text = (await card.textContent()) ?? ""
      assert.match(text, /Sessions \(1\)/)
      assert.doesNotMatch(text, /email not verified/)
      await page.close()
    })

    test("signs out and lands on the sign-in page again", async () => {
      const cookieName = sessionCookieName({ cookieName: app.cookieFlavor })
      const sessionCookie = async () =>
        (await context.cookies(appUrl)).find((cookie) => cookie.name === cookieName)
      const token = (await sessionCookie())?.value
      assert.ok(token, "no session cookie before signing out")

      const page = await context.newPage()
      await page.goto(`${appUrl}/protected`)
      await page.getByRole("button", { name: /sign out/i }).click()
      await page.waitForURL(`${appUrl}/`)
      await page.goto(`${appUrl}/protected`)
      assert.match(new URL(page.url()).pathname, /\/api\/auth\/signin/)
      assert.equal(await sessionCookie(), undefined)
      await page.close()

      const client = createLocalClient(ddb!.endpoint)
      try {
        assert.equal(await DynamoDBAdapter(client).getSessionAndUser(token), null)
      } finally {
        client.destroy()
      }
    })

    test("opens the protected page directly with a seeded session cookie", async () => {
      const client = createLocalClient(ddb!.endpoint)
      try {
        const seed = seedTable(client, undefined, { seed: 8 })
        const { user, session } = await seed.signedIn({ cookieName: app.cookieFlavor })
        const fresh = await browser!.newContext()
        await fresh.addCookies([
          {
            name: sessionCookieName({ cookieName: app.cookieFlavor }),
            value: session.sessionToken,
            url: appUrl,
          },
        ])
        const page = await fresh.newPage()
        await page.goto(`${appUrl}/protected`)
        assert.equal(new URL(page.url()).pathname, "/protected")
        assert.equal(await page.getByTestId("user-email").textContent(), user.email)
        assert.equal(await page.getByTestId("user-id").textContent(), user.id)
        await fresh.close()
      } finally {
        client.destroy()
      }
    })

    test("signs in through a magic link seeded with the app's secret", async () => {
      const client = createLocalClient(ddb!.endpoint)
      try {
        const seed = seedTable(client, undefined, { seed: 8 })
        const link = await seed.magicLink({
          email: "grace@example.com",
          secret: appSecret,
          baseUrl: `${appUrl}/api/auth`,
          callbackUrl: `${appUrl}/protected`,
        })
        const fresh = await browser!.newContext()
        const page = await fresh.newPage()
        await page.goto(link.url)
        await page.waitForURL(`${appUrl}/protected`)
        assert.equal(await page.getByTestId("user-email").textContent(), "grace@example.com")
        await fresh.close()
      } finally {
        client.destroy()
      }
    })
  })
}
