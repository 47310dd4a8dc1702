import { mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb"
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest"
import { isTorn } from "../../../src/emulator/engine/data-dir.js"
import { AuthTableError, startAuthTable } from "../../../src/index.js"

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "authtable-data-dir-"))
})
afterEach(() => rm(root, { recursive: true, force: true }))

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected startAuthTable() to fail")
    },
    (error: unknown) => error as AuthTableError,
  )

describe("dataDir", () => {
  test("ignores itself in git: a new data dir holds a .gitignore of *", async () => {
    const dataDir = join(root, "fresh", ".authtable")
    const table = await startAuthTable({ dataDir })
    await table.stop()
    expect(await readFile(join(dataDir, ".gitignore"), "utf8")).toBe(
      "# authtable's local DynamoDB store\n*\n",
    )
  })

  test("keeps data and TTL settings across a restart", async () => {
    const dataDir = join(root, "store")
    const first = await startAuthTable({ dataDir })
    await first.adapter.createUser({ id: "u1", email: "a@example.com", emailVerified: null })
    await first.client.send(
      new CreateTableCommand({
        TableName: "jobs",
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      }),
    )
    await first.client.send(
      new UpdateTimeToLiveCommand({
        TableName: "jobs",
        TimeToLiveSpecification: { Enabled: true, AttributeName: "ttl" },
      }),
    )
    await first.stop()

    await using second = await startAuthTable({ dataDir })
    expect(await second.adapter.getUserByEmail("a@example.com")).toMatchObject({ id: "u1" })
    const ttl = async (TableName: string) =>
      (await second.client.send(new DescribeTimeToLiveCommand({ TableName }))).TimeToLiveDescription
    expect(await ttl("jobs")).toEqual({ TimeToLiveStatus: "ENABLED", AttributeName: "ttl" })
    expect(await ttl("next-auth")).toEqual({
      TimeToLiveStatus: "ENABLED",
      AttributeName: "expires",
    })
  })

  test("creates a missing directory, and accepts an empty one", async () => {
    await using created = await startAuthTable({ dataDir: join(root, "a", "b") })
    await mkdir(join(root, "empty"))
    await using empty = await startAuthTable({ dataDir: join(root, "empty") })
    expect(created.endpoint).not.toBe(empty.endpoint)
  })

  test("refuses a regular file", async () => {
    const file = join(root, "file.txt")
    await writeFile(file, "hello")
    const error = await failure(startAuthTable({ dataDir: file }))
    expect(error).toBeInstanceOf(AuthTableError)
    expect(error.code).toBe("DATA_DIR")
    expect(error.message).toContain("it is a file, not a directory")
    expect(error.message).toContain("Pass a new or empty directory")
  })

  test("refuses a directory that holds other files but no LevelDB store", async () => {
    await writeFile(join(root, "notes.md"), "mine")
    const error = await failure(startAuthTable({ dataDir: root }))
    expect(error.code).toBe("DATA_DIR")
    expect(error.message).toContain("holds other files (notes.md) and no LevelDB store")
  })

  test("refuses a path that cannot be created", async () => {
    await writeFile(join(root, "file"), "")
    const error = await failure(startAuthTable({ dataDir: join(root, "file", "store") }))
    expect(error.code).toBe("DATA_DIR")
    expect(error.message).toMatch(/it cannot be created \(ENOTDIR\)\. Pass a path you can write to/)
  })

  test.skipIf(process.getuid?.() === 0)("refuses a directory that is not writable", async () => {
    const { chmod } = await import("node:fs/promises")
    await chmod(root, 0o500)
    try {
      const error = await failure(startAuthTable({ dataDir: root }))
      expect(error.message).toMatch(/it is not writable \(EACCES\)\. Make it writable/)
    } finally {
      await chmod(root, 0o700)
    }
  })

  test("refuses a store another emulator holds open, naming the fix", async () => {
    await using _holder = await startAuthTable({ dataDir: root })
    const error = await failure(startAuthTable({ dataDir: root }))
    expect(error.code).toBe("DATA_DIR")
    expect(error.message).toContain("another process holds its lock")
    expect(error.message).toContain("pass another dataDir")
  })

  test("refuses an existing table whose keys differ from the options", async () => {
    const first = await startAuthTable({ dataDir: root })
    await first.stop()
    const error = await failure(
      startAuthTable({ dataDir: root, partitionKey: "PK", sortKey: "SK" }),
    )
    expect(error.code).toBe("INVALID_OPTIONS")
    expect(error.message).toContain("Pass the key options that match the table")
  })
})

describe("a damaged store", () => {
  /** A store holding `count` items, written and closed, with its files listed. */
  async function storeWith(count: number) {
    const dataDir = join(root, "store")
    const table = await startAuthTable({ dataDir })
    const items = Array.from({ length: count }, (_, i) => ({
      pk: `p${i}`,
      sk: "s",
      v: "x".repeat(200),
    }))
    for (const Item of items) await table.client.put({ TableName: table.tableName, Item })
    await table.stop()
    return { dataDir, files: await readdir(dataDir) }
  }

  test("a truncated table file fails to start with an error naming the data dir and the fix", async () => {
    const { dataDir } = await storeWith(3000)
    // Opening again compacts the log into a table file.
    await (await startAuthTable({ dataDir })).stop()
    const files = await readdir(dataDir)
    const tableFile = files.find((name) => name.endsWith(".ldb"))
    expect(tableFile).toBeDefined()
    const path = join(dataDir, tableFile as string)
    await truncate(path, Math.floor((await stat(path)).size / 2))
    const error = await failure(startAuthTable({ dataDir }))
    expect(error).toBeInstanceOf(AuthTableError)
    expect(error.code).toBe("DATA_DIR")
    expect(error.message).toContain(
      `Could not read the store in dataDir "${dataDir}": it is damaged`,
    )
    expect(error.message).toContain("move the directory aside")
  })

  test("a write-ahead log with a torn last record is reported, and what came before is kept", async () => {
    const { dataDir, files } = await storeWith(20)
    const log = files.find((name) => name.endsWith(".log")) as string
    const path = join(dataDir, log)
    await truncate(path, (await stat(path)).size - 30)
    const warnings: unknown[] = []
    const spy = vi.spyOn(console, "warn").mockImplementation((line) => void warnings.push(line))
    try {
      await using table = await startAuthTable({ dataDir })
      const { Count } = await table.client.scan({ TableName: table.tableName, Select: "COUNT" })
      expect(Count).toBe(19)
    } finally {
      spy.mockRestore()
    }
    expect(warnings).toEqual([expect.stringContaining(`ends in a torn record`)])
  })

  test("a log that ends cleanly is not reported", () => {
    const record = Buffer.alloc(7 + 5)
    record.writeUInt16LE(5, 4)
    record[6] = 1 // FULL
    expect(isTorn(record)).toBe(false)
    expect(isTorn(record.subarray(0, 10))).toBe(true)
    expect(isTorn(Buffer.concat([record, Buffer.alloc(20)]))).toBe(false)
  })
})
