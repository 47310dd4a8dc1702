import { execFile } from "node:child_process"
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { onTestFinished } from "vitest"

const root = fileURLToPath(new URL("../../", import.meta.url))
const project = join(root, "test/jest/project")
const jestBin = join(root, "node_modules", "jest", "bin", "jest.js")

/** What a child Jest run reported, and what its test files recorded. */
export interface ChildJestRun {
  exitCode: number | null
  passed: number
  failed: number
  failures: string[]
  output: string
  /** file name (without .json) -> what the test file recorded. */
  recorded: Record<string, Record<string, string>>
}

/**
 * Runs test/jest/project in a child Jest, as `npx jest` would in a CommonJS app: the project
 * reaches authtable through node_modules/authtable, a link to this package (as `npm link` or
 * an install would), so `require("authtable/…")` goes through the built package's exports.
 */
export async function runChildJest(): Promise<ChildJestRun> {
  await linkPackage()
  const dir = await mkdtemp(join(tmpdir(), "authtable-child-jest-"))
  onTestFinished(() => rm(dir, { recursive: true, force: true }))
  const report = join(dir, "report.json")
  const checks = join(dir, "checks")
  await mkdir(checks)
  const env: NodeJS.ProcessEnv = { ...process.env, AUTHTABLE_CHECK_DIR: checks }
  for (const name of Object.keys(env)) {
    // The parent's VITEST_* variables would leak vitest's worker state; AWS_* must come from
    // the globalSetup alone.
    if (name.startsWith("VITEST") || name.startsWith("AWS_")) delete env[name]
  }
  const args = [jestBin, "--config", join(project, "jest.config.js"), "--ci"]
  args.push("--cacheDirectory", join(dir, "cache"), "--json", "--outputFile", report)
  const { exitCode, output } = await new Promise<{ exitCode: number | null; output: string }>(
    (resolve) => {
      execFile(process.execPath, args, { cwd: project, env, timeout: 120_000 }, (error, out, err) =>
        resolve({
          exitCode: error ? (typeof error.code === "number" ? error.code : null) : 0,
          output: out + err,
        }),
      )
    },
  )
  const json = JSON.parse(await readFile(report, "utf8")) as {
    numPassedTests: number
    numFailedTests: number
    testResults: { assertionResults: { failureMessages: string[] }[]; message: string }[]
  }
  const recorded: ChildJestRun["recorded"] = {}
  for (const name of await readdir(checks)) {
    recorded[name.replace(/\.json$/, "")] = JSON.parse(await readFile(join(checks, name), "utf8"))
  }
  return {
    exitCode,
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    failures: json.testResults.flatMap((file) => [
      ...(file.message ? [file.message] : []),
      ...file.assertionResults.flatMap((test) => test.failureMessages),
    ]),
    output,
    recorded,
  }
}

/** test/jest/project/node_modules/authtable -> the package root (ignored by git). */
async function linkPackage(): Promise<void> {
  await mkdir(join(project, "node_modules"), { recursive: true })
  try {
    await symlink("../../../..", join(project, "node_modules", "authtable"), "dir")
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error
  }
}
