/**
 * The emulator takes Node's http module as its CommonJS object (`engine/_node-http.ts`): on Node
 * 22 and 24 an `import` of "node:http" loads Node's bundled undici through the ES facade's export
 * getters, about 60 ms of every fresh process or vitest worker.
 */
import { createRequire } from "node:module"
import { expect, test } from "vitest"
import { http } from "../../../src/emulator/engine/_node-http.js"
import { runModuleForJson } from "../../_fresh-process.js"

test("is the object require() gives, so patches to it (msw, nock) are seen", () => {
  expect(http).toBe(createRequire(import.meta.url)("node:http"))
})

test("a fresh process that starts an emulator and serves requests, in process and over HTTP, never loads undici", () => {
  const script = `
    import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
    import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
    import { startAuthTable } from "./src/index.ts"
    const loaded = process.moduleLoadList.some((m) => m.includes("undici"))
    const table = await startAuthTable()
    await table.adapter.createUser({ id: "u", email: "u@example.com", emailVerified: null })
    const overHttp = DynamoDBDocument.from(new DynamoDBClient({
      endpoint: table.endpoint, region: "us-east-1",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
    }))
    const { Item } = await overHttp.get({ TableName: table.tableName, Key: { pk: "USER#u", sk: "USER#u" } })
    await table.stop()
    const served = process.moduleLoadList.some((m) => m.includes("undici"))
    console.log(JSON.stringify({ loaded, served, email: Item?.email }))
  `
  expect(runModuleForJson(script)).toEqual({
    loaded: false,
    served: false,
    email: "u@example.com",
  })
})
