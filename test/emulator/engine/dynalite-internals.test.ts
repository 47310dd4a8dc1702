/**
 * The parts of dynalite the engine relies on beyond its HTTP API. An upgrade that moves any of
 * them fails here, in one place, instead of somewhere in the emulator.
 */
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { describe, expect, test } from "vitest"

const require = createRequire(import.meta.url)
const engineRequire = createRequire(require.resolve("../../../src/emulator/engine/_dynalite.ts"))

/** dynalite/db exports each of `names` as a function (the engine calls them). */
function expectDbFunctions(names: string[]) {
  const db = engineRequire("dynalite/db") as Record<string, unknown>
  for (const name of names) expect(typeof db[name], name).toBe("function")
}

describe("dynalite internals the engine uses", () => {
  test("is dynalite 4", () => {
    const { version } = engineRequire("dynalite/package.json") as { version: string }
    expect(version).toMatch(/^4\./)
  })

  test("db exports the store factory and the key and index helpers bulk writes call", () => {
    expectDbFunctions(["create", "createKey", "getIndexActions", "validateItem", "validationError"])
  })

  test("tables read ranges through the main store's createValueStream and createKeyStream, as lazy streams", async () => {
    // The engine replaces those two on the main store (_range-streams.ts): its sub-stores must
    // look them up at each read, and Query/Scan must consume them through `lazy`.
    const { create } = engineRequire("dynalite/db") as {
      create: (o: object) => { db: object; getItemDb(name: string): object }
    }
    const store = create({})
    const read: string[] = []
    const main = store.db as Record<string, unknown>
    main.createValueStream = () => read.push("values")
    main.createKeyStream = () => read.push("keys")
    const items = store.getItemDb("t") as Record<string, (o?: object) => unknown>
    items.createValueStream?.({})
    expect(read).toEqual(["values"])
    const source = readFileSync(engineRequire.resolve("dynalite/db"), "utf8")
    expect(source).toContain("mainDb.createKeyStream(options)")
    expect(source).toContain("vals = lazyStream(indexDb.createValueStream(opts), cb)")
    expect(source).toContain(
      "if (stream.destroy) streamAsLazy.on('pipe', stream.destroy.bind(stream))",
    )
  })

  test("Query and Scan read through db.queryTable, looked up on the module at each call", () => {
    // The engine replaces db.queryTable with its port (_query-table.ts).
    for (const action of ["query", "scan"]) {
      const source = readFileSync(engineRequire.resolve(`dynalite/actions/${action}`), "utf8")
      expect(source, action).toContain(
        "db.queryTable(store, table, data, opts, isLocal, fetchFromItemDb, startKeyNames, cb)",
      )
    }
    expectDbFunctions(["queryTable", "itemSize", "matchesExprFilter", "matchesFilter", "mapPaths"])
  })

  test("validations exports checkTypes and checkValidations", () => {
    const validations = engineRequire("dynalite/validations") as Record<string, unknown>
    expect(typeof validations.checkTypes).toBe("function")
    expect(typeof validations.checkValidations).toBe("function")
  })

  test("each operation has an action function and validation rules", () => {
    for (const name of [
      "batchGetItem",
      "batchWriteItem",
      "createTable",
      "deleteItem",
      "deleteTable",
      "describeTable",
      "describeTimeToLive",
      "getItem",
      "listTables",
      "putItem",
      "query",
      "scan",
      "tagResource",
      "untagResource",
      "listTagsOfResource",
      "updateItem",
      "updateTable",
    ]) {
      expect(typeof engineRequire(`dynalite/actions/${name}`), name).toBe("function")
      expect(engineRequire(`dynalite/validations/${name}`).types, name).toBeTypeOf("object")
    }
  })

  test("the store keeps items and index entries under the key prefixes the engine clears", async () => {
    const db = engineRequire("dynalite/db") as {
      create(options: object): {
        db: {
          open(): Promise<void>
          keys(): { all(): Promise<string[]> }
          close(cb: () => void): void
        }
        options: { maxItemSize: number }
      }
    }
    const store = db.create({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
    await store.db.open()
    expect(store.options.maxItemSize).toBe(400 * 1024)
    const actions = (name: string) => engineRequire(`dynalite/actions/${name}`)
    const run = (name: string, data: object) =>
      new Promise((resolve, reject) =>
        actions(name)(store, data, (error: Error | null, value: unknown) =>
          error ? reject(error) : resolve(value),
        ),
      )
    await run("createTable", {
      TableName: "t",
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "g", AttributeType: "S" },
      ],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      GlobalSecondaryIndexes: [
        {
          IndexName: "G",
          KeySchema: [{ AttributeName: "g", KeyType: "HASH" }],
          Projection: { ProjectionType: "ALL" },
        },
      ],
      BillingMode: "PAY_PER_REQUEST",
    })
    await new Promise((resolve) => setTimeout(resolve, 10))
    await run("putItem", { TableName: "t", Item: { pk: { S: "a" }, g: { S: "b" } } })
    const keys = await store.db.keys().all()
    expect(keys.some((key) => key.startsWith("item-t~"))).toBe(true)
    expect(keys.some((key) => key.startsWith("index-global~t~G~"))).toBe(true)
    expect(keys.some((key) => key.startsWith("table~t"))).toBe(true)
    await new Promise<void>((resolve) => store.db.close(() => resolve()))
  })

  test("db exports the item checks transactions and the engine's item operations compose", () => {
    expectDbFunctions(["validateKey", "validateUpdates", "checkConditional", "itemSize"])
    const db = engineRequire("dynalite/db") as Record<string, unknown>
    // checkConditional: a parsed condition that fails answers dynalite's conditional error.
    const checkConditional = db.checkConditional as (data: object, item?: object) => unknown
    const failed = checkConditional({ Expected: { a: { Exists: true } } }, { b: { S: "x" } }) as {
      body?: { __type?: string }
    }
    expect(failed.body?.__type).toMatch(/#ConditionalCheckFailedException$/)
    expect(checkConditional({}, undefined)).toBeFalsy()
  })

  test("the store has the table lock and iterator UpdateTable's index changes use", async () => {
    const db = engineRequire("dynalite/db") as {
      create(options: object): {
        tableDb: { lock: unknown; get: unknown; put: unknown }
        db: {
          open(): Promise<void>
          iterator: unknown
          clear: unknown
          close(cb: () => void): void
        }
      }
    }
    const store = db.create({})
    await store.db.open()
    expect(typeof store.tableDb.lock).toBe("function")
    expect(typeof store.tableDb.get).toBe("function")
    expect(typeof store.tableDb.put).toBe("function")
    expect(typeof store.db.iterator).toBe("function")
    expect(typeof store.db.clear).toBe("function")
    await new Promise<void>((resolve) => store.db.close(() => resolve()))
  })

  test("big.js is dynalite's own dependency, as the store's number conversion loads it", () => {
    const Big = createRequire(engineRequire.resolve("dynalite"))("big.js") as new (
      value: string,
    ) => { toFixed(): string }
    expect(new Big("1.50").toFixed()).toBe("1.5")
  })
})
