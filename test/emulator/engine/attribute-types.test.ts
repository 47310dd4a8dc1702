/**
 * The engine checks plain attribute value maps itself instead of through dynalite's checkTypes.
 * For every request, seeded and random (valid values, values dynalite converts, and values it
 * refuses), the result must be dynalite's: the same checked request, or the same error, and the
 * same changes to the request it was given.
 */
import { createRequire } from "node:module"
import { describe, expect, test } from "vitest"
import { checkTypesFaster } from "../../../src/emulator/engine/_attribute-types.js"
import { createRandomizer } from "../../../src/fixtures/_random.js"

const engineRequire = createRequire(require.resolve("../../../src/emulator/engine/_dynalite.ts"))
const validations = engineRequire("dynalite/validations") as {
  checkTypes(data: object, types: object): object
}
const typesOf = (operation: string) =>
  (engineRequire(`dynalite/validations/${operation}`) as { types: object }).types

const operations = ["putItem", "getItem", "deleteItem", "updateItem", "query", "scan"]

/** A seeded source of choices. */
function chooser(seed: number) {
  const random = createRandomizer()
  random.seed(seed)
  const int = (n: number) => Math.floor(random.next() * n)
  const pick = <T>(values: readonly T[]): T => values[int(values.length)] as T
  return { int, pick, chance: (p: number) => random.next() < p }
}
type Chooser = ReturnType<typeof chooser>

const scalars = ["x", "", "1", "-0.5e3", "true", "AAE=", "é😀", 0, 1.5, true, false, null]

/** An attribute value: mostly plain, sometimes with what dynalite converts or refuses. */
function attributeValue(c: Chooser, depth: number): unknown {
  const plain = c.chance(0.85)
  if (!plain) {
    return c.pick<unknown>([
      null,
      "S",
      [],
      {},
      { S: "a", N: "1" },
      { S: null },
      { S: 1 },
      { N: true },
      { BOOL: "true" },
      { BOOL: "maybe" },
      { NULL: 1 },
      { B: "AAE=" },
      { B: "AAE" },
      { BS: ["AAE="] },
      { SS: ["a", null] },
      { SS: "a" },
      { NS: [1] },
      { L: [null] },
      { L: {} },
      { M: [] },
      { M: { a: null } },
      { X: "a" },
      { __proto__: { S: "a" } },
      JSON.parse('{"__proto__": {"S": "a"}}'),
      { S: "a", extra: null },
      { [c.pick(["S", "N", "BOOL", "SS"])]: c.pick(scalars) },
    ])
  }
  const type =
    depth > 3
      ? c.pick(["S", "N", "BOOL", "NULL"])
      : c.pick(["S", "N", "BOOL", "NULL", "SS", "NS", "L", "M"])
  switch (type) {
    case "S":
    case "N":
      return { [type]: c.pick(["a", "", "1", "USER#1", "é😀"]) }
    case "BOOL":
    case "NULL":
      return { [type]: c.chance(0.5) }
    case "SS":
    case "NS":
      return { [type]: Array.from({ length: c.int(3) }, (_, i) => `${i}`) }
    case "L":
      return { L: Array.from({ length: c.int(4) }, () => attributeValue(c, depth + 1)) }
    default:
      return { M: attributeMap(c, depth + 1) }
  }
}

function attributeMap(c: Chooser, depth: number): Record<string, unknown> {
  const map: Record<string, unknown> = {}
  for (let i = c.int(5); i > 0; i--) {
    // Defined, as JSON.parse does: an own attribute named __proto__, not the map's prototype.
    Object.defineProperty(map, c.pick(["pk", "sk", "a", "b", "c", ":v", "__proto__"]), {
      value: attributeValue(c, depth),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return map
}

/** A request body: its attribute maps, sometimes not maps at all, and other fields. */
function request(c: Chooser): Record<string, unknown> {
  const field = () =>
    c.chance(0.9) ? attributeMap(c, 0) : c.pick<unknown>([null, "x", [], 1, [{ S: "a" }]])
  const body: Record<string, unknown> = { TableName: c.pick(["next-auth", 5, null]) }
  for (const name of ["Item", "Key", "ExpressionAttributeValues", "ExclusiveStartKey"]) {
    if (c.chance(0.6)) body[name] = field()
  }
  if (c.chance(0.2)) body.Unknown = "dropped"
  if (c.chance(0.2)) body.ReturnValues = c.pick(["ALL_OLD", 1, null])
  if (c.chance(0.1)) body.ConsistentRead = c.pick([true, "yes", 1])
  // As JSON.parse leaves `{"__proto__": …}`: an own field, not the prototype.
  if (c.chance(0.05)) {
    const value = c.pick<unknown>(["x", { S: "a" }, null])
    Object.defineProperty(body, "__proto__", {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return body
}

/** What a check gives: the checked request (its JSON, key order included) or the error. */
function outcome(check: () => object): string {
  try {
    return `ok ${JSON.stringify(check())}`
  } catch (error) {
    const { statusCode, body } = error as { statusCode?: number; body?: unknown }
    return `error ${statusCode} ${JSON.stringify(body)} ${(error as Error).message}`
  }
}

/** Object key order aside: the engine appends the maps it checked to dynalite's result. */
function sortedKeys(text: string): string {
  if (!text.startsWith("ok ")) return text
  const value = JSON.parse(text.slice(3)) as Record<string, unknown>
  return `ok ${JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))))}`
}

describe("checkTypesFaster", () => {
  test("gives dynalite's result or error, and leaves the request as dynalite does, for 6,000 seeded requests", () => {
    let checkedHere = 0
    for (let seed = 1; seed <= 1000; seed++) {
      for (const operation of operations) {
        const c = chooser(seed * 31 + operations.indexOf(operation))
        const body = request(c)
        const types = typesOf(operation)
        const forDynalite = structuredClone(body)
        const forEngine = structuredClone(body)
        const expected = outcome(() => validations.checkTypes(forDynalite, types))
        let fellBack = false
        const actual = outcome(() =>
          checkTypesFaster(forEngine, types, (data, t) => {
            fellBack ||= data === forEngine && Object.keys(data).length === Object.keys(body).length
            return validations.checkTypes(data, t)
          }),
        )
        if (!fellBack) checkedHere++
        const context = `${operation} ${JSON.stringify(body)}`
        expect(sortedKeys(actual), context).toBe(sortedKeys(expected))
        // Within each map, attribute order is the request's: compare those texts exactly.
        if (expected.startsWith("ok ")) {
          const want = JSON.parse(expected.slice(3)) as Record<string, unknown>
          const got = JSON.parse(actual.slice(3)) as Record<string, unknown>
          for (const name of Object.keys(want)) {
            expect(JSON.stringify(got[name]), context).toBe(JSON.stringify(want[name]))
          }
        }
        expect(JSON.stringify(forEngine), context).toBe(JSON.stringify(forDynalite))
      }
    }
    // The generator must exercise the engine's own path, not only the fallback.
    expect(checkedHere).toBeGreaterThan(1000)
  })

  test("checks a plain PutItem's item itself, and hands a base64 Blob to dynalite", () => {
    const types = typesOf("putItem")
    const calls: string[] = []
    const spy = (data: object, t: object) => {
      calls.push(Object.keys(data).join(","))
      return validations.checkTypes(data, t)
    }
    const item = { pk: { S: "USER#1" }, n: { N: "1" }, l: { L: [{ M: { b: { BOOL: true } } }] } }
    const checked = checkTypesFaster({ TableName: "t", Item: item }, types, spy)
    expect(checked).toEqual({ TableName: "t", Item: item })
    expect(checked.Item).not.toBe(item)
    expect(calls).toEqual(["TableName"])
    checkTypesFaster({ TableName: "t", Item: { b: { B: "AAE=" } } }, types, spy)
    expect(calls.at(-1)).toBe("TableName,Item")
  })
})
