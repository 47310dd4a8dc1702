import { createHash, randomBytes } from "node:crypto"
import { HttpResponse } from "msw"
import type { Authorization } from "./provider-mock.js"

interface Grant<Profile> extends Authorization {
  codeChallenge: string | undefined
  profile: Profile
  expiresAt: number
}

/** What the token endpoint handed out, for the provider to shape its response. */
export interface IssuedGrant<Profile> {
  accessToken: string
  grant: Grant<Profile>
}

export interface AuthorizationServerOptions<Profile> {
  /** Who consents at the authorize endpoint until `profile` is set to someone else. */
  profile: Profile
  /** When set, only this client may ask for codes and tokens. */
  clientId: string | undefined
  /** When set, the token endpoint checks it (Basic header or form body). */
  clientSecret: string | undefined
  /** Prefix of the access tokens, shaped like the provider's (`gho_`, `ya29.`). */
  tokenPrefix: string
  /** The `iss` parameter of authorization responses (RFC 9207); omitted when undefined. */
  issuer: string | undefined
}

const codeLifetimeMs = 10 * 60 * 1000

/**
 * The authorization-code grant with the checks a real server makes: registered client,
 * redirect_uri echoed at the token endpoint, single-use codes, PKCE (S256 and plain). Tokens map
 * back to the profile that consented, so user endpoints answer for the right person.
 */
export function createAuthorizationServer<Profile>(options: AuthorizationServerOptions<Profile>) {
  let profile = options.profile
  const grants = new Map<string, Grant<Profile>>()
  const tokens = new Map<string, Profile>()
  const authorizations: Authorization[] = []

  const secret = (prefix: string) => prefix + randomBytes(20).toString("hex")
  const tokenError = (status: number, error: string, description: string) =>
    HttpResponse.json({ error, error_description: description }, { status })

  /** A 302 to the client's redirect_uri with `params`, the request's `state` and `iss`. */
  const redirectBack = (url: URL, params: Record<string, string>): Response => {
    const target = new URL(url.searchParams.get("redirect_uri") ?? "")
    for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value)
    const state = url.searchParams.get("state")
    if (state) target.searchParams.set("state", state)
    if (options.issuer) target.searchParams.set("iss", options.issuer)
    return new HttpResponse(null, { status: 302, headers: { location: target.href } })
  }

  return {
    authorizations,

    /** Who consents at the authorize endpoint (a later sign-in as someone else sets it). */
    get profile(): Profile {
      return profile
    },
    set profile(next: Profile) {
      profile = next
    },

    /** Consents on behalf of `profile`: 302 back to the client with a code, or a 400 page. */
    authorize(url: URL): Response {
      const params = url.searchParams
      const clientId = params.get("client_id")
      const redirectUri = params.get("redirect_uri")
      if (!clientId || (options.clientId && clientId !== options.clientId)) {
        return new HttpResponse(`Unknown client_id "${clientId}"`, { status: 400 })
      }
      if (!redirectUri) return new HttpResponse("Missing redirect_uri", { status: 400 })
      const authorization: Authorization = {
        clientId,
        redirectUri,
        scope: params.get("scope") ?? "",
        state: params.get("state") ?? undefined,
        nonce: params.get("nonce") ?? undefined,
        codeChallengeMethod: params.get("code_challenge")
          ? (params.get("code_challenge_method") ?? "plain")
          : undefined,
      }
      authorizations.push(authorization)
      const code = secret("")
      grants.set(code, {
        ...authorization,
        codeChallenge: params.get("code_challenge") ?? undefined,
        profile,
        expiresAt: Date.now() + codeLifetimeMs,
      })
      return redirectBack(url, { code })
    },

    redirectBack,

    /** Redeems a code: the issued token, or the RFC 6749 error response to send. */
    async exchange(request: Request): Promise<IssuedGrant<Profile> | Response> {
      const body = new URLSearchParams(await request.text())
      const client = clientCredentials(request, body)
      if (!client.id || (options.clientId && client.id !== options.clientId)) {
        return tokenError(401, "invalid_client", "Client authentication failed.")
      }
      if (options.clientSecret !== undefined && client.secret !== options.clientSecret) {
        return tokenError(401, "invalid_client", "Client authentication failed.")
      }
      if (body.get("grant_type") !== "authorization_code") {
        return tokenError(400, "unsupported_grant_type", "Only authorization_code is supported.")
      }
      const code = body.get("code") ?? ""
      const grant = grants.get(code)
      grants.delete(code)
      if (!grant || grant.expiresAt < Date.now() || grant.clientId !== client.id) {
        return tokenError(400, "invalid_grant", "The code is incorrect, expired or already used.")
      }
      if (body.get("redirect_uri") !== grant.redirectUri) {
        return tokenError(400, "invalid_grant", "redirect_uri does not match the authorization.")
      }
      if (grant.codeChallenge !== undefined) {
        const verifier = body.get("code_verifier") ?? ""
        const derived =
          grant.codeChallengeMethod === "S256"
            ? createHash("sha256").update(verifier).digest("base64url")
            : verifier
        if (derived !== grant.codeChallenge) {
          return tokenError(400, "invalid_grant", "PKCE verification failed.")
        }
      }
      const accessToken = secret(options.tokenPrefix)
      tokens.set(accessToken, grant.profile)
      return { accessToken, grant }
    },

    /** The profile behind the request's bearer (or GitHub-style `token`) access token. */
    profileFor(request: Request): Profile | undefined {
      const header = request.headers.get("authorization") ?? ""
      const match = /^(?:bearer|token)\s+(\S+)$/i.exec(header)
      return match?.[1] ? tokens.get(match[1]) : undefined
    },
  }
}

/** An authorization server made by {@link createAuthorizationServer}. */
export type AuthorizationServer<Profile> = ReturnType<typeof createAuthorizationServer<Profile>>

function clientCredentials(request: Request, body: URLSearchParams) {
  const header = request.headers.get("authorization") ?? ""
  if (/^basic\s/i.test(header)) {
    const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8")
    const colon = decoded.indexOf(":")
    // RFC 6749 2.3.1: both halves are form-urlencoded before they are joined.
    const formDecode = (text: string) => decodeURIComponent(text.replace(/\+/g, " "))
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) }
  }
  return {
    id: body.get("client_id") ?? undefined,
    secret: body.get("client_secret") ?? undefined,
  }
}
