import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { afterEach, expect, test } from "vitest"
import { authTableGlobalSetup } from "../../src/jest/global-setup.js"
import authTableGlobalTeardown from "../../src/jest/global-teardown.js"

// Run in-process here; test/jest/jest.test.ts runs both through a real Jest.
const saved = { ...process.env }
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name]
  Object.assign(process.env, saved)
})

test("puts the endpoint into process.env, where an SDK client with no config finds it", async () => {
  process.env.AWS_REGION = "eu-west-3"
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB
  await authTableGlobalSetup({ tableName: "jest-setup" })()
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB ?? ""
  expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(process.env.AWS_REGION).toBe("us-east-1")

  const client = new DynamoDBClient({})
  const { Table } = await client.send(new DescribeTableCommand({ TableName: "jest-setup" }))
  expect(Table?.TableStatus).toBe("ACTIVE")
  client.destroy()

  await authTableGlobalTeardown()
  expect(process.env.AWS_REGION).toBe("eu-west-3")
  expect(process.env.AWS_ENDPOINT_URL_DYNAMODB).toBeUndefined()
  await expect(fetch(endpoint)).rejects.toThrow()
})

test("global-teardown does nothing when no emulator was started", async () => {
  await expect(authTableGlobalTeardown()).resolves.toBeUndefined()
})
