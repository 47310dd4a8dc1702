import { describe, expect, test } from "vitest"
import { userData } from "../contract/context.js"
import { officialAdapter } from "../contract/official.js"
import { useTarget } from "../contract/target.js"

// @auth/dynamodb-adapter 2.11.3 puts every property into the UpdateExpression, `undefined` ones
// too; the client drops the undefined value and DynamoDB rejects the expression.
describe("updateUser skips undefined values", () => {
  const target = useTarget()

  test("leaves the attributes given as undefined as they were", async () => {
    const { adapter } = target()
    const user = await adapter.createUser(userData())
    const updated = await adapter.updateUser({ id: user.id, name: undefined, image: undefined })
    expect(updated).toEqual(user)
    expect(await adapter.updateUser({ id: user.id, name: "Set", image: undefined })).toEqual({
      ...user,
      name: "Set",
    })
  })

  test("the official adapter rejects the update", async () => {
    const official = officialAdapter(target().client)
    const user = await official.createUser(userData())
    await expect(official.updateUser({ id: user.id, name: undefined })).rejects.toThrow(
      /expression attribute value used in expression is not defined/,
    )
  })
})
