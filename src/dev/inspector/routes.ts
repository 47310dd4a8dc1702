import type { IncomingMessage, ServerResponse } from "node:http"
import { AuthTableError } from "../../adapter/index.js"
import type { DevMailbox } from "../mailbox.js"
import type { InspectorActions } from "./actions.js"
import { maskUrl } from "./mask.js"
import { inspectorPage } from "./page.js"

/** Where the inspector lives on the endpoint's port: a path no DynamoDB client requests. */
export const inspectorPath = "/_authtable/"

/**
 * The inspector's HTTP routes under {@link inspectorPath}: the page, `api/state` and the POST
 * actions. It is a route of the emulator's own server, behind its front door: requests for a
 * host that is not loopback (DNS rebinding) and from other browser origins never reach it.
 * Actions also need a JSON body.
 */
export function createInspectorRoute(options: {
  actions: InspectorActions
  mailbox: DevMailbox
  tableName: string
  endpoint: string
}): (req: IncomingMessage, res: ServerResponse) => void {
  const { actions, mailbox } = options
  const page = inspectorPage(options)
  const post: Record<string, (body: Record<string, unknown>) => Promise<string>> = {
    "api/sessions/expire": (body) => actions.expireSession(text(body, "sessionToken")),
    "api/users/delete": (body) => actions.deleteUser(text(body, "userId")),
    "api/sweep": () => actions.sweep(),
    "api/seed": (body) => actions.seedMore(count(body.users)),
    "api/mailbox": async (body) => `Delivered to the Mailbox for ${mailbox.receive(body).to}.`,
  }

  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://inspector")
    if (url.pathname === inspectorPath.slice(0, -1)) {
      res.writeHead(308, { location: inspectorPath }).end()
      return
    }
    const route = url.pathname.slice(inspectorPath.length)
    if (req.method === "GET" && route === "") {
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        "content-security-policy":
          "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
      })
      res.end(page)
    } else if (req.method === "GET" && route === "api/state") {
      void respond(res, async () => ({
        ...(await actions.snapshot()),
        mailbox: mailbox.messages().map(({ url, ...message }) => ({
          ...message,
          url: maskUrl(url),
          link: `mailbox/${message.id}`,
        })),
      }))
    } else if (req.method === "GET" && route.startsWith("mailbox/")) {
      // The Mailbox links here, so that sign-in links (tokens) stay out of the page and its JSON.
      const message = mailbox.get(route.slice("mailbox/".length))
      if (message) res.writeHead(302, { location: message.url, "cache-control": "no-store" }).end()
      else send(res, 404, { error: "No such message: the Mailbox keeps the newest 100." })
    } else if (req.method === "POST" && post[route]) {
      const action = post[route]
      if (!req.headers["content-type"]?.startsWith("application/json")) {
        send(res, 415, { error: "Send the action as application/json." })
      } else {
        void respond(res, async () => ({ message: await action(await readJson(req)) }))
      }
    } else {
      send(res, 404, { error: `No inspector route ${req.method} ${url.pathname}.` })
    }
  }
}

async function respond(res: ServerResponse, run: () => Promise<unknown>) {
  try {
    send(res, 200, await run())
  } catch (error) {
    const status =
      error instanceof TypeError || error instanceof SyntaxError
        ? 400
        : error instanceof AuthTableError && error.code === "NOT_FOUND"
          ? 404
          : 500
    send(res, status, { error: (error as Error).message })
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  if (res.writableEnded || res.destroyed) return
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" })
  res.end(JSON.stringify(body))
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = ""
  for await (const chunk of req) {
    raw += chunk
    if (raw.length > 65_536) throw new TypeError("The request body is too large.")
  }
  const body: unknown = raw === "" ? {} : JSON.parse(raw)
  if (typeof body !== "object" || body === null) throw new TypeError("Send a JSON object.")
  return body as Record<string, unknown>
}

function text(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  if (typeof value !== "string" || value === "") throw new TypeError(`Send "${name}" as a string.`)
  return value
}

function count(value: unknown): number {
  if (value === undefined) return 5
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 1000) {
    throw new TypeError('Send "users" as a whole number from 1 to 1000.')
  }
  return value as number
}
