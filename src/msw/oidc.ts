import { type HttpHandler, HttpResponse, http } from "msw"
import { createAuthorizationServer } from "./_authorization-server.js"
import { createProviderMock } from "./_create-provider-mock.js"
import { fixtureProfile } from "./_fixture-profile.js"
import { accessTokenHash, createSigningKey } from "./_signing-key.js"
import type { ProviderMock, ProviderMockOptions } from "./provider-mock.js"

/** The claims an OIDC provider knows about a person; `sub` is required. */
export type OidcProfile = Record<string, unknown> & { sub: string }

/** Where an OIDC provider serves its endpoints; each defaults to a path under the issuer. */
export interface OidcEndpoints {
  authorization?: string
  token?: string
  userinfo?: string
  jwks?: string
}

/** Options of {@link mockOidcProvider}. */
export interface OidcMockOptions<Profile extends OidcProfile = OidcProfile>
  extends ProviderMockOptions<Profile> {
  /** The issuer, exactly as the Auth.js/next-auth provider configures it (no trailing slash). */
  issuer: string
  /** The Auth.js provider id it stands in for. @default "oidc" */
  id?: string
  endpoints?: OidcEndpoints
  /** Send `iss` with authorization responses (RFC 9207), as Google does. @default true */
  issParameter?: boolean
  /** Prefix of access tokens. @default "at_" */
  tokenPrefix?: string
  /** Lifetime of access and id tokens. @default 3600 */
  tokenLifetimeSeconds?: number
}

/** Claims that belong to a token rather than to the person; userinfo leaves them out. */
const tokenClaims = [
  "iss",
  "aud",
  "azp",
  "exp",
  "iat",
  "nbf",
  "jti",
  "nonce",
  "at_hash",
  "auth_time",
]

/**
 * A generic OpenID Connect provider: discovery at `{issuer}/.well-known/openid-configuration`,
 * authorization, token (with an id_token signed RS256 by a key generated per mock, carrying the
 * request's `nonce` and a correct `at_hash`), userinfo and the JWKS at `jwks_uri`, so that
 * oauth4webapi (Auth.js) and openid-client (next-auth v4) verify it like a real one.
 *
 * @example
 * const okta = mockOidcProvider({ id: "okta", issuer: "https://example.okta.com" })
 * const server = setupServer(...okta.handlers)
 */
export function mockOidcProvider<Profile extends OidcProfile = OidcProfile>(
  options: OidcMockOptions<Profile>,
): ProviderMock<Profile> {
  const issuer = options.issuer.replace(/\/$/, "")
  const endpoints = {
    authorization: options.endpoints?.authorization ?? `${issuer}/authorize`,
    token: options.endpoints?.token ?? `${issuer}/token`,
    userinfo: options.endpoints?.userinfo ?? `${issuer}/userinfo`,
    jwks: options.endpoints?.jwks ?? `${issuer}/.well-known/jwks.json`,
  }
  const lifetime = options.tokenLifetimeSeconds ?? 3600
  const key = createSigningKey()
  // A generic provider gets Google-shaped standard claims (sub, email, name, picture).
  const server = createAuthorizationServer<Profile>({
    profile: options.profile ?? (fixtureProfile("google", options.seed) as unknown as Profile),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    tokenPrefix: options.tokenPrefix ?? "at_",
    issuer: (options.issParameter ?? true) ? issuer : undefined,
  })
  const personOf = (claims: Profile) =>
    Object.fromEntries(Object.entries(claims).filter(([name]) => !tokenClaims.includes(name)))

  const handlers: HttpHandler[] = [
    http.get(`${issuer}/.well-known/openid-configuration`, () =>
      HttpResponse.json({
        issuer,
        authorization_endpoint: endpoints.authorization,
        token_endpoint: endpoints.token,
        userinfo_endpoint: endpoints.userinfo,
        jwks_uri: endpoints.jwks,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        scopes_supported: ["openid", "email", "profile"],
        token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
        code_challenge_methods_supported: ["plain", "S256"],
        grant_types_supported: ["authorization_code"],
        claims_supported: ["aud", "email", "email_verified", "exp", "iat", "iss", "name", "sub"],
      }),
    ),
    http.get(endpoints.jwks, () => HttpResponse.json({ keys: [key.publicJwk] })),
    http.get(endpoints.authorization, ({ request }) => server.authorize(new URL(request.url))),
    http.post(endpoints.token, async ({ request }) => {
      const issued = await server.exchange(request)
      if (issued instanceof Response) return issued
      const { accessToken, grant } = issued
      const now = Math.floor(Date.now() / 1000)
      const scopes = grant.scope.split(" ")
      const idToken = scopes.includes("openid")
        ? key.sign({
            ...personOf(grant.profile),
            iss: issuer,
            aud: grant.clientId,
            azp: grant.clientId,
            iat: now,
            exp: now + lifetime,
            at_hash: accessTokenHash(accessToken),
            ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }),
          })
        : undefined
      return HttpResponse.json({
        access_token: accessToken,
        expires_in: lifetime,
        scope: grant.scope,
        token_type: "Bearer",
        ...(idToken === undefined ? {} : { id_token: idToken }),
      })
    }),
    http.all(endpoints.userinfo, ({ request }) => {
      const owner = server.profileFor(request)
      if (!owner) {
        return HttpResponse.json(
          { error: "invalid_token" },
          { status: 401, headers: { "www-authenticate": 'Bearer error="invalid_token"' } },
        )
      }
      return HttpResponse.json(personOf(owner))
    }),
  ]

  return createProviderMock({
    id: options.id ?? "oidc",
    authorizeUrl: endpoints.authorization,
    tokenUrl: endpoints.token,
    userinfoUrls: [endpoints.userinfo],
    handlers,
    server,
  })
}
