import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { AuthTableError, DynamoDBAdapter, resolveTableKeys } from "../../src/adapter/index.js"
import { type AuthTable, authTableSchema, startAuthTable } from "../../src/emulator/index.js"
import { createKeyOnlyTable, createTableAndWait } from "../_create-table.js"
import { customKeys } from "../_custom-keys.js"
import { sessionData, userData, verificationTokenData } from "../contract/context.js"

// Wrong set-ups get an error that names the fix, from the first call that meets them.
let table: AuthTable
beforeAll(async () => {
  table = await startAuthTable()
})
afterAll(() => table.stop())

const wrongKeys = { ...customKeys, tableName: "wrong-keys" }

const rejection = (promise: unknown) =>
  Promise.resolve(promise).then(
    () => undefined,
    (error: unknown) => error,
  )

describe("a client that is not a DynamoDBDocument", () => {
  test("a plain DynamoDBClient is refused with a TypeError naming DynamoDBDocument.from", () => {
    const client = new DynamoDBClient({ endpoint: table.endpoint, region: "us-east-1" })
    expect(() => DynamoDBAdapter(client as never)).toThrow(TypeError)
    expect(() => DynamoDBAdapter(client as never)).toThrow(/DynamoDBDocument\.from\(client\)/)
    client.destroy()
  })

  test("a DynamoDBDocumentClient without the convenience methods is refused", () => {
    const client = new DynamoDBClient({ endpoint: table.endpoint, region: "us-east-1" })
    const documentClient = DynamoDBDocumentClient.from(client)
    expect(() => DynamoDBAdapter(documentClient as never)).toThrow(/DynamoDBDocument\.from/)
    client.destroy()
  })

  test.each([
    ["undefined", undefined],
    ["null", null],
    ["an options object", { tableName: "next-auth" }],
  ])("%s is refused with a TypeError naming DynamoDBDocument.from", (_, client) => {
    expect(() => DynamoDBAdapter(client as never)).toThrow(TypeError)
    expect(() => DynamoDBAdapter(client as never)).toThrow(
      /^\[authtable\] Could not create the adapter: the client is not a DynamoDBDocument .*DynamoDBDocument\.from/,
    )
  })
})

describe("a table that does not exist", () => {
  const adapter = () => DynamoDBAdapter(table.client, { tableName: "missing" })

  test.each([
    ["getUser (GetItem)", () => adapter().getUser("u1")],
    ["createUser (PutItem)", () => adapter().createUser(userData())],
    ["getUserByEmail (Query on the index)", () => adapter().getUserByEmail("a@example.com")],
    ["updateUser (UpdateItem)", () => adapter().updateUser({ id: "u1", name: "x" })],
    ["deleteUser (Query)", () => adapter().deleteUser("u1")],
    ["createSession (PutItem)", () => adapter().createSession(sessionData("u1"))],
    [
      "useVerificationToken (DeleteItem)",
      () => adapter().useVerificationToken(verificationTokenData()),
    ],
  ])(
    "%s rejects with TABLE_NOT_FOUND naming startAuthTable and the schema's page",
    async (_, call) => {
      const error = await rejection(call())
      expect(error).toBeInstanceOf(AuthTableError)
      expect(error).toMatchObject({ code: "TABLE_NOT_FOUND" })
      const { message } = error as Error
      expect(message).toMatch(/^\[authtable\] Could not use table "missing": it does not exist/)
      expect(message).toContain("docs/adapter.md")
      expect(message).toContain('startAuthTable({ tableName: "missing" })')
      expect((error as Error).cause).toMatchObject({ name: "ResourceNotFoundException" })
    },
  )
})

describe("a table without the index", () => {
  beforeAll(() => createKeyOnlyTable(table.client, "no-index"))
  const adapter = () => DynamoDBAdapter(table.client, { tableName: "no-index" })

  test.each([
    ["getUserByEmail", () => adapter().getUserByEmail("a@example.com")],
    [
      "getUserByAccount",
      () => adapter().getUserByAccount({ provider: "github", providerAccountId: "1" }),
    ],
    ["getSessionAndUser", () => adapter().getSessionAndUser("token")],
    ["getAuthenticator", () => adapter().getAuthenticator("credential")],
  ])("%s rejects with INDEX_NOT_FOUND naming the index and its keys", async (_, call) => {
    const error = await rejection(call())
    expect(error).toBeInstanceOf(AuthTableError)
    expect(error).toMatchObject({ code: "INDEX_NOT_FOUND" })
    const { message } = error as Error
    expect(message).toMatch(/^\[authtable\] Could not query index "GSI1" of table "no-index"/)
    expect(message).toContain("GSI1PK/GSI1SK")
    expect(message).toContain("startAuthTable")
  })

  test("writes by primary key still work", async () => {
    const user = await adapter().createUser(userData())
    expect(await adapter().getUser(user.id)).toEqual(user)
  })
})

describe("a table whose keys are not the ones the options name", () => {
  beforeAll(async () => {
    await createTableAndWait(table.client, authTableSchema(resolveTableKeys(wrongKeys)))
  })
  // The table has PK/SK and gsi1 on gsi1pk/gsi1sk; the adapter is left on the defaults.
  const adapter = () => DynamoDBAdapter(table.client, { tableName: wrongKeys.tableName })

  test.each([
    ["getUser (GetItem)", () => adapter().getUser("u1")],
    ["createUser (PutItem)", () => adapter().createUser(userData())],
    ["deleteUser (Query)", () => adapter().deleteUser("u1")],
  ])("%s rejects with INVALID_OPTIONS naming the key options", async (_, call) => {
    const error = await rejection(call())
    expect(error).toBeInstanceOf(AuthTableError)
    expect(error).toMatchObject({ code: "INVALID_OPTIONS" })
    expect((error as Error).message).toMatch(
      /^\[authtable\] Could not use table "wrong-keys": its keys are not the ones the options name \(partitionKey "pk", sortKey "sk"/,
    )
  })

  test("the adapter works once the options name the table's keys", async () => {
    const matching = DynamoDBAdapter(table.client, wrongKeys)
    const user = await matching.createUser(userData())
    expect(await matching.getUserByEmail(user.email)).toEqual(user)
  })
})
