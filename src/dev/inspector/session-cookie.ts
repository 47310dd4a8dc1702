/**
 * The session cookies "Sign in as" can set: Auth.js (next-auth v5) and next-auth v4 names, and
 * their `__Secure-` variants (what both use on https; browsers accept them from http://localhost).
 */
export const sessionCookieNames = [
  "authjs.session-token",
  "next-auth.session-token",
  "__Secure-authjs.session-token",
  "__Secure-next-auth.session-token",
] as const

export type SessionCookieName = (typeof sessionCookieNames)[number]

/** A validated cookie name and the `Set-Cookie` header that gives a browser the session. */
export function sessionCookie(name: unknown = sessionCookieNames[0]): {
  name: SessionCookieName
  header(sessionToken: string, expires: Date): string
} {
  const known = sessionCookieNames.find((candidate) => candidate === name)
  if (!known) {
    throw new TypeError(`Send "cookie" as one of ${sessionCookieNames.join(", ")}.`)
  }
  return {
    name: known,
    // Path=/ and no Domain: the cookie goes to this host name on every port, so the app on
    // http://localhost:3000 gets what the console on http://localhost:8000 set.
    header: (sessionToken, expires) =>
      `${known}=${sessionToken}; Path=/; Expires=${expires.toUTCString()}; HttpOnly; SameSite=Lax` +
      (known.startsWith("__Secure-") ? "; Secure" : ""),
  }
}
