import type { HttpHandler } from "msw"

/** One authorization request the mock consented to, as a test may want to inspect it. */
export interface Authorization {
  clientId: string
  redirectUri: string
  scope: string
  state: string | undefined
  nonce: string | undefined
  codeChallengeMethod: string | undefined
}

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
