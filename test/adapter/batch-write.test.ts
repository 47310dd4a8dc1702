import { describe, expect, test } from "vitest"
import { batchWriteAll, type WriteRequest } from "../../src/adapter/batch-write.js"
import { AuthTableError } from "../../src/adapter/index.js"
import { unique } from "../contract/context.js"
import { rawTable } from "../contract/raw.js"
import { useTarget } from "../contract/target.js"
import { throttledBatchWrites } from "../contract/throttled-client.js"

describe("batchWriteAll", () => {
  const target = useTarget()
  const puts = (partition: string, count: number): WriteRequest[] =>
    Array.from({ length: count }, (_, i) => ({
      PutRequest: { Item: rawTable(target().client, target().keys).key(partition, `ITEM#${i}`) },
    }))
  const stored = (partition: string) =>
    rawTable(target().client, target().keys).partition(partition)

  test("writes more than 25 requests in chunks of 25", async () => {
    const partition = unique("batch")
    const chunks: number[] = []
    await batchWriteAll(target().client, target().keys.tableName, puts(partition, 60), {
      onChunk: (written) => chunks.push(written),
    })
    expect(await stored(partition)).toHaveLength(60)
    expect(chunks.toSorted((a, b) => a - b)).toEqual([10, 25, 25])
  })

  test("writes nothing and makes no call for no requests", async () => {
    const { client, log } = throttledBatchWrites(target().client, { perCall: 25 })
    await batchWriteAll(client, target().keys.tableName, [])
    expect(log.calls).toBe(0)
  })

  test("retries UnprocessedItems until every request is written", async () => {
    const partition = unique("batch")
    const { client, log } = throttledBatchWrites(target().client, { perCall: 3 })
    await batchWriteAll(client, target().keys.tableName, puts(partition, 30))
    expect(await stored(partition)).toHaveLength(30)
    expect(log.unprocessed).toBeGreaterThan(0)
    expect(log.calls).toBe(Math.ceil(25 / 3) + Math.ceil(5 / 3))
  })

  test("gives up with THROTTLED when calls in a row write nothing", async () => {
    const partition = unique("batch")
    const { client, log } = throttledBatchWrites(target().client, { perCall: 0 })
    const error = await batchWriteAll(client, target().keys.tableName, puts(partition, 5)).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(AuthTableError)
    expect(error).toMatchObject({ code: "THROTTLED" })
    expect((error as Error).message).toContain("5 items were still unprocessed")
    expect(log.calls).toBe(8)
  })
})
