import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb"
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { AuthTableError, type TableKeys } from "../adapter/index.js"
import { authTableSchema } from "./schema.js"

/**
 * Creates the auth table when it is missing and waits until it is ACTIVE. An existing table is
 * left as it is (its data is never touched) but must have the configured keys and index.
 * @returns whether the table was created.
 */
export async function ensureAuthTable(client: DynamoDBDocument, keys: TableKeys): Promise<boolean> {
  let created = false
  try {
    await client.send(new CreateTableCommand(authTableSchema(keys)))
    created = true
  } catch (error) {
    if (!(error instanceof Error) || error.name !== "ResourceInUseException") throw error
  }
  const table = await waitForActive(client, keys.tableName)
  assertSchema(table, keys)
  return created
}

/**
 * Enables TTL on `attributeName` through the endpoint unless the table already has TTL (a
 * persisted table keeps the attribute it was given).
 */
export async function ensureTimeToLive(
  client: DynamoDBDocument,
  tableName: string,
  attributeName = "expires",
): Promise<void> {
  const { TimeToLiveDescription } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: tableName }),
  )
  if (TimeToLiveDescription?.TimeToLiveStatus === "ENABLED") return
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { Enabled: true, AttributeName: attributeName },
    }),
  )
}

async function waitForActive(
  client: DynamoDBDocument,
  tableName: string,
): Promise<TableDescription> {
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }))
    if (Table?.TableStatus === "ACTIVE") return Table
    await new Promise((resolve) => setImmediate(resolve))
  }
}

function assertSchema(table: TableDescription, keys: TableKeys) {
  const keyOf = (schema: TableDescription["KeySchema"], type: "HASH" | "RANGE") =>
    schema?.find((key) => key.KeyType === type)?.AttributeName
  const index = table.GlobalSecondaryIndexes?.find((gsi) => gsi.IndexName === keys.indexName)
  const found = [
    keyOf(table.KeySchema, "HASH"),
    keyOf(table.KeySchema, "RANGE"),
    keyOf(index?.KeySchema, "HASH"),
    keyOf(index?.KeySchema, "RANGE"),
  ]
  const expected = [keys.partitionKey, keys.sortKey, keys.indexPartitionKey, keys.indexSortKey]
  if (found.every((name, i) => name === expected[i])) return
  throw new AuthTableError(
    "INVALID_OPTIONS",
    `Could not use the existing table "${keys.tableName}": it has keys ${found.map((n) => n ?? "-").join("/")} (pk/sk/${keys.indexName} pk/sk) but the options ask for ${expected.join("/")}. Pass the key options that match the table, or use another tableName or dataDir.`,
  )
}
