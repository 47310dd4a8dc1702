/**
 * The package the bench measures: the built ES modules once useBuiltPackage() ran (in a child
 * process, which inherits the folder), src/ before.
 */
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { expect, test } from "vitest"

const script = `
const { loadRoot, loadEmulator, packageSource, useBuiltPackage } = await import(process.argv[1])
const before = packageSource()
const folder = useBuiltPackage()
const root = await loadRoot()
const built = await import(new URL("index.js", "file://" + folder + "/").href)
const table = await root.startAuthTable()
await table.client.put({ TableName: table.tableName, Item: { pk: "a", sk: "b" } })
const found = await table.client.get({ TableName: table.tableName, Key: { pk: "a", sk: "b" } })
await table.stop()
const emulator = await loadEmulator()
console.log(JSON.stringify({
  before,
  after: packageSource(),
  folder,
  same: root === built,
  found: found.Item,
  emulatorFromFolder: typeof emulator.createLocalClient === "function",
}))
`

test("useBuiltPackage() builds the package, and the loaders load it from then on", () => {
  const module = fileURLToPath(new URL("../../bench/_package.ts", import.meta.url))
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", script, module],
    {
      encoding: "utf8",
      timeout: 60_000,
    },
  )
  expect(child.status, child.stderr).toBe(0)
  const result = JSON.parse(child.stdout.trim().split("\n").at(-1) as string)
  expect(result.before).toBe("src/ through tsx")
  expect(result.after).toBe("the built package")
  expect(result.same).toBe(true)
  expect(result.found).toEqual({ pk: "a", sk: "b" })
  expect(result.emulatorFromFolder).toBe(true)
  // Removed when the process exited.
  expect(existsSync(result.folder)).toBe(false)
}, 90_000)
