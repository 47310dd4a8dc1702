import {
  type AttributeValue,
  DeleteItemCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ListTablesCommand,
  ScanCommand,
} from "@aws-sdk/client-dynamodb"
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { unmarshall } from "@aws-sdk/util-dynamodb"
import type { Engine } from "./engine/index.js"

/** An item a sweep deleted, as it was just before (plain values, numbers as numbers). */
export interface SweptItem {
  tableName: string
  /** The table's TTL attribute. */
  attributeName: string
  /** The item's primary key. */
  key: Record<string, unknown>
  item: Record<string, unknown>
}

/** Options of {@link sweepExpiredItems}. */
export interface SweepOptions {
  /** The time the sweep acts at, in epoch milliseconds. */
  now: number
  /** Deletes an item only once it has been expired this long, as AWS may take days. @default 0 */
  lagMs?: number
  /** Called (and awaited) after each delete, in order; the dev server logs from it. */
  onDelete?: (deleted: SweptItem) => void | Promise<void>
  /** Scan page size. @default undefined: pages of 1 MB, as DynamoDB and dynalite cut them */
  pageSize?: number
}

/** What a sweep did. */
export interface SweepResult {
  /** Number of items deleted, over every table. */
  deleted: number
  /** The deleted items as they were (plain values), in the order they went. */
  items: Record<string, unknown>[]
}

/** Plain values; an integer too large for a JS number stays the decimal string DynamoDB sent. */
const plain = (value: Record<string, AttributeValue>) =>
  unmarshall(value, {
    wrapNumbers: (text: string) => {
      const number = Number(text)
      return Number.isSafeInteger(number) || !/^-?\d+$/.test(text) ? number : text
    },
  })

const fiveYearsBefore = (ms: number) => {
  const date = new Date(ms)
  date.setUTCFullYear(date.getUTCFullYear() - 5)
  return date.getTime()
}

/**
 * The TTL rule: the epoch seconds an item may have expired at to go, `<= now - lag` and not more
 * than five calendar years before `now`; `undefined` when nothing can qualify (a lag of more
 * than five years).
 */
function expiryWindow(now: number, lagMs = 0) {
  const newest = (now - lagMs) / 1000
  const oldest = fiveYearsBefore(now) / 1000
  return newest < oldest ? undefined : { oldest, newest }
}

/**
 * The same pass as {@link sweepExpiredItems}, done by the emulator's engine in its store (a
 * page of items read and its expired items deleted while no request runs, so the same race
 * guarantee holds); `onDelete` is called after each page, for each of its items in order.
 */
export async function sweepEngine(
  engine: Pick<Engine, "sweepTimeToLive">,
  { now, lagMs, onDelete }: SweepOptions,
): Promise<SweepResult> {
  const window = expiryWindow(now, lagMs)
  const items: Record<string, unknown>[] = []
  if (!window) return { deleted: 0, items }
  const { oldest, newest } = window
  await engine.sweepTimeToLive({
    isExpired: (seconds) => seconds <= newest && seconds >= oldest,
    async onDeleted({ tableName, attributeName, keyNames, items: deleted }) {
      for (const old of deleted as Record<string, AttributeValue>[]) {
        const item = plain(old)
        items.push(item)
        if (!onDelete) continue
        const key = Object.fromEntries(keyNames.map((name) => [name, item[name]]))
        await onDelete({ tableName, attributeName, key, item })
      }
    },
  })
  return { deleted: items.length, items }
}

/**
 * One TTL pass over every table on the client's endpoint that has TTL enabled, each by its own
 * attribute, through the public API only (ListTables, DescribeTimeToLive, Scan, DeleteItem).
 * An item goes when its TTL attribute is a Number of epoch seconds (fractions allowed) that is
 * `<= now - lag` and not more than five calendar years before `now`; Strings, missing values,
 * future values and older values stay. Each delete is conditional on the value the scan read,
 * so an item whose expiry was extended meanwhile survives. Deletes run one at a time.
 */
export async function sweepExpiredItems(
  client: DynamoDBDocument,
  options: SweepOptions,
): Promise<SweepResult> {
  const items: Record<string, unknown>[] = []
  const collect = async (deleted: SweptItem) => {
    items.push(deleted.item)
    await options.onDelete?.(deleted)
  }
  for (const tableName of await listTables(client)) {
    const attributeName = await ttlAttribute(client, tableName)
    if (!attributeName) continue
    await sweepTable(client, tableName, attributeName, { ...options, onDelete: collect }).catch(
      ifDeleted(undefined),
    )
  }
  return { deleted: items.length, items }
}

async function sweepTable(
  client: DynamoDBDocument,
  tableName: string,
  attributeName: string,
  { now, lagMs, onDelete, pageSize }: SweepOptions,
): Promise<void> {
  const describe = await client.send(new DescribeTableCommand({ TableName: tableName }))
  const keyNames = (describe.Table?.KeySchema ?? []).map((key) => key.AttributeName as string)
  const window = expiryWindow(now, lagMs)
  if (!window) return
  const { oldest, newest } = window
  let startKey: Record<string, AttributeValue> | undefined
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        // The filter saves transferring live items; the rule is checked again below, exactly.
        FilterExpression: "attribute_type(#ttl, :n) AND #ttl BETWEEN :oldest AND :newest",
        ExpressionAttributeNames: { "#ttl": attributeName },
        ExpressionAttributeValues: {
          ":n": { S: "N" },
          ":oldest": { N: String(Math.floor(oldest)) },
          ":newest": { N: String(Math.ceil(newest)) },
        },
        ExclusiveStartKey: startKey,
        Limit: pageSize,
      }),
    )
    for (const item of page.Items ?? []) {
      const read = item[attributeName]?.N
      if (read === undefined) continue
      const seconds = Number(read)
      if (!(seconds <= newest && seconds >= oldest)) continue
      const key = Object.fromEntries(keyNames.map((name) => [name, item[name] as AttributeValue]))
      const old = await deleteIfUnchanged(client, tableName, key, attributeName, read)
      if (!old) continue
      await onDelete?.({ tableName, attributeName, key: plain(key), item: plain(old) })
    }
    startKey = page.LastEvaluatedKey
  } while (startKey)
}

/** Deletes the item if its TTL attribute still holds `read`; returns the deleted item. */
async function deleteIfUnchanged(
  client: DynamoDBDocument,
  tableName: string,
  key: Record<string, AttributeValue>,
  attributeName: string,
  read: string,
): Promise<Record<string, AttributeValue> | undefined> {
  try {
    const { Attributes } = await client.send(
      new DeleteItemCommand({
        TableName: tableName,
        Key: key,
        ConditionExpression: "#ttl = :read",
        ExpressionAttributeNames: { "#ttl": attributeName },
        ExpressionAttributeValues: { ":read": { N: read } },
        ReturnValues: "ALL_OLD",
      }),
    )
    return Attributes
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return undefined
    throw error
  }
}

/** Every table on the client's endpoint, by name, across ListTables pages. */
export async function listTables(client: DynamoDBDocument): Promise<string[]> {
  const names: string[] = []
  let start: string | undefined
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }))
    names.push(...(page.TableNames ?? []))
    start = page.LastEvaluatedTableName
  } while (start)
  return names
}

async function ttlAttribute(client: DynamoDBDocument, tableName: string) {
  const { TimeToLiveDescription: ttl } = await client
    .send(new DescribeTimeToLiveCommand({ TableName: tableName }))
    .catch(ifDeleted({ TimeToLiveDescription: undefined }))
  return ttl?.TimeToLiveStatus === "ENABLED" ? ttl.AttributeName : undefined
}

/** A table deleted since ListTables has nothing left to sweep: answer `fallback` instead. */
const ifDeleted =
  <T>(fallback: T) =>
  (error: unknown): T => {
    if ((error as Error).name !== "ResourceNotFoundException") throw error
    return fallback
  }
