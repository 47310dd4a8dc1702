/**
 * Seeded random requests for the engine's checks that stand in for dynalite's (checkTypes,
 * checkValidations): mostly plain, with what dynalite converts, drops or refuses at every level
 * of the request, and values its validations refuse. Also dynalite's own functions to compare
 * them with.
 */
import { createRequire } from "node:module"
import { createRandomizer } from "../../../src/fixtures/_random.js"

export const engineRequire = createRequire(
  require.resolve("../../../src/emulator/engine/_dynalite.ts"),
)
export const validations = engineRequire("dynalite/validations") as {
  checkTypes(data: object, types: object): object
  checkValidations(data: object, types: object, custom: unknown, store: unknown): void
}
/** An operation's validations module: its types and its custom check. */
export const rulesOf = (operation: string) =>
  engineRequire(`dynalite/validations/${operation}`) as {
    types: object
    custom?: (data: Record<string, unknown>, store: unknown) => string | undefined
  }
export const typesOf = (operation: string) => rulesOf(operation).types

export const operations = [
  "putItem",
  "getItem",
  "deleteItem",
  "updateItem",
  "query",
  "scan",
  "batchWriteItem",
  "batchGetItem",
]

/** A seeded source of choices. */
export function chooser(seed: number) {
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

/** Defines `name` as JSON.parse does: an own field, also when it is `__proto__`. */
function define(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

/** Mostly `plain()`, sometimes something dynalite converts, drops or refuses. */
function noisy(c: Chooser, plain: () => unknown, odd: readonly unknown[]): unknown {
  return c.chance(0.9) ? plain() : c.pick<unknown>([null, "x", [], {}, 1, true, ...odd])
}

/** A write request of BatchWriteItem: a put or a delete, sometimes both, odd or extended. */
function writeRequest(c: Chooser): unknown {
  const request: Record<string, unknown> = {}
  if (c.chance(0.7)) {
    request.PutRequest = noisy(c, () => ({ Item: noisy(c, () => attributeMap(c, 0), []) }), [
      { Item: {}, Extra: 1 },
    ])
  }
  if (request.PutRequest === undefined || c.chance(0.1)) {
    request.DeleteRequest = noisy(c, () => ({ Key: noisy(c, () => attributeMap(c, 0), []) }), [
      { Key: null },
    ])
  }
  if (c.chance(0.05)) define(request, c.pick(["Other", "__proto__", "toString"]), { Item: {} })
  return request
}

/** The RequestItems of a BatchWriteItem or BatchGetItem. */
function requestItems(c: Chooser, operation: string): unknown {
  const items: Record<string, unknown> = {}
  for (let i = 1 + c.int(2); i > 0; i--) {
    const table = c.pick(["next-auth", "other", "__proto__", "ab"])
    define(
      items,
      table,
      operation === "batchWriteItem"
        ? noisy(
            c,
            () => Array.from({ length: c.chance(0.05) ? 26 : c.int(4) }, () => writeRequest(c)),
            [[null], {}],
          )
        : noisy(
            c,
            () => ({
              Keys: noisy(c, () => Array.from({ length: c.int(3) }, () => attributeMap(c, 0)), [
                [null],
              ]),
              ...(c.chance(0.3) && { ConsistentRead: c.pick<unknown>([true, "true", 1]) }),
              ...(c.chance(0.3) && { ProjectionExpression: c.pick<unknown>(["#a", 1]) }),
              ...(c.chance(0.3) && {
                ExpressionAttributeNames: { "#a": c.pick<unknown>(["a", 1, null]) },
              }),
              ...(c.chance(0.1) && { AttributesToGet: c.pick<unknown>([["a"], [1], "a"]) }),
            }),
            [{ Keys: [{}], Extra: 1 }],
          ),
    )
  }
  return items
}

/** A request body: its attribute maps, sometimes not maps at all, and other fields. */
export function request(c: Chooser, operation: string): Record<string, unknown> {
  const field = () =>
    c.chance(0.9) ? attributeMap(c, 0) : c.pick<unknown>([null, "x", [], 1, [{ S: "a" }]])
  const body: Record<string, unknown> = {
    TableName: c.pick<unknown>([
      "next-auth",
      "next-auth",
      "ab",
      "x".repeat(256),
      "bad name",
      5,
      null,
    ]),
  }
  for (const name of ["Item", "Key", "ExpressionAttributeValues", "ExclusiveStartKey"]) {
    if (c.chance(0.6)) body[name] = field()
  }
  if (operation.startsWith("batch") && c.chance(0.9)) body.RequestItems = requestItems(c, operation)
  if (c.chance(0.3)) {
    body.ExpressionAttributeNames = noisy(
      c,
      () => ({ "#a": "a", "#b": c.pick<unknown>(["b", 2]) }),
      [],
    )
  }
  if (c.chance(0.2)) body.Limit = c.pick<unknown>([5, 5.5, "5", true, -1, 0])
  if (c.chance(0.1)) body.Select = c.pick(["ALL_ATTRIBUTES", "COUNT", "ANY"])
  if (c.chance(0.1)) body.ReturnConsumedCapacity = c.pick(["TOTAL", "NONE", "ALL"])
  if (c.chance(0.2)) body.Unknown = "dropped"
  if (c.chance(0.2)) body.ReturnValues = c.pick(["ALL_OLD", "ALL_NEW", "ALL", 1, null])
  if (c.chance(0.1)) body.ConsistentRead = c.pick([true, "yes", 1])
  if (c.chance(0.05)) define(body, "__proto__", c.pick<unknown>(["x", { S: "a" }, null]))
  return body
}

/** What a check gives: the checked request (its JSON, key order included) or the error. */
export function outcome(check: () => object): string {
  try {
    return `ok ${JSON.stringify(check())}`
  } catch (error) {
    const { statusCode, body } = error as { statusCode?: number; body?: unknown }
    return `error ${statusCode} ${JSON.stringify(body)} ${(error as Error).message}`
  }
}
