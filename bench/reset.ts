/**
 * Bench case "reset": emptying the table between tests. `table.reset()` clears the table's
 * items and index entries in the store; the baseline is what jest-dynalite and
 * vitest-dynamodb-lite do, DeleteTable + wait until gone + CreateTable + wait for ACTIVE (they
 * also sleep between polls, which the baseline here leaves out). Each run starts from a table
 * freshly filled with `size` user-like items (untimed).
 */
import { BatchWriteItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createAndWait, deleteAndWait, startBareDynalite } from "./_bare-dynalite.js"
import type { BenchCase, Measurement, Row } from "./_harness.js"
import { measure } from "./_harness.js"
import { loadRoot } from "./_package.js"
import { format, ratio } from "./_report.js"

const { startAuthTable } = await loadRoot()

const sizes = [
  { size: 0, iterations: 30 },
  { size: 200, iterations: 20 },
  { size: 5000, iterations: 9 },
]

/** `size` users (with their email index entry), 25 to a BatchWriteItem, 4 requests at a time. */
async function fill(client: { send: DynamoDBClient["send"] }, size: number): Promise<void> {
  const batches: number[][] = []
  for (let i = 0; i < size; i += 25) {
    batches.push(Array.from({ length: Math.min(25, size - i) }, (_, j) => i + j))
  }
  const send = async (batch: number[]) => {
    const requests = batch.map((i) => ({
      PutRequest: {
        Item: {
          pk: { S: `USER#${i}` },
          sk: { S: `USER#${i}` },
          GSI1PK: { S: `USER#user${i}@example.com` },
          GSI1SK: { S: `USER#user${i}@example.com` },
          email: { S: `user${i}@example.com` },
          type: { S: "USER" },
        },
      },
    }))
    await client.send(new BatchWriteItemCommand({ RequestItems: { "next-auth": requests } }))
  }
  for (let i = 0; i < batches.length; i += 4) await Promise.all(batches.slice(i, i + 4).map(send))
}

const reset: BenchCase = {
  name: "reset",
  description: "table.reset() vs DeleteTable + CreateTable (+ wait) at 0, 200 and 5,000 items",
  async run() {
    const measurements: Measurement[] = []
    const table = await startAuthTable()
    const bare = await startBareDynalite()
    await createAndWait(bare.client)
    try {
      for (const { size, iterations } of sizes) {
        const group = `empty a table of ${size.toLocaleString("en")} items`
        const recreate = await measure({
          iterations,
          before: () => fill(bare.client, size),
          run: async () => {
            await deleteAndWait(bare.client)
            await createAndWait(bare.client)
          },
        })
        const cleared = await measure({
          iterations,
          before: () => fill(table.client as unknown as DynamoDBClient, size),
          run: () => table.reset(),
        })
        measurements.push(
          {
            group,
            variant: "DeleteTable + CreateTable (+ waits)",
            baseline: true,
            samples: recreate,
          },
          { group, variant: "table.reset()", samples: cleared },
        )
      }
    } finally {
      await table.stop()
      await bare.stop()
    }
    return measurements
  },
  targets(rows: readonly Row[]) {
    return rows
      .filter((row) => row.variant === "table.reset()" && row.speedup !== null)
      .map((row) => ({
        target: `reset ≥10× faster than delete + recreate (${row.group.replace("empty a table of ", "")})`,
        measured: `${format(row.median)}: ${ratio(row.speedup!)}`,
        pass: row.speedup! >= 10,
      }))
  },
}

export default reset
