import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { CannedHandler, RecordingHandler } from "./_canned-handler.js"
import type { BenchCase, Measurement, Row, Sample } from "./_harness.js"
import { measureInRounds } from "./_harness.js"
import { loadEmulator, loadRoot } from "./_package.js"
import { findRow, format } from "./_report.js"

const { createLocalClient } = await loadEmulator()
const { startAuthTable } = await loadRoot()

const calls = 100
/**
 * Timed rounds of each variant. On a shared 2-core machine a request's ratio to the floor moved
 * between runs of 9 rounds from 1.66× to 2.37× (Node 24, PutItem, five runs); of 21 rounds,
 * from 1.85× to 2.04×.
 */
const iterations = 21
/** Untimed rounds of each variant first: warm means the JIT has settled (500 calls). */
const warmup = 5

type Send = (client: DynamoDBDocument) => Promise<unknown>

const operations = (TableName: string): [string, Send][] => {
  const user = { pk: "USER#bench", sk: "USER#bench" }
  const session = (token: string) => ({
    pk: "USER#bench",
    sk: `SESSION#${token}`,
    GSI1PK: `SESSION#${token}`,
    GSI1SK: `SESSION#${token}`,
    type: "SESSION",
    sessionToken: token,
    userId: "bench",
    expires: Math.floor(Date.now() / 1000) + 86_400,
  })
  return [
    ["GetItem (getUser)", (c) => c.get({ TableName, Key: user })],
    ["PutItem (createSession)", (c) => c.put({ TableName, Item: session("put") })],
    [
      "Query on GSI1 (getSessionAndUser)",
      (c) =>
        c.query({
          TableName,
          IndexName: "GSI1",
          KeyConditionExpression: "#gsi1pk = :gsi1pk AND #gsi1sk = :gsi1sk",
          ExpressionAttributeNames: { "#gsi1pk": "GSI1PK", "#gsi1sk": "GSI1SK" },
          ExpressionAttributeValues: { ":gsi1pk": "SESSION#put", ":gsi1sk": "SESSION#put" },
        }),
    ],
    [
      "UpdateItem (updateSession)",
      (c) =>
        c.update({
          TableName,
          Key: { pk: "USER#bench", sk: "SESSION#put" },
          UpdateExpression: "SET #expires = :expires",
          ConditionExpression: "attribute_exists(#key)",
          ExpressionAttributeNames: { "#expires": "expires", "#key": "pk" },
          ExpressionAttributeValues: { ":expires": Math.floor(Date.now() / 1000) + 90_000 },
          ReturnValues: "ALL_NEW",
        }),
    ],
    [
      "DeleteItem (deleteSession)",
      (c) =>
        c.delete({
          TableName,
          Key: { pk: "USER#bench", sk: "SESSION#gone" },
          ReturnValues: "ALL_OLD",
        }),
    ],
    [
      "BatchWriteItem (deleteUser, seeding)",
      (c) =>
        c.batchWrite({
          RequestItems: { [TableName]: [{ PutRequest: { Item: session("batch") } }] },
        }),
    ],
  ]
}

const floor = "SDK floor, table.client's config (canned, no emulator)"
const ours = "authtable, table.client"

const operationsCase: BenchCase = {
  name: "operations",
  description: `each request the adapter makes, ${calls} calls a run, on table.client vs the SDK floor`,
  async run() {
    const table = await startAuthTable()
    const recorder = new RecordingHandler()
    const recording = createLocalClient(table.endpoint, { requestHandler: recorder })
    try {
      await table.client.put({
        TableName: table.tableName,
        Item: { pk: "USER#bench", sk: "USER#bench", type: "USER" },
      })
      const sends = operations(table.tableName)
      for (const [, send] of sends) await send(recording)
      const canned = createLocalClient(table.endpoint, {
        requestHandler: new CannedHandler(recorder.recorded),
        lean: true,
      })
      const measurements: Measurement[] = []
      for (const [group, send] of sends) {
        const loop = (client: DynamoDBDocument) => async () => {
          for (let i = 0; i < calls; i++) await send(client)
        }
        const [floorSamples, ourSamples] = await measureInRounds(
          [loop(canned), loop(table.client)],
          { iterations, warmup },
        )
        const perCall = (samples: Sample[] = []) =>
          samples.map(({ ms, cpuMs }) => ({ ms: ms / calls, cpuMs: cpuMs / calls }))
        measurements.push(
          {
            group: `${group}, per call`,
            variant: floor,
            baseline: true,
            samples: perCall(floorSamples),
          },
          { group: `${group}, per call`, variant: ours, samples: perCall(ourSamples) },
        )
      }
      canned.destroy()
      return measurements
    } finally {
      recording.destroy()
      await table.stop()
    }
  },
  targets(rows: readonly Row[]) {
    return operations("").flatMap(([group]) => {
      const row = findRow(rows, group, ours)
      const base = findRow(rows, group, floor)
      if (!row?.speedup || !base) return []
      return [
        {
          target: `${group.split(" ")[0]} ≤2× the SDK floor, warm`,
          measured: `${format(row.median)} vs ${format(base.median)}: ${(1 / row.speedup).toFixed(2)}×`,
          pass: 1 / row.speedup <= 2,
        },
      ]
    })
  },
}

export default operationsCase
