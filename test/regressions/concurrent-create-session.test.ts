import { describe, expect, test } from "vitest"
import { sessionData, userData } from "../contract/context.js"
import { rawTable } from "../contract/raw.js"
import { useTarget } from "../contract/target.js"

describe("concurrent createSession", () => {
  const target = useTarget()

  test("200 sessions created at once are all found by getSessionAndUser", async () => {
    const { adapter } = target()
    const user = await adapter.createUser(userData())
    const sessions = Array.from({ length: 200 }, () => sessionData(user.id))
    await Promise.all(sessions.map((session) => adapter.createSession(session)))
    const found = await Promise.all(
      sessions.map((session) => adapter.getSessionAndUser(session.sessionToken)),
    )
    expect(found).toEqual(sessions.map((session) => ({ session, user })))

    await adapter.deleteUser(user.id)
    expect(await rawTable(target().client, target().keys).partition(`USER#${user.id}`)).toEqual([])
  })
})
