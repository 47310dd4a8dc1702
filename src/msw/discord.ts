import { HttpResponse, http } from "msw"
import type { DiscordUser } from "../fixtures/index.js"
import { createAuthorizationServer } from "./_authorization-server.js"
import { createProviderMock } from "./_create-provider-mock.js"
import { fixtureProfile } from "./_fixture-profile.js"
import type { ProviderMock, ProviderMockOptions } from "./provider-mock.js"

const api = "https://discord.com/api"

/**
 * Discord's OAuth2 endpoints as the Auth.js and next-auth Discord providers call them:
 * `/api/oauth2/authorize`, `/api/oauth2/token` and `/api/users/@me`.
 *
 * @example
 * const discord = mockDiscord({ seed: 5 })
 * const server = setupServer(...discord.handlers)
 */
export function mockDiscord(
  options: ProviderMockOptions<DiscordUser> = {},
): ProviderMock<DiscordUser> {
  const authorizeUrl = `${api}/oauth2/authorize`
  const tokenUrl = `${api}/oauth2/token`
  const userUrl = `${api}/users/@me`
  const server = createAuthorizationServer<DiscordUser>({
    profile: options.profile ?? fixtureProfile("discord", options.seed),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    tokenPrefix: "",
    issuer: undefined,
  })

  const handlers = [
    http.get(authorizeUrl, ({ request }) => server.authorize(new URL(request.url))),
    http.post(tokenUrl, async ({ request }) => {
      const issued = await server.exchange(request)
      if (issued instanceof Response) return issued
      return HttpResponse.json({
        access_token: issued.accessToken,
        token_type: "Bearer",
        expires_in: 604800,
        refresh_token: `r${issued.accessToken.slice(0, 30)}`,
        scope: issued.grant.scope,
      })
    }),
    http.get(userUrl, ({ request }) => {
      const owner = server.profileFor(request)
      if (!owner)
        return HttpResponse.json({ message: "401: Unauthorized", code: 0 }, { status: 401 })
      return HttpResponse.json(owner)
    }),
  ]

  return createProviderMock({
    id: "discord",
    authorizeUrl,
    tokenUrl,
    userinfoUrls: [userUrl],
    handlers,
    server,
  })
}
