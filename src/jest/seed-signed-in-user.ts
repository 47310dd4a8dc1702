import type { Adapter, AdapterSession, AdapterUser } from "@auth/core/adapters"
import { type SessionCookieOptions, sessionCookie } from "../adapter/index.js"
import { nextTestIdentity } from "./_test-identity.js"

/** Options of {@link seedSignedInUser}. */
export interface SeedSignedInUserOptions extends SessionCookieOptions {
  /** Fields of the user to fix (`email`, `name`, custom columns, …). @default a new test user */
  user?: Partial<AdapterUser> & { [field: string]: unknown }
  /** @default 30 days from now (Auth.js's session maxAge) */
  expires?: Date
  /** @default a UUID derived from the test, like the user's id */
  sessionToken?: string
}

/** A stored user with a stored database session, and the `Cookie` header that carries it. */
export interface SeededSignedInUser {
  user: AdapterUser
  session: AdapterSession
  /** e.g. "authjs.session-token=<sessionToken>": send as the `Cookie` request header. */
  cookie: string
}

/** The adapter methods {@link seedSignedInUser} writes through. */
export type SeedAdapter = Required<Pick<Adapter, "createUser" | "createSession">>

const sessionMaxAgeMs = 30 * 24 * 60 * 60 * 1000

/**
 * Writes a signed-in user through `adapter` (a user item and a session item, exactly as the
 * adapter lays them out) and returns them with the session cookie. Needs no faker, so it runs
 * in Jest's CommonJS runtime: ids, email and name are derived from the test's file and name,
 * the same on every run and different between tests.
 *
 * @example
 * const { DynamoDBAdapter } = require("authtable/adapter")
 * const { seedSignedInUser } = require("authtable/jest")
 * const { user, cookie } = await seedSignedInUser(DynamoDBAdapter(client))
 * const response = await fetch(url, { headers: { cookie } })
 */
export async function seedSignedInUser(
  adapter: SeedAdapter,
  options: SeedSignedInUserOptions = {},
): Promise<SeededSignedInUser> {
  if (typeof adapter?.createUser !== "function" || typeof adapter.createSession !== "function") {
    throw new TypeError(
      "[authtable] Could not seed a signed-in user: the first argument is not an adapter with createUser and createSession. Pass DynamoDBAdapter(client) from authtable/adapter, or your app's adapter.",
    )
  }
  const identity = nextTestIdentity()
  const user = await adapter.createUser({
    id: identity.id,
    name: identity.name,
    email: identity.email,
    emailVerified: null,
    ...options.user,
  } as AdapterUser)
  const session = await adapter.createSession({
    sessionToken: options.sessionToken ?? identity.sessionToken,
    userId: user.id,
    expires: options.expires ?? new Date(Math.floor((Date.now() + sessionMaxAgeMs) / 1000) * 1000),
  })
  return { user, session, cookie: sessionCookie(session.sessionToken, options) }
}
