import { type HttpHandler, HttpResponse, http, type RequestHandlerOptions } from "msw"
import type {
  Authorization,
  FailureOptions,
  ProviderEndpoint,
  ProviderMock,
} from "./provider-mock.js"

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
