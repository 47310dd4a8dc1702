import { describe, expect, test } from "vitest"
import { AuthTableError } from "../../src/adapter/index.js"
import { unique } from "../contract/context.js"
import { officialAdapter } from "../contract/official.js"
import { rawTable } from "../contract/raw.js"
import { useTarget } from "../contract/target.js"

// @auth/dynamodb-adapter 2.11.3's updateUser is an unconditional UpdateItem: for an unknown id
// it creates a half user item (no type, no index keys) and returns it as if it existed.
describe("updateUser never creates an item for an unknown id", () => {
  const target = useTarget()
  const raw = () => rawTable(target().client, target().keys)

  test("rejects with AuthTableError NOT_FOUND and writes nothing", async () => {
    const id = unique("nobody")
    const error = await Promise.resolve(target().adapter.updateUser({ id, name: "Ghost" })).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(AuthTableError)
    expect(error).toMatchObject({ code: "NOT_FOUND", name: "AuthTableError" })
    expect((error as Error).message).toContain(id)
    expect(await raw().get(`USER#${id}`, `USER#${id}`)).toBeUndefined()
  })

  test("the official adapter creates a stray item", async () => {
    const id = unique("nobody")
    await officialAdapter(target().client).updateUser({ id, name: "Ghost" })
    expect(await raw().get(`USER#${id}`, `USER#${id}`)).toMatchObject({ id, name: "Ghost" })
  })
})
