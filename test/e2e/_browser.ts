/**
 * A minimal browser for end-to-end sign-in tests: a cookie jar for the app, manual redirects,
 * requests to the app through the app's dispatcher and every other request through the global
 * `fetch` (which msw intercepts). It does what a browser does in a sign-in and nothing else.
 */

/** Where the auth routes live and how a request reaches them. */
export interface AppTarget {
  /** e.g. "http://localhost:3000" */
  readonly origin: string
  /** e.g. "/api/auth" */
  readonly basePath: string
  dispatch(request: Request): Promise<Response>
}

export interface Navigation {
  /** The last response: a page, or the redirect that left the auth routes. */
  response: Response
  /** Where the browser ended up. */
  url: URL
  /** Every URL visited, in order. */
  visited: string[]
}

export interface BrowserRequestInit {
  method?: string
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>
}

export interface Browser {
  /** One request, no redirects followed; cookies sent and stored. */
  request(url: string | URL, init?: BrowserRequestInit): Promise<Response>
  /** Follows redirects until a page answers or the browser lands on the app outside its auth routes. */
  navigate(url: string | URL, init?: BrowserRequestInit): Promise<Navigation>
  cookie(name: string): string | undefined
  /** Stores a cookie for the app, as a `Set-Cookie` would; takes `name=value`. */
  setCookie(pair: string): void
  readonly cookies: ReadonlyMap<string, string>
}

const isRedirect = (response: Response) => response.status >= 300 && response.status < 400

export function createBrowser(app: AppTarget): Browser {
  const jar = new Map<string, string>()
  const appOrigin = new URL(app.origin).origin

  const store = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";").map((part) => part.trim())
      const eq = pair.indexOf("=")
      const name = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      const expired = attributes.some((attribute) => {
        const [key = "", val = ""] = attribute.split("=")
        if (key.toLowerCase() === "max-age") return Number(val) <= 0
        if (key.toLowerCase() === "expires") return Date.parse(val) <= Date.now()
        return false
      })
      if (expired || value === "") jar.delete(name)
      else jar.set(name, value)
    }
  }

  const request = async (url: string | URL, init: BrowserRequestInit = {}) => {
    const target = new URL(url)
    const headers = new Headers()
    let body: string | undefined
    if (init.form) {
      headers.set("content-type", "application/x-www-form-urlencoded")
      body = new URLSearchParams(init.form).toString()
    }
    const toApp = target.origin === appOrigin
    if (toApp && jar.size > 0) {
      headers.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "))
    }
    const req = new Request(target, {
      method: init.method ?? (body === undefined ? "GET" : "POST"),
      headers,
      body,
      redirect: "manual",
    })
    const response = toApp ? await app.dispatch(req) : await fetch(req)
    if (toApp) store(response)
    return response
  }

  return {
    request,
    async navigate(url, init) {
      let current = new URL(url)
      const visited = [current.href]
      let response = await request(current, init)
      for (let hop = 0; hop < 10 && isRedirect(response); hop += 1) {
        current = new URL(response.headers.get("location") ?? "", current)
        visited.push(current.href)
        const leftAuthRoutes =
          current.origin === appOrigin && !current.pathname.startsWith(`${app.basePath}/`)
        if (leftAuthRoutes) break
        response = await request(current)
      }
      return { response, url: current, visited }
    },
    cookie: (name) => jar.get(name),
    setCookie(pair) {
      const eq = pair.indexOf("=")
      jar.set(pair.slice(0, eq), pair.slice(eq + 1))
    },
    cookies: jar,
  }
}
