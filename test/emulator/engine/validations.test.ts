/**
 * The engine skips dynalite's checkValidations walk for requests it passes, and runs only the
 * operation's custom check. For every request, seeded and random, typed by dynalite's checkTypes
 * as the engine types it, the outcome must be dynalite's: the same error (text, order, count), or
 * none, and the same custom check.
 */
import { afterAll, describe, expect, test } from "vitest"
import { checkValidationsFaster } from "../../../src/emulator/engine/_validations.js"
import {
  chooser,
  engineRequire,
  operations,
  outcome,
  request,
  rulesOf,
  validations,
} from "./_requests.js"

const db = engineRequire("dynalite/db") as {
  create(options: object): { options: object; db: { close(): Promise<void> } }
  validationError(message: string): Error
}
/** The item operations, and two whose table name is `required` and checked as a `tableName`. */
const checked = [...operations, "describeTable", "deleteTable"]

// dynalite's own store: the custom checks read its options (the item size limit).
const store = db.create({})
afterAll(() => store.db.close())

/** The engine's check, noting whether it handed the request to dynalite's walk. */
function faster(data: Record<string, unknown>, operation: string) {
  const { types, custom } = rulesOf(operation)
  let walked = false
  const result = outcome(() => {
    checkValidationsFaster(
      data,
      types,
      custom,
      store,
      (...args) => {
        walked = true
        validations.checkValidations(...args)
      },
      db.validationError,
    )
    return {}
  })
  return { result, walked }
}

describe("checkValidationsFaster", () => {
  test("gives dynalite's outcome for 10,000 seeded requests, and walks only those it cannot pass", () => {
    const passedHere = new Map<string, number>()
    let refused = 0
    for (let seed = 1; seed <= 1000; seed++) {
      for (const operation of checked) {
        const c = chooser(seed * 37 + checked.indexOf(operation))
        const { types, custom } = rulesOf(operation)
        let typed: Record<string, unknown>
        try {
          typed = validations.checkTypes(request(c, operation), types) as Record<string, unknown>
        } catch {
          continue
        }
        const expected = outcome(() => {
          validations.checkValidations(structuredClone(typed), types, custom, store)
          return {}
        })
        const { result, walked } = faster(structuredClone(typed), operation)
        expect(result, `${operation} ${JSON.stringify(typed)}`).toBe(expected)
        if (!walked) passedHere.set(operation, (passedHere.get(operation) ?? 0) + 1)
        if (expected.startsWith("error")) refused++
      }
    }
    // Both paths must be exercised: requests passed here, and requests dynalite refuses.
    for (const operation of checked) {
      expect(passedHere.get(operation), operation).toBeGreaterThan(50)
    }
    expect(refused).toBeGreaterThan(1000)
  })

  test("passes a plain PutItem without dynalite's walk, and runs its custom check", () => {
    const item = { pk: { S: "USER#1" }, sk: { S: "USER#1" } }
    expect(faster({ TableName: "next-auth", Item: item }, "putItem")).toEqual({
      result: "ok {}",
      walked: false,
    })
    // The custom check's own error (an empty set), without the walk.
    const { result, walked } = faster(
      { TableName: "next-auth", Item: { ...item, tags: { SS: [] } } },
      "putItem",
    )
    expect(walked).toBe(false)
    expect(result).toContain("An string set  may not be empty")
  })

  test("hands a request with a value out of bounds to dynalite's walk", () => {
    const { result, walked } = faster(
      { TableName: "ab", Key: { pk: { S: "a" } }, ReturnValues: "SOME" },
      "deleteItem",
    )
    expect(walked).toBe(true)
    expect(result).toContain("2 validation errors detected")
    expect(result).toContain("Member must satisfy enum value set")
  })
})
