import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
} from "@aws-sdk/client-dynamodb"
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"

/**
 * CreateTable, then wait until the table is ACTIVE, as code against DynamoDB must: a table is
 * CREATING for a moment after CreateTable answers (on AWS for seconds, on the emulator for one
 * turn of the event loop), and data requests to it fail with ResourceNotFoundException until then.
 */
export async function createTableAndWait(client: DynamoDBDocument, input: CreateTableCommandInput) {
  await client.send(new CreateTableCommand(input))
  for (let attempt = 0; attempt < 200; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }))
    if (Table?.TableStatus === "ACTIVE") return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`table ${input.TableName} did not become ACTIVE`)
}

/** {@link createTableAndWait} for a table keyed on `pk` and `sk` (strings), with no index. */
export function createKeyOnlyTable(client: DynamoDBDocument, TableName: string) {
  return createTableAndWait(client, {
    TableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      { AttributeName: "sk", AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ],
  })
}
