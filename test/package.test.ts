import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { publint } from "publint"
import { describe, expect, test } from "vitest"

const root = join(import.meta.dirname, "..")
/** One module's files: its declarations first, then the JavaScript. */
interface Target {
  types: string
  default: string
}
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, string | Target | { import: Target; require: Target }>
  bin: Record<string, string>
  engines: { node: string }
  files: string[]
}
/** Every export as [subpath, condition, target]: `import`/`require` for the dual ones. */
type Entry = [subpath: string, condition: "import" | "require" | "default", target: Target]
const entries = Object.entries(pkg.exports).flatMap(([subpath, value]): Entry[] => {
  if (typeof value !== "object") return []
  if ("require" in value) {
    return [
      [subpath, "import", value.import],
      [subpath, "require", value.require],
    ]
  }
  return [[subpath, "default", value]]
})

describe("package.json", () => {
  test("publint finds no error or warning in the built package", async () => {
    const { messages } = await publint({ pkgDir: root, level: "warning", pack: false })
    expect(messages.map((m) => `${m.type} ${m.code} ${m.path.join(".")}`)).toEqual([])
  })

  test("lists types first in every export and maps each to its source module", () => {
    for (const [subpath, condition, target] of entries) {
      expect(Object.keys(target)[0], subpath).toBe("types")
      const source = target.default.replace(/^\.\/dist\/(cjs\/)?/, "src/").replace(/\.js$/, ".ts")
      expect(existsSync(join(root, source)), `${subpath} -> ${source}`).toBe(true)
      expect(target.types).toBe(target.default.replace(/\.js$/, ".d.ts"))
      expect(target.default.startsWith("./dist/cjs/"), `${subpath} ${condition}`).toBe(
        condition === "require",
      )
    }
    const bin = pkg.bin.authtable?.replace("./dist/", "src/").replace(/\.js$/, ".ts") ?? ""
    expect(existsSync(join(root, bin))).toBe(true)
  })

  test("has an export for every layer folder of src", () => {
    const folders = readdirSync(join(root, "src"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
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

  test("builds CommonJS only for entries that require nothing ES-only", () => {
    const cjs = join(root, "dist", "cjs")
    expect(JSON.parse(readFileSync(join(cjs, "package.json"), "utf8"))).toEqual({
      type: "commonjs",
    })
    const required = new Set<string>()
    for (const file of readdirSync(cjs, { recursive: true, encoding: "utf8" })) {
      if (!file.endsWith(".js")) continue
      const lines = readFileSync(join(cjs, file), "utf8").split("\n")
      const code = lines.filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line)).join("\n")
      for (const [, name] of code.matchAll(/require\("([^"]+)"\)/g)) required.add(name ?? "")
    }
    expect([...required].filter((name) => !/^(node:|\.)/.test(name))).toEqual([])
  })

  test("ships each ES-module export and the CLI as one bundle, the code they share in dist/_chunks", async () => {
    const dist = join(root, "dist")
    const shipped = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter(
      (file) => file.endsWith(".js") && !file.startsWith("cjs/"),
    )
    const bundles = [
      ...entries.filter(([, condition]) => condition !== "require").map(([, , t]) => t.default),
      ...Object.values(pkg.bin),
    ].map((target) => target.replace(/^\.\/dist\//, ""))
    expect(shipped.filter((file) => !file.startsWith("_chunks/")).sort()).toEqual(
      [...new Set(bundles)].sort(),
    )
    // A bundle imports chunks and packages, never a module of its own source tree.
    for (const file of shipped) {
      const imports = [...readFileSync(join(dist, file), "utf8").matchAll(/from "(\.[^"]+)"/g)]
      for (const [, specifier] of imports)
        expect(specifier, file).toMatch(/(^\.\/|_chunks\/)chunk-\w+\.js$/)
    }
  })

  test("ships the license and no source maps", () => {
    expect(pkg.files).toContain("LICENSE")
    expect(existsSync(join(root, "LICENSE"))).toBe(true)
    const maps = readdirSync(join(root, "dist"), { recursive: true, encoding: "utf8" })
    expect(maps.filter((file) => file.endsWith(".map"))).toEqual([])
  })

  // The floor is faker 10's (the first releases of 20 and 22 that can require() ES modules,
  // without the odd-numbered 23); .ci/run tests on the machine's Node 20 and on Node 24. No
  // upper bound: npm would warn on every later Node for no known breakage.
  test("declares the Node versions faker 10 supports, from 20.19 on", () => {
    expect(pkg.engines.node).toBe("^20.19.0 || ^22.13.0 || >=24.0.0")
    const faker = JSON.parse(
      readFileSync(join(root, "node_modules/@faker-js/faker/package.json"), "utf8"),
    ) as { engines: { node: string } }
    expect(faker.engines.node.replace(" || ^23.5.0", "")).toBe(pkg.engines.node)
  })
})
