import { readdirSync, readFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { describe, expect, test } from "vitest"

const src = resolve(import.meta.dirname, "../src")

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith(".ts") ? [path] : []
  })
}

const files = sourceFiles(src)
const specifiers = (file: string) =>
  [
    ...readFileSync(file, "utf8").matchAll(
      /(?:from\s+|import\(\s*|require\(\s*)["'`]([^"'`]+)["'`]/g,
    ),
  ].map((match) => match[1] as string)
/** Imports that load a module at run time (`import type` is erased). */
const valueSpecifiers = (file: string) =>
  [
    ...readFileSync(file, "utf8").matchAll(
      /^(?:import|export)\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gms,
    ),
  ].map((match) => match[1] as string)
const relativeImports = (file: string, withTypes = true) =>
  (withTypes ? specifiers(file) : valueSpecifiers(file))
    .filter((spec) => spec.startsWith("."))
    .map((spec) => resolve(dirname(file), spec.replace(/\.js$/, ".ts")))
const inSrc = (file: string) => relative(src, file)

describe("the house's rooms", () => {
  test("only src/emulator/engine loads dynalite", () => {
    const outside = files.filter(
      (file) =>
        !inSrc(file).startsWith("emulator/engine/") &&
        specifiers(file).some((spec) => spec === "dynalite" || spec.startsWith("dynalite/")),
    )
    expect(outside.map(inSrc)).toEqual([])
  })

  test("the handle reaches the engine only through engine/index.ts", () => {
    const leaks = files
      .filter((file) => !inSrc(file).startsWith("emulator/engine/"))
      .flatMap((file) =>
        relativeImports(file)
          .filter((target) => inSrc(target).startsWith("emulator/engine/"))
          .filter((target) => inSrc(target) !== "emulator/engine/index.ts")
          .map((target) => `${inSrc(file)} -> ${inSrc(target)}`),
      )
    expect(leaks).toEqual([])
  })

  test("entry points and layers import other folders only through their index.ts", () => {
    const folderOf = (file: string) => {
      const path = inSrc(file)
      if (path.startsWith("emulator/engine/")) return "emulator/engine"
      return path.includes("/") ? (path.split("/")[0] as string) : "."
    }
    const leaks = files.flatMap((file) =>
      relativeImports(file)
        .filter((target) => folderOf(target) !== folderOf(file))
        .filter((target) => !target.endsWith("/index.ts"))
        .map((target) => `${inSrc(file)} -> ${inSrc(target)}`),
    )
    expect(leaks).toEqual([])
  })

  test("no module imports itself back through a circle", () => {
    const graph = new Map(files.map((file) => [file, relativeImports(file, false)]))
    const circles: string[] = []
    const state = new Map<string, "visiting" | "done">()
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return
      if (state.get(file) === "visiting") {
        circles.push([...path.slice(path.indexOf(file)), file].map(inSrc).join(" -> "))
        return
      }
      state.set(file, "visiting")
      for (const next of graph.get(file) ?? []) visit(next, [...path, file])
      state.set(file, "done")
    }
    for (const file of files) visit(file, [])
    expect(circles).toEqual([])
  })

  test("the dev server has its own room beside the entry points", () => {
    const dev = files.filter((file) => inSrc(file).startsWith("dev/")).map(inSrc)
    expect(dev).toContain("dev/server.ts")
    expect(files.filter((file) => /^emulator\/[^/]*(dev|inspector)/.test(inSrc(file)))).toEqual([])
  })
})
