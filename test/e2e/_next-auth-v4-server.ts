import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import type { AuthOptions } from "next-auth"
import nextAuthModule from "next-auth"

/**
 * next-auth 4.24's real Pages-router handler, `NextAuth(req, res, options)`, served over HTTP on
 * 127.0.0.1 without Next.js. Next.js's own part of an API route is small and reproduced here:
 * the `[...nextauth]` catch-all in `req.query`, the parsed body and cookies, and the
 * `res.status/json/send` helpers. Everything else is next-auth's code.
 */

/**
 * The `exports.default` of a CommonJS module of next-auth. Node's ESM loader makes the default
 * import `module.exports` (types agree); vitest's interop already unwraps it.
 */
export function cjsDefault<T>(module: { default: T }): T {
  return (module as { default?: T }).default ?? (module as unknown as T)
}

const NextAuth = cjsDefault(nextAuthModule) as (
  req: unknown,
  res: unknown,
  options: AuthOptions,
) => Promise<unknown>

export interface NextAuthV4Server {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string
  close(): Promise<void>
}

export async function startNextAuthV4Server(
  basePath: string,
  getOptions: () => AuthOptions,
): Promise<NextAuthV4Server> {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.statusCode = 500
      res.end(`Unhandled error in the test server: ${(error as Error)?.stack ?? String(error)}`)
    })
  })
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    if (!url.pathname.startsWith(`${basePath}/`)) {
      res.statusCode = 404
      res.end()
      return
    }
    const nextauth = url.pathname
      .slice(basePath.length + 1)
      .split("/")
      .filter(Boolean)
    const apiReq = Object.assign(req, {
      query: { ...Object.fromEntries(url.searchParams), nextauth },
      cookies: parseCookies(req.headers.cookie),
      body: parseBody(await readBody(req), req.headers["content-type"]),
    })
    await NextAuth(apiReq, withApiHelpers(res), getOptions())
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  // next-auth v4 takes its own URL from NEXTAUTH_URL (detectOrigin); there is no other way.
  const previousUrl = process.env.NEXTAUTH_URL
  process.env.NEXTAUTH_URL = `${origin}${basePath}`

  return {
    origin,
    async close() {
      if (previousUrl === undefined) delete process.env.NEXTAUTH_URL
      else process.env.NEXTAUTH_URL = previousUrl
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString("utf8")
}

function parseBody(text: string, contentType = ""): unknown {
  if (!text) return undefined
  if (contentType.includes("application/json")) return JSON.parse(text)
  if (contentType.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text))
  }
  return text
}

function parseCookies(header = ""): Record<string, string> {
  const cookies: Record<string, string> = {}
  for (const part of header.split(";")) {
    const eq = part.indexOf("=")
    if (eq > 0) cookies[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim())
  }
  return cookies
}

/** The helpers Next.js adds to an API route's response (next/dist/server/api-utils). */
function withApiHelpers(res: ServerResponse) {
  const json = (body: unknown) => {
    res.setHeader("Content-Type", "application/json; charset=utf-8")
    res.end(JSON.stringify(body))
  }
  return Object.assign(res, {
    status(code: number) {
      res.statusCode = code
      return res
    },
    json,
    send(body: unknown) {
      if (body !== null && typeof body === "object" && !Buffer.isBuffer(body)) return json(body)
      if (!res.hasHeader("Content-Type")) res.setHeader("Content-Type", "text/plain; charset=utf-8")
      res.end(body === undefined ? undefined : String(body))
    },
  })
}
