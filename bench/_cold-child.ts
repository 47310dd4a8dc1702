/**
 * The child process of bench case "cold" (bench/cold.ts): in a fresh process, starts an
 * emulator and times the first 100 requests the adapter makes (20 rounds of createSession,
 * getSessionAndUser — a Query and a GetItem —, updateSession's UpdateItem and deleteSession's
 * DeleteItem, on `table.client`), then the same 100 requests again once the process is warm.
 * Prints one JSON line for the parent.
 */
import { startAuthTable } from "../src/index.js"

const rounds = 20
const table = await startAuthTable()
const { adapter } = table
await adapter.createUser({ id: "cold", email: "cold@example.com", emailVerified: null })
let count = 0

async function run(): Promise<number> {
  const start = performance.now()
  for (let i = 0; i < rounds; i++) {
    const sessionToken = `cold-${++count}`
    const expires = new Date(Date.now() + 86_400_000)
    await adapter.createSession({ sessionToken, userId: "cold", expires })
    await adapter.getSessionAndUser(sessionToken)
    await table.client.update({
      TableName: table.tableName,
      Key: { pk: "USER#cold", sk: `SESSION#${sessionToken}` },
      UpdateExpression: "SET #expires = :expires",
      ExpressionAttributeNames: { "#expires": "expires" },
      ExpressionAttributeValues: { ":expires": Math.floor(expires.getTime() / 1000) + 60 },
    })
    await table.client.delete({
      TableName: table.tableName,
      Key: { pk: "USER#cold", sk: `SESSION#${sessionToken}` },
    })
  }
  return performance.now() - start
}

const cold = await run()
for (let i = 0; i < 30; i++) await run()
const warm = await run()
await table.stop()
console.log(JSON.stringify({ cold, warm }))
