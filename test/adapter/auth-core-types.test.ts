import type { AuthConfig } from "@auth/core"
import type { Adapter } from "@auth/core/adapters"
import { describe, expect, expectTypeOf, test } from "vitest"
import { type AuthTableAdapter, DynamoDBAdapter } from "../../src/adapter/index.js"
import { createLocalClient } from "../../src/emulator/index.js"

// Checked by `npm run typecheck`: Auth.js (@auth/core 0.41, next-auth 5) takes DynamoDBAdapter in
// AuthConfig["adapter"], and it implements every optional method of `Adapter`.
describe("@auth/core types", () => {
  test("AuthConfig['adapter'] accepts DynamoDBAdapter", () => {
    const client = createLocalClient("http://127.0.0.1:9")
    const config: AuthConfig = { adapter: DynamoDBAdapter(client), providers: [] }
    expectTypeOf(DynamoDBAdapter(client)).toExtend<NonNullable<AuthConfig["adapter"]>>()
    expect(config.adapter).toBeDefined()
    client.destroy()
  })

  test("AuthTableAdapter implements every method of Adapter, none optional", () => {
    expectTypeOf<AuthTableAdapter>().toEqualTypeOf<Required<Adapter>>()
    expectTypeOf<keyof AuthTableAdapter>().toEqualTypeOf<keyof Adapter>()
  })
})
