import { describe, expect, test } from "vitest"
import {
  accountData,
  authenticatorData,
  type ContractContext,
  sessionData,
  unique,
  verificationTokenData,
} from "./context.js"
import { expectNoStorageAttributes } from "./raw.js"

/** deleteUser: the user and everything stored under it. */
export function describeDeleteUser(ctx: ContractContext): void {
  describe("deleteUser", () => {
    test("deletes the user with its accounts, sessions and authenticators and returns it", async () => {
      const user = await ctx.createUser()
      const account = accountData(user.id)
      const session = sessionData(user.id)
      const authenticator = authenticatorData(user.id)
      await ctx.adapter.linkAccount(account)
      await ctx.adapter.createSession(session)
      await ctx.adapter.createAuthenticator(authenticator)

      const deleted = await ctx.adapter.deleteUser(user.id)
      expect(deleted).toEqual(user)
      expectNoStorageAttributes(deleted, ctx.keys)
      expect(await ctx.raw.partition(`USER#${user.id}`)).toEqual([])
      expect(await ctx.adapter.getUser(user.id)).toBeNull()
      expect(await ctx.adapter.getUserByEmail(user.email)).toBeNull()
      expect(await ctx.adapter.getUserByAccount(account)).toBeNull()
      expect(await ctx.adapter.getSessionAndUser(session.sessionToken)).toBeNull()
      expect(await ctx.adapter.getAuthenticator(authenticator.credentialID)).toBeNull()
    })

    test("leaves other users and verification tokens alone", async () => {
      const user = await ctx.createUser()
      const other = await ctx.createUser()
      const otherSession = sessionData(other.id)
      await ctx.adapter.createSession(sessionData(user.id))
      await ctx.adapter.createSession(otherSession)
      const token = verificationTokenData({ identifier: user.email })
      await ctx.adapter.createVerificationToken(token)

      await ctx.adapter.deleteUser(user.id)
      expect(await ctx.adapter.getSessionAndUser(otherSession.sessionToken)).toEqual({
        session: otherSession,
        user: other,
      })
      expect(await ctx.raw.get(`VT#${token.identifier}`, `VT#${token.token}`)).toBeDefined()
    })

    test("returns null for an unknown id", async () => {
      await expect(Promise.resolve(ctx.adapter.deleteUser(unique("nobody")))).resolves.toBeNull()
    })

    test("removes sessions left behind by a user that is already gone, returning null", async () => {
      const userId = unique("deleted-user")
      await ctx.adapter.createSession(sessionData(userId))
      expect(await ctx.adapter.deleteUser(userId)).toBeNull()
      expect(await ctx.raw.partition(`USER#${userId}`)).toEqual([])
    })
  })
}
