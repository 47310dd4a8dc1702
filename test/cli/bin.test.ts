import { execFile, spawn } from "node:child_process"
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { DynamoDBAdapter } from "../../src/adapter/index.js"
import { createLocalClient } from "../../src/emulator/client.js"
import { readme } from "../_readme.js"
import { root } from "./_run-cli.js"

const exec = promisify(execFile)

// The README's command for an app, as a newcomer types it in a fresh app folder, through the bin
// shim npm installs (node_modules/.bin/authtable -> ../authtable/dist/cli.js). The package is
// built into a temporary folder (package.json, README.md and dist/, what `files` ships), so the
// repository's own dist/ is neither needed nor touched.
const command = "npx authtable dev --write-env .env.local"

let dir: string
let app: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "authtable-bin-"))
  const pkg = join(dir, "authtable")
  app = join(dir, "my-app")
  await mkdir(pkg)
  await mkdir(join(app, "node_modules", ".bin"), { recursive: true })
  await exec(process.execPath, [
    join(root, "scripts", "build.mjs"),
    ...["--outdir", join(pkg, "dist")],
  ])
  for (const file of ["package.json", "README.md"])
    await copyFile(join(root, file), join(pkg, file))
  // Its dependencies: the repository's, as an install would have put them beside it.
  await symlink(join(root, "node_modules"), join(pkg, "node_modules"))
  const { bin } = JSON.parse(await readFile(join(pkg, "package.json"), "utf8"))
  await chmod(join(pkg, bin.authtable), 0o755)
  await symlink(pkg, join(app, "node_modules", "authtable"))
  await symlink(
    join("..", "authtable", bin.authtable),
    join(app, "node_modules", ".bin", "authtable"),
  )
  await writeFile(join(app, "package.json"), '{ "name": "my-app", "private": true }\n')
}, 180_000)

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe(`${command} in a fresh app`, () => {
  test("is the README's command", () => {
    expect(readme).toContain(`\n${command}\n`)
  })

  test("creates .env.local, prints the banner, serves the table, and exits 0 on SIGTERM", async () => {
    const [npx, ...args] = [...command.split(" "), "--port", "0"]
    const child = spawn(npx as string, args, {
      cwd: app,
      env: { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk
    })
    const exited = new Promise<number | string>((resolve) =>
      child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
    )
    try {
      await until(
        () => stdout.includes("Ctrl-C stops it"),
        () => `${stdout}\n${stderr}`,
      )
      expect(stdout).toMatch(/\] \d\d:\d\d:\d\d created \.env\.local \(10 keys\)$/m)
      expect(stdout).toContain("✔ authtable dev: local DynamoDB ready")
      const endpoint = stdout.match(/^ {2}Endpoint +(\S+)$/m)?.[1] ?? ""
      expect(stdout).toMatch(new RegExp(`^ {2}Data dir +${join(app, ".authtable")}$`, "m"))

      const envFile = await readFile(join(app, ".env.local"), "utf8")
      expect(envFile).toContain(`\nAWS_ENDPOINT_URL_DYNAMODB=${endpoint}\n`)
      expect(await readFile(join(app, ".authtable", ".gitignore"), "utf8")).toMatch(/^\*$/m)
      const client = createLocalClient(endpoint)
      try {
        const adapter = DynamoDBAdapter(client)
        await adapter.createUser({ id: "u1", email: "ada@example.com", emailVerified: null })
        expect(await adapter.getUserByEmail("ada@example.com")).toMatchObject({ id: "u1" })
      } finally {
        client.destroy()
      }

      // What a terminal's Ctrl-C or a process manager's stop does: signal authtable itself.
      process.kill(await binPid(child.pid as number), "SIGTERM")
      expect(await exited).toBe(0)
      expect(stdout).toMatch(/SIGTERM: finishing requests in flight/)
      expect(stdout).toMatch(/ stopped$/m)
      expect(stderr).toBe("")
    } finally {
      if (child.exitCode === null) process.kill(-(child.pid as number), "SIGKILL")
    }
  }, 60_000)
})

/** The pid of the node process running the bin, in the process group npx leads. */
async function binPid(group: number): Promise<number> {
  const { stdout } = await exec("ps", ["-o", "pid=,args=", "-g", String(group)])
  const line = stdout.split("\n").find((row) => /node .*\.bin\/authtable dev|cli\.js dev/.test(row))
  if (!line) throw new Error(`no authtable process in group ${group}:\n${stdout}`)
  return Number(line.trim().split(/\s+/, 1)[0])
}

async function until(ready: () => boolean, output: () => string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`no ready banner in ${timeoutMs} ms:\n${output()}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
