// The tests of the bench's suites. bench/vitest-dynamodb-lite/_tests.ts has the same tests for
// vitest-dynamodb-lite (the same requests, ../_sign-in.ts): keep their assertions in step.
import { appendFileSync } from "node:fs"
import { createRequire } from "node:module"
import * as sdk from "@aws-sdk/client-dynamodb"
import { expect, test } from "vitest"
import { type Sender, signIn } from "../_sign-in.js"

// Imported when a test first asks: the SDK-floor files use these tests without authtable.
const authtableClient = async (): Promise<Sender> =>
  (await (await import("authtable/vitest")).getAuthTable()).client as unknown as Sender

/**
 * `count` tests, each from an empty table: writes a user and a session, then reads the session
 * through GSI1, the user by key and the user by email through GSI1 (../_sign-in.ts).
 */
export function defineUserTests(count: number, client = authtableClient): void {
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

/**
 * Whether dynalite's memory-level is loaded: the engine never loads it (it keeps its store in its
 * own), unless dynalite was loaded before it started, which is not what users run.
 */
function memoryLevelLoaded(): boolean {
  const require = createRequire(import.meta.url)
  const memoryLevel = createRequire(require.resolve("dynalite")).resolve("memory-level")
  return require.cache[memoryLevel] !== undefined
}

/**
 * One test that records the time from the clock setup file to its first answered request, and
 * checks that the emulator runs on its own store.
 */
export function defineBootTest(): void {
  test("answers its first request", async () => {
    const db = await authtableClient()
    await db.send(
      new sdk.GetItemCommand({
        TableName: "next-auth",
        Key: { pk: { S: "USER#1" }, sk: { S: "USER#1" } },
      }),
    )
    const { benchBootStart } = globalThis as { benchBootStart?: number }
    const ms = performance.now() - (benchBootStart ?? Number.NaN)
    expect(memoryLevelLoaded(), "dynalite was loaded before the emulator started").toBe(false)
    const out = process.env.BENCH_BOOT_OUT
    if (out) appendFileSync(out, `${JSON.stringify({ ms })}\n`)
  })
}
