import { describe, expect, test } from "vitest"
import { DynamoDBAdapter } from "../../src/adapter/index.js"
import { accountData, sessionData, unique, userData } from "../contract/context.js"
import { officialAdapter } from "../contract/official.js"
import { rawTable } from "../contract/raw.js"
import { useTarget } from "../contract/target.js"
import { throttledBatchWrites } from "../contract/throttled-client.js"

// @auth/dynamodb-adapter 2.11.3's deleteUser reads one page of the user's partition, sends one
// BatchWriteItem of the first 25 items and ignores UnprocessedItems.
describe("deleteUser removes every item of the user", () => {
  const target = useTarget()
  const raw = () => rawTable(target().client, target().keys)

  /** A user with 30 sessions and 30 accounts: 61 items in its partition. */
  async function userWith60Items(adapter = target().adapter) {
    const user = await adapter.createUser(userData())
    await Promise.all(
      Array.from({ length: 30 }, async () => {
        await adapter.createSession(sessionData(user.id))
        await adapter.linkAccount(accountData(user.id))
      }),
    )
    expect(await raw().partition(`USER#${user.id}`)).toHaveLength(61)
    return user
  }

  test("deletes all 61 items of a user with 60 sessions and accounts", async () => {
    const user = await userWith60Items()
    expect(await target().adapter.deleteUser(user.id)).toEqual(user)
    expect(await raw().partition(`USER#${user.id}`)).toEqual([])
  })

  test("the official adapter deletes 25 of them and leaves the rest", async () => {
    const user = await userWith60Items()
    await officialAdapter(target().client).deleteUser(user.id)
    expect(await raw().partition(`USER#${user.id}`)).toHaveLength(61 - 25)
  })

  test("pages through a partition larger than one 1 MB query page", async () => {
    const { adapter } = target()
    const user = await adapter.createUser(userData())
    const payload = "x".repeat(100_000)
    // 20 items of 100 KB: 2 MB, so the partition query comes back in at least two pages.
    for (let i = 0; i < 20; i++) {
      const token = `SESSION#${unique("big")}`
      await raw().put({
        ...raw().keys(`USER#${user.id}`, token, token, token),
        type: "SESSION",
        userId: user.id,
        sessionToken: token.slice("SESSION#".length),
        expires: Date.now() / 1000 + 3600,
        payload,
      })
    }
    const firstPage = await target().client.query({
      TableName: target().keys.tableName,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": target().keys.partitionKey },
      ExpressionAttributeValues: { ":pk": `USER#${user.id}` },
    })
    expect(firstPage.LastEvaluatedKey).toBeDefined()

    await adapter.deleteUser(user.id)
    expect(await raw().partition(`USER#${user.id}`)).toEqual([])
  })

  test("retries the items a throttled BatchWriteItem leaves unprocessed", async () => {
    const { client, log } = throttledBatchWrites(target().client, { perCall: 4 })
    const adapter = DynamoDBAdapter(client, target().keys)
    const user = await userWith60Items()
    expect(await adapter.deleteUser(user.id)).toEqual(user)
    expect(log.unprocessed).toBeGreaterThan(0)
    expect(await raw().partition(`USER#${user.id}`)).toEqual([])
  })

  test("the official adapter drops what a throttled BatchWriteItem leaves unprocessed", async () => {
    const { client } = throttledBatchWrites(target().client, { perCall: 4 })
    const user = await target().adapter.createUser(userData())
    for (let i = 0; i < 9; i++) await target().adapter.createSession(sessionData(user.id))
    await officialAdapter(client).deleteUser(user.id)
    expect(await raw().partition(`USER#${user.id}`)).toHaveLength(10 - 4)
  })
})
