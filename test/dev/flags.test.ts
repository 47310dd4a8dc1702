import { describe, expect, test } from "vitest"
import { devHelp, parseDevArgs, parseDuration } from "../../src/dev/flags.js"

const options = (...argv: string[]) => {
  const command = parseDevArgs(argv)
  if (!("options" in command)) throw new Error(`expected options, got ${JSON.stringify(command)}`)
  return command.options
}

describe("parseDevArgs", () => {
  test("leaves defaults to the server when no flag is given", () => {
    expect(options()).toEqual({ exposeOnNetwork: false, reset: false })
  })

  test("reads --seed with and without a number", () => {
    expect(options("--seed").seedUsers).toBe(10)
    expect(options("--seed", "25").seedUsers).toBe(25)
    expect(options("--seed=3", "--reset")).toMatchObject({ seedUsers: 3, reset: true })
    expect(options("--seed", "--memory")).toMatchObject({ seedUsers: 10, dataDir: false })
  })

  test("reads ports, durations, paths and key names", () => {
    expect(
      options(
        "--port=0",
        "--sweep-interval",
        "250ms",
        "--data-dir",
        "/tmp/x",
        "--write-env",
        ".env.local",
        "--ttl-lag",
        "10m",
        "--allow-origin",
        "http://localhost:3000",
        "--allow-origin=http://127.0.0.1:3000",
        "--table",
        "t",
        "--partition-key",
        "PK",
        "--index-sort-key",
        "gsk",
      ),
    ).toMatchObject({
      port: 0,
      sweepIntervalMs: 250,
      dataDir: "/tmp/x",
      envFile: ".env.local",
      ttlLagMs: 600_000,
      allowOrigins: ["http://localhost:3000", "http://127.0.0.1:3000"],
      tableName: "t",
      partitionKey: "PK",
      indexSortKey: "gsk",
    })
  })

  test("marks an explicit --host as exposeOnNetwork", () => {
    expect(options("--host", "0.0.0.0")).toMatchObject({ host: "0.0.0.0", exposeOnNetwork: true })
  })

  test("answers -h and --help with the help, -v and --version with the version", () => {
    expect(parseDevArgs(["-h"])).toEqual({ help: true })
    expect(parseDevArgs(["--port", "1", "--help"])).toEqual({ help: true })
    expect(parseDevArgs(["-v"])).toEqual({ version: true })
    expect(parseDevArgs(["--version"])).toEqual({ version: true })
  })

  test.each([
    ["--prot", "--port"],
    ["--prot=8000", "--port"],
    ["--memroy", "--memory"],
    ["--sweep-intervall", "--sweep-interval"],
    ["--write-evn", "--write-env"],
    ["--env-file", "--write-env"],
    ["--allow-origins", "--allow-origin"],
    ["--partition", "--partition-key"],
  ])("answers the unknown flag %s with the nearest one, %s", (typed, nearest) => {
    const spelled = typed.split("=")[0]
    expect(() => parseDevArgs([typed, "8000"])).toThrow(
      new TypeError(
        `[authtable] Unknown flag ${spelled}. Did you mean ${nearest}? See authtable dev --help.`,
      ),
    )
  })

  test("names no flag when none is near, and reads a flag's value as a value", () => {
    expect(() => parseDevArgs(["--quux"])).toThrow(
      new TypeError("[authtable] Unknown flag --quux. See authtable dev --help."),
    )
    expect(() => parseDevArgs(["-x"])).toThrow("Unknown flag -x.")
    expect(options("--table=-odd-").tableName).toBe("-odd-")
    expect(() => parseDevArgs(["--table", "-odd-"])).toThrow(
      "[authtable] Could not read --table: its value starts with a dash. Write --table=<value>.",
    )
    expect(() => parseDevArgs(["--port"])).toThrow(
      "[authtable] Could not read --port: it needs a value. See authtable dev --help.",
    )
  })

  test.each([
    [["--bogus"], "Unknown flag --bogus"],
    [["extra"], 'unexpected argument "extra"'],
    [["--port", "65536"], "Could not read --port"],
    [["--port", "http"], "Could not read --port"],
    [["--seed", "0"], "Could not read --seed"],
    [["--memory", "--data-dir", "d"], "--memory and --data-dir exclude each other"],
    [["--ttl-lag", "soon"], 'Could not read --ttl-lag: "soon" is not a duration'],
    [["--allow-origin", "localhost:3000"], "Could not read --allow-origin"],
    [["--allow-origin", "http://localhost:3000/app"], "Pass scheme, host and port only"],
  ])("rejects %j with a TypeError that names the flag", (argv, message) => {
    expect(() => parseDevArgs(argv)).toThrow(TypeError)
    expect(() => parseDevArgs(argv)).toThrow(message)
  })
})

describe("parseDuration", () => {
  test.each([
    ["5000", 5000],
    ["500ms", 500],
    ["5s", 5000],
    ["2m", 120_000],
    ["1h", 3_600_000],
    ["2d", 172_800_000],
    ["0", false],
    ["off", false],
  ])("reads %s", (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  test("rejects anything else", () => {
    expect(() => parseDuration("5 minutes")).toThrow("is not a duration")
  })
})

describe("devHelp", () => {
  test("lists every flag on its own line", () => {
    const help = devHelp()
    for (const flag of ["--port", "--host", "--data-dir", "--memory", "--seed", "--reset"]) {
      expect(help).toMatch(new RegExp(`^  ${flag}\\b`, "m"))
    }
    expect(help).toContain("--sweep-interval <t>")
    expect(help).toContain("--write-env <file>")
    expect(help).toContain("--allow-origin <origin>")
    expect(help).toContain("--ttl-lag <t>")
    expect(help).toContain("-v, --version")
    expect(help).toContain("-h, --help")
  })
})
