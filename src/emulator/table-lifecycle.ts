import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb"
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { AuthTableError, type TableKeys } from "../adapter/index.js"
import { realDeadline, realSleep } from "./engine/index.js"
import { authTableSchema } from "./schema.js"

/** Options of {@link ensureAuthTable}. */
export interface EnsureAuthTableOptions {
  /** How long the table may stay CREATING. @default 5 minutes */
  activeTimeoutMs?: number
}

/**
 * Creates the auth table when it is missing and waits until it serves requests (ACTIVE, or
 * UPDATING). An existing table is left as it is (its data is never touched) but must have the
 * configured keys and index.
 * @returns whether the table was created.
 * @throws `TABLE_NOT_READY` when the table is being deleted, or still CREATING after
 *   `activeTimeoutMs`.
 */
export async function ensureAuthTable(
  client: DynamoDBDocument,
  keys: TableKeys,
  options: EnsureAuthTableOptions = {},
): Promise<boolean> {
  const { activeTimeoutMs: timeoutMs } = options
  if (timeoutMs !== undefined && !(typeof timeoutMs === "number" && timeoutMs > 0)) {
    throw new TypeError(
      `[authtable] Could not ensure table "${keys.tableName}": activeTimeoutMs must be a number of milliseconds above 0, got ${String(timeoutMs)}.`,
    )
  }
  let created = false
  try {
    await client.send(new CreateTableCommand(authTableSchema(keys)))
    created = true
  } catch (error) {
    if (!(error instanceof Error) || error.name !== "ResourceInUseException") throw error
  }
  const table = await waitForActive(client, keys.tableName, timeoutMs)
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

/**
 * Pauses between DescribeTable calls while a table is CREATING: none at first (an emulator's table
 * is ACTIVE within a turn or two of the event loop), then longer ones up to a second, the last
 * repeated (DynamoDB takes seconds to minutes, and its control plane throttles fast polling).
 */
const activePollDelaysMs = [0, 0, 0, 10, 50, 100, 250, 500, 1000] as const

/** How long a table may stay CREATING before {@link ensureAuthTable} gives up, by default. */
const activeTimeoutMs = 5 * 60_000

/** DescribeTable until the table serves requests; see {@link waitUntilServing}. */
function waitForActive(
  client: DynamoDBDocument,
  tableName: string,
  timeoutMs = activeTimeoutMs,
): Promise<TableDescription> {
  const describe = async () =>
    (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table
  return waitUntilServing(tableName, describe, {
    ms: timeoutMs,
    error: () =>
      new AuthTableError(
        "TABLE_NOT_READY",
        `Could not use table "${tableName}": it is still CREATING after ${duration(timeoutMs)}. Check it in the DynamoDB console and try again once it is ACTIVE, or pass a longer activeTimeoutMs.`,
      ),
  })
}

/**
 * Reads the table's state with `describe` until it serves requests (ACTIVE, or UPDATING, which
 * DynamoDB serves too), pausing `pausesMs` between reads (the last repeated; by default
 * {@link activePollDelaysMs}, for reads over the network). Waits on timers captured at load, so
 * that its own pauses do not stop under a test's fake timers.
 * @throws `TABLE_NOT_READY` when the table is in another state (DELETING, …); `timeout.error()`
 *   when it is still CREATING after `timeout.ms`.
 */
export async function waitUntilServing<T extends { TableStatus?: string }>(
  tableName: string,
  describe: () => Promise<T | undefined>,
  timeout: { ms: number; error: () => Error },
  pausesMs: readonly number[] = activePollDelaysMs,
): Promise<T> {
  const deadline = realDeadline(timeout.ms)
  try {
    for (let poll = 0; ; poll++) {
      const table = await describe()
      const status = table?.TableStatus
      if (table && (status === "ACTIVE" || status === "UPDATING")) return table
      if (status !== "CREATING") {
        throw new AuthTableError(
          "TABLE_NOT_READY",
          `Could not use table "${tableName}": it is ${status ?? "in no known state"}, not ACTIVE. Wait until it is ACTIVE and try again, or pass another tableName.`,
        )
      }
      if (deadline.passed()) throw timeout.error()
      await realSleep(pausesMs[Math.min(poll, pausesMs.length - 1)] as number)
    }
  } finally {
    deadline.clear()
  }
}

/** "5 minutes", "1.5 s". */
function duration(ms: number): string {
  return ms >= 60_000 ? `${ms / 60_000} minutes` : `${ms / 1000} s`
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
