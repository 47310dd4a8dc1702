import type nextAuth from "next-auth"
import type { NextAuthOptions } from "next-auth"
import type { Adapter as NextAuthV4Adapter } from "next-auth/adapters"
import { describe, expect, expectTypeOf, test } from "vitest"
import { DynamoDBAdapter } from "../../src/adapter/index.js"
import { createLocalClient } from "../../src/emulator/index.js"

// Checked by `npm run typecheck` (tsconfig includes test/): next-auth 4.24's `adapter` option
// takes DynamoDBAdapter as it is, without a cast. next-auth 4 is CommonJS: under NodeNext its
// default export is the module, and the NextAuth function is its `default`.
type NextAuth = typeof nextAuth.default

describe("next-auth 4 types", () => {
  const client = createLocalClient("http://127.0.0.1:9")
  const adapter = DynamoDBAdapter(client)

  test("NextAuthOptions['adapter'] accepts DynamoDBAdapter, and NextAuth() takes the options", () => {
    const options: NextAuthOptions = { adapter, providers: [] }
    expectTypeOf(adapter).toExtend<NonNullable<NextAuthOptions["adapter"]>>()
    expectTypeOf(adapter).toExtend<NextAuthV4Adapter>()
    expectTypeOf<NextAuth>().toBeCallableWith(options)
    expect(options.adapter).toBe(adapter)
  })

  test("createUser fits next-auth 4's createUser", () => {
    expectTypeOf(adapter.createUser).toExtend<NonNullable<NextAuthV4Adapter["createUser"]>>()
    expect(adapter.createUser).toBeTypeOf("function")
  })

  test("has every method next-auth 4 calls", () => {
    const v4Methods = [
      "createUser",
      "getUser",
      "getUserByEmail",
      "getUserByAccount",
      "updateUser",
      "deleteUser",
      "linkAccount",
      "unlinkAccount",
      "createSession",
      "getSessionAndUser",
      "updateSession",
      "deleteSession",
      "createVerificationToken",
      "useVerificationToken",
    ] as const satisfies readonly (keyof NextAuthV4Adapter)[]
    for (const method of v4Methods) expect(adapter[method]).toBeTypeOf("function")
    client.destroy()
  })
})
