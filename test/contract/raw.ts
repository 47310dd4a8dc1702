import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { expect } from "vitest"
import type { TableKeys } from "../../src/adapter/index.js"

/** A stored item, read past the adapter. */
export type RawItem = Record<string, unknown>

/**
 * Reads the table through the DynamoDBDocument client, past the adapter, so tests can check what
 * is stored. Key attribute names come from the configuration; values are written out by each
 * test, never built with the adapter's own layout module.
 */
export interface RawTable {
  /** The item with this primary key, read consistently, or `undefined`. */
  get(partitionValue: string, sortValue: string): Promise<RawItem | undefined>
  /** Every item of a partition, all pages, read consistently. */
  partition(partitionValue: string): Promise<RawItem[]>
  /** Items whose GSI keys are exactly these values. */
  byIndex(partitionValue: string, sortValue: string): Promise<RawItem[]>
  /** Writes an item as it is, for states the adapter would not produce. */
  put(item: RawItem): Promise<void>
  /** Primary-key attributes (configured names) for these values. */
  key(partitionValue: string, sortValue: string): RawItem
  /** Primary- and index-key attributes (configured names) for these values. */
  keys(pk: string, sk: string, indexPk?: string, indexSk?: string): RawItem
}

export function rawTable(client: DynamoDBDocument, keys: TableKeys): RawTable {
  const TableName = keys.tableName
  const key = (partitionValue: string, sortValue: string): RawItem => ({
    [keys.partitionKey]: partitionValue,
    [keys.sortKey]: sortValue,
  })
  return {
    key,
    keys(pk, sk, indexPk, indexSk) {
      return {
        ...key(pk, sk),
        ...(indexPk === undefined ? {} : { [keys.indexPartitionKey]: indexPk }),
        ...(indexSk === undefined ? {} : { [keys.indexSortKey]: indexSk }),
      }
    },
    async get(partitionValue, sortValue) {
      const { Item } = await client.get({
        TableName,
        Key: key(partitionValue, sortValue),
        ConsistentRead: true,
      })
      return Item
    },
    async partition(partitionValue) {
      const items: RawItem[] = []
      let ExclusiveStartKey: RawItem | undefined
      do {
        const page = await client.query({
          TableName,
          KeyConditionExpression: "#pk = :pk",
          ExpressionAttributeNames: { "#pk": keys.partitionKey },
          ExpressionAttributeValues: { ":pk": partitionValue },
          ConsistentRead: true,
          ExclusiveStartKey,
        })
        items.push(...(page.Items ?? []))
        ExclusiveStartKey = page.LastEvaluatedKey
      } while (ExclusiveStartKey)
      return items
    },
    async byIndex(partitionValue, sortValue) {
      const { Items } = await client.query({
        TableName,
        IndexName: keys.indexName,
        KeyConditionExpression: "#pk = :pk AND #sk = :sk",
        ExpressionAttributeNames: { "#pk": keys.indexPartitionKey, "#sk": keys.indexSortKey },
        ExpressionAttributeValues: { ":pk": partitionValue, ":sk": sortValue },
      })
      return Items ?? []
    },
    async put(item) {
      await client.put({ TableName, Item: item })
    },
  }
}

const defaultStorageNames = ["pk", "sk", "GSI1PK", "GSI1SK"]
const entityMarkers = ["USER", "SESSION", "VT", "AUTHENTICATOR"]

/**
 * Asserts that an object the adapter returned carries no storage detail: neither the configured
 * nor the default key and index attributes, nor an entity marker in `type`.
 */
export function expectNoStorageAttributes(object: unknown, keys: TableKeys): void {
  expect(object).toBeTypeOf("object")
  const names = Object.keys(object as object)
  const storage = new Set([
    ...defaultStorageNames,
    keys.partitionKey,
    keys.sortKey,
    keys.indexPartitionKey,
    keys.indexSortKey,
  ])
  expect(names.filter((name) => storage.has(name))).toEqual([])
  expect(entityMarkers).not.toContain((object as { type?: unknown }).type)
}

/** Epoch seconds, as the layout stores `expires`. */
export const epochSeconds = (date: Date): number => date.getTime() / 1000
