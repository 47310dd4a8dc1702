import { DescribeTableCommand, type KeySchemaElement } from "@aws-sdk/client-dynamodb"
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import type { Item } from "../../adapter/index.js"

/** A key attribute: its name and DynamoDB type (`S`, `N` or `B`). */
export interface KeyAttribute {
  name: string
  type: string
}

/** What the console needs to browse a table: its keys and its indexes' keys. */
export interface TableInfo {
  name: string
  partitionKey: KeyAttribute
  sortKey: KeyAttribute | undefined
  indexes: { name: string; partitionKey: KeyAttribute; sortKey: KeyAttribute | undefined }[]
  itemCount: number
}

/** One page of a Scan or Query. */
export interface ItemPage {
  items: Item[]
  /** Where the next page starts; undefined on the last page. */
  next: Item | undefined
}

/** How many items a page of the generic view holds. */
export const itemsPageSize = 25

export async function describeTable(client: DynamoDBDocument, name: string): Promise<TableInfo> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }))
  const types = new Map(
    (Table?.AttributeDefinitions ?? []).map((d) => [d.AttributeName, d.AttributeType]),
  )
  const keys = (schema: KeySchemaElement[] | undefined) => {
    const attribute = (role: string) => {
      const element = schema?.find((k) => k.KeyType === role)
      if (!element?.AttributeName) return undefined
      return { name: element.AttributeName, type: types.get(element.AttributeName) ?? "S" }
    }
    const partitionKey = attribute("HASH")
    if (!partitionKey) throw new TypeError(`Table "${name}" has no partition key.`)
    return { partitionKey, sortKey: attribute("RANGE") }
  }
  const indexes = [
    ...(Table?.GlobalSecondaryIndexes ?? []),
    ...(Table?.LocalSecondaryIndexes ?? []),
  ]
  return {
    name,
    ...keys(Table?.KeySchema),
    indexes: indexes.map((index) => ({ name: index.IndexName ?? "", ...keys(index.KeySchema) })),
    itemCount: Table?.ItemCount ?? 0,
  }
}

/** A Scan of a table or index, or a Query by partition key when `partitionValue` is given. */
export async function readItems(
  client: DynamoDBDocument,
  info: TableInfo,
  request: {
    index?: string | undefined
    partitionValue?: string | undefined
    start?: Item | undefined
  },
): Promise<ItemPage> {
  const index = request.index ? info.indexes.find((i) => i.name === request.index) : undefined
  if (request.index && !index)
    throw new TypeError(`Table "${info.name}" has no index "${request.index}".`)
  const common = {
    TableName: info.name,
    IndexName: index?.name,
    ExclusiveStartKey: request.start,
    Limit: itemsPageSize,
  }
  if (request.partitionValue === undefined || request.partitionValue === "") {
    const page = await client.scan(common)
    return { items: page.Items ?? [], next: page.LastEvaluatedKey }
  }
  const key = (index ?? info).partitionKey
  const page = await client.query({
    ...common,
    KeyConditionExpression: "#pk = :pk",
    ExpressionAttributeNames: { "#pk": key.name },
    ExpressionAttributeValues: { ":pk": keyValue(key, request.partitionValue) },
  })
  return { items: page.Items ?? [], next: page.LastEvaluatedKey }
}

/** The key of `item` in the table described by `info`. */
export function keyOf(info: TableInfo, item: Item): Item {
  const key: Item = { [info.partitionKey.name]: item[info.partitionKey.name] }
  if (info.sortKey) key[info.sortKey.name] = item[info.sortKey.name]
  return key
}

function keyValue(key: KeyAttribute, text: string): unknown {
  if (key.type === "N") {
    if (!Number.isFinite(Number(text)))
      throw new TypeError(`"${key.name}" is a Number key: type a number.`)
    return Number(text)
  }
  if (key.type === "B") return new Uint8Array(Buffer.from(text, "base64"))
  return text
}

/** Whether an item survives a round trip through JSON: no sets, binaries or big numbers. */
export function isPlainJson(value: unknown): boolean {
  if (value instanceof Set || value instanceof Uint8Array || typeof value === "bigint") return false
  if (typeof value === "number") return Number.isSafeInteger(value) || !Number.isInteger(value)
  if (Array.isArray(value)) return value.every(isPlainJson)
  if (value !== null && typeof value === "object") return Object.values(value).every(isPlainJson)
  return true
}
