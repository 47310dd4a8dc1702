import { describe, expect, test } from "vitest"
import { type ContractContext, sessionData, unique } from "./context.js"
import { epochSeconds, expectNoStorageAttributes } from "./raw.js"

/** createSession, getSessionAndUser, updateSession and deleteSession. */
export function describeSessions(ctx: ContractContext): void {
  describe("sessions", () => {
    test("createSession stores expires as epoch seconds and indexes the token", async () => {
      const user = await ctx.createUser()
      const session = sessionData(user.id)
      expect(await ctx.adapter.createSession(session)).toEqual(session)
      const token = `SESSION#${session.sessionToken}`
      expect(await ctx.raw.get(`USER#${user.id}`, token)).toEqual({
        ...ctx.raw.keys(`USER#${user.id}`, token, token, token),
        type: "SESSION",
        userId: user.id,
        sessionToken: session.sessionToken,
        expires: epochSeconds(session.expires),
      })
    })

    test("getSessionAndUser returns the session and its user", async () => {
      const user = await ctx.createUser()
      const session = sessionData(user.id)
      await ctx.adapter.createSession(session)
      await ctx.adapter.createSession(sessionData(user.id))
      const found = await ctx.adapter.getSessionAndUser(session.sessionToken)
      expect(found).toEqual({ session, user })
      expect(found?.session.expires).toBeInstanceOf(Date)
      expectNoStorageAttributes(found?.session, ctx.keys)
      expectNoStorageAttributes(found?.user, ctx.keys)
    })

    test("getSessionAndUser returns null for an unknown token", async () => {
      expect(await ctx.adapter.getSessionAndUser(unique("session"))).toBeNull()
    })

    test("getSessionAndUser returns null when the session's user is gone", async () => {
      const session = sessionData(unique("deleted-user"))
      await ctx.adapter.createSession(session)
      expect(await ctx.adapter.getSessionAndUser(session.sessionToken)).toBeNull()
    })

    test("updateSession moves expires and returns the updated session", async () => {
      const user = await ctx.createUser()
      const session = sessionData(user.id)
      await ctx.adapter.createSession(session)
      const expires = new Date(session.expires.getTime() + 86_400_000)
      const updated = await ctx.adapter.updateSession({
        sessionToken: session.sessionToken,
        expires,
      })
      expect(updated).toEqual({ ...session, expires })
      expectNoStorageAttributes(updated, ctx.keys)
      const item = await ctx.raw.get(`USER#${user.id}`, `SESSION#${session.sessionToken}`)
      expect(item?.expires).toBe(epochSeconds(expires))
      expect((await ctx.adapter.getSessionAndUser(session.sessionToken))?.session).toEqual(updated)
    })

    test("updateSession keeps the session under its user", async () => {
      const user = await ctx.createUser()
      const session = sessionData(user.id)
      await ctx.adapter.createSession(session)
      await ctx.adapter.updateSession({ sessionToken: session.sessionToken, userId: "someone" })
      expect(await ctx.adapter.getSessionAndUser(session.sessionToken)).toEqual({ session, user })
    })

    test("updateSession returns null for an unknown token and creates nothing", async () => {
      const sessionToken = unique("session")
      const updated = await ctx.adapter.updateSession({ sessionToken, expires: new Date() })
      expect(updated).toBeNull()
      expect(await ctx.raw.byIndex(`SESSION#${sessionToken}`, `SESSION#${sessionToken}`)).toEqual(
        [],
      )
    })

    test("deleteSession deletes the session and returns it", async () => {
      const user = await ctx.createUser()
      const session = sessionData(user.id)
      const other = sessionData(user.id)
      await ctx.adapter.createSession(session)
      await ctx.adapter.createSession(other)
      const deleted = await ctx.adapter.deleteSession(session.sessionToken)
      expect(deleted).toEqual(session)
      expectNoStorageAttributes(deleted, ctx.keys)
      expect(
        await ctx.raw.get(`USER#${user.id}`, `SESSION#${session.sessionToken}`),
      ).toBeUndefined()
      expect(await ctx.adapter.getSessionAndUser(session.sessionToken)).toBeNull()
      expect(await ctx.adapter.getSessionAndUser(other.sessionToken)).toEqual({
        session: other,
        user,
      })
    })

    test("deleteSession returns null for an unknown token", async () => {
      await expect(
        Promise.resolve(ctx.adapter.deleteSession(unique("session"))),
      ).resolves.toBeNull()
    })
  })
}
