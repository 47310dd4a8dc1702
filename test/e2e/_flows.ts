import type { AuthApp } from "./_apps.js"
import { type Browser, createBrowser, type Navigation } from "./_browser.js"

/** The session endpoint's answer: `{}` (Auth.js: null) when signed out. */
export interface SessionBody {
  user?: { name?: string | null; email?: string | null; image?: string | null }
  expires?: string
}

/** A browser on `app` with the steps a user takes, as a page would take them. */
export interface SignInSteps {
  readonly browser: Browser
  /** Where sign-ins land afterwards. */
  readonly landing: string
  url(path: string): string
  csrfToken(): Promise<string>
  /** POSTs the email form; lands on the verify-request page when the link went out. */
  requestMagicLink(email: string): Promise<Navigation>
  /** Clicks a link (from an email, or any URL). */
  open(url: string): Promise<Navigation>
  /** POSTs the sign-in button of an OAuth provider and follows the whole dance. */
  signInWith(providerId: string): Promise<Navigation>
  session(): Promise<SessionBody>
  signOut(): Promise<Navigation>
  /** The session cookie's value (the session token), if any. */
  sessionToken(): string | undefined
}

export function signInSteps(app: AuthApp): SignInSteps {
  const browser = createBrowser(app)
  const url = (path: string) => `${app.origin}${app.basePath}${path}`
  const landing = `${app.origin}/dashboard`
  const csrfToken = async () => {
    const response = await browser.request(url("/csrf"))
    const body = (await response.json()) as { csrfToken: string }
    return body.csrfToken
  }
  return {
    browser,
    landing,
    url,
    csrfToken,
    async requestMagicLink(email) {
      const form = { email, csrfToken: await csrfToken(), callbackUrl: landing }
      return browser.navigate(url(`/signin/${app.emailProvider}`), { form })
    },
    open: (link) => browser.navigate(link),
    async signInWith(providerId) {
      const form = { csrfToken: await csrfToken(), callbackUrl: landing }
      return browser.navigate(url(`/signin/${providerId}`), { form })
    },
    async session() {
      const response = await browser.request(url("/session"))
      return ((await response.json()) ?? {}) as SessionBody
    },
    async signOut() {
      return browser.navigate(url("/signout"), { form: { csrfToken: await csrfToken() } })
    },
    sessionToken: () => browser.cookie(app.sessionCookie),
  }
}
