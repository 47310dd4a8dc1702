import { describe, expect, test } from "vitest"
import { accountData, type ContractContext, unique } from "./context.js"
import { expectNoStorageAttributes } from "./raw.js"

/** linkAccount, getAccount, getUserByAccount and unlinkAccount. */
export function describeAccounts(ctx: ContractContext): void {
  describe("accounts", () => {
    test("linkAccount stores the account under its user and indexes it by provider", async () => {
      const user = await ctx.createUser()
      const account = accountData(user.id)
      expect(await ctx.adapter.linkAccount(account)).toEqual(account)
      const { provider, providerAccountId } = account
      const item = await ctx.raw.get(`USER#${user.id}`, `ACCOUNT#${provider}#${providerAccountId}`)
      expect(item).toEqual({
        ...ctx.raw.keys(
          `USER#${user.id}`,
          `ACCOUNT#${provider}#${providerAccountId}`,
          `ACCOUNT#${provider}`,
          `ACCOUNT#${providerAccountId}`,
        ),
        ...account,
        id: expect.any(String),
      })
      expect(item?.type).toBe("oauth") // the account's own type, not an entity marker
    })

    test("getAccount finds an account by (providerAccountId, provider)", async () => {
      const user = await ctx.createUser()
      const account = accountData(user.id, { type: "oidc", provider: "google" })
      await ctx.adapter.linkAccount(accountData(user.id)) // the same user on another provider
      await ctx.adapter.linkAccount(account)
      const found = await ctx.adapter.getAccount(account.providerAccountId, "google")
      expect(found).toEqual({ ...account, id: expect.any(String) })
      expectNoStorageAttributes(found, ctx.keys)
    })

    test("getAccount returns null for an unknown account or swapped arguments", async () => {
      const user = await ctx.createUser()
      const account = accountData(user.id)
      await ctx.adapter.linkAccount(account)
      expect(await ctx.adapter.getAccount(unique("gh"), "github")).toBeNull()
      expect(await ctx.adapter.getAccount(account.providerAccountId, "gitlab")).toBeNull()
      expect(await ctx.adapter.getAccount("github", account.providerAccountId)).toBeNull()
    })

    test("getUserByAccount returns the account's user", async () => {
      const user = await ctx.createUser()
      await ctx.createUser()
      const account = accountData(user.id)
      await ctx.adapter.linkAccount(account)
      const found = await ctx.adapter.getUserByAccount(account)
      expect(found).toEqual(user)
      expectNoStorageAttributes(found, ctx.keys)
    })

    test("getUserByAccount returns null for an unknown account", async () => {
      const found = await ctx.adapter.getUserByAccount({
        provider: "github",
        providerAccountId: unique("gh"),
      })
      expect(found).toBeNull()
    })

    test("getUserByAccount returns null when the account's user is gone", async () => {
      const account = accountData(unique("deleted-user"))
      await ctx.adapter.linkAccount(account)
      expect(await ctx.adapter.getUserByAccount(account)).toBeNull()
    })

    test("unlinkAccount deletes the account and returns it", async () => {
      const user = await ctx.createUser()
      const account = accountData(user.id)
      await ctx.adapter.linkAccount(account)
      const unlinked = await ctx.adapter.unlinkAccount(account)
      expect(unlinked).toEqual({ ...account, id: expect.any(String) })
      expectNoStorageAttributes(unlinked, ctx.keys)
      const { provider, providerAccountId } = account
      expect(
        await ctx.raw.get(`USER#${user.id}`, `ACCOUNT#${provider}#${providerAccountId}`),
      ).toBeUndefined()
      expect(await ctx.adapter.getUserByAccount(account)).toBeNull()
      expect(await ctx.adapter.getUser(user.id)).toEqual(user)
    })

    test("unlinkAccount resolves to undefined for an unknown account", async () => {
      const missing = { provider: "github", providerAccountId: unique("gh") }
      await expect(Promise.resolve(ctx.adapter.unlinkAccount(missing))).resolves.toBeUndefined()
    })
  })
}
