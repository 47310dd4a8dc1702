#!/usr/bin/env node
// Builds dist/, what the package ships:
// - the ES modules: one bundle per export of package.json and for the CLI, with the modules
//   they share in dist/_chunks/ (esbuild, code splitting, dependencies left as imports). An
//   app or a test worker loads a handful of files instead of one per source module: a fresh
//   worker imports `authtable/emulator` about 65 ms faster on Node 20 (docs/benchmarks.md);
// - their declarations, a .d.ts per source module (tsc);
// - the CommonJS build of the entries Jest may require() (tsc -p tsconfig.cjs.json).
//
//   node scripts/build.mjs                  # all of dist/
//   node scripts/build.mjs --outdir <dir>   # the ES modules alone, into <dir> (tests, bench)
import { execFileSync } from "node:child_process"
import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { build } from "esbuild"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")

/** The source module of each ES-module file package.json points at (exports and bin). */
export function entryPoints() {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"))
  const targets = [...Object.values(pkg.bin)]
  const collect = (value) => {
    if (typeof value === "string") return void targets.push(value)
    for (const [condition, inner] of Object.entries(value)) {
      if (condition !== "require" && condition !== "types") collect(inner)
    }
  }
  for (const value of Object.values(pkg.exports)) collect(value)
  return [
    ...new Set(
      targets
        .filter((target) => target.startsWith("./dist/") && target.endsWith(".js"))
        .map((target) => join(root, target.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts"))),
    ),
  ]
}

/** The ES modules of every entry point into `outdir`, shared code in `outdir/_chunks`. */
export async function buildModules(outdir) {
  await build({
    entryPoints: entryPoints(),
    outdir,
    outbase: join(root, "src"),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Dependencies stay imports, resolved from the app's node_modules as before.
    packages: "external",
    chunkNames: "_chunks/[name]-[hash]",
    logLevel: "warning",
  })
}

function tsc(...args) {
  execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), ...args], {
    cwd: root,
    stdio: "inherit",
  })
}

async function main() {
  const { values } = parseArgs({ options: { outdir: { type: "string" } } })
  if (values.outdir) return buildModules(values.outdir)
  const dist = join(root, "dist")
  rmSync(dist, { recursive: true, force: true })
  await buildModules(dist)
  tsc("-p", "tsconfig.build.json", "--emitDeclarationOnly")
  tsc("-p", "tsconfig.cjs.json")
  writeFileSync(join(dist, "cjs/package.json"), '{ "type": "commonjs" }\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(`[authtable] Could not build dist/: ${error.message}`)
    process.exit(1)
  })
}
