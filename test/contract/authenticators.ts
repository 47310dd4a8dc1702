import { describe, expect, test } from "vitest"
import { AuthTableError } from "../../src/adapter/index.js"
import {
  accountData,
  authenticatorData,
  type ContractContext,
  sessionData,
  unique,
} from "./context.js"
import { expectNoStorageAttributes } from "./raw.js"

/** The WebAuthn methods: createAuthenticator, getAuthenticator, listAuthenticatorsByUserId and
 * updateAuthenticatorCounter. */
export function describeAuthenticators(ctx: ContractContext): void {
  describe("authenticators", () => {
    test("createAuthenticator stores it under its user and indexes its credential ID", async () => {
      const user = await ctx.createUser()
      const authenticator = authenticatorData(user.id)
      expect(await ctx.adapter.createAuthenticator(authenticator)).toEqual(authenticator)
      const credential = `AUTHENTICATOR#${authenticator.credentialID}`
      expect(await ctx.raw.get(`USER#${user.id}`, credential)).toEqual({
        ...ctx.raw.keys(`USER#${user.id}`, credential, credential, credential),
        type: "AUTHENTICATOR",
        ...authenticator,
      })
    })

    test("getAuthenticator finds an authenticator by its credential ID", async () => {
      const user = await ctx.createUser()
      const authenticator = authenticatorData(user.id, { transports: null })
      await ctx.adapter.createAuthenticator(authenticatorData(user.id))
      await ctx.adapter.createAuthenticator(authenticator)
      const found = await ctx.adapter.getAuthenticator(authenticator.credentialID)
      expect(found).toEqual(authenticator)
      expectNoStorageAttributes(found, ctx.keys)
    })

    test("getAuthenticator returns null for an unknown credential ID", async () => {
      expect(await ctx.adapter.getAuthenticator(unique("credential"))).toBeNull()
    })

    test("listAuthenticatorsByUserId lists the user's authenticators and nothing else", async () => {
      const user = await ctx.createUser()
      const first = authenticatorData(user.id)
      const second = authenticatorData(user.id, { credentialBackedUp: false })
      await ctx.adapter.createAuthenticator(first)
      await ctx.adapter.createAuthenticator(second)
      await ctx.adapter.linkAccount(accountData(user.id))
      await ctx.adapter.createSession(sessionData(user.id))
      const other = await ctx.createUser()
      await ctx.adapter.createAuthenticator(authenticatorData(other.id))
      const listed = await ctx.adapter.listAuthenticatorsByUserId(user.id)
      const byId = (a: { credentialID: string }, b: { credentialID: string }) =>
        a.credentialID.localeCompare(b.credentialID)
      expect(listed.toSorted(byId)).toEqual([first, second].toSorted(byId))
      for (const authenticator of listed) expectNoStorageAttributes(authenticator, ctx.keys)
    })

    test("listAuthenticatorsByUserId returns an empty list for a user without any", async () => {
      const user = await ctx.createUser()
      expect(await ctx.adapter.listAuthenticatorsByUserId(user.id)).toEqual([])
    })

    test("updateAuthenticatorCounter stores the new counter and returns the authenticator", async () => {
      const user = await ctx.createUser()
      const authenticator = authenticatorData(user.id)
      await ctx.adapter.createAuthenticator(authenticator)
      const updated = await ctx.adapter.updateAuthenticatorCounter(authenticator.credentialID, 7)
      expect(updated).toEqual({ ...authenticator, counter: 7 })
      expectNoStorageAttributes(updated, ctx.keys)
      const credential = `AUTHENTICATOR#${authenticator.credentialID}`
      expect((await ctx.raw.get(`USER#${user.id}`, credential))?.counter).toBe(7)
      expect(await ctx.adapter.getAuthenticator(authenticator.credentialID)).toEqual(updated)
    })

    test("updateAuthenticatorCounter rejects with NOT_FOUND for an unknown credential", async () => {
      const credentialID = unique("credential")
      const error = await Promise.resolve(
        ctx.adapter.updateAuthenticatorCounter(credentialID, 1),
      ).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AuthTableError)
      expect((error as AuthTableError).code).toBe("NOT_FOUND")
      expect((error as Error).message).toContain(credentialID)
      const credential = `AUTHENTICATOR#${credentialID}`
      expect(await ctx.raw.byIndex(credential, credential)).toEqual([])
    })
  })
}
