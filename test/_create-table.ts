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
