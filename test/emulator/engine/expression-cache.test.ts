/**
 * The expression cache gives exactly what dynalite's parsers give: for each expression, a parse
 * served from a template learnt on other values equals a fresh parse of the same request (the
 * tree, the values bound by reference, the marks left on the context, the error texts).
 */
import { createRequire } from "node:module"
import { describe, expect, test } from "vitest"
import { expressionCache } from "../../../src/emulator/engine/_expression-cache.js"

const engineRequire = createRequire(
  createRequire(import.meta.url).resolve("../../../src/emulator/engine/_dynalite.ts"),
)
const { validateExpressions } = engineRequire("dynalite/validations") as {
  validateExpressions(data: Record<string, unknown>): string | undefined
}
const cache = expressionCache()

type Values = Record<string, Record<string, unknown>>
interface Case {
  name: string
  request: Record<string, unknown>
  /** Two sets of values of the same types: the cache learns on the first. */
  values: [Values, Values]
}

const s = (S: string) => ({ S })
const n = (N: string) => ({ N })
const cases: Case[] = [
  {
    name: "a key condition on GSI1 (the adapter's Query)",
    request: {
      KeyConditionExpression: "#gsi1pk = :gsi1pk AND #gsi1sk = :gsi1sk",
      ExpressionAttributeNames: { "#gsi1pk": "GSI1PK", "#gsi1sk": "GSI1SK" },
    },
    values: [
      { ":gsi1pk": s("SESSION#a"), ":gsi1sk": s("SESSION#a") },
      { ":gsi1pk": s("SESSION#b"), ":gsi1sk": s("SESSION#c") },
    ],
  },
  {
    name: "a key condition with the value first (dynalite rewrites it in place)",
    request: {
      KeyConditionExpression: ":pk = pk AND begins_with(sk, :prefix)",
    },
    values: [
      { ":pk": s("USER#1"), ":prefix": s("ACCOUNT#") },
      { ":pk": s("USER#2"), ":prefix": s("SESSION#") },
    ],
  },
  {
    name: "an update with a condition (the adapter's UpdateItem)",
    request: {
      UpdateExpression: "SET #expires = :expires, #n.#m[1] = list_append(:l, #l) REMOVE #gone",
      ConditionExpression: "attribute_exists(#pk) AND size(#l) < :max OR NOT #type IN (:a, :b)",
      ExpressionAttributeNames: {
        "#expires": "expires",
        "#n": "nested",
        "#m": "map",
        "#l": "list",
        "#gone": "gone",
        "#pk": "pk",
        "#type": "type",
      },
    },
    values: [
      { ":expires": n("1"), ":l": { L: [s("x")] }, ":max": n("3"), ":a": s("A"), ":b": s("B") },
      { ":expires": n("2.5"), ":l": { L: [] }, ":max": n("9"), ":a": s("C"), ":b": s("D") },
    ],
  },
  {
    name: "ADD and DELETE on sets, with an arithmetic SET",
    request: {
      UpdateExpression: "ADD #c :one, #tags :t SET #v = #v + :one DELETE #old :o",
      ExpressionAttributeNames: { "#c": "count", "#tags": "tags", "#v": "version", "#old": "old" },
    },
    values: [
      { ":one": n("1"), ":t": { SS: ["a"] }, ":o": { SS: ["b"] } },
      { ":one": n("7"), ":t": { SS: ["c", "d"] }, ":o": { SS: ["e"] } },
    ],
  },
  {
    name: "a filter and a projection (a Scan)",
    request: {
      FilterExpression: "contains(#email, :at) AND #expires > :now",
      ProjectionExpression: "#email, #expires, nested.list[0]",
      ExpressionAttributeNames: { "#email": "email", "#expires": "expires" },
    },
    values: [
      { ":at": s("@a"), ":now": n("10") },
      { ":at": s("@b"), ":now": n("20") },
    ],
  },
  {
    name: "an unused value (an error that names it)",
    request: {
      ConditionExpression: "attribute_not_exists(pk)",
    },
    values: [{ ":unused": s("x") }, { ":unused": s("y") }],
  },
  {
    name: "a reserved word (an error)",
    request: { ConditionExpression: "name = :v" },
    values: [{ ":v": s("x") }, { ":v": s("y") }],
  },
  {
    name: "BETWEEN, whose bounds are compared (never cached)",
    request: {
      ConditionExpression: "#e BETWEEN :lo AND :hi",
      ExpressionAttributeNames: { "#e": "e" },
    },
    values: [
      { ":lo": n("1"), ":hi": n("2") },
      { ":lo": n("3"), ":hi": n("2") },
    ],
  },
  {
    name: "a value of another type than the template's (an operand error)",
    request: { UpdateExpression: "SET #a = :a + :b", ExpressionAttributeNames: { "#a": "a" } },
    values: [
      { ":a": n("1"), ":b": n("2") },
      { ":a": n("1"), ":b": s("2") },
    ],
  },
]

const parsed = ["_updates", "_condition", "_keyCondition", "_filter", "_projection"]

/** A request as dynalite's validation gets it: a fresh object each time, as after JSON.parse. */
const request = (c: Case, values: Values): Record<string, unknown> =>
  structuredClone({ ...c.request, ExpressionAttributeValues: values })

describe("expression cache", () => {
  test.each(cases)("parses $name as dynalite does", (c) => {
    // Learn on the first values (twice: the second run is served from the template).
    for (let i = 0; i < 2; i++) cache.run(() => validateExpressions(request(c, c.values[0])))
    for (const values of c.values) {
      const plain = request(c, values)
      const cached = request(c, values)
      const plainResult = validateExpressions(plain)
      const cachedResult = cache.run(() => validateExpressions(cached))
      expect(cachedResult).toBe(plainResult)
      for (const key of parsed) expect(cached[key]).toStrictEqual(plain[key])
    }
  })

  test("binds the request's own value objects, as a parse does", () => {
    const c = cases[0] as Case
    cache.run(() => validateExpressions(request(c, c.values[0])))
    const data = request(c, c.values[1])
    cache.run(() => validateExpressions(data))
    const values = data.ExpressionAttributeValues as Values
    const tree = data._keyCondition as { expression: { args: { args: unknown[] }[] } }
    expect(tree.expression.args[0]?.args[1]).toBe(values[":gsi1pk"])
    expect(tree.expression.args[1]?.args[1]).toBe(values[":gsi1sk"])
  })

  test("serves a template only to the name map it was learnt with, placeholder for placeholder", () => {
    const expression = "SET #a = :v REMOVE #b"
    const maps = [
      { "#a": "first", "#b": "second" },
      { "#a": "other", "#b": "second" }, // same placeholders, another attribute
      { "#b": "second", "#a": "first" }, // same pairs, another order
      { "#a": "first", "#b": "second", "#c": "unused" }, // one more (an error)
    ]
    for (const names of [...maps, ...maps]) {
      const make = () => ({
        UpdateExpression: expression,
        ExpressionAttributeNames: { ...names },
        ExpressionAttributeValues: { ":v": s("x") },
      })
      const plain: Record<string, unknown> = make()
      const cached: Record<string, unknown> = make()
      const plainResult = validateExpressions(plain)
      expect(cache.run(() => validateExpressions(cached))).toBe(plainResult)
      expect(cached._updates).toStrictEqual(plain._updates)
    }
  })

  test("hands out a copy each time: a caller changing its tree changes no later parse", () => {
    const c = cases[1] as Case
    const first = request(c, c.values[0])
    cache.run(() => validateExpressions(first))
    ;(first._keyCondition as { expression: { type: string } }).expression.type = "or"
    const second = request(c, c.values[0])
    cache.run(() => validateExpressions(second))
    const plain = request(c, c.values[0])
    validateExpressions(plain)
    expect(second._keyCondition).toStrictEqual(plain._keyCondition)
  })
})
