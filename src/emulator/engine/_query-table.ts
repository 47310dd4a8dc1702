/**
 * dynalite's queryTable (db/index.js), the read behind every Query and Scan, without its stream
 * pipeline: it pipes the range through three `lazy` emitters (takeWhile, join) and a stream
 * made per request, most of a one-item Query's garbage. This port reads the same range from the
 * same store, in the same order and under the same rules (Limit, the 1 MB page, filters,
 * projections, LastEvaluatedKey, consumed capacity), with the code of dynalite's `join` step
 * kept line for line. A read through a local index that must fetch each item from the table
 * (`fetchFromItemDb`) keeps dynalite's own queryTable, as does a store whose streams are not
 * the engine's.
 */
import { RangeStream } from "./_range-streams.js"

type Item = Record<string, Record<string, unknown>>
type Callback = (error: Error | null, result?: Record<string, unknown>) => void

/** dynalite's Query/Scan request as its validation left it. */
interface QueryData {
  TableName: string
  IndexName?: string
  Limit?: number
  Select?: string
  ConsistentRead?: boolean
  ReturnConsumedCapacity?: string
  QueryFilter?: unknown
  ScanFilter?: unknown
  ConditionalOperator?: string
  _filter?: { expression: unknown }
  _projection?: { paths: unknown }
  AttributesToGet?: unknown
}

/** What the port uses of dynalite's db module (all of it exported there). */
export interface QueryTableParts {
  queryTable: QueryTable
  itemSize(item: Item, compress?: boolean, addMetaSize?: boolean, rangeKey?: string): number
  matchesExprFilter(item: Item, expression: unknown): boolean
  matchesFilter(item: Item, filter: unknown, conditionalOperator?: string): boolean
  mapPaths(paths: unknown, item: Item): Item
}

type SubDb = { createValueStream(options: object): unknown }
type QueryTable = (
  store: {
    getItemDb(name: string): SubDb
    getIndexDb(type: string, table: string, index: string): SubDb
  },
  table: { KeySchema: { AttributeName: string }[] },
  data: QueryData,
  opts: object,
  isLocal: boolean,
  fetchFromItemDb: boolean,
  startKeyNames: string[],
  cb: Callback,
) => void

const maxPageBytes = 1024 * 1024

const ported = Symbol.for("authtable.query-table")

/**
 * Replaces `db.queryTable` (which dynalite's Query and Scan actions call) with the port, once:
 * the module is shared by every engine in the process.
 */
export function installQueryTable(db: QueryTableParts): void {
  if (ported in db.queryTable) return
  const dynalites = db.queryTable
  db.queryTable = Object.assign(queryTable, { [ported]: true })

  function queryTable(
    ...[
      store,
      table,
      data,
      opts,
      isLocal,
      fetchFromItemDb,
      startKeyNames,
      cb,
    ]: Parameters<QueryTable>
  ): void {
    if (fetchFromItemDb) {
      dynalites(store, table, data, opts, isLocal, fetchFromItemDb, startKeyNames, cb)
      return
    }
    const source = data.IndexName
      ? store.getIndexDb(isLocal ? "local" : "global", data.TableName, data.IndexName)
      : store.getItemDb(data.TableName)
    const range = source.createValueStream(opts)
    if (!(range instanceof RangeStream)) {
      ;(range as { destroy?: () => void }).destroy?.()
      dynalites(store, table, data, opts, isLocal, fetchFromItemDb, startKeyNames, cb)
      return
    }
    let tableCapacity = 0
    let indexCapacity = 0
    const calculateCapacity = ["TOTAL", "INDEXES"].includes(data.ReturnConsumedCapacity ?? "")
    let size = 0
    let count = 0
    const rangeKey = table.KeySchema[1]?.AttributeName
    let items: Item[] = []
    const limit = data.Limit as number
    range
      .read((val) => {
        // dynalite's takeWhile step.
        if (count >= limit || size >= maxPageBytes) return false
        if (calculateCapacity) {
          const capacitySize = db.itemSize(val as Item)
          if (data.IndexName) indexCapacity += capacitySize
          else tableCapacity += capacitySize
        }
        count++
        size += db.itemSize(val as Item, true, true, rangeKey)
        items.push(val as Item)
        return true
      })
      .then(
        () => {
          // dynalite's join step, as it is there.
          const lastItem = items[items.length - 1]
          const queryFilter = data.QueryFilter || data.ScanFilter
          if (data._filter) {
            const expression = data._filter.expression
            items = items.filter((val) => db.matchesExprFilter(val, expression))
          } else if (queryFilter) {
            items = items.filter((val) =>
              db.matchesFilter(val, queryFilter, data.ConditionalOperator),
            )
          }
          const result: Record<string, unknown> = { ScannedCount: count }
          if (count >= limit || size >= maxPageBytes) {
            if (data.Limit) items.splice(data.Limit)
            if (lastItem) {
              result.LastEvaluatedKey = startKeyNames.reduce<Item>((key, attr) => {
                key[attr] = lastItem[attr] as Record<string, unknown>
                return key
              }, {})
            }
          }
          const paths = data._projection ? data._projection.paths : data.AttributesToGet
          if (paths) items = items.map((item) => db.mapPaths(paths, item))
          result.Count = items.length
          if (data.Select !== "COUNT") result.Items = items
          if (calculateCapacity) {
            const tableUnits = Math.ceil(tableCapacity / 1024 / 4) * (data.ConsistentRead ? 1 : 0.5)
            const indexUnits = Math.ceil(indexCapacity / 1024 / 4) * (data.ConsistentRead ? 1 : 0.5)
            const consumed: Record<string, unknown> = {
              CapacityUnits: tableUnits + indexUnits,
              TableName: data.TableName,
            }
            if (data.ReturnConsumedCapacity === "INDEXES") {
              consumed.Table = { CapacityUnits: tableUnits }
              if (data.IndexName) {
                const indexAttr = isLocal ? "LocalSecondaryIndexes" : "GlobalSecondaryIndexes"
                consumed[indexAttr] = { [data.IndexName]: { CapacityUnits: indexUnits } }
              }
            }
            result.ConsumedCapacity = consumed
          }
          cb(null, result)
        },
        (error: Error) => cb(error),
      )
  }
}
