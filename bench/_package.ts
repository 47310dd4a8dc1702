/**
 * The package the bench measures: its ES modules as `npm run build` makes them
 * (scripts/build.mjs), what an app or a test worker loads from node_modules. run.ts builds them
 * once per run ({@link useBuiltPackage}), which names the folder in AUTHTABLE_BENCH_PACKAGE for
 * its child processes too; without it (a test importing a case, `npm run bench -- --source`), src/ as tsx
 * compiles it.
 *
 * The two differ more than a bench can ignore. tsx compiles with esbuild's keepNames, which
 * wraps every function in `__name()`: a property definition each time a closure is made, and a
 * request makes dozens. Modules loaded later (dynalite's operations, on first use) pass tsx's
 * hooks. A warm PutItem on `table.client` ran 9% more instructions from src/ (callgrind,
 * Node 24; docs/benchmarks.md).
 *
 * Every case takes the package from here, the SDK floor's client config included, so that both
 * sides of a ratio run the same build.
 */
import { spawnSync } from "node:child_process"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import type * as Adapter from "../src/adapter/index.js"
import type * as Emulator from "../src/emulator/index.js"
import type * as Fixtures from "../src/fixtures/index.js"
import type * as Root from "../src/index.js"

const root = fileURLToPath(new URL("..", import.meta.url))

/** The environment variable that names the built package's folder (its `dist/` contents). */
export const packageFolderVariable = "AUTHTABLE_BENCH_PACKAGE"

/** Read at each load: run.ts sets it after this module is loaded, before any case is. */
const folder = () => process.env[packageFolderVariable]

function entry<T>(path: string, source: () => Promise<T>): Promise<T> {
  const built = folder()
  if (!built) return source()
  return import(pathToFileURL(join(built, path)).href) as Promise<T>
}

/** `authtable`: startAuthTable, DynamoDBAdapter. */
export const loadRoot = () => entry<typeof Root>("index.js", () => import("../src/index.js"))
/** `authtable/emulator`: createLocalClient, sweepExpiredItems, the schema. */
export const loadEmulator = () =>
  entry<typeof Emulator>("emulator/index.js", () => import("../src/emulator/index.js"))
/** `authtable/adapter`. */
export const loadAdapter = () =>
  entry<typeof Adapter>("adapter/index.js", () => import("../src/adapter/index.js"))
/** `authtable/fixtures`. */
export const loadFixtures = () =>
  entry<typeof Fixtures>("fixtures/index.js", () => import("../src/fixtures/index.js"))

/** Where the package is loaded from, for the report. */
export const packageSource = () => (folder() ? "the built package" : "src/ through tsx")

/**
 * Builds the package's ES modules as `npm run build` does, into a folder inside node_modules
 * (so that they resolve their dependencies as an installed package does), and names it in the
 * environment: the loaders above, here and in child processes, load it from then on. The
 * folder is removed when the process exits.
 * @returns the folder of the built modules.
 * @throws as {@link buildModules}.
 */
export function useBuiltPackage(): string {
  const folder = join(root, "node_modules", ".cache", `authtable-bench-${process.pid}`)
  process.on("exit", () => rmSync(folder, { recursive: true, force: true }))
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, "package.json"), '{ "type": "module" }\n')
  buildModules(join(folder, "dist"))
  process.env[packageFolderVariable] = join(folder, "dist")
  return join(folder, "dist")
}

/**
 * The package's ES modules built as `npm run build` builds them (scripts/build.mjs: bundles and
 * shared chunks, no declarations, under a second) into `outdir`.
 * @throws `[authtable] Could not build the bench's package …` when the build fails.
 */
export function buildModules(outdir: string): void {
  const build = spawnSync(process.execPath, [join(root, "scripts/build.mjs"), "--outdir", outdir], {
    stdio: ["ignore", "inherit", "inherit"],
  })
  if (build.status !== 0) {
    throw new Error(
      `[authtable] Could not build the bench's package (scripts/build.mjs, exit ${build.status}).`,
    )
  }
}
