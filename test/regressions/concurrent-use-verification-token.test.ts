import { describe, expect, test } from "vitest"
import { verificationTokenData } from "../contract/context.js"
import { useTarget } from "../contract/target.js"

describe("concurrent useVerificationToken", () => {
  const target = useTarget()

  test("two callers racing for one token: exactly one gets it", async () => {
    const { adapter } = target()
    const tokens = Array.from({ length: 50 }, () => verificationTokenData())
    await Promise.all(tokens.map((token) => adapter.createVerificationToken(token)))
    const races = await Promise.all(
      tokens.map((token) =>
        Promise.all([adapter.useVerificationToken(token), adapter.useVerificationToken(token)]),
      ),
    )
    races.forEach(([first, second], i) => {
      expect([first, second].filter((result) => result !== null)).toEqual([tokens[i]])
    })
  })
})
