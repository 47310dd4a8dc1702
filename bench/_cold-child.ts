/**
 * The child process of bench case "cold" (bench/cold.ts): in a fresh process, times the first
 * 100 requests the adapter makes (20 rounds of createSession, getSessionAndUser — a Query and a
 * GetItem —, updateSession's UpdateItem and deleteSession's DeleteItem), then the same 100
 * requests again once the process is warm. Prints one JSON line for the parent.
 *
 * On `table.client` against a started emulator; or, with `--canned <file>` (responses the parent
 * recorded from the emulator), on the same client config answered from memory: the SDK's and the
 * adapter's own warm-up, with no emulator in the process.
 */
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { CannedHandler, loadRecordings } from "./_canned-handler.js"
import { loadAdapter, loadEmulator, loadRoot } from "./_package.js"

const { DynamoDBAdapter } = await loadAdapter()
const { createLocalClient } = await loadEmulator()
const { startAuthTable } = await loadRoot()

const rounds = 20
const canned = process.argv.indexOf("--canned")
const { client, adapter, tableName, stop } =
  canned === -1 ? await emulated() : cannedFrom(process.argv[canned + 1] as string)

async function emulated() {
  const table = await startAuthTable()
  return { ...table, tableName: table.tableName, client: table.client, stop: () => table.stop() }
}

function cannedFrom(file: string) {
  const client: DynamoDBDocument = createLocalClient("http://127.0.0.1:1", {
    requestHandler: new CannedHandler(loadRecordings(file)),
    lean: true,
  })
  return { client, adapter: DynamoDBAdapter(client), tableName: "next-auth", stop: async () => {} }
}

await adapter.createUser?.({ id: "cold", email: "cold@example.com", emailVerified: null })
let count = 0

async function run(): Promise<number> {
  const start = performance.now()
  for (let i = 0; i < rounds; i++) {
    const sessionToken = `cold-${++count}`
    const expires = new Date(Date.now() + 86_400_000)
    await adapter.createSession?.({ sessionToken, userId: "cold", expires })
    await adapter.getSessionAndUser?.(sessionToken)
    await client.update({
      TableName: tableName,
      Key: { pk: "USER#cold", sk: `SESSION#${sessionToken}` },
      UpdateExpression: "SET #expires = :expires",
      ExpressionAttributeNames: { "#expires": "expires" },
      ExpressionAttributeValues: { ":expires": Math.floor(expires.getTime() / 1000) + 60 },
    })
    await client.delete({
      TableName: tableName,
      Key: { pk: "USER#cold", sk: `SESSION#${sessionToken}` },
    })
  }
  return performance.now() - start
}

const cold = await run()
for (let i = 0; i < 30; i++) await run()
const warm = await run()
await stop()
console.log(JSON.stringify({ cold, warm }))
