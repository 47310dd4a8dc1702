import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { AuthTableError } from "./errors.js"
import type { Item } from "./layout.js"

/** One request of a BatchWriteItem call, as the document client takes it. */
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } }

/** BatchWriteItem takes at most 25 requests. */
export const batchSize = 25
/** Calls in a row that write nothing before a chunk is given up. */
const maxStalledCalls = 8
const maxBackoffMs = 1000

/**
 * Writes any number of requests in chunks of 25, `concurrency` chunks at a time, and retries
 * UnprocessedItems with exponential backoff (as AWS asks) until none are left. A throttled table
 * that still makes progress is waited out; one that writes nothing 8 calls in a row is not.
 *
 * @throws AuthTableError `THROTTLED` when a chunk stalls.
 */
export async function batchWriteAll(
  client: DynamoDBDocument,
  tableName: string,
  requests: readonly WriteRequest[],
  { concurrency = 4, onChunk }: { concurrency?: number; onChunk?: (written: number) => void } = {},
): Promise<void> {
  const chunks: WriteRequest[][] = []
  for (let i = 0; i < requests.length; i += batchSize) {
    chunks.push(requests.slice(i, i + batchSize))
  }
  let next = 0
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!
      await writeChunk(client, tableName, chunk)
      onChunk?.(chunk.length)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker))
}

async function writeChunk(client: DynamoDBDocument, tableName: string, chunk: WriteRequest[]) {
  let pending = chunk
  let stalled = 0
  for (let retry = 0; pending.length > 0; retry++) {
    if (retry > 0) {
      const backoff = Math.min(2 ** retry * 10, maxBackoffMs)
      await new Promise((resolve) => setTimeout(resolve, backoff))
    }
    const result = await client.batchWrite({ RequestItems: { [tableName]: pending } })
    const unprocessed = (result.UnprocessedItems?.[tableName] ?? []) as WriteRequest[]
    stalled = unprocessed.length < pending.length ? 0 : stalled + 1
    pending = unprocessed
    if (pending.length > 0 && stalled === maxStalledCalls) {
      throw new AuthTableError(
        "THROTTLED",
        `Could not write a batch to table "${tableName}": ${pending.length} items were still unprocessed after ${maxStalledCalls} calls in a row wrote nothing. The table is throttled; retry later or raise its capacity (on-demand billing avoids this).`,
      )
    }
  }
}
