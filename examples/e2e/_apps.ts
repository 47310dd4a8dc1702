import { randomBytes } from "node:crypto"
import { existsSync, statSync } from "node:fs"
import { join } from "node:path"
import type { SessionCookieFlavor } from "authtable/fixtures"
import { freePort, run, type Started, start, waitForHttp } from "./_processes.js"

/** The repository root, where `npm run dev:ddb` lives. */
export const repoRoot = join(import.meta.dirname, "..", "..")

/** One example app and what differs between the next-auth generations it shows. */
export interface ExampleApp {
  name: string
  dir: string
  /** Whose cookie names the app uses: Auth.js (`authjs.*`) or next-auth v4 (`next-auth.*`). */
  cookieFlavor: SessionCookieFlavor
  /** The button of the built-in sign-in page for the email provider. */
  emailButton: RegExp
}

export const apps: readonly ExampleApp[] = [
  {
    name: "next-app (Auth.js / next-auth v5, App Router)",
    dir: join(repoRoot, "examples", "next-app"),
    cookieFlavor: "authjs",
    emailButton: /sign in with email/i,
  },
  {
    name: "next-app-v4 (next-auth v4, pages router)",
    dir: join(repoRoot, "examples", "next-app-v4"),
    cookieFlavor: "next-auth",
    emailButton: /sign in with email/i,
  },
]

/**
 * `npm ci` when node_modules is missing or older than the lockfile, then `next build`: a
 * production build behaves the same on every run, unlike `next dev`'s compile-on-request.
 */
export async function buildApp(app: ExampleApp): Promise<void> {
  const installed = join(app.dir, "node_modules", ".package-lock.json")
  const lock = join(app.dir, "package-lock.json")
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
    await run("npm", ["ci", "--no-audit", "--no-fund"], app.dir)
  }
  await run(process.execPath, [nextBin(app), "build"], app.dir)
}

/** `next start` on 127.0.0.1 and a free port, pointed at the dev:ddb endpoint in `env`. */
export async function startApp(
  app: ExampleApp,
  env: Readonly<Record<string, string>>,
): Promise<{ url: string; secret: string; server: Started }> {
  const port = await freePort()
  // The server binds 127.0.0.1, but the browser says localhost: Next.js rewrites a 127.0.0.1
  // request URL to localhost, so Auth.js would post its forms to a host without its cookies.
  const url = `http://localhost:${port}`
  const secret = randomBytes(32).toString("base64url")
  const args = [nextBin(app), "start", "--hostname", "127.0.0.1", "--port", String(port)]
  const server = start("next start", process.execPath, args, {
    cwd: app.dir,
    env: {
      ...process.env,
      ...env,
      // Auth.js reads AUTH_*, next-auth v4 NEXTAUTH_*; each app ignores the other pair.
      AUTH_SECRET: secret,
      AUTH_URL: url,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: url,
    },
  })
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, 60_000, server)
  } catch (error) {
    await server.stop()
    throw error
  }
  return { url, secret, server }
}

function nextBin(app: ExampleApp) {
  return join(app.dir, "node_modules", "next", "dist", "bin", "next")
}
