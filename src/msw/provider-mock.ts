import { type HttpHandler, HttpResponse, http, type RequestHandlerOptions } from "msw"
import type { Authorization } from "./_authorization-server.js"

/** Options every provider mock takes. */
export interface ProviderMockOptions<Profile> {
  /** Who signs in. @default the fixtures' profile for this provider and `seed` */
  profile?: Profile
  /** Seed of the default profile: the same seed gives the same person. @default 1 */
  seed?: number
  /** When set, the mock accepts only this client id (as a real provider would). */
  clientId?: string
  /** When set, the token endpoint checks it. */
  clientSecret?: string
}

/** Options of a failure handler. */
export interface FailureOptions {
  /** Answer only the next matching request, then fall back to the mock's normal handler. */
  once?: boolean
}

/** An endpoint a failure can hit. */
export type ProviderEndpoint = "authorize" | "token" | "userinfo"

/**
 * An OAuth/OIDC provider behind msw: give `handlers` to `setupServer()`, switch the user with
 * `signInAs()`, and add failures for one test with `server.use(mock.deniedConsent())`.
 */
export interface ProviderMock<Profile> {
  /** The Auth.js provider id it stands in for, e.g. `"github"`. */
  readonly id: string
  /** The handlers of every endpoint the provider's Auth.js/next-auth configuration calls. */
  readonly handlers: readonly HttpHandler[]
  /** The profile the next sign-in returns. */
  readonly profile: Profile
  /** Authorization requests consented to so far (client, scope, state, nonce, PKCE method). */
  readonly authorizations: readonly Authorization[]
  /**
   * Makes later sign-ins return this person. Takes a profile, or the fixtures'
   * `f.providerProfile(id)` result as a whole.
   */
  signInAs(identity: Profile | { profile: Profile }): void
  /** The user declines: the authorize endpoint redirects back with `error=access_denied`. */
  deniedConsent(options?: FailureOptions): HttpHandler
  /** The token endpoint rejects the code: 400 `{ "error": "invalid_grant" }`. */
  invalidCode(options?: FailureOptions): HttpHandler
  /** An endpoint answers 500. @default endpoint "token" */
  serverError(endpoint?: ProviderEndpoint, options?: FailureOptions): HttpHandler
}

/** What a concrete provider contributes to {@link createProviderMock}. */
export interface ProviderMockParts<Profile> {
  id: string
  authorizeUrl: string
  tokenUrl: string
  userinfoUrls: readonly string[]
  handlers: readonly HttpHandler[]
  authorizations: readonly Authorization[]
  getProfile(): Profile
  setProfile(profile: Profile): void
  /** Redirects an authorization request back to the client with these parameters. */
  redirectBack(url: URL, params: Record<string, string>): Response
}

/** Assembles the shared parts of a {@link ProviderMock}: profile switching and failures. */
export function createProviderMock<Profile>(
  parts: ProviderMockParts<Profile>,
): ProviderMock<Profile> {
  const handlerOptions = (options?: FailureOptions): RequestHandlerOptions => ({
    once: options?.once ?? false,
  })
  const urlsOf = (endpoint: ProviderEndpoint) =>
    endpoint === "authorize"
      ? [parts.authorizeUrl]
      : endpoint === "token"
        ? [parts.tokenUrl]
        : parts.userinfoUrls

  return {
    id: parts.id,
    handlers: parts.handlers,
    get profile() {
      return parts.getProfile()
    },
    authorizations: parts.authorizations,
    signInAs(identity) {
      // A fixtures result is `{ user, account, profile }`; no provider's profile has `user`.
      const isFixture = typeof identity === "object" && identity !== null && "user" in identity
      parts.setProfile(
        isFixture ? (identity as { profile: Profile }).profile : (identity as Profile),
      )
    },
    deniedConsent(options) {
      return http.get(
        parts.authorizeUrl,
        ({ request }) =>
          parts.redirectBack(new URL(request.url), {
            error: "access_denied",
            error_description: "The user has denied your application access.",
          }),
        handlerOptions(options),
      )
    },
    invalidCode(options) {
      return http.post(
        parts.tokenUrl,
        () =>
          HttpResponse.json(
            { error: "invalid_grant", error_description: "The code is incorrect or expired." },
            { status: 400 },
          ),
        handlerOptions(options),
      )
    },
    serverError(endpoint = "token", options) {
      const urls = new Set(urlsOf(endpoint).map((url) => new URL(url).href))
      return http.all(
        ({ request }) => urls.has(`${new URL(request.url).origin}${new URL(request.url).pathname}`),
        () => new HttpResponse("Internal Server Error", { status: 500 }),
        handlerOptions(options),
      )
    },
  }
}
