/**
 * A small real Auth.js app for the console's browser tests: @auth/core behind a Node HTTP server
 * on 127.0.0.1, opened as http://localhost:PORT. `/` shows who is signed in.
 */
import { createServer, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import { Auth, type AuthConfig } from "@auth/core"
import Resend from "@auth/core/providers/resend"
import type { AuthTableAdapter } from "../../src/adapter/index.js"
import { createDevMailbox } from "../../src/mailbox/index.js"

export interface AuthApp {
  /** `http://localhost:PORT` */
  origin: string
  /** What sendToDevMailbox printed. */
  printed: string[]
  close(): Promise<void>
}

export async function startAuthApp(
  adapter: AuthTableAdapter,
  devEndpoint: string,
): Promise<AuthApp> {
  const printed: string[] = []
  const log = {
    log: (line: string) => printed.push(line),
    warn: (line: string) => printed.push(line),
  }
  const config: AuthConfig = {
    basePath: "/api/auth",
    secret: "authtable-console-test-secret-0123456789",
    trustHost: true,
    adapter,
    session: { strategy: "database" },
    providers: [
      Resend({
        apiKey: "unused",
        from: "auth@example.com",
        sendVerificationRequest: createDevMailbox({ endpoint: devEndpoint, log }),
      }),
    ],
    logger: { error: () => {}, warn: () => {}, debug: () => {} },
  }
  let origin = ""
  const server = createServer(async (req, res) => {
    const request = await toRequest(req, origin)
    const url = new URL(request.url)
    let response: Response
    if (url.pathname.startsWith("/api/auth/")) {
      response = await Auth(request, config)
    } else {
      const session = await Auth(
        new Request(`${origin}/api/auth/session`, { headers: request.headers }),
        config,
      )
      const body = (await session.json()) as { user?: { email?: string } } | null
      const email = body?.user?.email
      response = new Response(
        `<!doctype html><title>app</title>${email ? `<p>Signed in as <span data-testid="user-email">${email}</span></p>` : "<p data-testid=signed-out>Signed out</p>"}`,
        { headers: { "content-type": "text/html" } },
      )
    }
    res.statusCode = response.status
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") res.setHeader(name, value)
    })
    const cookies = response.headers.getSetCookie()
    if (cookies.length > 0) res.setHeader("set-cookie", cookies)
    res.end(Buffer.from(await response.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  origin = `http://localhost:${(server.address() as AddressInfo).port}`
  return {
    origin,
    printed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value)
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v)
  }
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined
  return new Request(new URL(req.url ?? "/", origin), { method: req.method, headers, body })
}
