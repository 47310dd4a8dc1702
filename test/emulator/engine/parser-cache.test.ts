import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { describe, expect, test } from "vitest"
import { withResultCache } from "../../../src/emulator/engine/_parser-cache.js"
import { runModuleForJson } from "../../_fresh-process.js"

const engineRequire = createRequire(require.resolve("../../../src/emulator/engine/_dynalite.ts"))

type Parse = (input: string, options: object) => unknown

/** A parser module compiled from `source`, apart from the one dynalite's validation uses. */
function compile(name: string, transform: (source: string) => string): Parse {
  const path = engineRequire.resolve(`dynalite/db/${name}`)
  const module = { exports: {} as { parse: Parse } }
  new Function("module", "exports", "require", transform(readFileSync(path, "utf8")))(
    module,
    module.exports,
    createRequire(path),
  )
  return module.exports.parse
}

/** What a parse gives: its tree, or its error's name and message. */
function outcome(parse: Parse, input: string): string {
  const db = engineRequire("dynalite/db") as { compare: unknown }
  const context = {
    attrNames: { "#n": "name" },
    attrVals: { ":a": { S: "x" }, ":b": { N: "1" } },
    unusedAttrNames: {},
    unusedAttrVals: {},
    isReserved: (name: string) => name.toUpperCase() === "NAME",
    compare: db.compare,
  }
  try {
    return JSON.stringify(parse(input, { context }))
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`
  }
}

/** Token soup with a fixed seed: short, so the uncached parser stays fast. */
function expressions(tokens: string[], count: number, seed: number): string[] {
  let state = seed
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
  return Array.from({ length: count }, () =>
    Array.from(
      { length: 1 + Math.floor(next() * 9) },
      () => tokens[Math.floor(next() * tokens.length)],
    ).join(" "),
  )
}

const conditionTokens = [
  "a",
  "#n",
  ":a",
  ":b",
  "=",
  "<>",
  "<",
  "AND",
  "OR",
  "NOT",
  "(",
  ")",
  ",",
  "size(a)",
  "BETWEEN",
  "IN",
  "attribute_exists(",
  "b.c",
  "d[0]",
  "begins_with(a,",
]
const updateTokens = [
  "SET",
  "REMOVE",
  "ADD",
  "DELETE",
  "a",
  "#n",
  "=",
  ":a",
  ":b",
  "+",
  "-",
  ",",
  "(",
  ")",
  "list_append(a,",
  "if_not_exists(a,",
  "b.c",
  "d[1]",
]
const projectionTokens = ["a", "#n", ",", "b.c", "d[0]", "[", "]", ".", "(", ")"]

describe("the engine's cached expression parsers", () => {
  for (const [name, tokens, known] of [
    [
      "conditionParser",
      conditionTokens,
      [
        "a = :a AND (b <> :b OR NOT size(a) < :b)",
        "((a = :a))",
        "a IN (:a, :b)",
        "a BETWEEN :a AND :b",
        "()",
        "((,))",
      ],
    ],
    [
      "updateParser",
      updateTokens,
      ["SET a = :a, b = list_append(b, :a) REMOVE c", "SET a = (:a)", "ADD a :b"],
    ],
    ["projectionParser", projectionTokens, ["a, b.c, d[0]", "a,,b", "#n"]],
  ] as const) {
    test(`${name} gives the same trees and errors as dynalite's own`, () => {
      const plain = compile(name, (source) => source)
      const cached = compile(name, withResultCache)
      const inputs = [...known, ...expressions([...tokens], 400, 7)]
      const differences = inputs.filter((input) => outcome(plain, input) !== outcome(cached, input))
      expect(differences).toEqual([])
      // Both kinds of outcome are compared: trees and syntax errors.
      expect(outcome(cached, known[0])).not.toContain("Error")
      expect(inputs.some((input) => outcome(cached, input).startsWith("SyntaxError"))).toBe(true)
    })
  }

  test("parses a syntax error 200 parentheses deep", () => {
    const cached = compile("conditionParser", withResultCache)
    const input = `${"(".repeat(200)},${")".repeat(200)}`
    // Uncached, 8 levels already take minutes: the test's timeout would catch a regression.
    expect(outcome(cached, input)).toMatch(/SyntaxError: Expected .* but "," found/)
  })
})

/**
 * In a fresh process: optionally loads dynalite's validations first, then starts an emulator and
 * sends an UpdateItem whose update, condition and projection expressions all parse, and one whose
 * condition is a syntax error 200 parentheses deep (minutes without the cache). Prints what the
 * module cache holds for each parser and what the requests answered.
 */
function freshProcess(loadValidationsFirst: boolean) {
  const script = `
    import { createRequire } from "node:module"
    const dynaliteRequire = createRequire(createRequire(import.meta.url).resolve("./src/emulator/engine/_dynalite.ts"))
    if (${loadValidationsFirst}) dynaliteRequire("dynalite/validations")
    const { startAuthTable } = await import("./src/index.ts")
    const table = await startAuthTable()
    const { tableName: TableName, client } = table
    await client.put({ TableName, Item: { pk: "a", sk: "a", n: 1 } })
    const updated = await client.update({
      TableName, Key: { pk: "a", sk: "a" }, UpdateExpression: "SET n = n + :one",
      ConditionExpression: "attribute_exists(pk)", ExpressionAttributeValues: { ":one": 1 },
      ReturnValues: "ALL_NEW",
    })
    const read = await client.get({ TableName, Key: { pk: "a", sk: "a" }, ProjectionExpression: "n" })
    const deep = await client.update({
      TableName, Key: { pk: "a", sk: "a" }, UpdateExpression: "SET n = :one",
      ConditionExpression: "${"(".repeat(200)},${")".repeat(200)}", ExpressionAttributeValues: { ":one": 1 },
    }).catch((error) => error.message)
    await table.stop()
    const modules = Object.fromEntries(["conditionParser", "updateParser", "projectionParser"].map((name) => {
      const exports = dynaliteRequire.cache[dynaliteRequire.resolve("dynalite/db/" + name)]?.exports
      const own = Object.getOwnPropertyDescriptor(exports ?? {}, "SyntaxError")
      return [name, own?.get ? "in its place" : own ? "original" : "absent"]
    }))
    console.log(JSON.stringify({ modules, n: updated.Attributes.n, read: read.Item, deep }))
  `
  return runModuleForJson(script)
}

describe("the engine's parsers in dynalite's module cache", () => {
  test.each([
    [
      false,
      "take the place of parser modules not loaded yet, which are then never loaded",
      "in its place",
    ],
    [true, "replace the parse of parser modules loaded before the engine", "original"],
  ] as const)("with dynalite's validations loaded first: %s, they %s", (first, _, held) => {
    expect(freshProcess(first)).toEqual({
      modules: { conditionParser: held, updateParser: held, projectionParser: held },
      n: 2,
      read: { n: 2 },
      deep: expect.stringMatching(/^Invalid ConditionExpression: Syntax error; .* but "," found/),
    })
  })
})
