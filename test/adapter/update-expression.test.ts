import { describe, expect, test } from "vitest"
import { setExpression } from "../../src/adapter/update-expression.js"

describe("setExpression", () => {
  test("sets every attribute through numbered name and value placeholders", () => {
    expect(setExpression({ "a-b": 1, name: "x" })).toEqual({
      UpdateExpression: "SET #a0 = :v0, #a1 = :v1",
      ExpressionAttributeNames: { "#a0": "a-b", "#a1": "name" },
      ExpressionAttributeValues: { ":v0": 1, ":v1": "x" },
    })
  })

  test("removes attributes after setting the others", () => {
    expect(setExpression({ email: null }, ["GSI1PK", "GSI1SK"])).toEqual({
      UpdateExpression: "SET #a0 = :v0 REMOVE #r0, #r1",
      ExpressionAttributeNames: { "#a0": "email", "#r0": "GSI1PK", "#r1": "GSI1SK" },
      ExpressionAttributeValues: { ":v0": null },
    })
  })

  test("leaves out ExpressionAttributeValues when it only removes", () => {
    expect(setExpression({}, ["GSI1PK"])).toEqual({
      UpdateExpression: "REMOVE #r0",
      ExpressionAttributeNames: { "#r0": "GSI1PK" },
    })
  })

  test("returns undefined when there is nothing to do", () => {
    expect(setExpression({})).toBeUndefined()
  })
})
