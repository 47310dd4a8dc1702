/**
 * The bench's baseline, dynalite as published, and the engine share a process without sharing
 * dynalite's store module, whichever loads first: the engine must get its changed module (else
 * the bench measures it without its own store), the baseline the published one.
 */
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { expect, test } from "vitest"

const root = fileURLToPath(new URL("../../", import.meta.url))

/** Runs `steps` in a fresh process (its own module cache); prints what each store is. */
function run(steps: string): string {
  const script = `
    import { createRequire } from "node:module"
    import { ListTablesCommand } from "@aws-sdk/client-dynamodb"
    const engineRequire = createRequire(new URL("./src/emulator/engine/_dynalite.ts", import.meta.url))
    const engineStore = () => engineRequire.cache[engineRequire.resolve("dynalite/db")].exports.create().db.constructor.name
    const startEngine = async () => (await import("./src/emulator/index.ts")).startAuthTable()
    const startBare = async () => (await import("./bench/_bare-dynalite.ts")).startBareDynalite()
    ${steps}
  `
  const { stdout, stderr } = spawnSync(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", script],
    { cwd: root, encoding: "utf8", timeout: 30_000 },
  )
  return `${stdout.trim()}${stdout.trim() ? "" : stderr}`
}

test("the engine gets its own store when the bench's bare dynalite was loaded first", () => {
  const out = run(`
    const bare = await startBare()
    const table = await startEngine()
    const { TableNames } = await bare.client.send(new ListTablesCommand({}))
    console.log(engineStore(), TableNames.length)
    await table.stop(); await bare.stop()
  `)
  expect(out).toBe("MemoryStore 0")
})

test("bare dynalite keeps memory-level when the engine was loaded first", () => {
  const out = run(`
    const table = await startEngine()
    const before = engineRequire.cache[engineRequire.resolve("dynalite/db")]
    const bare = await startBare()
    const memoryLevel = createRequire(createRequire(import.meta.url).resolve("dynalite")).resolve("memory-level")
    const { TableNames } = await bare.client.send(new ListTablesCommand({}))
    const same = engineRequire.cache[engineRequire.resolve("dynalite/db")] === before
    console.log(engineStore(), same, Boolean(engineRequire.cache[memoryLevel]), TableNames.length)
    await table.stop(); await bare.stop()
  `)
  expect(out).toBe("MemoryStore true true 0")
})
