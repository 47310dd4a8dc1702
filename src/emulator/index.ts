export type { LocalClientOptions } from "./client.js"
export { createLocalClient, marshallOptions } from "./client.js"
export type { AuthTableEnv } from "./env.js"
export { endpointEnv, localCredentials } from "./env.js"
export { authTableSchema } from "./schema.js"
export type { AuthTableSweepOptions, StartAuthTableOptions } from "./start-auth-table.js"
export { AuthTable, startAuthTable } from "./start-auth-table.js"
export type { SweepOptions, SweepResult, SweptItem } from "./sweeper.js"
export { listTables, sweepExpiredItems } from "./sweeper.js"
export {
  type EnsureAuthTableOptions,
  ensureAuthTable,
  ensureTimeToLive,
} from "./table-lifecycle.js"
