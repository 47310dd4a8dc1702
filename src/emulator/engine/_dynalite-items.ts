/**
 * dynalite's item and table pieces that the engine's own operations (transactions, the
 * fidelity checks, UpdateTable's index changes) compose, beside `_dynalite.ts` which opens the
 * store. Only this folder knows them; they are pinned by test/emulator/engine/dynalite-internals.
 */

import type { ApiError } from "./_dynalite.js"
import type { DynaliteTable } from "./store/types.js"

type Callback<T = void> = (error: Error | null, value?: T) => void
type Attributes = Record<string, unknown>

/** The parts of dynalite's db module used here. */
export interface DynaliteDb {
  createKey(item: Attributes, table: DynaliteTable): string
  validateKey(key: Attributes, table: DynaliteTable): ApiError | undefined
  validateItem(item: Attributes, table: DynaliteTable): ApiError | undefined
  validateUpdates(
    attributeUpdates: unknown,
    expressionUpdates: unknown,
    table: DynaliteTable,
  ): ApiError | undefined
  checkConditional(data: Attributes, existing: Attributes | undefined): ApiError | null | undefined
  itemSize(item: Attributes): number
  getIndexActions(
    indexes: unknown[],
    existing: Attributes | undefined,
    item: Attributes,
    table: DynaliteTable,
  ): { puts: { index: string; key: string; item: Attributes }[] }
}

/** The parts of dynalite's store used here. */
export interface DynaliteTableStore {
  tableDb: {
    lock(key: string, work: (release: <T>(callback: T) => T) => void): void
    get(key: string, callback: Callback<DynaliteTable>): void
    put(key: string, value: unknown, callback: Callback): void
  }
  db: {
    iterator(options: { gte: string; lt: string }): { all(): Promise<[string, Attributes][]> }
    batch(operations: { type: "put"; key: string; value: unknown }[]): Promise<void>
    clear(range: { gte: string; lt: string }): Promise<void>
  }
}

/** Item-level steps of dynalite, for operations that compose them under the router's exclusivity. */
export interface ItemSteps {
  /**
   * Runs one of dynalite's actions (`PutItem`, …) on a request already checked with its rules
   * (`DynamoBackend.validate`), without checking it again.
   * @returns the response body; rejects with an {@link ApiError}.
   */
  act(operation: string, checked: Attributes): Promise<Attributes>
  /** The store key of an item or key: equal for two requests on the same item. */
  keyOf(table: DynaliteTable, attributes: Attributes): string
  /** dynalite's key check (schema, types, empty values, sizes). */
  invalidKey(table: DynaliteTable, key: Attributes): ApiError | undefined
  /** dynalite's item check (key attributes present and typed, index key types). */
  invalidItem(table: DynaliteTable, item: Attributes): ApiError | undefined
  /** dynalite's update check (no key attribute updated, index key types). */
  invalidUpdate(table: DynaliteTable, checked: Attributes): ApiError | undefined
  /** Whether a checked request's condition (expression or `Expected`) holds for `item`. */
  conditionHolds(checked: Attributes, item: Attributes | undefined): boolean
  /** dynalite's item size in bytes, as its 400 KB limit counts it. */
  itemSize(item: Attributes): number
}

/** Table-definition steps for UpdateTable's index changes. */
export interface TableSteps {
  /** Changes a table's stored description under dynalite's table lock; returns it as saved. */
  changeTable(name: string, change: (table: DynaliteTable) => void): Promise<DynaliteTable>
  /** Writes the entries of global secondary index `indexName` for every item of the table. */
  backfillIndex(table: DynaliteTable, indexName: string): Promise<void>
  /** Deletes every entry of a global secondary index. */
  dropIndexEntries(tableName: string, indexName: string): Promise<void>
}

const range = (prefix: string) => ({ gte: prefix, lt: `${prefix}\xff` })

/** One of dynalite's actions, bound to the store. */
export type BoundAction = (data: object, callback: Callback<object>) => void

export function createItemSteps(
  db: DynaliteDb,
  actionOf: (operation: string) => BoundAction | undefined,
): ItemSteps {
  return {
    act(operation, checked) {
      const action = actionOf(operation)
      if (!action) return Promise.reject(new Error(`dynalite has no ${operation}`))
      return new Promise((resolve, reject) => {
        action(checked, (error, value) =>
          error ? reject(error) : resolve((value ?? {}) as Attributes),
        )
      })
    },
    keyOf: (table, attributes) => db.createKey(attributes, table),
    invalidKey: (table, key) => db.validateKey(key, table) ?? undefined,
    invalidItem: (table, item) => db.validateItem(item, table) ?? undefined,
    invalidUpdate: (table, checked) =>
      db.validateUpdates(checked.AttributeUpdates, checked._updates, table) ?? undefined,
    conditionHolds: (checked, item) => !db.checkConditional(checked, item),
    itemSize: (item) => db.itemSize(item),
  }
}

export function createTableSteps(store: DynaliteTableStore, db: DynaliteDb): TableSteps {
  const { tableDb } = store
  return {
    changeTable(name, change) {
      return new Promise((resolve, reject) => {
        tableDb.lock(name, (release) => {
          const done = release((error: Error | null, table?: DynaliteTable) =>
            error || !table ? reject(error) : resolve(table),
          )
          tableDb.get(name, (error, table) => {
            if (error || !table) return done(error ?? new Error(`no table ${name}`))
            change(table)
            tableDb.put(name, table, (putError) => done(putError, table))
          })
        })
      })
    },
    async backfillIndex(table, indexName) {
      const index = table.GlobalSecondaryIndexes?.find((found) => found.IndexName === indexName)
      if (!index) return
      const types = new Map(
        table.AttributeDefinitions.map((d) => [d.AttributeName, d.AttributeType]),
      )
      // Items whose index keys are missing, of another type or empty are not indexed (AWS
      // reports them as index key violations rather than failing the index).
      const indexable = (item: Attributes) =>
        index.KeySchema.every(({ AttributeName }) => {
          const value = (item[AttributeName] as Record<string, unknown> | undefined)?.[
            types.get(AttributeName) ?? ""
          ]
          return value !== undefined && value !== ""
        })
      const items = await store.db.iterator(range(`item-${table.TableName}~`)).all()
      const prefix = `index-global~${table.TableName}~${indexName}~`
      const puts = items
        .filter(([, item]) => indexable(item))
        .flatMap(([, item]) => db.getIndexActions([index], undefined, item, table).puts)
        .map((put) => ({ type: "put" as const, key: prefix + put.key, value: put.item }))
      for (let i = 0; i < puts.length; i += 1000) await store.db.batch(puts.slice(i, i + 1000))
    },
    dropIndexEntries: (tableName, indexName) =>
      store.db.clear(range(`index-global~${tableName}~${indexName}~`)),
  }
}
