/**
 * The engine loads dynalite's store module with its key hash memoised, `level` required only for
 * a store on disk, and strings kept in memory: every key must land under the prefix dynalite
 * itself gives it, sort keys must keep DynamoDB's order, and the engine's copy must be the
 * changed one.
 */
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { describe, expect, test } from "vitest"
import {
  withHashPrefixMemo,
  withLazyLevel,
  withMemoryStore,
} from "../../../src/emulator/engine/_store-module.js"
import { startAuthTable } from "../../../src/index.js"
import { runModule } from "../../_fresh-process.js"

const engineRequire = createRequire(
  createRequire(import.meta.url).resolve("../../../src/emulator/engine/_dynalite.ts"),
)
const path = engineRequire.resolve("dynalite/db")
const source = readFileSync(path, "utf8")

type HashPrefix = (
  hashKey: string,
  hashType: string,
  rangeKey?: string,
  rangeType?: string,
) => string

/** dynalite's db module compiled from `code`, apart from the module cache. */
function load(code: string): { hashPrefix: HashPrefix } {
  const module = { exports: {} as { hashPrefix: HashPrefix } }
  new Function("module", "exports", "require", code)(module, module.exports, createRequire(path))
  return module.exports
}

describe("dynalite's store module, as the engine loads it", () => {
  test("requires level only where a store on disk is opened", () => {
    const changed = withLazyLevel(source)
    expect(changed).not.toBe(source)
    expect(changed).not.toMatch(/\{ Level \} = require\('level'\)/)
    expect(changed.match(/require\('level'\)/g)).toHaveLength(1)
    expect(changed).toContain("new (require('level').Level)(options.path, ")
  })

  test("keeps an in-memory store in the engine's MemoryStore, and a store on disk in level", () => {
    const changed = withMemoryStore(source)
    expect(changed).not.toBe(source)
    expect(changed).not.toContain("require('memory-level')")
    expect(changed).toContain("new MemoryStore({ valueEncoding: 'json' })")
    expect(changed).toContain("new Level(options.path, { valueEncoding: 'json' })")
  })

  test("orders sort keys by their UTF-8 bytes, as DynamoDB does, not by UTF-16 code units", async () => {
    // U+FF21 is EF BC A1 in UTF-8, U+1F600 is F0 9F 98 80: in UTF-16 the emoji (D83D DE00)
    // would come first. dynalite keys the store by the hex of the UTF-8 bytes, so strings order
    // as those bytes do.
    const table = await startAuthTable()
    try {
      const client = DynamoDBDocument.from(table.client)
      const sortKeys = ["\u{1F600}", "\uFF21", "\uE000", "z", "\u00E9", "A"]
      for (const sk of sortKeys) {
        await client.put({ TableName: table.tableName, Item: { pk: "ORDER", sk } })
      }
      const query = (ScanIndexForward: boolean) =>
        client.query({
          TableName: table.tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": "ORDER" },
          ScanIndexForward,
        })
      const byBytes = [...sortKeys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
      expect(byBytes).toEqual(["A", "z", "\u00E9", "\uE000", "\uFF21", "\u{1F600}"])
      expect((await query(true)).Items?.map((item) => item.sk)).toEqual(byBytes)
      expect((await query(false)).Items?.map((item) => item.sk)).toEqual([...byBytes].reverse())
    } finally {
      await table.stop()
    }
  })

  test("gives every key the prefix dynalite gives it, the first time and again", () => {
    const memoised = withHashPrefixMemo(source)
    expect(memoised).toContain("hashPrefixMemo")
    const plain = load(source).hashPrefix
    const memo = load(memoised).hashPrefix
    const keys: Parameters<HashPrefix>[] = [
      ["USER#1", "S"],
      ["USER#1", "S", "SESSION#a", "S"],
      ["USER#1", "S", "SESSION#b", "S"],
      ["1", "S", "1", "N"],
      ["1", "N"],
      ["1.0", "N"],
      ["-0.5e3", "N", "AAE=", "B"],
      ["AAE=", "B"],
      ["ab", "S", "c", "S"],
      ["a", "S", "bc", "S"],
      ["a2:", "S"],
      ["", "S"],
      ["é😀", "S", "Ａ", "S"],
    ]
    for (let round = 0; round < 2; round++) {
      for (const key of keys) expect(memo(...key), JSON.stringify(key)).toBe(plain(...key))
    }
  })

  test("is the store module the engine's operations use, in a process that starts one in memory", () => {
    // A child process: in a test worker, another file may have loaded dynalite first.
    const script = `
      import { createRequire } from "node:module"
      import { startAuthTable } from "./src/emulator/index.ts"
      const table = await startAuthTable()
      const engineRequire = createRequire(new URL("./src/emulator/engine/_dynalite.ts", import.meta.url))
      const { hashPrefix } = engineRequire.cache[engineRequire.resolve("dynalite/db")].exports
      const level = Object.keys(engineRequire.cache).some((file) => /[\\/]node_modules[\\/]level[\\/]/.test(file))
      const { db } = engineRequire.cache[engineRequire.resolve("dynalite/db")].exports.create()
      const memoryLevel = Object.keys(engineRequire.cache).some((file) => /[\\/]node_modules[\\/]memory-level[\\/]/.test(file))
      console.log(hashPrefix.toString().includes("hashPrefixMemo") ? "memoised" : "plain", level ? "level" : "no level", db.constructor.name, memoryLevel ? "memory-level" : "no memory-level")
      await table.stop()
    `
    const { stdout, stderr } = runModule(script)
    expect(stdout.trim(), stderr).toBe("memoised no level MemoryStore no memory-level")
  })

  test("the engine also runs on dynalite's unchanged module, when something required dynalite first", () => {
    // As in a test worker where a plain dynalite was loaded by another file: memory-level's
    // store of Buffers is then under the engine, and bulk writes, the sweep and reads must
    // still agree.
    const script = `
      import { createRequire } from "node:module"
      createRequire(import.meta.url)("dynalite")
      const { startAuthTable } = await import("./src/emulator/index.ts")
      let now = Date.now()
      const table = await startAuthTable({ now: () => now, seed: 3 })
      const engineRequire = createRequire(new URL("./src/emulator/engine/_dynalite.ts", import.meta.url))
      const { db } = engineRequire.cache[engineRequire.resolve("dynalite/db")].exports.create()
      const counts = await table.seed.graph({ users: 20, sessionsPerUser: 2, expiredShare: 0.25 })
      const { user } = await table.seed.signedIn()
      now += 1000
      const { deleted } = await table.sweep()
      const { Items } = await table.client.scan({ TableName: table.tableName })
      const found = await table.adapter.getUser(user.id)
      await table.reset()
      const left = (await table.client.scan({ TableName: table.tableName })).Items.length
      console.log(db.constructor.name, counts.expiredSessions, deleted, Items.length, found?.email === user.email, left)
      await table.stop()
    `
    const { stdout, stderr } = runModule(script)
    // 20 users, 20 accounts, 40 sessions (10 expired), then a signed-in user and its session;
    // none after reset().
    expect(stdout.trim(), stderr).toBe("MemoryLevel 10 10 72 true 0")
  })
})
