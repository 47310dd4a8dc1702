import { describe, expect, test } from "vitest"
import { devHelp, parseDevArgs, parseDuration } from "../../src/dev/flags.js"

const options = (...argv: string[]) => {
  const command = parseDevArgs(argv)
  if (command.help) throw new Error("expected options, got help")
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
        "--env-file",
        ".env.local",
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
      tableName: "t",
      partitionKey: "PK",
      indexSortKey: "gsk",
    })
  })

  test("marks an explicit --host as exposeOnNetwork", () => {
    expect(options("--host", "0.0.0.0")).toMatchObject({ host: "0.0.0.0", exposeOnNetwork: true })
  })

  test("answers -h and --help with the help", () => {
    expect(parseDevArgs(["-h"])).toEqual({ help: true })
    expect(parseDevArgs(["--port", "1", "--help"])).toEqual({ help: true })
  })

  test.each([
    [["--bogus"], "Unknown option '--bogus'"],
    [["extra"], 'unexpected argument "extra"'],
    [["--port", "65536"], "Could not read --port"],
    [["--port", "http"], "Could not read --port"],
    [["--seed", "0"], "Could not read --seed"],
    [["--memory", "--data-dir", "d"], "--memory and --data-dir exclude each other"],
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
    expect(help).toContain("--env-file <path>")
    expect(help).toContain("-h, --help")
  })
})
