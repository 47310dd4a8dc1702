const { AuthTableError } = require("authtable/adapter")
const { seedSignedInUser } = require("authtable/jest")
const { adapter, client } = require("./_app-adapter.js")
const { record } = require("./_record.js")

afterAll(() => client.destroy())

test("getSessionAndUser returns the seeded user for the seeded session", async () => {
  const { user, session, cookie } = await seedSignedInUser(adapter)
  const found = await adapter.getSessionAndUser(session.sessionToken)
  expect(found).toEqual({ user, session })
  expect(cookie).toBe(`authjs.session-token=${session.sessionToken}`)
  expect(session.expires.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 60 * 60 * 1000)
  record("signed-in", {
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
    worker: process.env.JEST_WORKER_ID,
    userId: user.id,
  })
})

test("writes the user and session items as the adapter lays them out", async () => {
  const { user, session } = await seedSignedInUser(adapter, {
    user: { email: "ada@example.com", name: "Ada" },
  })
  const { Items } = await client.query({
    TableName: "next-auth",
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": `USER#${user.id}` },
  })
  expect(Items).toEqual([
    {
      pk: `USER#${user.id}`,
      sk: `SESSION#${session.sessionToken}`,
      GSI1PK: `SESSION#${session.sessionToken}`,
      GSI1SK: `SESSION#${session.sessionToken}`,
      type: "SESSION",
      userId: user.id,
      sessionToken: session.sessionToken,
      expires: session.expires.getTime() / 1000,
    },
    {
      pk: `USER#${user.id}`,
      sk: `USER#${user.id}`,
      GSI1PK: "USER#ada@example.com",
      GSI1SK: "USER#ada@example.com",
      type: "USER",
      id: user.id,
      email: "ada@example.com",
      name: "Ada",
      emailVerified: null,
    },
  ])
  expect(await adapter.getUserByEmail("ada@example.com")).toEqual(user)
})

test("derives the same ids again for the same test, and new ones for each further user", async () => {
  const first = await seedSignedInUser(adapter)
  const second = await seedSignedInUser(adapter)
  expect(second.user.id).not.toBe(first.user.id)
  let again
  jest.isolateModules(() => {
    again = require("authtable/jest").seedSignedInUser(adapter)
  })
  expect((await again).user).toEqual(first.user)
  expect(first.user.id).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  )
})

test("uses next-auth v4's cookie name when asked", async () => {
  const { cookie, session } = await seedSignedInUser(adapter, { cookieName: "next-auth" })
  expect(cookie).toBe(`next-auth.session-token=${session.sessionToken}`)
})

test("throws AuthTableError from the CommonJS adapter for a missing table", async () => {
  const { DynamoDBAdapter } = require("authtable/adapter")
  const missing = DynamoDBAdapter(client, { tableName: "missing" })
  await expect(missing.getUser("nobody")).rejects.toBeInstanceOf(AuthTableError)
  await expect(missing.getUser("nobody")).rejects.toMatchObject({ code: "TABLE_NOT_FOUND" })
})
