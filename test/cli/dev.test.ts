import { execFile } from "node:child_process"
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { DescribeTimeToLiveCommand } from "@aws-sdk/client-dynamodb"
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest"
import { createLayout, defaultTableKeys } from "../../src/adapter/index.js"
import { createLocalClient } from "../../src/emulator/client.js"
import { DynamoDBAdapter } from "../../src/index.js"
import { type Cli, root, runCli, stopCli } from "./_run-cli.js"

const layout = createLayout(defaultTableKeys)
let dir: string
const running: Cli[] = []

function start(args: string[]): Cli {
  const cli = runCli(["dev", "--port", "0", ...args])
  running.push(cli)
  return cli
}

async function tableItems(endpoint: string) {
  const client = createLocalClient(endpoint)
  try {
    const { Items = [] } = await client.scan({ TableName: "next-auth" })
    return Items
  } finally {
    client.destroy()
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "authtable-cli-"))
})
afterEach(async () => {
  await Promise.all(running.splice(0).map((cli) => stopCli(cli, "SIGKILL")))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe("authtable dev", () => {
  test("prints a ready banner whose env block alone lets an app read and write the table", async () => {
    const cli = start(["--memory", "--sweep-interval", "3s"])
    const { endpoint, inspectorUrl, env } = await cli.ready()
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(cli.stdout).toMatch(/^ {2}Table +next-auth \(pk\/sk, index GSI1 GSI1PK\/GSI1SK/m)
    expect(cli.stdout).toMatch(/^ {2}Data dir +in memory/m)
    expect(cli.stdout).toMatch(/^ {2}TTL sweep +every 3s$/m)
    expect(inspectorUrl).toBe(`${endpoint}/_authtable/`)
    expect(env).toEqual({
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "authtable",
      AWS_SECRET_ACCESS_KEY: "authtable",
      NEXT_AUTH_AWS_ACCESS_KEY: "authtable",
      NEXT_AUTH_AWS_SECRET_KEY: "authtable",
      NEXT_AUTH_AWS_REGION: "us-east-1",
      AUTH_DYNAMODB_ID: "authtable",
      AUTH_DYNAMODB_SECRET: "authtable",
      AUTH_DYNAMODB_REGION: "us-east-1",
    })

    // An "app": a separate process whose only configuration is the printed block.
    const app = `
      import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
      import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
      const db = DynamoDBDocument.from(new DynamoDBClient({}))
      await db.put({ TableName: "next-auth", Item: { pk: "USER#app", sk: "USER#app", type: "USER", email: "app@example.com" } })
      const { Item } = await db.get({ TableName: "next-auth", Key: { pk: "USER#app", sk: "USER#app" } })
      console.log(Item.email)`
    const appEnv: NodeJS.ProcessEnv = { ...process.env }
    for (const key of Object.keys(appEnv)) if (key.startsWith("AWS_")) delete appEnv[key]
    Object.assign(appEnv, env, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" })
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--input-type=module", "-e", app],
      { cwd: root, env: appEnv },
    )
    expect(stdout.trim()).toBe("app@example.com")

    const client = createLocalClient(endpoint)
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: "next-auth" }))
    client.destroy()
    expect(ttl.TimeToLiveDescription).toEqual({
      TimeToLiveStatus: "ENABLED",
      AttributeName: "expires",
    })
  })

  test("writes the env block into --write-env and keeps the file's other lines", async () => {
    const envFile = join(dir, "app", ".env.local")
    await mkdir(join(dir, "app"), { recursive: true })
    await writeFile(envFile, "AUTH_SECRET=s3cret\nAWS_REGION=eu-west-1\n# keep me\n")
    const cli = start(["--memory", "--write-env", envFile])
    const { endpoint } = await cli.ready()
    const text = await readFile(envFile, "utf8")
    expect(text.startsWith("AUTH_SECRET=s3cret\nAWS_REGION=us-east-1\n# keep me\n")).toBe(true)
    expect(text).toContain(`\nAWS_ENDPOINT_URL_DYNAMODB=${endpoint}\n`)
    expect(text).toContain("\nAUTH_DYNAMODB_REGION=us-east-1\n")
    expect(text.match(/^AWS_REGION=/gm)).toHaveLength(1)
    expect(cli.stdout).toContain(`updated ${envFile} (10 keys, other lines kept)`)
    expect(cli.stdout).toContain(`Written to ${envFile}`)
  })

  test("refuses a --write-env path whose folder does not exist, before starting", async () => {
    const envFile = join(dir, "no-such-app", ".env.local")
    const cli = start(["--memory", "--write-env", envFile])
    expect(await cli.exited).toBe(1)
    expect(cli.stderr).toBe(
      `[authtable] Could not write the env block to ${envFile}: the folder ${join(dir, "no-such-app")} does not exist. Check the path, or create the folder first; --write-env creates the file, never folders.\n`,
    )
    expect(cli.stdout).toBe("")
  })

  test("keeps the data across a restart with --data-dir", async () => {
    const dataDir = join(dir, "persist")
    const first = start(["--data-dir", dataDir])
    const { endpoint } = await first.ready()
    const client = createLocalClient(endpoint)
    await DynamoDBAdapter(client).createUser({
      id: "kept",
      email: "kept@example.com",
      emailVerified: null,
    })
    client.destroy()
    expect(first.stdout).toMatch(new RegExp(`^ {2}Data dir +${dataDir}$`, "m"))
    expect(await stopCli(first, "SIGINT")).toBe(0)

    const second = start(["--data-dir", dataDir])
    const restarted = await second.ready()
    const again = createLocalClient(restarted.endpoint)
    expect(await DynamoDBAdapter(again).getUser("kept")).toMatchObject({
      email: "kept@example.com",
    })
    again.destroy()
  })

  test("seeds demo users once: a second --seed run adds none", async () => {
    const dataDir = join(dir, "seeded")
    const first = start(["--data-dir", dataDir, "--seed", "3"])
    const { endpoint } = await first.ready()
    expect(first.stdout).toMatch(/seeding 3 demo users: 9\/9 items$/m)
    expect(first.stdout).toMatch(
      /seeded 3 demo users, each with an account and a session \(faker seed 42\)$/m,
    )
    expect(first.stdout).toMatch(/^ {2}Demo users +3 seeded with faker seed 42$/m)
    const seeded = await tableItems(endpoint)
    const kinds = seeded.map((item) => layout.kindOf(item) ?? "other").sort()
    expect(kinds).toEqual([
      "account",
      "account",
      "account",
      "other",
      "session",
      "session",
      "session",
      "user",
      "user",
      "user",
    ])
    expect(await stopCli(first)).toBe(0)

    const second = start(["--data-dir", dataDir, "--seed", "3"])
    const again = await second.ready()
    expect(second.stdout).toContain("3 demo users already seeded (faker seed 42,")
    expect(await tableItems(again.endpoint)).toHaveLength(seeded.length)
  })

  test("--reset empties the table before seeding again", async () => {
    const dataDir = join(dir, "reset")
    const first = start(["--data-dir", dataDir, "--seed", "2"])
    await first.ready()
    expect(await stopCli(first)).toBe(0)
    const second = start(["--data-dir", dataDir, "--reset"])
    const { endpoint } = await second.ready()
    expect(second.stdout).toContain("emptied table next-auth (--reset)")
    expect(await tableItems(endpoint)).toEqual([])
  })

  test("logs each sweep that deleted something, by kind", async () => {
    const cli = start(["--memory", "--sweep-interval", "200ms"])
    const { endpoint } = await cli.ready()
    const client = createLocalClient(endpoint)
    const adapter = DynamoDBAdapter(client)
    // All three expire in the same second, after they are written: one sweep takes them all.
    const past = new Date((Math.floor(Date.now() / 1000) + 2) * 1000)
    await adapter.createUser({ id: "u", email: "u@example.com", emailVerified: null })
    await adapter.createSession({ sessionToken: "s1", userId: "u", expires: past })
    await adapter.createSession({ sessionToken: "s2", userId: "u", expires: past })
    await adapter.createVerificationToken({
      identifier: "u@example.com",
      token: "t",
      expires: past,
    })
    client.destroy()
    const [line] = await cli.waitFor(/TTL sweep deleted .*$/m)
    expect(line).toBe("TTL sweep deleted 3 expired items (2 sessions, 1 verification token)")
  })

  test.each(["SIGINT", "SIGTERM"] as const)(
    "finishes writes in flight and exits 0 on %s",
    async (signal) => {
      const dataDir = join(dir, `stop-${signal}`)
      const cli = start(["--data-dir", dataDir])
      const { endpoint } = await cli.ready()
      const client = createLocalClient(endpoint)
      const adapter = DynamoDBAdapter(client)
      await adapter.createUser({ id: "warm", email: "warm@example.com", emailVerified: null })
      const writes = Array.from({ length: 20 }, async (_, i): Promise<string> => {
        try {
          await adapter.createUser({ id: `u${i}`, email: `u${i}@example.com`, emailVerified: null })
          return "ok"
        } catch (error) {
          return (error as { code?: string }).code ?? (error as Error).name
        }
      })
      cli.child.kill(signal)
      const outcomes = await Promise.all(writes)
      client.destroy()
      expect(await cli.exited).toBe(0)
      expect(cli.stdout).toContain(`${signal}: finishing requests in flight`)
      expect(cli.stdout).toMatch(/ stopped$/m)
      // A write is either answered or refused before it started; none is cut off halfway.
      // (A refused connection to loopback reaches the adapter's caller as UNREACHABLE.)
      expect(outcomes.filter((o) => o !== "ok" && o !== "UNREACHABLE")).toEqual([])

      const after = start(["--data-dir", dataDir])
      const restarted = createLocalClient((await after.ready()).endpoint)
      const stored = DynamoDBAdapter(restarted)
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome === "ok") expect(await stored.getUser(`u${i}`)).not.toBeNull()
      }
      restarted.destroy()
    },
  )

  test("stops cleanly when the shell that `npm run` starts it under is killed", async () => {
    // npm forwards a SIGTERM to `sh -c`, which dies without passing it on.
    const cli = runCli(["dev", "--port", "0", "--memory"], { underShell: true })
    running.push(cli)
    await cli.ready()
    cli.child.kill("SIGTERM")
    await cli.waitFor(/parent process exited: finishing requests in flight/)
    await cli.waitFor(/ stopped$/m)
  })

  test("fails with one line naming the port and the flag when the port is in use", async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      const cli = runCli(["dev", "--memory", "--port", String(port)])
      const code = await cli.exited
      expect(code).not.toBe(0)
      expect(cli.stderr).toBe(
        `[authtable] Could not start: port ${port} is in use. Pass --port ${port + 1} or stop the other process.\n`,
      )
      expect(cli.stdout).toBe("")
    } finally {
      blocker.close()
    }
  })

  test("answers an unknown flag in one line with the nearest flag, exit code 2", async () => {
    const cli = runCli(["dev", "--prot", "8000"])
    expect(await cli.exited).toBe(2)
    expect(cli.stderr).toBe(
      "[authtable] Unknown flag --prot. Did you mean --port? See authtable dev --help.\n",
    )
    expect(cli.stdout).toBe("")
  })
})
