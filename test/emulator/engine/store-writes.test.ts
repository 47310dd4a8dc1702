import { mkdtemp, rm } from "node:fs/promises"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { AdapterUser } from "@auth/core/adapters"
import { type AttributeValue, ScanCommand } from "@aws-sdk/client-dynamodb"
import { NumberValue } from "@aws-sdk/lib-dynamodb"
import { marshall } from "@aws-sdk/util-dynamodb"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { createLayout, resolveTableKeys } from "../../../src/adapter/index.js"
import { marshallOptions } from "../../../src/emulator/client.js"
import { type AuthTable, startAuthTable } from "../../../src/emulator/index.js"
import { type Seeder, seedTable } from "../../../src/fixtures/index.js"

// table.seed writes straight into the emulator's store; seedTable(client) goes through
// BatchWriteItem. Both must leave the same items and index entries.
const now = () => Date.parse("2026-06-01T00:00:00Z")
let viaStore: AuthTable
let viaRequests: AuthTable

beforeAll(async () => {
  viaStore = await startAuthTable({ seed: 11, now })
  viaRequests = await startAuthTable({ seed: 11, now })
})
afterAll(async () => {
  await viaStore?.stop()
  await viaRequests?.stop()
})

/**
 * `users` written through BatchWriteItem, 25 (one request) and then the rest: seedTable sends
 * its chunks 8 at a time, and of two requests in flight at once either may write a key last
 * (on DynamoDB too), where table.seed's later item always wins.
 */
async function writeViaRequests(users: AdapterUser[]) {
  const viaSeeder = seedTable(viaRequests.client, viaRequests.keys, { seed: 11, now })
  await viaSeeder.write({ users: users.slice(0, 25) })
  await viaSeeder.write({ users: users.slice(25) })
}

const scanAll = async (table: AuthTable) => {
  const { Items = [] } = await table.client.scan({ TableName: table.tableName })
  return Items.sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`))
}

describe("table.seed's store writes", () => {
  test("leave the same items as BatchWriteItem, numbers normalised alike", async () => {
    const options = { users: 40, accountsPerUser: 1, sessionsPerUser: 2, expiredShare: 0.25 }
    await viaStore.seed.graph(options)
    await seedTable(viaRequests.client, viaRequests.keys, { seed: 11, now }).graph(options)
    const stored = await scanAll(viaStore)
    expect(stored).toHaveLength(160)
    expect(stored).toEqual(await scanAll(viaRequests))
    expect(
      stored.some((item) => typeof item.expires === "number" && !Number.isInteger(item.expires)),
    ).toBe(false)
  })

  test("index the items so GSI1 reads find them", async () => {
    const { user, session } = await viaStore.seed.signedIn()
    expect(await viaStore.adapter.getUserByEmail(user.email)).toEqual(user)
    expect(await viaStore.adapter.getSessionAndUser(session.sessionToken)).toEqual({
      session,
      user,
    })
  })

  test("move the index entry of an item they replace", async () => {
    const user = await viaStore.seed.user({ email: "before@example.com" })
    await viaStore.seed.write({ users: [{ ...user, email: "after@example.com" }] })
    expect(await viaStore.adapter.getUserByEmail("before@example.com")).toBeNull()
    expect(await viaStore.adapter.getUserByEmail("after@example.com")).toMatchObject({
      id: user.id,
    })
  })

  test("reject an item DynamoDB would reject, naming the table", async () => {
    const user = viaStore.seed.fixtures.user({ name: "x".repeat(410 * 1024) })
    await expect(viaStore.seed.write({ users: [user] })).rejects.toThrow(
      /Could not write items to "next-auth": Item size has exceeded/,
    )
    expect(await viaStore.adapter.getUser(user.id)).toBeNull()
  })
})

// Custom attributes of every shape seeding may meet: the plain ones take the store's fast path,
// the rest (sets, binaries, NumberValue, class instances) go through marshall and dynalite's own
// checks. Either way the store must hold what BatchWriteItem leaves.
const odd = {
  score: 1.5,
  negativeZero: -0,
  thousand: 1e3,
  tiny: 1e-7,
  sum: 0.1 + 0.2,
  largest: Number.MAX_SAFE_INTEGER,
  negative: -42,
  blank: "",
  quoted: 'say "hi"\n\t\\ \u0001 \u007f ✓ 😀 \ud800 \u2028',
  7: "an index-like name, first in JSON",
  "naïve ✓": 'a name to escape? no: only " and \\ are',
  'say "x"': "a name that needs escaping",
  flags: [true, false, null, "", 0, undefined, [], {}],
  nested: { a: { b: [1, { c: "d", e: undefined }], f: null }, g: "" },
  bare: Object.assign(Object.create(null), { x: 1 }),
}
const unusual = {
  tags: new Set(["a", "b"]),
  counts: new Set([1, 2.5]),
  bytes: new Uint8Array([1, 2, 3]),
  price: NumberValue.from("1.50"),
  signedZero: NumberValue.from("-0"),
  exponent: NumberValue.from("1e3"),
  when: { at: new Date(0) },
  none: [new Set()],
}

/**
 * Every item of the table as stored (DynamoDB JSON), and every entry of its index, in the store's
 * order: a scan walks the store's keys in order, so two tables holding the same items under the
 * same keys list them alike.
 */
const rawContents = async (table: AuthTable) => {
  const scan = async (IndexName?: string): Promise<Record<string, AttributeValue>[]> =>
    (await table.client.send(new ScanCommand({ TableName: table.tableName, IndexName }))).Items ??
    []
  return { items: await scan(), index: await scan(table.keys.indexName) }
}

describe("table.seed's store writes of custom attributes", () => {
  test("store plain values as BatchWriteItem does, numbers normalised alike", async () => {
    await viaStore.reset()
    await viaRequests.reset()
    const users = [
      viaStore.seed.fixtures.user(odd),
      viaStore.seed.fixtures.user({ email: "" }),
      // Keys in UTF-8 beyond ASCII, and with a lone surrogate (left to dynalite's own key code).
      viaStore.seed.fixtures.user({ id: "jürgen-😀", email: "jürgen😀@example.com" }),
      viaStore.seed.fixtures.user({ id: "lone-\ud800", email: "lone\udc00@example.com" }),
    ]
    await viaStore.seed.write({ users })
    await writeViaRequests(users)
    const stored = await rawContents(viaStore)
    // Attribute order too: the store must hold the very JSON text BatchWriteItem leaves.
    expect(JSON.stringify(stored)).toBe(JSON.stringify(await rawContents(viaRequests)))
    const user = stored.items.find((item) => item.score)
    expect(user).toMatchObject({
      score: { N: "1.5" },
      negativeZero: { N: "0" },
      tiny: { N: "0.0000001" },
    })
    expect(user).toMatchObject({ blank: { NULL: true }, bare: { M: { x: { N: "1" } } } })
    expect(stored.index).toHaveLength(3)
  })

  test("store sets, binaries, NumberValues and class instances as BatchWriteItem does", async () => {
    await viaStore.reset()
    await viaRequests.reset()
    const users = [viaStore.seed.fixtures.user({ ...odd, ...unusual })]
    await viaStore.seed.write({ users })
    await writeViaRequests(users)
    const stored = await rawContents(viaStore)
    // Attribute order too: the store must hold the very JSON text BatchWriteItem leaves.
    expect(JSON.stringify(stored)).toBe(JSON.stringify(await rawContents(viaRequests)))
    expect(stored.items[0]).toMatchObject({
      price: { N: "1.5" },
      exponent: { N: "1000" },
      tags: { SS: ["a", "b"] },
      when: { M: { at: { M: {} } } },
    })
  })

  test.each([
    ["NaN", { score: Number.NaN }, /Special numeric value NaN is not allowed/],
    ["an unsafe integer", { score: 2 ** 60 }, /greater than Number.MAX_SAFE_INTEGER/],
    ["a number out of range", { score: NumberValue.from("1e200") }, /Number overflow/],
    [
      "an invalid number",
      { score: NumberValue.from("1.2.3") },
      /cannot be converted to a numeric value: 1.2.3/,
    ],
    [
      "a wrong index key type",
      { email: undefined, GSI1PK: 5 },
      /Type mismatch for Index Key GSI1PK Expected: S Actual: N/,
    ],
  ])("reject %s with dynalite's reason, writing nothing", async (_, fields, reason) => {
    await viaStore.reset()
    const good = viaStore.seed.fixtures.users(30)
    const bad = { ...viaStore.seed.fixtures.user(), ...fields } as AdapterUser
    await expect(viaStore.seed.write({ users: [...good, bad] })).rejects.toThrow(
      /^\[authtable\] Could not write items to "next-auth": /,
    )
    await expect(viaStore.seed.write({ users: [...good, bad] })).rejects.toThrow(reason)
    expect(await rawContents(viaStore)).toEqual({ items: [], index: [] })
  })
})

describe("table.seed's store writes of items that exist", () => {
  test("move the index entry of an item written twice in a row after a reset", async () => {
    await viaStore.reset()
    const user = viaStore.seed.fixtures.user({ email: "first@example.com" })
    await viaStore.seed.write({ users: [user] })
    await viaStore.seed.write({ users: [{ ...user, email: "second@example.com" }] })
    const { index } = await rawContents(viaStore)
    expect(index.map((entry) => entry.GSI1PK?.S)).toEqual(["USER#second@example.com"])
  })

  test("move the index entry of an item a request wrote since the last seed", async () => {
    await viaStore.reset()
    await viaStore.seed.write({ users: [viaStore.seed.fixtures.user({ email: "a@example.com" })] })
    const user = viaStore.seed.fixtures.user({ email: "by-request@example.com" })
    await viaStore.adapter.createUser(user)
    await viaStore.seed.write({ users: [{ ...user, email: "reseeded@example.com" }] })
    const { index } = await rawContents(viaStore)
    expect(index.map((entry) => entry.GSI1PK?.S).sort()).toEqual([
      "USER#a@example.com",
      "USER#reseeded@example.com",
    ])
  })

  test("keep the later of two items with one key, as two BatchWriteItem requests would", async () => {
    await viaStore.reset()
    await viaRequests.reset()
    const users = viaStore.seed.fixtures.users(40)
    const first = users[0] as AdapterUser
    users.push({ ...first, email: "later@example.com", name: "Later" })
    await viaStore.seed.write({ users })
    await writeViaRequests(users)
    const stored = await rawContents(viaStore)
    expect(stored.items).toHaveLength(40)
    // Attribute order too: the store must hold the very JSON text BatchWriteItem leaves.
    expect(JSON.stringify(stored)).toBe(JSON.stringify(await rawContents(viaRequests)))
    expect(await viaStore.adapter.getUserByEmail("later@example.com")).toMatchObject({
      name: "Later",
    })
  })

  test("reject two items with one key in 25, as BatchWriteItem does", async () => {
    await viaStore.reset()
    const [user] = viaStore.seed.fixtures.users(1) as [AdapterUser]
    await expect(viaStore.seed.write({ users: [user, { ...user, name: "Twin" }] })).rejects.toThrow(
      /Could not write items to "next-auth": Provided list of item keys contains duplicates\./,
    )
  })
})

describe("table.seed's store writes at the item size limit", () => {
  // dynalite's own measure of an item, to build items of an exact size.
  const { itemSize } = createRequire(import.meta.url)("dynalite/db") as {
    itemSize(item: Record<string, unknown>): number
  }
  const layout = createLayout(resolveTableKeys({}))
  const sized = (bytes: number) => {
    const user = viaStore.seed.fixtures.user({ ...odd, padding: "x" })
    const measured = itemSize(marshall(layout.userItem(user), marshallOptions))
    return { ...user, padding: "x".repeat(bytes - measured + 1) }
  }

  test.each([
    [409_600, "accept"],
    [409_601, "reject"],
  ])(
    "treat an item of %i bytes (dynalite's count) as BatchWriteItem does: %s",
    async (bytes, outcome) => {
      await viaStore.reset()
      await viaRequests.reset()
      const users = [sized(bytes)]
      const [viaSeed, viaBatch] = await Promise.allSettled([
        viaStore.seed.write({ users }),
        seedTable(viaRequests.client, viaRequests.keys, { seed: 11, now }).write({ users }),
      ])
      if (outcome === "accept") {
        expect([viaSeed.status, viaBatch.status]).toEqual(["fulfilled", "fulfilled"])
        expect((await rawContents(viaStore)).items).toHaveLength(1)
      } else {
        const limit = "Item size has exceeded the maximum allowed size"
        expect(viaBatch).toMatchObject({ reason: { message: limit } })
        expect(viaSeed).toMatchObject({
          reason: { message: `[authtable] Could not write items to "next-auth": ${limit}.` },
        })
      }
    },
  )
})

describe("table.seed's store writes on disk", () => {
  // dynalite's own LevelDB (classic-level), to read a stopped emulator's dataDir entry by entry.
  const { ClassicLevel } = createRequire(createRequire(import.meta.url).resolve("dynalite"))(
    "classic-level",
  ) as {
    ClassicLevel: new (
      path: string,
      options: { keyEncoding: "utf8"; valueEncoding: "buffer" },
    ) => {
      iterator(options: { gte: string; lt: string }): { all(): Promise<[string, Buffer][]> }
      close(): Promise<void>
    }
  }
  /** Every item and index entry of the store in `dir`, key and value bytes. */
  const entries = async (dir: string) => {
    const db = new ClassicLevel(dir, { keyEncoding: "utf8", valueEncoding: "buffer" })
    try {
      const read = (prefix: string) => db.iterator({ gte: prefix, lt: `${prefix}\xff` }).all()
      const all = [...(await read("index-")), ...(await read("item-"))]
      return all.map(([key, value]) => `${key} ${value.toString("hex")}`)
    } finally {
      await db.close()
    }
  }
  let root: string | undefined
  afterAll(() => (root ? rm(root, { recursive: true, force: true }) : undefined))

  test("leave the very keys and bytes BatchWriteItem leaves, index entries included", async () => {
    root = await mkdtemp(join(tmpdir(), "authtable-store-writes-"))
    const [storeDir, requestsDir] = [join(root, "store"), join(root, "requests")]
    const options = { users: 120, accountsPerUser: 2, sessionsPerUser: 2, expiredShare: 0.3 }
    // Key values (GSI1PK is USER#<email>) of 1-, 2- and 3-byte characters, and with surrogates.
    const emails = [
      "zoë.ß✓\u07ff\u0800\uffff@example.com",
      "😀@example.com",
      "lone\ud800@example.com",
    ]
    const oddUsers = (seeder: Seeder) => [
      seeder.fixtures.user(odd),
      ...emails.map((email) => seeder.fixtures.user({ email })),
    ]
    {
      await using table = await startAuthTable({ seed: 5, now, dataDir: storeDir })
      await table.seed.graph(options)
      await table.seed.write({ users: oddUsers(table.seed) })
    }
    {
      await using table = await startAuthTable({ seed: 5, now, dataDir: requestsDir })
      const seeder = seedTable(table.client, table.keys, { seed: 5, now })
      await seeder.graph(options)
      await seeder.write({ users: oddUsers(seeder) })
    }
    const stored = await entries(storeDir)
    // Per user: the user, 2 accounts, 2 sessions, each with its GSI1 entry; and four odd users.
    expect(stored).toHaveLength(120 * 5 * 2 + 4 * 2)
    expect(stored).toEqual(await entries(requestsDir))
  })
})
