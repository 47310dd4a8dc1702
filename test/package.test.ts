import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { publint } from "publint"
import { describe, expect, test } from "vitest"

const root = join(import.meta.dirname, "..")
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, string | { types: string; default: string }>
  bin: Record<string, string>
  engines: { node: string }
}
const entries = Object.entries(pkg.exports).filter(
  (entry): entry is [string, { types: string; default: string }] => typeof entry[1] === "object",
)

describe("package.json", () => {
  test("publint finds no error or warning in the built package", async () => {
    const { messages } = await publint({ pkgDir: root, level: "warning", pack: false })
    expect(messages.map((m) => `${m.type} ${m.code} ${m.path.join(".")}`)).toEqual([])
  })

  test("lists types first in every export and maps each to its source module", () => {
    for (const [subpath, target] of entries) {
      expect(Object.keys(target)[0], subpath).toBe("types")
      const source = target.default.replace("./dist/", "src/").replace(/\.js$/, ".ts")
      expect(existsSync(join(root, source)), `${subpath} -> ${source}`).toBe(true)
      expect(target.types).toBe(target.default.replace(/\.js$/, ".d.ts"))
    }
    const bin = pkg.bin.authtable?.replace("./dist/", "src/").replace(/\.js$/, ".ts") ?? ""
    expect(existsSync(join(root, bin))).toBe(true)
  })

  test("has an export for every layer folder of src", () => {
    // src/dev is the `authtable dev` command's, reached through the bin, not a subpath.
    const folders = readdirSync(join(root, "src"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== "dev")
      .map((entry) => `./${entry.name}`)
    expect(folders.filter((folder) => !(folder in pkg.exports))).toEqual([])
  })

  test("re-exports names explicitly from every index.ts", () => {
    const indexes = readdirSync(join(root, "src"), { recursive: true, encoding: "utf8" }).filter(
      (file) => file.endsWith("index.ts"),
    )
    expect(indexes.length).toBeGreaterThan(5)
    for (const file of indexes) {
      expect(readFileSync(join(root, "src", file), "utf8"), file).not.toMatch(/export \*/)
    }
  })

  test("declares Node 20 or later", () => {
    expect(pkg.engines.node).toBe(">=20")
  })
})
