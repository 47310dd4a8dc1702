import { describe, expect, test } from "vitest"
import { createLayout, resolveTableKeys } from "../../src/adapter/index.js"
import { seedSignedInUser } from "../../src/jest/index.js"
import { getAuthTable } from "../../src/vitest/index.js"

// Outside Jest (here, under vitest) there is no Jest test state: ids still differ per call.
describe("seedSignedInUser", () => {
  test("writes the user and session items the adapter's layout builds", async () => {
    const table = await getAuthTable()
    const { user, session, cookie } = await seedSignedInUser(table.adapter, {
      user: { email: "grace@example.com", name: "Grace" },
    })
    const layout = createLayout(resolveTableKeys())
    const { Items } = await table.client.scan({ TableName: table.tableName })
    expect(Items).toHaveLength(2)
    expect(Items).toContainEqual(layout.userItem(user))
    expect(Items).toContainEqual(layout.sessionItem(session))
    expect(cookie).toBe(`authjs.session-token=${session.sessionToken}`)
    expect(await table.adapter.getSessionAndUser(session.sessionToken)).toEqual({ user, session })
  })

  test("builds a test user with a UUID id and an example email unless fields are given", async () => {
    const table = await getAuthTable()
    const { user, session } = await seedSignedInUser(table.adapter)
    expect(user).toEqual({
      id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      email: expect.stringMatching(/^user-[0-9a-f]{10}@example\.com$/),
      name: expect.stringMatching(/^Test User [0-9a-f]{10}$/),
      emailVerified: null,
    })
    expect(session.userId).toBe(user.id)
    expect(session.expires.getMilliseconds()).toBe(0)
    const next = await seedSignedInUser(table.adapter)
    expect(next.user.id).not.toBe(user.id)
    expect(next.session.sessionToken).not.toBe(session.sessionToken)
  })

  test("keeps the given session token, expiry and cookie flavor", async () => {
    const table = await getAuthTable()
    const expires = new Date("2030-01-01T00:00:00Z")
    const { session, cookie } = await seedSignedInUser(table.adapter, {
      sessionToken: "token-1",
      expires,
      cookieName: "next-auth",
      secure: true,
    })
    expect(session).toMatchObject({ sessionToken: "token-1", expires })
    expect(cookie).toBe("__Secure-next-auth.session-token=token-1")
  })

  test("names the fix when given something that is not an adapter", async () => {
    await expect(seedSignedInUser({} as never)).rejects.toThrow(
      /^\[authtable\] Could not seed a signed-in user: .* Pass DynamoDBAdapter\(client\)/,
    )
  })
})
