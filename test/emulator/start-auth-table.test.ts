import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  PutItemCommand,
  ScanCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb"
import { afterEach, describe, expect, onTestFinished, test, vi } from "vitest"
import { resolveTableKeys } from "../../src/adapter/index.js"
import { InProcessHandler } from "../../src/emulator/engine/index.js"
import { authTableSchema } from "../../src/emulator/index.js"
import { AuthTableError, startAuthTable } from "../../src/index.js"
import { createTableAndWait } from "../_create-table.js"
import { customKeys } from "../_custom-keys.js"

const tcpHandles = () =>
  process.getActiveResourcesInfo().filter((name) => name.startsWith("TCP")).length

const putExpired = (table: Awaited<ReturnType<typeof startAuthTable>>, seconds: number) =>
  table.client.send(
    new PutItemCommand({
      TableName: table.tableName,
      Item: { pk: { S: "s" }, sk: { S: "s" }, expires: { N: String(seconds) } },
    }),
  )

describe("startAuthTable", () => {
  test("serves the next-auth table with GSI1 on an ephemeral loopback port", async () => {
    await using table = await startAuthTable()
    expect(table.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: "next-auth" }))
    expect(Table?.TableStatus).toBe("ACTIVE")
    expect(Table?.GlobalSecondaryIndexes?.[0]?.IndexName).toBe("GSI1")
    expect(table.env.AWS_ENDPOINT_URL_DYNAMODB).toBe(table.endpoint)
  })

  test("uses custom table, key and index names", async () => {
    await using table = await startAuthTable(customKeys)
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: "custom" }))
    expect(Table?.KeySchema?.map((key) => key.AttributeName)).toEqual(["PK", "SK"])
    const user = await table.adapter.createUser({
      id: "u1",
      email: "a@example.com",
      emailVerified: null,
    })
    expect(await table.adapter.getUserByEmail("a@example.com")).toEqual(user)
  })

  test("makes a new table and its TTL in the engine: no request goes through the client", async () => {
    const handle = vi.spyOn(InProcessHandler.prototype, "handle")
    onTestFinished(() => handle.mockRestore())
    await using table = await startAuthTable()
    expect(handle).not.toHaveBeenCalled()
    const { TimeToLiveDescription } = await table.client.send(
      new DescribeTimeToLiveCommand({ TableName: "next-auth" }),
    )
    expect(TimeToLiveDescription).toEqual({ TimeToLiveStatus: "ENABLED", AttributeName: "expires" })
    expect(handle).toHaveBeenCalledTimes(1)
  })

  test("a table name DynamoDB refuses fails as CreateTable fails through the SDK", async () => {
    const error = await startAuthTable({ tableName: "ab" }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: "ValidationException" })
    expect((error as Error).message).toBe(
      "TableName must be at least 3 characters long and at most 255 characters long",
    )
  })

  test("stop() is idempotent", async () => {
    const table = await startAuthTable()
    await table.stop()
    await expect(table.stop()).resolves.toBeUndefined()
  })

  test("stop() leaves no socket or server handle, even with another client's keep-alive connection", async () => {
    const before = tcpHandles()
    const table = await startAuthTable()
    await table.adapter.createUser({ id: "u1", email: "a@example.com", emailVerified: null })
    const other = new DynamoDBClient({
      endpoint: table.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
    })
    await other.send(new ListTablesCommand({}))
    expect(tcpHandles()).toBeGreaterThan(before)
    await table.stop()
    expect(tcpHandles()).toBe(before)
    other.destroy()
  })

  test("requests are answered while vi.useFakeTimers() holds the timers", async () => {
    await using table = await startAuthTable()
    vi.useFakeTimers() // setImmediate too: the store answers without waiting for one
    try {
      await table.adapter.createUser({ id: "u1", email: "a@example.com", emailVerified: null })
      for (let i = 0; i < 200; i++) await table.adapter.getUser("u1")
      expect(await table.adapter.getUser("u1")).toMatchObject({ email: "a@example.com" })
    } finally {
      vi.useRealTimers()
    }
  })

  test("a stopped table refuses sweep() and reset() with STOPPED", async () => {
    const table = await startAuthTable()
    await table.stop()
    await expect(table.reset()).rejects.toMatchObject({ code: "STOPPED" })
    await expect(table.sweep()).rejects.toMatchObject({ code: "STOPPED" })
  })
})

describe("reset()", () => {
  test("empties the table and its index, keeping schema and TTL", async () => {
    await using table = await startAuthTable()
    const before = await table.client.send(new DescribeTableCommand({ TableName: "next-auth" }))
    await table.adapter.createUser({ id: "u1", email: "a@example.com", emailVerified: null })
    await table.reset()
    const { Items } = await table.client.send(new ScanCommand({ TableName: "next-auth" }))
    expect(Items).toEqual([])
    expect(await table.adapter.getUserByEmail("a@example.com")).toBeNull()
    const after = await table.client.send(new DescribeTableCommand({ TableName: "next-auth" }))
    expect(after.Table?.KeySchema).toEqual(before.Table?.KeySchema)
    expect(after.Table?.GlobalSecondaryIndexes?.[0]?.IndexName).toBe("GSI1")
    const ttl = await table.client.send(new DescribeTimeToLiveCommand({ TableName: "next-auth" }))
    expect(ttl.TimeToLiveDescription).toEqual({
      TimeToLiveStatus: "ENABLED",
      AttributeName: "expires",
    })
    // The table works as before: the same user can be created again and found by email.
    await table.adapter.createUser({ id: "u1", email: "a@example.com", emailVerified: null })
    expect(await table.adapter.getUserByEmail("a@example.com")).toMatchObject({ id: "u1" })
  })

  test("keeps other tables, their items and TTL settings, and keeps working when most of the store is the table", async () => {
    await using table = await startAuthTable()
    const other = authTableSchema(resolveTableKeys({ tableName: "other" }))
    await createTableAndWait(table.client, other)
    await table.client.send(
      new UpdateTimeToLiveCommand({
        TableName: "other",
        TimeToLiveSpecification: { Enabled: true, AttributeName: "ttl" },
      }),
    )
    await table.client.send(
      new PutItemCommand({ TableName: "other", Item: { pk: { S: "o" }, sk: { S: "o" } } }),
    )
    // More items in the auth table than anything else: reset() takes its rebuilding path.
    for (let i = 0; i < 30; i++) {
      await table.adapter.createUser({
        id: `u${i}`,
        email: `u${i}@example.com`,
        emailVerified: null,
      })
    }
    await table.reset()
    const scan = (TableName: string) => table.client.send(new ScanCommand({ TableName }))
    expect((await scan("next-auth")).Items).toEqual([])
    expect((await scan("other")).Items).toEqual([{ pk: { S: "o" }, sk: { S: "o" } }])
    const ttl = (TableName: string) =>
      table.client.send(new DescribeTimeToLiveCommand({ TableName }))
    expect((await ttl("other")).TimeToLiveDescription?.AttributeName).toBe("ttl")
    expect((await ttl("next-auth")).TimeToLiveDescription?.AttributeName).toBe("expires")
    await table.adapter.createUser({ id: "u1", email: "u1@example.com", emailVerified: null })
    expect(await table.adapter.getUserByEmail("u1@example.com")).toMatchObject({ id: "u1" })
  })

  test("leaves no half-written item when writes are in flight", async () => {
    // On disk, where the store's clear() runs on a thread and writes can land between its steps.
    const dataDir = await mkdtemp(join(tmpdir(), "authtable-reset-"))
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }))
    await using table = await startAuthTable({ dataDir })
    const writer = async (w: number) => {
      for (let i = 0; i < 40; i++) {
        const id = `u${w}-${i}`
        await table.adapter.createUser({ id, email: `${id}@example.com`, emailVerified: null })
      }
    }
    const resets = async () => {
      for (let i = 0; i < 30; i++) await table.reset()
    }
    await Promise.all([resets(), writer(1), writer(2), writer(3), writer(4)])
    const scan = (IndexName?: string) =>
      table.client.send(new ScanCommand({ TableName: "next-auth", IndexName }))
    const items = (await scan()).Items ?? []
    const indexed = (await scan("GSI1")).Items ?? []
    // Every user that survived is in the index too, and the index holds nothing else.
    expect(indexed.map((item) => item.pk?.S).sort()).toEqual(items.map((item) => item.pk?.S).sort())
  })
})

describe("TTL clock and background sweeping", () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  test("sweep() without now reads the handle's clock", async () => {
    let clock = Date.UTC(2026, 0, 1)
    await using table = await startAuthTable({ now: () => clock })
    await putExpired(table, Date.UTC(2026, 0, 2) / 1000)
    expect(await table.sweep()).toMatchObject({ deleted: 0 })
    clock = Date.UTC(2026, 0, 3)
    expect(await table.sweep()).toMatchObject({ deleted: 1 })
  })

  test("the default clock follows vi.setSystemTime()", async () => {
    await using table = await startAuthTable()
    await putExpired(table, Date.UTC(2030, 0, 1) / 1000)
    expect(await table.sweep()).toMatchObject({ deleted: 0 })
    vi.setSystemTime(Date.UTC(2030, 0, 2))
    expect(await table.sweep()).toMatchObject({ deleted: 1 })
  })

  test("sweepIntervalMs sweeps in the background and reports to onSweepDelete", async () => {
    const deleted: unknown[] = []
    await using table = await startAuthTable({
      sweepIntervalMs: 10,
      onSweepDelete: ({ key }) => void deleted.push(key),
    })
    await putExpired(table, Date.now() / 1000 - 60)
    await vi.waitFor(() => expect(deleted).toEqual([{ pk: "s", sk: "s" }]), { timeout: 5000 })
  })

  test("under fake timers that include setInterval, sweeps run when the test advances time", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] })
    vi.setSystemTime(Date.UTC(2026, 0, 1))
    const deleted: unknown[] = []
    await using table = await startAuthTable({
      sweepIntervalMs: 60_000,
      onSweepDelete: ({ key }) => void deleted.push(key),
    })
    await putExpired(table, Date.UTC(2026, 0, 1, 0, 0, 30) / 1000)
    vi.advanceTimersByTime(60_000) // the clock is now 00:01:00: one sweep, the item is expired
    await vi.waitFor(() => expect(deleted).toHaveLength(1), { timeout: 5000, interval: 5 })
  })
})

describe("bad input", () => {
  test("names the port and the flag when the port is in use", async () => {
    await using first = await startAuthTable()
    const port = Number(new URL(first.endpoint).port)
    const error = await startAuthTable({ port }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthTableError)
    expect((error as AuthTableError).code).toBe("PORT_IN_USE")
    expect((error as Error).message).toContain(`port ${port} is in use`)
  })

  test("started under vi.useFakeTimers(), fails within seconds naming the fix, and leaves nothing open", async () => {
    const before = tcpHandles()
    vi.useFakeTimers()
    onTestFinished(() => {
      vi.useRealTimers()
    })
    await expect(startAuthTable()).rejects.toThrow(
      'did not become ACTIVE, because setTimeout is faked (vi.useFakeTimers() or jest.useFakeTimers() before the emulator started). Start it before faking timers (setupAuthTable() starts it in beforeAll), or fake only the clock: vi.useFakeTimers({ toFake: ["Date"] }).',
    )
    expect(tcpHandles()).toBe(before)
  })

  test("refuses a non-loopback host without exposeOnNetwork", async () => {
    await expect(startAuthTable({ host: "0.0.0.0" })).rejects.toThrow(
      /host "0\.0\.0\.0" is not loopback.*exposeOnNetwork: true/,
    )
  })

  test("refuses two key attributes with one name", async () => {
    await expect(startAuthTable({ partitionKey: "id", sortKey: "id" })).rejects.toThrow(TypeError)
  })

  test.each([
    [{ sweepIntervalMs: 0 }, /sweepIntervalMs must be false or a positive number/],
    [{ ttlLagMs: -1 }, /ttlLagMs must be a number of milliseconds >= 0/],
    [{ now: 5 as unknown as () => number }, /now must be a function/],
    [{ dataDir: "" }, /dataDir must be a non-empty path/],
    [{ port: 70000 }, /port must be an integer from 0 to 65535/],
  ])("refuses %o up front with a TypeError", async (options, message) => {
    const error = await startAuthTable(options).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toMatch(message)
  })

  test("refuses a sweep time that is not a Date or a number", async () => {
    await using table = await startAuthTable()
    await expect(table.sweep({ now: new Date("nope") })).rejects.toThrow(TypeError)
  })
})
