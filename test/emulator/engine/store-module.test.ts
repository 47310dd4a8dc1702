/**
 * The engine loads dynalite's store module with its key hash memoised and `level` required only
 * for a store on disk: every key must land under the prefix dynalite itself gives it, and the
 * engine's copy must be the changed one.
 */
import { spawnSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"
import { describe, expect, test } from "vitest"
import { withHashPrefixMemo, withLazyLevel } from "../../../src/emulator/engine/_store-module.js"

const engineRequire = createRequire(
  createRequire(import.meta.url).resolve("../../../src/emulator/engine/_dynalite.ts"),
)
const root = fileURLToPath(new URL("../../../", import.meta.url))
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
      console.log(hashPrefix.toString().includes("hashPrefixMemo") ? "memoised" : "plain", level ? "level" : "no level")
      await table.stop()
    `
    const { stdout, stderr } = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      { cwd: root, encoding: "utf8" },
    )
    expect(stdout.trim(), stderr).toBe("memoised no level")
  })
})
