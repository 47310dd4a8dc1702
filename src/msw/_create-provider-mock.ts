import { type HttpHandler, HttpResponse, http, type RequestHandlerOptions } from "msw"
import type { AuthorizationServer } from "./_authorization-server.js"
import type { FailureOptions, ProviderEndpoint, ProviderMock } from "./provider-mock.js"

/** What a concrete provider contributes to {@link createProviderMock}. */
export interface ProviderMockParts<Profile> {
  id: string
  authorizeUrl: string
  tokenUrl: string
  userinfoUrls: readonly string[]
  handlers: readonly HttpHandler[]
  /** The server behind the handlers: who consents, what was authorized, redirects back. */
  server: AuthorizationServer<Profile>
}

/** Assembles the shared parts of a {@link ProviderMock}: profile switching and failures. */
export function createProviderMock<Profile>(
  parts: ProviderMockParts<Profile>,
): ProviderMock<Profile> {
  const { server } = parts
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
      return server.profile
    },
    authorizations: server.authorizations,
    signInAs(identity) {
      // A fixtures result is `{ user, account, profile }`; no provider's profile has `user`.
      const isFixture = typeof identity === "object" && identity !== null && "user" in identity
      server.profile = isFixture
        ? (identity as { profile: Profile }).profile
        : (identity as Profile)
    },
    deniedConsent(options) {
      return http.get(
        parts.authorizeUrl,
        ({ request }) =>
          server.redirectBack(new URL(request.url), {
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
