/**
 * The README's Next.js walkthrough, followed as a newcomer would: a new app folder, the
 * walkthrough's install commands (authtable from `npm pack`, as the README's Install says until
 * a release), its files written from the README's code blocks, `npx authtable dev --write-env
 * .env.local`, the AUTH_SECRET line, `npm run build && AUTH_TRUST_HOST=true npm start`, then a
 * magic-link sign-in in Debian's headless Chromium. Nothing comes from examples/.
 * Run: `npm run test:readme-app` at the repository root (npm registry access needed).
 */
import assert from "node:assert/strict"
import { existsSync } from "node:fs"
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { after, before, describe, test } from "node:test"
import { type Browser, chromium } from "playwright-core"
import { repoRoot } from "./_apps.js"
import { freePort, run, type Started, start, waitForHttp } from "./_processes.js"
import { readWalkthrough } from "./_walkthrough.js"

const chromiumPath = "/usr/bin/chromium"
const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
const noChromium = existsSync(chromiumPath)
  ? false
  : `Chromium not found at ${chromiumPath}: install it (apt-get install chromium) to run this test`
if (noChromium) console.log(`# skipped: ${noChromium}`)

const walkthrough = readWalkthrough()
const email = "ada@example.com"
/** Wall times of the newcomer's path, printed at the end. */
const timings: [string, number][] = []
async function timed<T>(step: string, body: () => Promise<T>): Promise<T> {
  const started = performance.now()
  try {
    return await body()
  } finally {
    timings.push([step, performance.now() - started])
  }
}

/**
 * What `npx create-next-app@latest my-app --yes` leaves that the walkthrough builds on: a
 * package.json with the three scripts, React and Next, TypeScript, and a root layout. Its
 * Tailwind, ESLint and Google-font starter page are left out: they are not the walkthrough's.
 */
async function createNextApp(app: string): Promise<void> {
  const example = JSON.parse(
    await readFile(join(repoRoot, "examples", "next-app", "package.json"), "utf8"),
  )
  const pick = (deps: Record<string, string>, names: string[]) =>
    Object.fromEntries(names.map((name) => [name, deps[name]]))
  const pkg = {
    name: "my-app",
    private: true,
    scripts: { dev: "next dev", build: "next build", start: "next start" },
    dependencies: pick(example.dependencies, ["next", "react", "react-dom"]),
    devDependencies: pick(example.devDependencies, [
      "@types/node",
      "@types/react",
      "@types/react-dom",
      "typescript",
    ]),
  }
  await writeFile(join(app, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`)
  await writeFile(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["dom", "dom.iterable", "esnext"],
        skipLibCheck: true,
        strict: true,
        noEmit: true,
        esModuleInterop: true,
        module: "esnext",
        moduleResolution: "bundler",
        resolveJsonModule: true,
        isolatedModules: true,
        jsx: "react-jsx",
        incremental: true,
        plugins: [{ name: "next" }],
      },
      include: ["next-env.d.ts", "**/*.ts", "**/*.tsx", ".next/types/**/*.ts"],
      exclude: ["node_modules"],
    }),
  )
  await mkdir(join(app, "app"), { recursive: true })
  await writeFile(
    join(app, "app", "layout.tsx"),
    `export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
`,
  )
}

/** Runs one of the walkthrough's command lines in `cwd` under sh, as a terminal would. */
function sh(line: string, cwd: string): Promise<void> {
  return run("sh", ["-c", line], cwd)
}

describe("the README's Next.js walkthrough", { skip: noChromium }, () => {
  let dir: string
  let app: string
  let ddb: Started | undefined
  let server: Started | undefined
  let browser: Browser | undefined
  let appUrl: string
  let inspectorUrl: string

  before(
    async () => {
      assert.deepEqual(
        [...walkthrough.files.keys()].sort(),
        ["app/api/auth/[...nextauth]/route.ts", "app/page.tsx", "auth.ts"],
        "the walkthrough's labelled files",
      )
      dir = await mkdtemp(join(tmpdir(), "authtable-readme-app-"))
      app = join(dir, "my-app")
      await mkdir(app)
      await createNextApp(app)

      // Install, as the README says until a release: the packed clone instead of the registry.
      await timed("npm install (the walkthrough's packages, authtable from npm pack)", async () => {
        await run("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], repoRoot)
        const pkg = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8"))
        const tarball = join(dir, `${pkg.name}-${pkg.version}.tgz`)
        await sh(`${walkthrough.command("npm install next-auth")} --no-audit --no-fund`, app)
        const authtable = walkthrough.command("npm install -D authtable")
        await sh(`${authtable.replace("authtable", tarball)} --no-audit --no-fund`, app)
      })
      for (const [path, text] of walkthrough.files) {
        await mkdir(dirname(join(app, path)), { recursive: true })
        await writeFile(join(app, path), text)
      }

      // Terminal 1: the README's command, on a free port so that it runs beside anything.
      const dev = walkthrough.command("npx authtable dev")
      ddb = start("authtable dev", "sh", ["-c", `${dev} --port 0`], { cwd: app })
      await timed("npx authtable dev to ready", async () => {
        const [, url = ""] = await ddb!.waitFor(/^\s*Inspector\s+(\S+)/m, 60_000)
        inspectorUrl = url
        await ddb!.waitFor(/Ctrl-C stops it/, 5_000)
      })
      await sh(walkthrough.command('echo "AUTH_SECRET='), app)
      const env = await readFile(join(app, ".env.local"), "utf8")
      assert.match(env, /^AWS_ENDPOINT_URL_DYNAMODB=http:\/\/127\.0\.0\.1:\d+$/m)
      assert.match(env, /^AUTH_SECRET=\S{40,}$/m)

      // `npm run build && AUTH_TRUST_HOST=true npm start`, on 127.0.0.1 and a free port.
      const production = walkthrough.command("npm run build")
      assert.equal(production, "npm run build && AUTH_TRUST_HOST=true npm start")
      await timed("npm run build (next build)", () => run("npm", ["run", "build"], app))
      const port = await freePort()
      appUrl = `http://localhost:${port}`
      const appEnv = Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !/^(AWS_|AUTH_|NEXTAUTH_)/.test(key)),
      )
      server = start("npm start", "npm", ["start", "--", "-H", "127.0.0.1", "-p", String(port)], {
        cwd: app,
        env: { ...appEnv, AUTH_TRUST_HOST: "true" },
      })
      await timed("npm start to serving", () =>
        waitForHttp(`http://127.0.0.1:${port}/`, 60_000, server!),
      )
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
    },
    { timeout: 20 * 60_000 },
  )

  after(async () => {
    await browser?.close().catch(() => {})
    await server?.stop()
    await ddb?.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
    if (timings.length > 0) {
      console.log("# The newcomer's path, wall times:")
      for (const [step, ms] of timings) console.log(`#   ${step}: ${(ms / 1000).toFixed(1)} s`)
    }
  })

  test("signs in with the magic link sendToDevMailbox printed and delivered", async () => {
    const context = await browser!.newContext()
    context.setDefaultTimeout(20_000)
    const page = await context.newPage()
    try {
      await timed("first page to signed in, in Chromium", async () => {
        await page.goto(`${appUrl}/`)
        await page.getByText("Not signed in.").waitFor()
        await page.getByRole("button", { name: "Sign in" }).click()
        await page.waitForURL(/\/api\/auth\/signin/)
        await page.getByLabel(/email/i).fill(email)
        await page.getByRole("button", { name: /sign in with resend/i }).click()
        await page.waitForURL(/\/api\/auth\/verify-request/)

        // The app's terminal has the link (step 7 of the README) …
        const [, printed = ""] = await server!.waitFor(
          new RegExp(`\\[authtable\\] Sign-in link for ${email}: (\\S+)`),
          10_000,
        )
        assert.ok(printed.startsWith(`${appUrl}/api/auth/callback/resend?`), printed)
        // … and so has the dev console's Mailbox, whose link is the one followed.
        await page.goto(`${inspectorUrl}#mailbox`)
        const link = page.locator(`a[data-to="${email}"]`).first()
        assert.match((await link.textContent()) ?? "", /\/api\/auth\/callback\/resend\?/)
        await link.click()
        await page.waitForURL(`${appUrl}/`)
        await page.getByText(`Signed in as ${email}`).waitFor()
      })

      await page.getByRole("button", { name: "Sign out" }).click()
      await page.getByText("Not signed in.").waitFor()
    } catch (error) {
      for (const started of [server, ddb]) {
        if (started)
          console.log(`--- ${started.name}, last output:\n${started.output().slice(-4000)}`)
      }
      throw error
    } finally {
      await context.close()
    }
  })
})
