import { describe, expect, test } from "vitest"
import { userData } from "../contract/context.js"
import { officialAdapter } from "../contract/official.js"
import { useTarget } from "../contract/target.js"

// @auth/dynamodb-adapter 2.11.3 builds its placeholders from the attribute names (`#a-b`),
// which DynamoDB rejects for any name that is not an identifier.
describe("updateUser accepts attribute names that are not identifiers", () => {
  const target = useTarget()
  const fields = { "a-b": "dash", "x.y": "dot", "with space": "space", ü: "umlaut" }

  test("sets attributes named a-b, x.y, 'with space' and ü", async () => {
    const { adapter } = target()
    const user = await adapter.createUser(userData())
    expect(await adapter.updateUser({ id: user.id, ...fields })).toEqual({ ...user, ...fields })
    expect(await adapter.getUser(user.id)).toEqual({ ...user, ...fields })
  })

  test("the official adapter rejects an attribute named a-b", async () => {
    const official = officialAdapter(target().client)
    const user = await official.createUser(userData())
    await expect(official.updateUser({ id: user.id, ...{ "a-b": 1 } })).rejects.toThrow(
      /ExpressionAttributeNames contains invalid key/,
    )
  })
})
