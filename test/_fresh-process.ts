import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { expect } from "vitest"

const root = fileURLToPath(new URL("../", import.meta.url))

/**
 * Runs `script` as an ES module in a fresh Node process at the repository root (its own module
 * cache, nothing loaded yet), through tsx so that it can import `./src/….ts`.
 */
export function runModule(script: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    encoding: "utf8",
  })
}

/** {@link runModule}, expecting exit 0; the last line it printed, parsed as JSON. */
export function runModuleForJson(script: string): unknown {
  const child = runModule(script)
  expect(child.status, child.stderr).toBe(0)
  return JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "")
}
