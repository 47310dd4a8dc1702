// The README's "Tests in 20 lines" example, run as it is printed there (imports pointed at src/).
import { afterAll, expect, test } from "vitest"
import { startAuthTable } from "../src/index.js"

const table = await startAuthTable({ seed: 1 })
afterAll(() => table.stop())

test("a signed-in user has a session", async () => {
  const { user, session, cookie } = await table.seed.signedIn()
  expect(cookie).toBe(`authjs.session-token=${session.sessionToken}`)
  expect(await table.adapter.getSessionAndUser(session.sessionToken)).toEqual({ user, session })
})
