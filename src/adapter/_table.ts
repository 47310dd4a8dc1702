import type { DynamoDBDocument, QueryCommandInput } from "@aws-sdk/lib-dynamodb"
import { unreachableLocalEndpoint } from "./_unreachable.js"
import { AuthTableError } from "./errors.js"
import type { Item } from "./layout.js"
import type { TableKeys } from "./options.js"

/** Reads of the auth table that the adapter repeats, with DynamoDB's errors made actionable. */
export interface TableAccess {
  /**
   * Runs a client call; a missing table or index, or a local endpoint with nothing listening,
   * becomes an {@link AuthTableError} naming the fix.
   */
  run<T>(call: () => Promise<T>): Promise<T>
  /** The first item whose index keys are exactly `value` / `value`. */
  findByIndex(partitionValue: string, sortValue: string): Promise<Item | undefined>
  /** Every item of one partition (optionally of one sort-key prefix), across all pages. */
  queryPartition(partitionValue: string, sortPrefix?: string): Promise<Item[]>
}

export function createTableAccess(client: DynamoDBDocument, keys: TableKeys): TableAccess {
  const run = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call()
    } catch (error) {
      throw translateError(error, keys)
    }
  }

  return {
    run,
    async findByIndex(partitionValue, sortValue) {
      const result = await run(() =>
        client.query({
          TableName: keys.tableName,
          IndexName: keys.indexName,
          KeyConditionExpression: "#pk = :pk AND #sk = :sk",
          ExpressionAttributeNames: { "#pk": keys.indexPartitionKey, "#sk": keys.indexSortKey },
          ExpressionAttributeValues: { ":pk": partitionValue, ":sk": sortValue },
        }),
      )
      return result.Items?.[0]
    },
    async queryPartition(partitionValue, sortPrefix) {
      const input: QueryCommandInput = {
        TableName: keys.tableName,
        KeyConditionExpression: sortPrefix ? "#pk = :pk AND begins_with(#sk, :sk)" : "#pk = :pk",
        ExpressionAttributeNames: sortPrefix
          ? { "#pk": keys.partitionKey, "#sk": keys.sortKey }
          : { "#pk": keys.partitionKey },
        ExpressionAttributeValues: sortPrefix
          ? { ":pk": partitionValue, ":sk": sortPrefix }
          : { ":pk": partitionValue },
        ConsistentRead: true,
      }
      const items: Item[] = []
      let startKey: Record<string, unknown> | undefined
      do {
        const page = await run(() => client.query({ ...input, ExclusiveStartKey: startKey }))
        items.push(...(page.Items ?? []))
        startKey = page.LastEvaluatedKey
      } while (startKey)
      return items
    },
  }
}

function translateError(error: unknown, keys: TableKeys): unknown {
  if (!(error instanceof Error)) return error
  const unreachable = unreachableLocalEndpoint(error)
  if (unreachable) return unreachable
  const create = `Create it with the schema in authtable's docs/adapter.md, or start a local one with startAuthTable({ tableName: "${keys.tableName}" }).`
  if (error.name === "ResourceNotFoundException") {
    return new AuthTableError(
      "TABLE_NOT_FOUND",
      `Could not use table "${keys.tableName}": it does not exist at this endpoint. ${create}`,
      { cause: error },
    )
  }
  if (error.name === "ValidationException" && /specified index/i.test(error.message)) {
    return new AuthTableError(
      "INDEX_NOT_FOUND",
      `Could not query index "${keys.indexName}" of table "${keys.tableName}": the table has no such index. Add a GSI "${keys.indexName}" on ${keys.indexPartitionKey}/${keys.indexSortKey} (strings), or pass indexName, indexPartitionKey and indexSortKey matching your table. ${create}`,
      { cause: error },
    )
  }
  if (error.name === "ValidationException" && keyMismatch.test(error.message)) {
    return new AuthTableError(
      "INVALID_OPTIONS",
      `Could not use table "${keys.tableName}": its keys are not the ones the options name (partitionKey "${keys.partitionKey}", sortKey "${keys.sortKey}", index "${keys.indexName}" on ${keys.indexPartitionKey}/${keys.indexSortKey}). Pass the key options your table uses (DescribeTable lists them), or create the table with the schema in authtable's docs/adapter.md.`,
      { cause: error },
    )
  }
  return error
}

/** DynamoDB's messages for a request whose key attribute names are not the table's. */
const keyMismatch =
  /key element does not match the schema|required keys was not given a value|missing the key|missed key schema element/i
