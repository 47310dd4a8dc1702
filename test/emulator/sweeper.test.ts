import {
  type AttributeValue,
  DeleteTableCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb"
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest"
import { type AuthTable, startAuthTable, sweepExpiredItems } from "../../src/emulator/index.js"
import { createKeyOnlyTable } from "../_create-table.js"

// 2026-11-28T12:00:00Z: every rule is checked against this clock.
const now = Date.UTC(2026, 10, 28, 12)
const nowS = now / 1000

let table: AuthTable
beforeAll(async () => {
  table = await startAuthTable()
})
afterAll(() => table?.stop())
beforeEach(() => table.reset())

const put = (id: string, expires?: AttributeValue, extra: Record<string, AttributeValue> = {}) =>
  table.client.send(
    new PutItemCommand({
      TableName: table.tableName,
      Item: { pk: { S: id }, sk: { S: id }, ...(expires ? { expires } : {}), ...extra },
    }),
  )
const num = (seconds: number): AttributeValue => ({ N: String(seconds) })

async function remaining(tableName = table.tableName): Promise<string[]> {
  const { Items = [] } = await table.client.send(new ScanCommand({ TableName: tableName }))
  return Items.map((item) => item.pk?.S ?? "").sort()
}

describe("sweep", () => {
  test("deletes an item whose TTL attribute is a Number at or before now", async () => {
    await put("past", num(nowS - 60))
    await put("exactly-now", num(nowS))
    expect(await table.sweep({ now })).toMatchObject({ deleted: 2 })
    expect(await remaining()).toEqual([])
  })

  test("keeps an item that expires in the future", async () => {
    await put("future", num(nowS + 1))
    expect(await table.sweep({ now })).toMatchObject({ deleted: 0 })
    expect(await remaining()).toEqual(["future"])
  })

  test("compares fractional epoch seconds exactly", async () => {
    await put("just-gone", num(nowS + 0.2))
    await put("just-kept", num(nowS + 0.3))
    expect(await table.sweep({ now: now + 250 })).toMatchObject({ deleted: 1 })
    expect(await remaining()).toEqual(["just-kept"])
  })

  test("keeps an item whose TTL attribute is a String, even one that reads as a past time", async () => {
    await put("string-seconds", { S: String(nowS - 60) })
    await put("string-iso", { S: new Date(now - 60_000).toISOString() })
    expect(await table.sweep({ now })).toMatchObject({ deleted: 0 })
    expect(await remaining()).toEqual(["string-iso", "string-seconds"])
  })

  test("keeps an item without the TTL attribute", async () => {
    await put("no-expires")
    expect(await table.sweep({ now })).toMatchObject({ deleted: 0 })
    expect(await remaining()).toEqual(["no-expires"])
  })

  test("ignores values more than five years in the past", async () => {
    const fiveYearsAgo = Date.UTC(2021, 10, 28, 12) / 1000
    await put("older-than-five-years", num(fiveYearsAgo - 60))
    await put("just-under-five-years", num(fiveYearsAgo + 60))
    expect(await table.sweep({ now })).toMatchObject({ deleted: 1 })
    expect(await remaining()).toEqual(["older-than-five-years"])
  })

  test("accepts now as a Date", async () => {
    await put("past", num(nowS - 60))
    expect(await table.sweep({ now: new Date(now) })).toMatchObject({ deleted: 1 })
  })

  test("pages through a table larger than one Scan page", async () => {
    const padding = { S: "x".repeat(300_000) }
    for (const id of ["a", "b", "c", "d", "e"]) await put(id, num(nowS - 60), { padding })
    const firstPage = await table.client.send(new ScanCommand({ TableName: table.tableName }))
    expect(firstPage.LastEvaluatedKey).toBeDefined()
    expect(await table.sweep({ now })).toMatchObject({ deleted: 5 })
    expect(await remaining()).toEqual([])
  })

  test("reports every deleted item to onDelete and in items", async () => {
    await put("gone", num(nowS - 60), { type: { S: "SESSION" } })
    const reported: unknown[] = []
    const result = await table.sweep({ now, onDelete: (deleted) => void reported.push(deleted) })
    expect(result.items).toEqual([{ pk: "gone", sk: "gone", expires: nowS - 60, type: "SESSION" }])
    expect(reported).toEqual([
      {
        tableName: table.tableName,
        attributeName: "expires",
        key: { pk: "gone", sk: "gone" },
        item: result.items[0],
      },
    ])
  })

  test("removes a deleted item's index entries with it", async () => {
    const index = { GSI1PK: { S: "SESSION#t" }, GSI1SK: { S: "SESSION#t" } }
    await put("gone", num(nowS - 60), index)
    await put("kept", num(nowS + 60), { ...index, GSI1SK: { S: "SESSION#u" } })
    expect(await table.sweep({ now })).toMatchObject({ deleted: 1 })
    const { Items = [] } = await table.client.send(
      new ScanCommand({ TableName: table.tableName, IndexName: "GSI1" }),
    )
    expect(Items.map((item) => item.pk?.S)).toEqual(["kept"])
  })

  test("deletes what sweepExpiredItems over the endpoint would, in the same order", async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `item-${i}`)
    const write = async () => {
      for (const [i, id] of ids.entries()) await put(id, num(nowS + (i % 3) - 1))
    }
    await write()
    const inStore = await table.sweep({ now })
    await write()
    const overApi = await sweepExpiredItems(table.client, { now })
    expect(inStore.deleted).toBe(20)
    expect(inStore.items).toEqual(overApi.items)
  })

  test("sweeps every TTL-enabled table on the endpoint by its own attribute", async () => {
    await createKeyOnlyTable(table.client, "by-ttl")
    await createKeyOnlyTable(table.client, "without-ttl")
    try {
      await table.client.send(
        new UpdateTimeToLiveCommand({
          TableName: "by-ttl",
          TimeToLiveSpecification: { Enabled: true, AttributeName: "ttl" },
        }),
      )
      const item = (id: string) => ({
        pk: { S: id },
        sk: { S: id },
        ttl: num(nowS - 60),
        expires: num(nowS + 3600),
      })
      for (const TableName of ["by-ttl", "without-ttl", table.tableName]) {
        await table.client.send(new PutItemCommand({ TableName, Item: item(TableName) }))
      }
      expect(await table.sweep({ now })).toMatchObject({ deleted: 1 })
      expect(await remaining("by-ttl")).toEqual([])
      expect(await remaining("without-ttl")).toEqual(["without-ttl"])
      expect(await remaining()).toEqual([table.tableName])
    } finally {
      await table.client.send(new DeleteTableCommand({ TableName: "by-ttl" }))
      await table.client.send(new DeleteTableCommand({ TableName: "without-ttl" }))
    }
  })
})

describe("sweep and concurrent writers", () => {
  test("never deletes an item whose expiry changed after the scan read it", async () => {
    await put("first", num(nowS - 60))
    await put("second", num(nowS - 60))
    const extended = nowS + 3600
    // Both items are in the page the sweep read; after the first delete, extend the other one.
    const result = await sweepExpiredItems(table.client, {
      now,
      onDelete: async ({ key }) => {
        const other = key.pk === "first" ? "second" : "first"
        await put(other, num(extended))
      },
    })
    expect(result.deleted).toBe(1)
    const [survivor] = await remaining()
    const { Item } = await table.client.send(
      new GetItemCommand({
        TableName: table.tableName,
        Key: { pk: { S: survivor ?? "" }, sk: { S: survivor ?? "" } },
      }),
    )
    expect(Item?.expires).toEqual(num(extended))
  })

  test("loses no session extended while a sweep runs", async () => {
    const { adapter } = table
    const userId = "u1"
    await adapter.createUser({ id: userId, email: "a@example.com", emailVerified: null })
    const tokens = Array.from({ length: 40 }, (_, i) => `token-${i}`)
    for (const sessionToken of tokens) {
      await adapter.createSession({ sessionToken, userId, expires: new Date(now - 10_000) })
    }
    const future = new Date(now + 30 * 86_400_000)
    const sweeping = table.sweep({ now })
    const extensions = await Promise.all(
      tokens.map((sessionToken) => adapter.updateSession({ sessionToken, expires: future })),
    )
    const { deleted } = await sweeping
    const { Items = [] } = await table.client.send(new ScanCommand({ TableName: table.tableName }))
    const left = new Map(Items.map((item) => [item.sk?.S, item.expires?.N]))
    const extendedTokens = tokens.filter((_, i) => extensions[i] !== null)
    for (const token of extendedTokens) {
      expect(left.get(`SESSION#${token}`)).toBe(String(future.getTime() / 1000))
    }
    // Every session was either extended (and kept) or deleted while still expired.
    expect(extendedTokens.length + deleted).toBe(tokens.length)
  })
})

describe("ttlLagMs", () => {
  test("keeps an expired item until it has been expired for the lag", async () => {
    await using lagging = await startAuthTable({ ttlLagMs: 60_000 })
    await lagging.client.send(
      new PutItemCommand({
        TableName: lagging.tableName,
        Item: { pk: { S: "s" }, sk: { S: "s" }, expires: num(nowS - 30) },
      }),
    )
    expect(await lagging.sweep({ now })).toMatchObject({ deleted: 0 })
    expect(await lagging.sweep({ now: now + 30_000 })).toMatchObject({ deleted: 1 })
  })

  test("background sweeps keep the lag too: expired items stay readable until it has passed", async () => {
    let clock = now
    const swept: number[] = []
    let sweptOnce: () => void = () => {}
    await using lagging = await startAuthTable({
      ttlLagMs: 60_000,
      now: () => clock,
      sweepIntervalMs: 10,
      onSweep: (result, { background }) => {
        if (!background) return
        swept.push(result.deleted)
        sweptOnce()
      },
    })
    const nextSweep = () => new Promise<void>((resolve) => (sweptOnce = resolve))
    await lagging.client.send(
      new PutItemCommand({
        TableName: lagging.tableName,
        Item: { pk: { S: "s" }, sk: { S: "s" }, expires: num(nowS - 30) },
      }),
    )
    await nextSweep()
    await nextSweep()
    expect(swept.every((deleted) => deleted === 0)).toBe(true)
    const item = await lagging.client.send(
      new GetItemCommand({ TableName: lagging.tableName, Key: { pk: { S: "s" }, sk: { S: "s" } } }),
    )
    expect(item.Item).toBeDefined()
    clock = now + 30_000
    while (!swept.includes(1)) await nextSweep()
  })
})
