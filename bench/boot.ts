/**
 * Bench case "boot": `startAuthTable()` until its first answered request, against starting
 * dynalite, CreateTable and polling DescribeTable until ACTIVE (jest-dynalite's way; it also
 * sleeps 10 ms after ACTIVE, which the baseline here leaves out).
 */
import { GetItemCommand } from "@aws-sdk/client-dynamodb"
import { startAuthTable } from "../src/index.js"
import { createAndWait, startBareDynalite } from "./_bare-dynalite.js"
import type { BenchCase } from "./_harness.js"
import { measure } from "./_harness.js"

const iterations = 30
const firstRequest = new GetItemCommand({
  TableName: "next-auth",
  Key: { pk: { S: "USER#1" }, sk: { S: "USER#1" } },
})

const boot: BenchCase = {
  name: "boot",
  description: "startAuthTable() to first request vs dynalite + CreateTable + wait for ACTIVE",
  async run() {
    const authtable = await measure({
      iterations,
      async run() {
        const table = await startAuthTable()
        await table.client.send(firstRequest)
        return table
      },
      after: (table) => table.stop(),
    })
    const bare = await measure({
      iterations,
      async run() {
        const dynalite = await startBareDynalite()
        await createAndWait(dynalite.client)
        await dynalite.client.send(firstRequest)
        return dynalite
      },
      after: (dynalite) => dynalite.stop(),
    })
    const group = "boot to first request"
    return [
      { group, variant: "dynalite + CreateTable + poll ACTIVE", baseline: true, samples: bare },
      { group, variant: "startAuthTable() (table, GSI, TTL)", samples: authtable },
    ]
  },
}

export default boot
