import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb"
import type { TableKeys } from "../adapter/index.js"

/**
 * The CreateTable input for the auth table: string keys, one GSI projecting everything,
 * on-demand billing. The same schema docs/adapter.md gives for CDK and CloudFormation.
 */
export function authTableSchema(keys: TableKeys): CreateTableCommandInput {
  return {
    TableName: keys.tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: keys.partitionKey, AttributeType: "S" },
      { AttributeName: keys.sortKey, AttributeType: "S" },
      { AttributeName: keys.indexPartitionKey, AttributeType: "S" },
      { AttributeName: keys.indexSortKey, AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: keys.partitionKey, KeyType: "HASH" },
      { AttributeName: keys.sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: keys.indexName,
        KeySchema: [
          { AttributeName: keys.indexPartitionKey, KeyType: "HASH" },
          { AttributeName: keys.indexSortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
    ],
  }
}
