import type { IncomingMessage, ServerResponse } from "node:http"
import type { DevMailbox } from "../mailbox.js"
import type { SweepHistory } from "../sweep-log.js"
import { count, object, readJson, respond, send, text } from "./_http.js"
import type { InspectorActions } from "./actions.js"
import type { ItemActions } from "./item-actions.js"
import type { KeyRefs } from "./key-ref.js"
import { inspectorPage } from "./page.js"
import { sessionCookie } from "./session-cookie.js"
import { consoleState, parseStateQuery } from "./state.js"

/** Where the console lives on the endpoint's port: a path no DynamoDB client requests. */
export const inspectorPath = "/_authtable/"

/** What the console's routes act on. */
export interface InspectorRouteOptions {
  actions: InspectorActions
  items: ItemActions
  mailbox: DevMailbox
  sweeps: SweepHistory
  refs: KeyRefs
  tableName: string
  endpoint: string
}

type Post = (body: Record<string, unknown>, res: ServerResponse) => Promise<unknown>

/**
 * The console's HTTP routes under {@link inspectorPath}: the page, its JSON reads and its POST
 * actions. It is a route of the emulator's own server, behind its front door: requests for a
 * host that is not loopback (DNS rebinding) and from other browser origins never reach it.
 * Actions also need a JSON body. Tokens are masked in every answer unless asked (`tokens=1`).
 */
export function createInspectorRoute(
  options: InspectorRouteOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { actions, items, mailbox } = options
  const page = inspectorPage(options)
  const message = (text: string | Promise<string>) =>
    Promise.resolve(text).then((m) => ({ message: m }))
  const post: Record<string, Post> = {
    "api/sessions/expire": (body) => message(actions.expireSession(text(body, "ref"))),
    "api/users/delete": (body) => message(actions.deleteUser(text(body, "userId"))),
    "api/users/sign-in-as": async (body, res) => {
      const cookie = sessionCookie(body.cookie)
      const session = await actions.signInAs(text(body, "userId"))
      res.setHeader("set-cookie", cookie.header(session.sessionToken, session.expires))
      return { message: `Signed in as ${session.label}: ${cookie.name} is set for this host name.` }
    },
    "api/sweep": () => message(actions.sweep()),
    "api/seed": (body) => message(actions.seedMore(count(body.users))),
    "api/mailbox": (body) => message(`Delivered to the Mailbox for ${mailbox.receive(body).to}.`),
    "api/items/put": (body) =>
      message(
        items.put({
          table: text(body, "table"),
          item: object(body, "item"),
          ref: body.ref === undefined ? undefined : text(body, "ref"),
        }),
      ),
    "api/items/delete": (body) => message(items.delete(text(body, "ref"))),
  }
  const get: Record<string, (params: URLSearchParams) => Promise<unknown>> = {
    "api/state": async (params) =>
      consoleState(await actions.snapshot(), parseStateQuery(params), {
        refs: options.refs,
        mailbox: mailbox.messages(),
        sweeps: options.sweeps.list(),
        tables: await items.tableNames(),
      }),
    "api/tables": async () => ({ tables: await items.tables() }),
    "api/items": (params) =>
      items.items({
        table: params.get("table") ?? options.tableName,
        index: params.get("index") || undefined,
        partitionValue: params.get("pk") ?? undefined,
        start: params.get("start") || undefined,
        tokens: params.get("tokens") === "1",
      }),
    "api/item": (params) => items.item(params.get("ref") ?? "", params.get("tokens") === "1"),
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
    } else if (req.method === "GET" && get[route]) {
      const read = get[route]
      void respond(res, () => read(url.searchParams))
    } else if (req.method === "GET" && route.startsWith("mailbox/")) {
      // The Mailbox links here, so that sign-in links (tokens) stay out of the page and its JSON.
      const found = mailbox.get(route.slice("mailbox/".length))
      if (found) res.writeHead(302, { location: found.url, "cache-control": "no-store" }).end()
      else send(res, 404, { error: "No such message: the Mailbox keeps the newest 100." })
    } else if (req.method === "POST" && post[route]) {
      const action = post[route]
      if (!req.headers["content-type"]?.startsWith("application/json")) {
        send(res, 415, { error: "Send the action as application/json." })
      } else {
        void respond(res, async () => action(await readJson(req), res))
      }
    } else {
      send(res, 404, { error: `No inspector route ${req.method} ${url.pathname}.` })
    }
  }
}
