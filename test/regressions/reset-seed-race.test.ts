import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, expect, test } from "vitest"
import { startAuthTable } from "../../src/index.js"

let dir: string | undefined
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

/**
 * Seeding wrote straight to the store past the hold reset() takes, and a dataDir reset removed
 * items and index entries in separate steps: users stayed while their GSI1 entries went, and
 * getUserByEmail returned null for good. Now both take the same hold, and a reset is one batch.
 */
test("40 reset()/seed races on a dataDir leave every user findable by email", async () => {
  dir = await mkdtemp(join(tmpdir(), "authtable-race-"))
  await using table = await startAuthTable({ dataDir: dir, seed: 40 })
  for (let round = 0; round < 40; round++) {
    const seeding = table.seed.graph({ users: 20 })
    const resetting = round % 2 === 0 ? table.reset() : Promise.resolve().then(() => table.reset())
    await Promise.all([seeding, resetting])
    const { Items = [] } = await table.client.scan({ TableName: table.tableName })
    const users = Items.filter((item) => item.type === "USER")
    for (const user of users) {
      const found = await table.adapter.getUserByEmail(user.email as string)
      expect(found?.id, `round ${round}: ${user.email}`).toBe(user.id)
    }
    // Index and items agree: every GSI1 entry belongs to an item that is there.
    const { Items: indexed = [] } = await table.client.scan({
      TableName: table.tableName,
      IndexName: "GSI1",
    })
    expect(indexed.length, `round ${round}`).toBe(Items.filter((item) => item.GSI1PK).length)
  }
}, 120_000)
