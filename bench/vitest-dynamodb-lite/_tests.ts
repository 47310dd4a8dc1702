// The tests of the bench's suites, as bench/suite/authtable/_tests.ts has them for authtable (the
// same requests, ../suite/_sign-in.ts, sent with this folder's SDK): keep their assertions in step.
import { appendFileSync } from "node:fs"
import * as sdk from "@aws-sdk/client-dynamodb"
import { afterAll, expect, test } from "vitest"
import { signIn } from "../suite/_sign-in.js"

const TableName = "next-auth"
// As its README shows: a client on MOCK_DYNAMODB_ENDPOINT, destroyed after the file.
const dynamoDB = new sdk.DynamoDBClient({
  endpoint: process.env.MOCK_DYNAMODB_ENDPOINT,
  region: "local",
})
afterAll(() => dynamoDB.destroy())
const client = async () => dynamoDB

/**
 * `count` tests, each from an empty table: writes a user and a session, then reads the session
 * through GSI1, the user by key and the user by email through GSI1 (../suite/_sign-in.ts).
 */
export function defineUserTests(count: number): void {
  for (let i = 0; i < count; i++) {
    test(`signs in user ${i}`, async () => {
      const { id, email, empty, session, user, byEmail } = await signIn(await client(), i, sdk)
      expect(empty.Count).toBe(0)
      expect(session.Items?.[0]?.userId?.S).toBe(id)
      expect(user.Item?.email?.S).toBe(email)
      expect(byEmail.Items?.[0]?.id?.S).toBe(id)
    })
  }
}

/** One test that records the time from the clock setup file to its first answered request. */
export function defineBootTest(): void {
  test("answers its first request", async () => {
    const db = await client()
    await db.send(
      new sdk.GetItemCommand({ TableName, Key: { pk: { S: "USER#1" }, sk: { S: "USER#1" } } }),
    )
    const { benchBootStart } = globalThis as { benchBootStart?: number }
    const ms = performance.now() - (benchBootStart ?? Number.NaN)
    const out = process.env.BENCH_BOOT_OUT
    if (out) appendFileSync(out, `${JSON.stringify({ ms })}\n`)
  })
}
