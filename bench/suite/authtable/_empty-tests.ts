// The floor of the bench's suite: what vitest and the AWS SDK cost before any table is touched.
// Each file imports the SDK, as every file of a DynamoDB suite does, and its tests do nothing
// else; run with vitest.floor.config.ts (no setup files).
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { expect, test } from "vitest"

/** `count` tests that only check the SDK was loaded. */
export function defineEmptyTests(count: number): void {
  for (let i = 0; i < count; i++) {
    test(`does nothing ${i}`, () => {
      expect(DynamoDBClient).toBeTypeOf("function")
    })
  }
}
