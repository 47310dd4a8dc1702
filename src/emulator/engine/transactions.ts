/**
 * TransactWriteItems and TransactGetItems, which dynalite lacks, served by the router with the
 * semantics of the AWS API reference. A transaction runs while no other request is in flight
 * (the router's exclusivity, which resets, bulk seeding and TTL sweeps also go through), so it is
 * atomic and isolated with respect to everything else: all conditions are checked, then all
 * writes applied with dynalite's own actions (index entries moved as for single writes), and a
 * write that fails midway is rolled back before the cancellation is answered. Concurrent
 * transactions on one item are serialised and all succeed, where AWS may refuse some with a
 * TransactionConflict.
 */
import type { ApiError, DynamoBackend } from "./_dynalite.js"
import { fingerprint, IdempotencyTokens } from "./_idempotency.js"
import { emptyIndexKeyInItem, emptyIndexKeyInUpdate } from "./_index-keys.js"
import { type ApiResponse, apiError, asThrown, validationError } from "./_protocol.js"
import type { OwnOperation } from "./_router.js"
import { transactionRules, type WriteKind } from "./_transaction-rules.js"
import type { DynaliteTable } from "./store/types.js"

type Attributes = Record<string, unknown>

/** AWS's limit on the aggregate size of a transaction's items. */
export const maxTransactionBytes = 4 * 1024 * 1024

const writeKinds: WriteKind[] = ["Put", "Update", "Delete", "ConditionCheck"]
const dynaliteOperation = { Put: "PutItem", Update: "UpdateItem", Delete: "DeleteItem" } as const

interface Action {
  kind: WriteKind
  checked: Attributes
  table: DynaliteTable
  key: Attributes
}

/** A cancellation reason, as AWS lists them: one per action, in the request's order. */
interface Reason {
  Code: string
  Message?: string
  Item?: Attributes
}

const canceled = (reasons: Reason[]): ApiResponse => {
  const codes = reasons.map((reason) => reason.Code).join(", ")
  const { body } = apiError(
    "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
  )
  return { status: 400, body: { ...body, CancellationReasons: reasons } }
}

const duplicate = () =>
  validationError("Transaction request cannot include multiple operations on one item")

/** The key attributes of an item (or a key) by the table's key schema. */
const keyOf = (table: DynaliteTable, attributes: Attributes): Attributes =>
  Object.fromEntries(
    table.KeySchema.map(({ AttributeName }) => [AttributeName, attributes[AttributeName]]),
  )

/** TransactWriteItems and TransactGetItems, ready for `router.serveOperation`. */
export function createTransactions(backend: DynamoBackend): {
  write: OwnOperation
  get: OwnOperation
} {
  const rules = transactionRules(backend)
  const tokens = new IdempotencyTokens()
  const { items } = backend

  /** Checks an action as its single operation is checked, plus what only transactions refuse. */
  async function prepare(raw: Attributes, seen: Set<string>): Promise<Action> {
    const kinds = writeKinds.filter((kind) => raw[kind] != null)
    const [kind] = kinds
    if (kind === undefined || kinds.length > 1) {
      throw asThrown(
        validationError("TransactItems can only contain one of Check, Put, Update or Delete"),
      )
    }
    const checked = backend.validate(rules.action[kind], raw[kind] as Attributes)
    const table = await requireTable(checked.TableName as string)
    const target = (kind === "Put" ? checked.Item : checked.Key) as Attributes
    const invalid =
      kind === "Put"
        ? (items.invalidItem(table, target) ?? emptyIndexKeyInItem(table, target))
        : (items.invalidKey(table, target) ??
          (kind === "Update"
            ? (items.invalidUpdate(table, checked) ?? emptyIndexKeyInUpdate(table, checked))
            : undefined))
    if (invalid) throw invalid
    const storeKey = `${table.TableName}\u0000${items.keyOf(table, target)}`
    if (seen.has(storeKey)) {
      throw asThrown(duplicate())
    }
    seen.add(storeKey)
    return { kind, checked, table, key: keyOf(table, target) }
  }

  async function requireTable(name: string): Promise<DynaliteTable> {
    const table = await backend.getTable(name)
    if (!table || table.TableStatus === "CREATING" || table.TableStatus === "DELETING") {
      throw asThrown(
        apiError(
          "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
          "Requested resource not found",
        ),
      )
    }
    return table
  }

  const read = async (action: Action): Promise<Attributes | undefined> =>
    (
      await items.act("GetItem", {
        TableName: action.table.TableName,
        Key: action.key,
        ConsistentRead: true,
      })
    ).Item as Attributes | undefined

  /** Applies the writes in order; on a failure, undoes those applied and names the failure. */
  async function apply(
    actions: Action[],
    before: (Attributes | undefined)[],
  ): Promise<Reason[] | undefined> {
    const applied: number[] = []
    for (const [i, action] of actions.entries()) {
      if (action.kind === "ConditionCheck") continue
      const { _condition, ConditionExpression, ReturnValuesOnConditionCheckFailure, ...write } =
        action.checked
      try {
        await items.act(dynaliteOperation[action.kind], write)
        applied.push(i)
      } catch (error) {
        for (const j of applied.reverse()) await restore(actions[j] as Action, before[j])
        const body = (error as ApiError).body as { message?: string } | undefined
        if (!body) throw error
        return actions.map((_, k) =>
          k === i ? { Code: "ValidationError", Message: body.message ?? "" } : { Code: "None" },
        )
      }
    }
    return undefined
  }

  const restore = (action: Action, item: Attributes | undefined) =>
    item
      ? items.act("PutItem", { TableName: action.table.TableName, Item: item })
      : items.act("DeleteItem", { TableName: action.table.TableName, Key: action.key })

  /** Transactions cost two units per item, read or written (sizes aside). */
  const capacity = (request: Attributes, tables: DynaliteTable[], kind: "Read" | "Write") => {
    if (
      request.ReturnConsumedCapacity !== "TOTAL" &&
      request.ReturnConsumedCapacity !== "INDEXES"
    ) {
      return {}
    }
    const byTable = new Map<string, number>()
    for (const { TableName } of tables) byTable.set(TableName, (byTable.get(TableName) ?? 0) + 2)
    return {
      ConsumedCapacity: [...byTable].map(([TableName, CapacityUnits]) => ({
        TableName,
        CapacityUnits,
        [`${kind}CapacityUnits`]: CapacityUnits,
      })),
    }
  }

  const write: OwnOperation = {
    rules: rules.write,
    async run(request, { exclusive }) {
      const requestPrint = fingerprint(request)
      const seen = new Set<string>()
      const actions: Action[] = []
      for (const raw of request.TransactItems as Attributes[])
        actions.push(await prepare(raw, seen))
      const size = actions.reduce(
        (sum, { kind, checked }) =>
          sum + items.itemSize((kind === "Put" ? checked.Item : checked.Key) as Attributes),
        0,
      )
      if (size > maxTransactionBytes) {
        return validationError(
          `Transaction request size has exceeded the maximum allowed size of ${maxTransactionBytes} bytes`,
        )
      }
      const token = request.ClientRequestToken as string | undefined
      return exclusive(async () => {
        const replayed = token === undefined ? undefined : tokens.replay(token, requestPrint)
        if (replayed) return replayed
        const before = await Promise.all(actions.map(read))
        const reasons = actions.map((action, i): Reason => {
          if (items.conditionHolds(action.checked, before[i])) return { Code: "None" }
          const item = before[i]
          const withItem = action.checked.ReturnValuesOnConditionCheckFailure === "ALL_OLD" && item
          return {
            Code: "ConditionalCheckFailed",
            Message: "The conditional request failed",
            ...(withItem ? { Item: item } : {}),
          }
        })
        if (reasons.some((reason) => reason.Code !== "None")) return canceled(reasons)
        const failed = await apply(actions, before)
        if (failed) return canceled(failed)
        const response = {
          status: 200,
          body: capacity(
            request,
            actions.map((action) => action.table),
            "Write",
          ),
        }
        if (token !== undefined) tokens.remember(token, requestPrint, response)
        return response
      })
    },
  }

  const get: OwnOperation = {
    rules: rules.get,
    async run(request, { exclusive }) {
      const seen = new Set<string>()
      const gets: { checked: Attributes; table: DynaliteTable }[] = []
      for (const raw of request.TransactItems as Attributes[]) {
        const checked = backend.validate(rules.getAction, raw.Get as Attributes)
        const table = await requireTable(checked.TableName as string)
        const invalid = items.invalidKey(table, checked.Key as Attributes)
        if (invalid) throw invalid
        const storeKey = `${table.TableName}\u0000${items.keyOf(table, checked.Key as Attributes)}`
        if (seen.has(storeKey)) {
          return duplicate()
        }
        seen.add(storeKey)
        gets.push({ checked, table })
      }
      // One snapshot: no write lands between the first read and the last.
      const found = await exclusive(() =>
        Promise.all(
          gets.map(({ checked }) => items.act("GetItem", { ...checked, ConsistentRead: true })),
        ),
      )
      const responses = found.map(({ Item }) => (Item ? { Item } : {}))
      const tables = gets.map(({ table }) => table)
      return { status: 200, body: { Responses: responses, ...capacity(request, tables, "Read") } }
    },
  }

  return { write, get }
}
