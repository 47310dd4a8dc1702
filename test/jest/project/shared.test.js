const { seedSignedInUser } = require("authtable/jest")
const { adapter, client } = require("./_app-adapter.js")
const { record } = require("./_record.js")

afterAll(() => client.destroy())

test("a second file reaches the same emulator and derives other ids", async () => {
  const { user, session } = await seedSignedInUser(adapter)
  expect(await adapter.getSessionAndUser(session.sessionToken)).toEqual({ user, session })
  record("shared", {
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
    worker: process.env.JEST_WORKER_ID,
    userId: user.id,
  })
})
