import { setupServer } from "msw/node"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createFixtures } from "../../src/fixtures/index.js"
import { mockDiscord } from "../../src/msw/index.js"

const discord = mockDiscord({ seed: 31, clientId: "discord-client" })
const server = setupServer(...discord.handlers)
const redirectUri = "http://localhost:3000/api/auth/callback/discord"

beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterAll(() => server.close())

describe("mockDiscord", () => {
  it("signs in the fixtures' Discord user for the same seed", () => {
    expect(discord.profile).toEqual(createFixtures({ seed: 31 }).providerProfile("discord").profile)
  })

  it("runs the code grant and serves /users/@me for the token", async () => {
    const authorize = new URL("https://discord.com/api/oauth2/authorize")
    authorize.search = new URLSearchParams({
      client_id: "discord-client",
      redirect_uri: redirectUri,
      response_type: "code",
      scope: "identify email",
    }).toString()
    const redirect = await fetch(authorize, { redirect: "manual" })
    const code = new URL(redirect.headers.get("location") ?? "").searchParams.get("code") ?? ""
    const token = (await (
      await fetch("https://discord.com/api/oauth2/token", {
        method: "POST",
        headers: { authorization: `Basic ${btoa("discord-client:any")}` },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code,
          redirect_uri: redirectUri,
        }),
      })
    ).json()) as { access_token: string; token_type: string; scope: string }
    expect(token).toMatchObject({ token_type: "Bearer", scope: "identify email" })

    const me = await fetch("https://discord.com/api/users/@me", {
      headers: { authorization: `Bearer ${token.access_token}` },
    })
    expect(await me.json()).toEqual(discord.profile)
  })

  it("answers 500 from the token endpoint on demand", async () => {
    server.use(discord.serverError("token", { once: true }))
    const response = await fetch("https://discord.com/api/oauth2/token", { method: "POST" })
    expect(response.status).toBe(500)
  })
})
