/**
 * Runs the bench's vitest suites as their users run them, each in its own vitest process:
 * authtable's (bench/suite/authtable, the root vitest 4, importing "authtable/vitest" from a
 * node_modules copy of this package built from src/) and vitest-dynamodb-lite's
 * (bench/vitest-dynamodb-lite, vitest 3, its own package.json and lockfile, installed with
 * `npm ci` on first use). Test files are generated into each folder's generated/ directory.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { buildSync } from "esbuild"
import { freePortBlock } from "./_free-ports.js"
import { runNode } from "./_harness.js"
import { buildModules } from "./_package.js"

const root = fileURLToPath(new URL("..", import.meta.url))

/** One of the two suites. */
export interface Tool {
  name: string
  /** Where vitest runs (its config and the generated tests are there). */
  cwd: string
  /** vitest's CLI entry for this folder. */
  vitest: string
  /** Makes the folder runnable (installs, builds); idempotent. */
  prepare(): void
  /** Environment variables one run of this tool needs (picked anew for every run). */
  runEnv?(): Promise<Record<string, string>>
}

export const authtable: Tool = {
  name: "authtable",
  cwd: join(root, "bench/suite/authtable"),
  vitest: join(root, "node_modules/vitest/vitest.mjs"),
  prepare: () => buildPackage(join(root, "bench/suite/authtable/node_modules/authtable")),
}

export const vitestDynamodbLite: Tool = {
  name: "vitest-dynamodb-lite",
  cwd: join(root, "bench/vitest-dynamodb-lite"),
  vitest: join(root, "bench/vitest-dynamodb-lite/node_modules/vitest/vitest.mjs"),
  prepare() {
    if (existsSync(this.vitest)) return
    console.error(`installing ${relative(root, this.cwd)} (npm ci, first run only)`)
    const npm = process.platform === "win32" ? "npm.cmd" : "npm"
    const result = spawnSync(npm, ["ci", "--no-audit", "--no-fund"], {
      cwd: this.cwd,
      stdio: ["ignore", "inherit", "inherit"],
    })
    if (result.status !== 0) {
      throw new Error(
        `[authtable] Could not install ${relative(root, this.cwd)}: npm ci exited with ${result.status}. Run it there by hand to see why.`,
      )
    }
  },
  // Its config (vitest-dynamodb-lite-config.js) reads the base of its ports from here.
  runEnv: async () => ({ BENCH_LITE_BASE_PORT: String(await freePortBlock(liteWorkerIds)) }),
}

/**
 * How many ports above its base vitest-dynamodb-lite may use: one per vitest worker id, which
 * counts the test files of a run (at most 10 in the bench) plus spares.
 */
const liteWorkerIds = 32

/**
 * The package's ES modules ({@link buildModules}) in `target`/dist, with the root package.json:
 * what `npm i authtable` puts in node_modules, which vitest loads without transforming, as it
 * does for its users. Beside them, `target`/bench/local-client.js: the client module
 * (table.client's config) bundled alone, for the suite's SDK floor, which must load none of the
 * emulator (bench/suite/authtable/_sdk-floor.ts).
 */
function buildPackage(target: string): void {
  rmSync(target, { recursive: true, force: true })
  buildModules(join(target, "dist"))
  buildSync({
    entryPoints: [join(root, "src/emulator/client.ts")],
    outfile: join(target, "bench/local-client.js"),
    bundle: true,
    format: "esm",
    platform: "node",
    packages: "external",
    logLevel: "warning",
  })
  writeFileSync(join(target, "package.json"), readFileSync(join(root, "package.json")))
}

/** The kinds of generated test files: the module of the folder that defines them, and the call. */
interface TestKind {
  from: string
  define: string
  args: string
  /** More import lines the file needs. */
  imports?: string
}

const testKinds = {
  users: { from: "_tests.js", define: "defineUserTests", args: "50" },
  boot: { from: "_tests.js", define: "defineBootTest", args: "" },
  empty: { from: "_empty-tests.js", define: "defineEmptyTests", args: "50" },
  // The users' tests on the SDK alone, answered from recordings (_sdk-floor.ts).
  sdk: {
    from: "_tests.js",
    define: "defineUserTests",
    args: "50, cannedClient",
    imports: 'import { cannedClient } from "../_sdk-floor.js"\n',
  },
} satisfies Record<string, TestKind>

/**
 * Writes `count` files of `kind` into `tool`'s generated/ (replacing earlier ones of that kind),
 * named `<kind>-<n>.test.ts`: pass `<kind>-` to {@link runVitest} to run only them.
 */
export function generateTests(tool: Tool, kind: keyof typeof testKinds, count: number): void {
  const dir = join(tool.cwd, "generated")
  mkdirSync(dir, { recursive: true })
  for (const file of readdirSync(dir)) {
    if (file.startsWith(`${kind}-`)) rmSync(join(dir, file))
  }
  const { from, define, args, imports = "" }: TestKind = testKinds[kind]
  for (let i = 1; i <= count; i++) {
    writeFileSync(
      join(dir, `${kind}-${i}.test.ts`),
      `${imports}import { ${define} } from "../${from}"\n\n${define}(${args})\n`,
    )
  }
}

/** What one vitest run did. */
export interface VitestRun {
  /** Wall-clock time from spawning vitest to its exit. */
  ms: number
  /**
   * From vitest's start of the run to the end of its last test file, as its JSON report dates
   * them: the "Duration" vitest prints, without loading vitest and its config or exiting.
   */
  runMs: number
  /** Sum of the tests' own durations (their hooks included), as vitest reports them. */
  testsMs: number
  passed: number
}

/** `vitest run` in `tool`'s folder; fails unless every test passed. */
export async function runVitest(
  tool: Tool,
  options: { args?: string[]; env?: Record<string, string> } = {},
): Promise<VitestRun> {
  const report = join(tmpdir(), `authtable-bench-${process.pid}-${tool.name}.json`)
  const args = [tool.vitest, "run", "--reporter=json", `--outputFile=${report}`]
  const start = performance.now()
  const { code, stdout, stderr } = await runNode([...args, ...(options.args ?? [])], {
    cwd: tool.cwd,
    env: { ...process.env, ...(await tool.runEnv?.()), ...options.env },
  })
  const ms = performance.now() - start
  const json = existsSync(report)
    ? (JSON.parse(readFileSync(report, "utf8")) as JsonReport)
    : undefined
  rmSync(report, { force: true })
  if (code !== 0 || !json || json.numFailedTests > 0) {
    throw new Error(
      `[authtable] Could not run the ${tool.name} suite: vitest exited with ${code}.\n${(stdout + stderr).slice(-4000)}`,
    )
  }
  const testsMs = json.testResults
    .flatMap((file) => file.assertionResults)
    .reduce((sum, test) => sum + (test.duration ?? 0), 0)
  const lastEnd = Math.max(...json.testResults.map((file) => file.endTime))
  return { ms, runMs: lastEnd - json.startTime, testsMs, passed: json.numPassedTests }
}

interface JsonReport {
  numPassedTests: number
  numFailedTests: number
  startTime: number
  testResults: { endTime: number; assertionResults: { duration?: number }[] }[]
}
