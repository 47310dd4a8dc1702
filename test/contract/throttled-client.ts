import type { BatchWriteCommandInput, DynamoDBDocument } from "@aws-sdk/lib-dynamodb"

/** What a {@link throttledBatchWrites} client did: calls made and requests it left unprocessed. */
export interface ThrottleLog {
  calls: number
  unprocessed: number
}

/**
 * The same client, except that each BatchWriteItem call writes at most `perCall` requests per
 * table and hands the rest back as UnprocessedItems, as a throttled table on AWS does (dynalite
 * never does). Every other call, and the requests it does write, reach the real endpoint.
 */
export function throttledBatchWrites(
  client: DynamoDBDocument,
  { perCall }: { perCall: number },
): { client: DynamoDBDocument; log: ThrottleLog } {
  const log: ThrottleLog = { calls: 0, unprocessed: 0 }
  const batchWrite = async (input: BatchWriteCommandInput) => {
    log.calls++
    const written: NonNullable<BatchWriteCommandInput["RequestItems"]> = {}
    const unprocessed: typeof written = {}
    for (const [table, requests] of Object.entries(input.RequestItems ?? {})) {
      if (perCall > 0) written[table] = requests.slice(0, perCall)
      const rest = requests.slice(perCall)
      if (rest.length > 0) unprocessed[table] = rest
      log.unprocessed += rest.length
    }
    // A fully throttled call writes nothing, and DynamoDB refuses an empty batch.
    if (Object.keys(written).length === 0) return { UnprocessedItems: unprocessed, $metadata: {} }
    const result = await client.batchWrite({ ...input, RequestItems: written })
    return { ...result, UnprocessedItems: unprocessed }
  }
  const throttled = new Proxy(client, {
    get(target, property) {
      if (property === "batchWrite") return batchWrite
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === "function" ? value.bind(target) : value
    },
  })
  return { client: throttled, log }
}
