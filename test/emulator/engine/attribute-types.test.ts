/**
 * The engine checks plain requests itself instead of through dynalite's checkTypes. For every
 * request, seeded and random (valid values, values dynalite converts, and values it refuses, at
 * every level of the request), the result must be dynalite's: the same checked request (key
 * order included), or the same error, and the same changes to the request it was given.
 */
import { describe, expect, test } from "vitest"
import { checkTypesFaster } from "../../../src/emulator/engine/_attribute-types.js"
import { chooser, operations, outcome, request, typesOf, validations } from "./_requests.js"

describe("checkTypesFaster", () => {
  test("gives dynalite's result or error, and leaves the request as dynalite does, for 8,000 seeded requests", () => {
    const checkedHere = new Map<string, number>()
    for (let seed = 1; seed <= 1000; seed++) {
      for (const operation of operations) {
        const c = chooser(seed * 31 + operations.indexOf(operation))
        const body = request(c, operation)
        const types = typesOf(operation)
        const forDynalite = structuredClone(body)
        const forEngine = structuredClone(body)
        const expected = outcome(() => validations.checkTypes(forDynalite, types))
        let fellBack = false
        const actual = outcome(() =>
          checkTypesFaster(forEngine, types, (data, t) => {
            fellBack = true
            return validations.checkTypes(data, t)
          }),
        )
        const context = `${operation} ${JSON.stringify(body)}`
        expect(actual, context).toBe(expected)
        expect(JSON.stringify(forEngine), context).toBe(JSON.stringify(forDynalite))
        if (!fellBack) checkedHere.set(operation, (checkedHere.get(operation) ?? 0) + 1)
      }
    }
    // The generator must exercise the engine's own path for every operation, not only dynalite's.
    for (const operation of operations) {
      expect(checkedHere.get(operation), operation).toBeGreaterThan(50)
    }
  })

  /** dynalite's checkTypes, noting the fields it was given each time. */
  function spy() {
    const calls: string[] = []
    const checkTypes = (data: object, t: object) => {
      calls.push(Object.keys(data).join(","))
      return validations.checkTypes(data, t)
    }
    return { calls, checkTypes }
  }

  test("checks a plain PutItem itself, and hands only a base64 Blob's field to dynalite", () => {
    const types = typesOf("putItem")
    const { calls, checkTypes } = spy()
    const item = { pk: { S: "USER#1" }, n: { N: "1" }, l: { L: [{ M: { b: { BOOL: true } } }] } }
    const checked = checkTypesFaster({ TableName: "t", Item: item }, types, checkTypes)
    expect(checked).toEqual({ TableName: "t", Item: item })
    expect(checked.Item).not.toBe(item)
    expect(calls).toEqual([])
    const blob = checkTypesFaster(
      { TableName: "t", Item: { b: { B: "AAE=" } }, ReturnValues: "ALL_OLD" },
      types,
      checkTypes,
    )
    expect(calls).toEqual(["Item"])
    // Still in dynalite's order of fields.
    expect(Object.keys(blob)).toEqual(Object.keys(validations.checkTypes({ ...blob }, types)))
  })

  test("checks a BatchWriteItem's write requests itself, and hands one with an unknown field to dynalite", () => {
    const types = typesOf("batchWriteItem")
    const { calls, checkTypes } = spy()
    const put = { PutRequest: { Item: { pk: { S: "USER#1" }, sk: { S: "USER#1" } } } }
    const del = { DeleteRequest: { Key: { pk: { S: "USER#2" }, sk: { S: "USER#2" } } } }
    const checked = checkTypesFaster({ RequestItems: { t: [put, del] } }, types, checkTypes)
    expect(checked).toEqual({ RequestItems: { t: [put, del] } })
    expect(calls).toEqual([])
    // dynalite drops the unknown field from the request itself.
    const odd = { PutRequest: { Item: { pk: { S: "a" } }, Extra: 1 } }
    const request = { RequestItems: { t: [odd] } }
    expect(checkTypesFaster(request, types, checkTypes)).toEqual({
      RequestItems: { t: [{ PutRequest: { Item: { pk: { S: "a" } } } }] },
    })
    expect(calls).toEqual(["RequestItems"])
    expect(odd.PutRequest).not.toHaveProperty("Extra")
  })
})
