// The tests of the bench's suites, as bench/suite/authtable/_tests.ts has them for authtable:
// keep the two in step (only how a test gets its client differs).
import { appendFileSync } from "node:fs"
import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
} from "@aws-sdk/client-dynamodb"
import { afterAll, expect, test } from "vitest"

const TableName = "next-auth"
// As its README shows: a client on MOCK_DYNAMODB_ENDPOINT, destroyed after the file.
const dynamoDB = new DynamoDBClient({
  endpoint: process.env.MOCK_DYNAMODB_ENDPOINT,
  region: "local",
})
afterAll(() => dynamoDB.destroy())
const client = async () => dynamoDB

/**
 * `count` tests, each from an empty table: writes a user and a session, then reads the session
 * through GSI1, the user by key and the user by email through GSI1.
 */
export function defineUserTests(count: number): void {
  for (let i = 0; i < count; i++) {
    test(`signs in user ${i}`, async () => {
      const db = await client()
      const id = `user-${i}`
      const email = `${id}@example.com`
      const token = `token-${i}`
      const expires = String(Math.floor(Date.now() / 1000) + 86_400)
      const empty = await db.send(new ScanCommand({ TableName, Select: "COUNT" }))
      expect(empty.Count).toBe(0)
      await db.send(
        new PutItemCommand({
          TableName,
          Item: {
            pk: { S: `USER#${id}` },
            sk: { S: `USER#${id}` },
            GSI1PK: { S: `USER#${email}` },
            GSI1SK: { S: `USER#${email}` },
            type: { S: "USER" },
            id: { S: id },
            email: { S: email },
          },
        }),
      )
      await db.send(
        new PutItemCommand({
          TableName,
          Item: {
            pk: { S: `USER#${id}` },
            sk: { S: `SESSION#${token}` },
            GSI1PK: { S: `SESSION#${token}` },
            GSI1SK: { S: `SESSION#${token}` },
            type: { S: "SESSION" },
            sessionToken: { S: token },
            userId: { S: id },
            expires: { N: expires },
          },
        }),
      )
      const byIndex = (key: string) =>
        new QueryCommand({
          TableName,
          IndexName: "GSI1",
          KeyConditionExpression: "GSI1PK = :pk AND GSI1SK = :sk",
          ExpressionAttributeValues: { ":pk": { S: key }, ":sk": { S: key } },
        })
      const session = await db.send(byIndex(`SESSION#${token}`))
      expect(session.Items?.[0]?.userId?.S).toBe(id)
      const user = await db.send(
        new GetItemCommand({
          TableName,
          Key: { pk: { S: `USER#${id}` }, sk: { S: `USER#${id}` } },
        }),
      )
      expect(user.Item?.email?.S).toBe(email)
      const byEmail = await db.send(byIndex(`USER#${email}`))
      expect(byEmail.Items?.[0]?.id?.S).toBe(id)
    })
  }
}

/** One test that records the time from the clock setup file to its first answered request. */
export function defineBootTest(): void {
  test("answers its first request", async () => {
    const db = await client()
    await db.send(
      new GetItemCommand({ TableName, Key: { pk: { S: "USER#1" }, sk: { S: "USER#1" } } }),
    )
    const { benchBootStart } = globalThis as { benchBootStart?: number }
    const ms = performance.now() - (benchBootStart ?? Number.NaN)
    const out = process.env.BENCH_BOOT_OUT
    if (out) appendFileSync(out, `${JSON.stringify({ ms })}\n`)
  })
}
