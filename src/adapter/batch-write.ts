import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import type { Item } from "./layout.js"

/** One request of a BatchWriteItem call, as the document client takes it. */
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } }

/** BatchWriteItem takes at most 25 requests. */
export const batchSize = 25
const maxAttempts = 8

/**
 * Writes any number of requests in chunks of 25, `concurrency` chunks at a time, and retries
 * UnprocessedItems with exponential backoff (as AWS asks) until none are left.
 *
 * @throws Error when items are still unprocessed after 8 attempts.
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
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt === maxAttempts) {
      throw new Error(
        `[authtable] Could not write a batch to "${tableName}": ${pending.length} items were still unprocessed after ${maxAttempts} attempts. The table is throttled; retry later or raise its capacity.`,
      )
    }
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 10))
    const result = await client.batchWrite({ RequestItems: { [tableName]: pending } })
    pending = (result.UnprocessedItems?.[tableName] ?? []) as WriteRequest[]
  }
}
