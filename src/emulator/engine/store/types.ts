/** dynalite's shapes that bulk writes rely on (pinned by test/emulator/engine/dynalite-internals.test.ts). */
import type { WireItem } from "./items.js"

/** A table as dynalite stores its description. */
export interface DynaliteTable {
  TableName: string
  TableStatus: string
  KeySchema: KeyElement[]
  AttributeDefinitions: { AttributeName: string; AttributeType: string }[]
  GlobalSecondaryIndexes?: DynaliteIndex[]
  LocalSecondaryIndexes?: DynaliteIndex[]
}
export interface KeyElement {
  AttributeName: string
}
export interface DynaliteIndex {
  IndexName: string
  KeySchema: KeyElement[]
  Projection: { ProjectionType: string }
}

export interface IndexActions {
  puts: { index: string; key: string; item: WireItem }[]
  deletes: { index: string; key: string }[]
}

/** The parts of dynalite (its db module and BatchWriteItem checks) a bulk write uses. */
export interface DynaliteWriteParts {
  createKey(item: WireItem, table: DynaliteTable): string
  getIndexActions(
    indexes: DynaliteIndex[],
    existing: WireItem | undefined,
    item: WireItem | undefined,
    table: DynaliteTable,
  ): IndexActions
  validateItem(item: WireItem, table: DynaliteTable): Error | undefined
  validationError(message: string): Error
  /** BatchWriteItem's type checks and validation of a request putting `items`; normalised. */
  checkPutRequest(tableName: string, items: WireItem[]): WireItem[]
}
