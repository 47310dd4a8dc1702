/**
 * ensureAuthTable against an endpoint whose tables take time to become ACTIVE, as DynamoDB's do:
 * plain dynalite with table delays, over HTTP. It must wait without hammering DescribeTable
 * (AWS throttles its control plane), and give up with an error that says why.
 */
import { CreateTableCommand, DeleteTableCommand } from "@aws-sdk/client-dynamodb"
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { afterEach, describe, expect, test } from "vitest"
import { resolveTableKeys } from "../../src/adapter/index.js"
import { authTableSchema, createLocalClient, ensureAuthTable } from "../../src/emulator/index.js"
import {
  type PlainDynalite,
  startPlainDynalite,
  type TableDelays,
} from "./engine/_plain-dynalite.js"

const keys = resolveTableKeys({})

let server: PlainDynalite | undefined
let client: DynamoDBDocument | undefined
afterEach(async () => {
  client?.destroy()
  await server?.stop()
  client = server = undefined
})

/** A plain dynalite with `delays` and a client that counts the DescribeTable calls it sends. */
async function open(delays: TableDelays) {
  server = await startPlainDynalite(delays)
  const local = createLocalClient(server.endpoint)
  client = local
  const sent: string[] = []
  local.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(context.commandName as string)
      return next(args)
    },
    { step: "initialize" },
  )
  return {
    client: local,
    sent: () => sent.length,
    describes: () => sent.filter((n) => n === "DescribeTableCommand").length,
  }
}

describe("ensureAuthTable on an endpoint with table delays", () => {
  test("waits for a table that takes 600 ms to become ACTIVE, with a handful of DescribeTable calls", async () => {
    const { client, describes } = await open({ createTableMs: 600 })
    const started = performance.now()
    await expect(ensureAuthTable(client, keys)).resolves.toBe(true)
    expect(performance.now() - started).toBeGreaterThanOrEqual(550)
    // Polling on every turn of the event loop sent hundreds in these 600 ms.
    expect(describes()).toBeGreaterThanOrEqual(2)
    expect(describes()).toBeLessThanOrEqual(12)
  })

  test("gives up on a table still CREATING after activeTimeoutMs, naming the option", async () => {
    const { client } = await open({ createTableMs: 3000 })
    await expect(ensureAuthTable(client, keys, { activeTimeoutMs: 300 })).rejects.toMatchObject({
      code: "TABLE_NOT_READY",
      message: expect.stringContaining(
        `Could not use table "next-auth": it is still CREATING after 0.3 s.`,
      ),
    })
    expect(
      String(await ensureAuthTable(client, keys, { activeTimeoutMs: 300 }).catch((e) => e)),
    ).toContain("pass a longer activeTimeoutMs")
  })

  test("refuses an activeTimeoutMs that is not above 0 before sending anything", async () => {
    const { client, sent } = await open({})
    for (const activeTimeoutMs of [0, -1, Number.NaN, "300" as unknown as number]) {
      await expect(ensureAuthTable(client, keys, { activeTimeoutMs })).rejects.toThrow(
        `[authtable] Could not ensure table "next-auth": activeTimeoutMs must be a number of milliseconds above 0, got ${activeTimeoutMs}.`,
      )
    }
    expect(sent()).toBe(0)
  })

  test("refuses a table being deleted instead of waiting for it", async () => {
    const { client } = await open({ deleteTableMs: 3000 })
    await client.send(new CreateTableCommand(authTableSchema(keys)))
    await expect(ensureAuthTable(client, keys)).resolves.toBe(false)
    await client.send(new DeleteTableCommand({ TableName: keys.tableName }))
    await expect(ensureAuthTable(client, keys)).rejects.toMatchObject({
      code: "TABLE_NOT_READY",
      message: expect.stringContaining(
        `Could not use table "next-auth": it is DELETING, not ACTIVE.`,
      ),
    })
  })
})
