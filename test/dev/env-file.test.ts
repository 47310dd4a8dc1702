import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, test } from "vitest"
import { checkEnvFileFolder, writeEnvFile } from "../../src/dev/env-file.js"

const env = { AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:8000", AWS_REGION: "us-east-1" }

describe("writeEnvFile", () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "authtable-env-"))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test("creates a missing file with every key", async () => {
    const path = join(dir, ".env.local")
    const change = await writeEnvFile(path, env)
    expect(change).toEqual({ created: true, updated: [], added: Object.keys(env) })
    expect(await readFile(path, "utf8")).toBe(
      "# Local DynamoDB for next-auth / Auth.js (authtable dev)\nAWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000\nAWS_REGION=us-east-1\n",
    )
  })

  test("rewrites its keys in place and keeps every other line byte for byte", async () => {
    const path = join(dir, ".env.local")
    const before = [
      "# my app",
      "AUTH_SECRET=keep-me",
      "export AWS_ENDPOINT_URL_DYNAMODB=http://localhost:4566",
      "",
      "  AWS_REGION = eu-west-1",
      "OTHER=1 # comment",
      "",
    ].join("\n")
    await writeFile(path, before)
    const change = await writeEnvFile(path, env)
    expect(change.updated.sort()).toEqual(["AWS_ENDPOINT_URL_DYNAMODB", "AWS_REGION"])
    expect(change.added).toEqual([])
    expect(await readFile(path, "utf8")).toBe(
      [
        "# my app",
        "AUTH_SECRET=keep-me",
        "export AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000",
        "",
        "  AWS_REGION =us-east-1",
        "OTHER=1 # comment",
        "",
      ].join("\n"),
    )
  })

  test("appends missing keys after a file without a final newline, keeping CRLF", async () => {
    const path = join(dir, ".env")
    await writeFile(path, "A=1\r\nAWS_REGION=x")
    await writeEnvFile(path, env)
    expect(await readFile(path, "utf8")).toBe(
      "A=1\r\nAWS_REGION=us-east-1\r\n\r\n# Local DynamoDB for next-auth / Auth.js (authtable dev)\r\nAWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000\r\n",
    )
  })

  test("is idempotent: a second write changes nothing", async () => {
    const path = join(dir, ".env.local")
    await writeFile(path, "A=1\n")
    await writeEnvFile(path, env)
    const once = await readFile(path, "utf8")
    const change = await writeEnvFile(path, env)
    expect(change.added).toEqual([])
    expect(await readFile(path, "utf8")).toBe(once)
  })
})

describe("checkEnvFileFolder", () => {
  test("accepts a missing file in an existing folder", async () => {
    await expect(checkEnvFileFolder(join(tmpdir(), ".env.nothing-here"))).resolves.toBeUndefined()
  })

  test("refuses a path whose folder does not exist, naming the folder", async () => {
    const folder = join(tmpdir(), `authtable-no-such-folder-${process.pid}`)
    await expect(checkEnvFileFolder(join(folder, ".env.local"))).rejects.toThrow(
      `[authtable] Could not write the env block to ${join(folder, ".env.local")}: the folder ${folder} does not exist. Check the path, or create the folder first; --write-env creates the file, never folders.`,
    )
  })
})
