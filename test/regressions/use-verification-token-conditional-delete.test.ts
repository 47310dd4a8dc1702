import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { type AuthTable, startAuthTable } from "../../src/emulator/index.js"
import { verificationTokenData } from "../contract/context.js"

/**
 * useVerificationToken must not depend on the engine serialising two deletes of one item: an
 * unconditional `DeleteItem ReturnValues: ALL_OLD` handed the token to both racing callers on
 * one DynamoDB-compatible engine. A delete conditioned on the item existing has one winner on
 * every engine, because the condition and the delete are one atomic step.
 */
describe("useVerificationToken as one conditional delete", () => {
  let table: AuthTable
  const deletes: Record<string, unknown>[] = []
  beforeAll(async () => {
    table = await startAuthTable()
    // Records what the adapter sends; the request still goes to the emulator unchanged.
    table.client.middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === "DeleteItemCommand") deletes.push({ ...(args.input as object) })
        return next(args)
      },
      { step: "initialize", name: "recordDeletes" },
    )
  })
  afterAll(() => table?.stop())

  test("sends DeleteItem with ReturnValues ALL_OLD and attribute_exists on the partition key", async () => {
    const token = verificationTokenData()
    await table.adapter.createVerificationToken(token)
    deletes.length = 0
    expect(await table.adapter.useVerificationToken(token)).toEqual(token)
    expect(deletes).toHaveLength(1)
    const [input] = deletes as [
      {
        ReturnValues?: string
        ConditionExpression?: string
        ExpressionAttributeNames?: Record<string, string>
      },
    ]
    expect(input.ReturnValues).toBe("ALL_OLD")
    expect(input.ConditionExpression).toBe("attribute_exists(#key)")
    expect(input.ExpressionAttributeNames).toEqual({ "#key": "pk" })
  })

  test("20 concurrent calls for one token: exactly one gets it, the others get null", async () => {
    const token = verificationTokenData()
    await table.adapter.createVerificationToken(token)
    const results = await Promise.all(
      Array.from({ length: 20 }, () => table.adapter.useVerificationToken(token)),
    )
    expect(results.filter((result) => result !== null)).toEqual([token])
  })

  test("returns null for a token that was never created", async () => {
    expect(await table.adapter.useVerificationToken(verificationTokenData())).toBeNull()
  })
})
