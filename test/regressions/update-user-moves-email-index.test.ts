import { describe, expect, test } from "vitest"
import { unique, userData } from "../contract/context.js"
import { officialAdapter } from "../contract/official.js"
import { useTarget } from "../contract/target.js"

// @auth/dynamodb-adapter 2.11.3's updateUser sets `email` but leaves GSI1PK/GSI1SK on the old
// address: the user is found by its old email and not by its new one.
describe("updateUser moves the email index when the email changes", () => {
  const target = useTarget()

  test("the user is found by its new email and not by its old one", async () => {
    const { adapter } = target()
    const user = await adapter.createUser(userData())
    const email = `${unique("new")}@example.com`
    await adapter.updateUser({ id: user.id, email })
    expect(await adapter.getUserByEmail(email)).toEqual({ ...user, email })
    expect(await adapter.getUserByEmail(user.email)).toBeNull()
  })

  test("the official adapter still finds the user by its old email only", async () => {
    const official = officialAdapter(target().client)
    const user = await official.createUser(userData())
    const email = `${unique("new")}@example.com`
    await official.updateUser({ id: user.id, email })
    expect(await official.getUserByEmail(email)).toBeNull()
    expect(await official.getUserByEmail(user.email)).toMatchObject({ id: user.id, email })

    // Ours repairs the index on its next update of the user.
    const ours = target().adapter
    await ours.updateUser({ id: user.id, email })
    expect(await ours.getUserByEmail(email)).toMatchObject({ id: user.id })
    expect(await ours.getUserByEmail(user.email)).toBeNull()
  })
})
