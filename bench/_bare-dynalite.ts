/**
 * The baseline the bench compares with: dynalite used directly, as jest-dynalite and
 * vitest-dynamodb-lite do (table delays 0), with tables created and awaited through the SDK.
 */
import type { Server } from "node:http"
import { createRequire } from "node:module"
import type { AddressInfo } from "node:net"
import { dirname, sep } from "node:path"
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
} from "@aws-sdk/client-dynamodb"
import { loadAdapter, loadEmulator } from "./_package.js"

const { defaultTableKeys } = await loadAdapter()
const { authTableSchema, localCredentials } = await loadEmulator()

const dynalite = requireOwnDynalite()

/**
 * dynalite as published, with a module graph of its own. The engine loads dynalite's store module
 * with its changes (a memoised key hash, its own in-memory store) only when it is the first to
 * load it; a bench process that required dynalite plainly first would measure the engine on the
 * unchanged module, and one that started the engine first would give the baseline the engine's
 * store. So dynalite's own files are required here apart from the module cache and taken out of
 * it again (its dependencies are shared: the engine changes none of them).
 */
function requireOwnDynalite(): (options: object) => Server {
  const require = createRequire(import.meta.url)
  const root = `${dirname(require.resolve("dynalite/package.json"))}${sep}`
  const isDynalites = (file: string) =>
    file.startsWith(root) && !file.slice(root.length).includes(`node_modules${sep}`)
  const saved = Object.entries(require.cache).filter(([file]) => isDynalites(file))
  for (const [file] of saved) delete require.cache[file]
  try {
    return require("dynalite") as (options: object) => Server
  } finally {
    for (const file of Object.keys(require.cache).filter(isDynalites)) delete require.cache[file]
    for (const [file, module] of saved) require.cache[file] = module
  }
}

/** A dynalite server on an ephemeral port and an SDK client for it. */
export interface BareDynalite {
  client: DynamoDBClient
  stop(): Promise<void>
}

export async function startBareDynalite(): Promise<BareDynalite> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  const { region, accessKeyId, secretAccessKey } = localCredentials
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region,
    credentials: { accessKeyId, secretAccessKey },
  })
  return {
    client,
    async stop() {
      client.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** CreateTable with the auth table's schema, then DescribeTable until ACTIVE. */
export async function createAndWait(client: DynamoDBClient): Promise<void> {
  await client.send(new CreateTableCommand(authTableSchema(defaultTableKeys)))
  for (;;) {
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: defaultTableKeys.tableName }),
    )
    if (Table?.TableStatus === "ACTIVE") return
  }
}

/** DeleteTable, then DescribeTable until the table is gone. */
export async function deleteAndWait(client: DynamoDBClient): Promise<void> {
  const TableName = defaultTableKeys.tableName
  await client.send(new DeleteTableCommand({ TableName }))
  for (;;) {
    try {
      await client.send(new DescribeTableCommand({ TableName }))
    } catch (error) {
      if ((error as Error).name === "ResourceNotFoundException") return
      throw error
    }
  }
}
