import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import { endpointEnv } from "../../src/emulator/env.js"
import { doc, section } from "../_readme.js"
import { root, runCli } from "./_run-cli.js"

describe("authtable dev --help", () => {
  test("lists exactly the flags of the README's table, with the same words", async () => {
    const cli = runCli(["dev", "--help"])
    expect(await cli.exited).toBe(0)
    const help = [...cli.stdout.matchAll(/^ {2}(-\S.*?) {2,}(\S.*)$/gm)].map((m) => [m[1], m[2]])
    const table = [
      ...section("dev:ddb", doc("dev-server")).matchAll(/^\| `([^`]+)` *\| (.+?) *\|$/gm),
    ].map((m) => [m[1], m[2]])
    expect(help.length).toBeGreaterThanOrEqual(15)
    expect(table).toEqual(help)
  })

  test("the README's env block is what the banner prints for the default port", async () => {
    const block = section("dev:ddb", doc("dev-server")).match(
      /```sh\n(AWS_ENDPOINT_URL_DYNAMODB=[^`]+)```/,
    )?.[1]
    const expected = Object.entries(endpointEnv("http://127.0.0.1:8000"))
      .map(([key, value]) => `${key}=${value}\n`)
      .join("")
    expect(block).toBe(expected)
  })

  test("`authtable --help` names the dev command and `npm run dev:ddb` runs the same bin", async () => {
    const cli = runCli(["--help"])
    expect(await cli.exited).toBe(0)
    expect(cli.stdout).toMatch(/^ {2}dev {4}/m)
    const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"))
    expect(pkg.bin).toEqual({ authtable: "./dist/cli.js" })
    expect(pkg.scripts["dev:ddb"]).toBe("node dist/cli.js dev")
    const source = await readFile(join(root, "src/cli.ts"), "utf8")
    expect(source.startsWith("#!/usr/bin/env node\n")).toBe(true)
  })

  test.each(["--version", "-v", "dev --version"])(
    "`authtable %s` prints the package's version",
    async (args) => {
      const cli = runCli(args.split(" "))
      expect(await cli.exited).toBe(0)
      const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"))
      expect(cli.stdout).toBe(`${pkg.version}\n`)
    },
  )

  test("`authtable help` prints the usage, `authtable help dev` the flags of dev", async () => {
    const usage = runCli(["help"])
    expect(await usage.exited).toBe(0)
    expect(usage.stdout).toMatch(/^Usage: authtable <command>/)
    expect(usage.stdout).toMatch(/^ {2}-v, --version/m)
    const dev = runCli(["help", "dev"])
    expect(await dev.exited).toBe(0)
    expect(dev.stdout).toMatch(/^Usage: authtable dev \[flags\]/)
  })

  test("a dev flag given without dev is pointed to authtable dev", async () => {
    const cli = runCli(["--port", "8001"])
    expect(await cli.exited).toBe(2)
    expect(cli.stderr).toBe(
      "[authtable] Unknown flag --port. Did you mean authtable dev --port? See authtable --help.\n",
    )
  })

  test("an unknown command exits 2 and points to --help", async () => {
    const cli = runCli(["serve"])
    expect(await cli.exited).toBe(2)
    expect(cli.stderr).toContain('Could not run "serve": no such command. Run authtable --help.')
  })
})
