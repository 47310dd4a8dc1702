import { execFile } from "node:child_process"
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { onTestFinished } from "vitest"

const root = fileURLToPath(new URL("../../", import.meta.url))
const vitestBin = join(root, "node_modules", "vitest", "vitest.mjs")

/** What a child vitest run reported, and what its files recorded at each rendezvous. */
export interface ChildRun {
  passed: number
  failed: number
  failures: string[]
  /** `phase` -> file id -> value recorded (an endpoint). */
  recorded: Record<string, Record<string, string>>
}

/**
 * Runs the project in test/vitest/project with `config` in a child vitest (its own pool, its
 * own workers), as a user's `npx vitest run --pool <pool>` would.
 */
export async function runChildVitest(config: string, pool: "threads" | "forks"): Promise<ChildRun> {
  const dir = await mkdtemp(join(tmpdir(), "authtable-child-vitest-"))
  onTestFinished(() => rm(dir, { recursive: true, force: true }))
  const report = join(dir, "report.json")
  const checks = join(dir, "checks")
  await mkdir(checks)
  // The parent's VITEST_* variables would make the child think it runs inside a worker.
  const env: NodeJS.ProcessEnv = { ...process.env, AUTHTABLE_CHECK_DIR: checks }
  for (const name of Object.keys(env)) if (name.startsWith("VITEST")) delete env[name]
  const args = [vitestBin, "run", "--config", join(root, "test/vitest/project", config)]
  args.push("--pool", pool, "--reporter=json", "--outputFile", report)
  await new Promise<void>((resolve) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: root,
        env,
        timeout: 120_000,
      },
      () => resolve(),
    )
  })
  const json = JSON.parse(await readFile(report, "utf8")) as {
    numPassedTests: number
    numFailedTests: number
    testResults: { assertionResults: { fullName: string; failureMessages: string[] }[] }[]
  }
  const recorded: ChildRun["recorded"] = {}
  for (const name of await readdir(checks)) {
    const [phase = "", id = ""] = name.split(".")
    recorded[phase] = { ...recorded[phase], [id]: await readFile(join(checks, name), "utf8") }
  }
  return {
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    failures: json.testResults.flatMap((file) =>
      file.assertionResults.flatMap((test) => test.failureMessages),
    ),
    recorded,
  }
}
