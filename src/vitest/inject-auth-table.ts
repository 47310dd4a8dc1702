import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { inject } from "vitest"
import { type AuthTableAdapter, AuthTableError, DynamoDBAdapter } from "../adapter/index.js"
import { createLocalClient } from "../emulator/index.js"
import type { SharedAuthTable } from "./global-setup.js"

/** A client and an adapter on the emulator a globalSetup started. */
export interface InjectedAuthTable extends SharedAuthTable {
  tableName: string
  /** A new DynamoDBDocument on the shared endpoint; `client.destroy()` when done. */
  client: DynamoDBDocument
  adapter: AuthTableAdapter
}

/**
 * In a test: connects to the one emulator `authTableGlobalSetup()` started for the run.
 * @throws AuthTableError `NOT_SET_UP` when no globalSetup provided one.
 */
export function injectAuthTable(): InjectedAuthTable {
  const shared = inject("authTable")
  if (!shared) {
    throw new AuthTableError(
      "NOT_SET_UP",
      'Could not connect to the shared auth table: nothing was provided as "authTable". Add a globalSetup file that exports authTableGlobalSetup() (from "authtable/vitest/global-setup") to test.globalSetup.',
    )
  }
  const client = createLocalClient(shared.endpoint)
  return {
    ...shared,
    tableName: shared.keys.tableName,
    client,
    adapter: DynamoDBAdapter(client, shared.keys),
  }
}
