export type {
  AuthTableAdapter,
  AuthTableErrorCode,
  DynamoDBAdapterOptions,
  TableKeys,
} from "./adapter/index.js"
export { AuthTableError, DynamoDBAdapter } from "./adapter/index.js"
export type { AuthTableEnv, StartAuthTableOptions } from "./emulator/index.js"
export { AuthTable, startAuthTable } from "./emulator/index.js"
