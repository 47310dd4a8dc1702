import { describe, expect, test } from "vitest"
import { type ContractContext, unique, verificationTokenData } from "./context.js"
import { epochSeconds, expectNoStorageAttributes } from "./raw.js"

/** createVerificationToken and useVerificationToken. */
export function describeVerificationTokens(ctx: ContractContext): void {
  describe("verification tokens", () => {
    test("createVerificationToken stores the token under its identifier, outside the index", async () => {
      const token = verificationTokenData()
      expect(await ctx.adapter.createVerificationToken(token)).toEqual(token)
      const item = await ctx.raw.get(`VT#${token.identifier}`, `VT#${token.token}`)
      expect(item).toEqual({
        ...ctx.raw.key(`VT#${token.identifier}`, `VT#${token.token}`),
        type: "VT",
        identifier: token.identifier,
        token: token.token,
        expires: epochSeconds(token.expires),
      })
    })

    test("useVerificationToken returns the token once and deletes it", async () => {
      const token = verificationTokenData()
      await ctx.adapter.createVerificationToken(token)
      const used = await ctx.adapter.useVerificationToken(token)
      expect(used).toEqual(token)
      expect(used?.expires).toBeInstanceOf(Date)
      expectNoStorageAttributes(used, ctx.keys)
      expect(await ctx.adapter.useVerificationToken(token)).toBeNull()
      expect(await ctx.raw.get(`VT#${token.identifier}`, `VT#${token.token}`)).toBeUndefined()
    })

    test("useVerificationToken returns null for an unknown token", async () => {
      const missing = { identifier: `${unique("vt")}@example.com`, token: unique("token") }
      expect(await ctx.adapter.useVerificationToken(missing)).toBeNull()
    })

    test("useVerificationToken needs both the identifier and the token to match", async () => {
      const token = verificationTokenData()
      const sibling = verificationTokenData({ identifier: token.identifier })
      await ctx.adapter.createVerificationToken(token)
      await ctx.adapter.createVerificationToken(sibling)
      const { identifier } = token
      expect(
        await ctx.adapter.useVerificationToken({ identifier: "x", token: token.token }),
      ).toBeNull()
      expect(await ctx.adapter.useVerificationToken({ identifier, token: unique("t") })).toBeNull()
      expect(await ctx.adapter.useVerificationToken(token)).toEqual(token)
      expect(await ctx.adapter.useVerificationToken(sibling)).toEqual(sibling)
    })

    test("useVerificationToken still returns an expired token, for Auth.js to reject", async () => {
      const token = verificationTokenData({ expires: new Date("2020-01-01T00:00:00.000Z") })
      await ctx.adapter.createVerificationToken(token)
      expect(await ctx.adapter.useVerificationToken(token)).toEqual(token)
    })
  })
}
