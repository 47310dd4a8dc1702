import type { GoogleProfile } from "@auth/core/providers/google"
import { fixtureProfile } from "./_fixture-profile.js"
import { mockOidcProvider } from "./oidc.js"
import type { ProviderMock, ProviderMockOptions } from "./provider-mock.js"

/** Google's OpenID Connect endpoints, as its discovery document lists them. */
export const googleEndpoints = Object.freeze({
  issuer: "https://accounts.google.com",
  authorization: "https://accounts.google.com/o/oauth2/v2/auth",
  token: "https://oauth2.googleapis.com/token",
  userinfo: "https://openidconnect.googleapis.com/v1/userinfo",
  jwks: "https://www.googleapis.com/oauth2/v3/certs",
})

/**
 * Google as Auth.js's (`type: "oidc"`, discovery from the issuer) and next-auth v4's
 * (`wellKnown`, `idToken: true`, PKCE + state) Google providers use it: discovery, consent,
 * token with a real RS256 id_token, userinfo and JWKS, at Google's own URLs.
 *
 * @example
 * const google = mockGoogle({ seed: 3 })
 * const server = setupServer(...google.handlers)
 */
export function mockGoogle(
  options: ProviderMockOptions<GoogleProfile> = {},
): ProviderMock<GoogleProfile> {
  const { issuer, ...endpoints } = googleEndpoints
  return mockOidcProvider<GoogleProfile>({
    ...options,
    profile: options.profile ?? fixtureProfile("google", options.seed),
    id: "google",
    issuer,
    endpoints,
    tokenPrefix: "ya29.",
    tokenLifetimeSeconds: 3599,
  })
}
