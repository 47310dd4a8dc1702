import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb"
import { describe, expect, test } from "vitest"
import { parse } from "yaml"
import { DynamoDBAdapter, defaultTableKeys } from "../../src/adapter/index.js"
import { authTableSchema, startAuthTable } from "../../src/emulator/index.js"
import { createTableAndWait } from "../_create-table.js"
import { codeBlock, doc, section } from "../_readme.js"
import { userData } from "../contract/context.js"
import { endpointVariable } from "../contract/target.js"

// The README's adapter sections must agree with the code: the options table with the defaults,
// the CloudFormation and CDK snippets with the schema startAuthTable() creates.
describe("README", () => {
  test("the options table lists every key option with its default", () => {
    const rows = [
      ...section("Adapter", doc("adapter")).matchAll(/^\| `(\w+)`\s+\| `"([^"]+)"`\s+\|/gm),
    ]
    expect(Object.fromEntries(rows.map(([, name, value]) => [name, value]))).toEqual(
      defaultTableKeys,
    )
  })

  test("the CloudFormation snippet is the schema startAuthTable() creates, with TTL on expires", () => {
    const template = parse(codeBlock(section("Table schema", doc("adapter")), "yaml"))
    const { Type, Properties } = template.Resources.NextAuthTable
    expect(Type).toBe("AWS::DynamoDB::Table")
    const { TimeToLiveSpecification, ...table } = Properties
    expect(TimeToLiveSpecification).toEqual({ AttributeName: "expires", Enabled: true })
    const schema = authTableSchema(defaultTableKeys)
    expect(table).toEqual({
      TableName: schema.TableName,
      BillingMode: schema.BillingMode,
      AttributeDefinitions: schema.AttributeDefinitions,
      KeySchema: schema.KeySchema,
      GlobalSecondaryIndexes: schema.GlobalSecondaryIndexes,
    })
  })

  test("a table created from the CloudFormation snippet serves the adapter", async () => {
    const { Properties } = parse(codeBlock(section("Table schema", doc("adapter")), "yaml"))
      .Resources.NextAuthTable
    const { TimeToLiveSpecification: _ttl, ...table } = Properties as CreateTableCommandInput & {
      TimeToLiveSpecification: unknown
    }
    await using emulator = await startAuthTable({ tableName: "unrelated" })
    await createTableAndWait(emulator.client, table)
    const adapter = DynamoDBAdapter(emulator.client)
    const user = await adapter.createUser(userData())
    expect(await adapter.getUserByEmail(user.email)).toEqual(user)
  })

  test("the CDK snippet names the same keys, index, TTL attribute and billing", () => {
    const cdk = codeBlock(section("Table schema", doc("adapter")), "ts")
    expect(cdk).toContain("new TableV2(")
    expect(cdk).toContain('tableName: "next-auth"')
    expect(cdk).toContain('partitionKey: { name: "pk", type: AttributeType.STRING }')
    expect(cdk).toContain('sortKey: { name: "sk", type: AttributeType.STRING }')
    expect(cdk).toContain('indexName: "GSI1"')
    expect(cdk).toContain('partitionKey: { name: "GSI1PK", type: AttributeType.STRING }')
    expect(cdk).toContain('sortKey: { name: "GSI1SK", type: AttributeType.STRING }')
    expect(cdk).toContain('timeToLiveAttribute: "expires"')
    expect(cdk).toContain("billing: Billing.onDemand()")
  })

  test("the test-endpoint section names the variable the suite reads", () => {
    expect(section("Running the adapter suite against a real DynamoDB", doc("adapter"))).toContain(
      `${endpointVariable}=http://`,
    )
  })
})
