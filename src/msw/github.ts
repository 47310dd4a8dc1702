import type { GitHubEmail, GitHubProfile } from "@auth/core/providers/github"
import { HttpResponse, http } from "msw"
import { createAuthorizationServer } from "./_authorization-server.js"
import { createProviderMock } from "./_create-provider-mock.js"
import { fixtureProfile } from "./_fixture-profile.js"
import type { ProviderMock, ProviderMockOptions } from "./provider-mock.js"

/** Options of {@link mockGitHub}. */
export interface GitHubMockOptions extends ProviderMockOptions<GitHubProfile> {
  /** A GitHub Enterprise Server URL, as in the provider's `enterprise.baseUrl`. @default "https://github.com" */
  baseUrl?: string
}

/**
 * GitHub's OAuth app endpoints as Auth.js's and next-auth's GitHub providers call them:
 * `/login/oauth/authorize` (consents at once and redirects back with `code` and `state`),
 * `/login/oauth/access_token`, `api.github.com/user` and `/user/emails`.
 *
 * Real GitHub answers a bad code with HTTP 200 and `bad_verification_code`; `invalidCode()`
 * answers the RFC 6749 way (400 `invalid_grant`), which both libraries report the same way.
 *
 * @example
 * const github = mockGitHub({ seed: 7 })
 * const server = setupServer(...github.handlers)
 * // Auth({ providers: [GitHub({ clientId: "id", clientSecret: "secret" })], … })
 */
export function mockGitHub(options: GitHubMockOptions = {}): ProviderMock<GitHubProfile> {
  const baseUrl = (options.baseUrl ?? "https://github.com").replace(/\/$/, "")
  const apiBaseUrl = options.baseUrl ? `${baseUrl}/api/v3` : "https://api.github.com"
  const authorizeUrl = `${baseUrl}/login/oauth/authorize`
  const tokenUrl = `${baseUrl}/login/oauth/access_token`
  const server = createAuthorizationServer<GitHubProfile>({
    profile: options.profile ?? fixtureProfile("github", options.seed),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    tokenPrefix: "gho_",
    issuer: undefined,
  })
  const unauthorized = () =>
    HttpResponse.json(
      {
        message: "Requires authentication",
        documentation_url: "https://docs.github.com/rest",
        status: "401",
      },
      { status: 401 },
    )

  const handlers = [
    http.get(authorizeUrl, ({ request }) => server.authorize(new URL(request.url))),
    http.post(tokenUrl, async ({ request }) => {
      const issued = await server.exchange(request)
      if (issued instanceof Response) return issued
      const body = {
        access_token: issued.accessToken,
        token_type: "bearer",
        scope: issued.grant.scope.split(/[ ,]+/).filter(Boolean).join(","),
      }
      // GitHub answers form-encoded unless the client asks for JSON.
      if (request.headers.get("accept")?.includes("json")) return HttpResponse.json(body)
      return new HttpResponse(new URLSearchParams(body).toString(), {
        headers: { "content-type": "application/x-www-form-urlencoded" },
      })
    }),
    http.get(`${apiBaseUrl}/user`, ({ request }) => {
      const owner = server.profileFor(request)
      return owner ? HttpResponse.json(owner) : unauthorized()
    }),
    http.get(`${apiBaseUrl}/user/emails`, ({ request }) => {
      const owner = server.profileFor(request)
      if (!owner) return unauthorized()
      const email = owner.email ?? `${owner.id}+${owner.login}@users.noreply.github.com`
      const emails: GitHubEmail[] = [
        { email, primary: true, verified: true, visibility: "private" },
      ]
      return HttpResponse.json(emails)
    }),
  ]

  return createProviderMock({
    id: "github",
    authorizeUrl,
    tokenUrl,
    userinfoUrls: [`${apiBaseUrl}/user`, `${apiBaseUrl}/user/emails`],
    handlers,
    server,
  })
}
