import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { type AuthTable, startAuthTable } from "../../src/emulator/index.js"
import { seedTable } from "../../src/fixtures/index.js"

// table.seed writes straight into the emulator's store; seedTable(client) goes through
// BatchWriteItem. Both must leave the same items and index entries.
const now = () => Date.parse("2026-06-01T00:00:00Z")
let viaStore: AuthTable
let viaRequests: AuthTable

beforeAll(async () => {
  viaStore = await startAuthTable({ seed: 11, now })
  viaRequests = await startAuthTable({ seed: 11, now })
})
afterAll(async () => {
  await viaStore?.stop()
  await viaRequests?.stop()
})

const scanAll = async (table: AuthTable) => {
  const { Items = [] } = await table.client.scan({ TableName: table.tableName })
  return Items.sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`))
}

describe("table.seed's store writes", () => {
  test("leave the same items as BatchWriteItem, numbers normalised alike", async () => {
    const options = { users: 40, accountsPerUser: 1, sessionsPerUser: 2, expiredShare: 0.25 }
    await viaStore.seed.graph(options)
    await seedTable(viaRequests.client, viaRequests.keys, { seed: 11, now }).graph(options)
    const stored = await scanAll(viaStore)
    expect(stored).toHaveLength(160)
    expect(stored).toEqual(await scanAll(viaRequests))
    expect(
      stored.some((item) => typeof item.expires === "number" && !Number.isInteger(item.expires)),
    ).toBe(false)
  })

  test("index the items so GSI1 reads find them", async () => {
    const { user, session } = await viaStore.seed.signedIn()
    expect(await viaStore.adapter.getUserByEmail(user.email)).toEqual(user)
    expect(await viaStore.adapter.getSessionAndUser(session.sessionToken)).toEqual({
      session,
      user,
    })
  })

  test("move the index entry of an item they replace", async () => {
    const user = await viaStore.seed.user({ email: "before@example.com" })
    await viaStore.seed.write({ users: [{ ...user, email: "after@example.com" }] })
    expect(await viaStore.adapter.getUserByEmail("before@example.com")).toBeNull()
    expect(await viaStore.adapter.getUserByEmail("after@example.com")).toMatchObject({
      id: user.id,
    })
  })

  test("reject an item DynamoDB would reject, naming the table", async () => {
    const user = viaStore.seed.fixtures.user({ name: "x".repeat(410 * 1024) })
    await expect(viaStore.seed.write({ users: [user] })).rejects.toThrow(
      /Could not write items to "next-auth": Item size has exceeded/,
    )
    expect(await viaStore.adapter.getUser(user.id)).toBeNull()
  })
})
