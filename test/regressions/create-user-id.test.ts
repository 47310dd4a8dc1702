import type { AdapterUser } from "@auth/core/adapters"
import { describe, expect, test } from "vitest"
import { userData } from "../contract/context.js"
import { officialAdapter } from "../contract/official.js"
import { useTarget } from "../contract/target.js"

// @auth/dynamodb-adapter 2.11.3 always replaces the id with a random UUID: Auth.js v5 passes an
// id and expects the user stored under it.
describe("createUser keeps a given id and makes one when there is none", () => {
  const target = useTarget()

  test("keeps the id Auth.js v5 passes", async () => {
    const data = userData()
    const user = await target().adapter.createUser(data)
    expect(user.id).toBe(data.id)
    expect(await target().adapter.getUser(data.id)).toEqual(data)
  })

  test("makes a distinct UUID for each user next-auth v4 creates without an id", async () => {
    const { adapter } = target()
    const { id: _id, ...first } = userData()
    const { id: _id2, ...second } = userData()
    const a = await adapter.createUser(first as AdapterUser)
    const b = await adapter.createUser(second as AdapterUser)
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(b.id).not.toBe(a.id)
    expect(await adapter.getUser(a.id)).toEqual(a)
  })

  test("the official adapter discards the given id", async () => {
    const data = userData()
    const user = await officialAdapter(target().client).createUser(data)
    expect(user.id).not.toBe(data.id)
    expect(await target().adapter.getUser(data.id)).toBeNull()
  })
})
