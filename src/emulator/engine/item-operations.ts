/**
 * dynalite's item operations with what AWS does and dynalite does not: the condition-failure
 * item (`ReturnValuesOnConditionCheckFailure`), and the validations production enforces — an
 * empty string as an index key value, `""` as a Query's partition key, DeleteItem's ReturnValues,
 * Select's combinations, Segment without TotalSegments — and UpdateItem's UPDATED_* answer
 * without `Attributes` when nothing it names is left. Each wraps dynalite's own action: its
 * rules run first (same texts), then these checks, then the action on the checked request.
 */
import type { DynamoBackend, ValidationRules } from "./_dynalite.js"
import { emptyIndexKeyInItem, emptyIndexKeyInUpdate } from "./_index-keys.js"
import type { ApiResponse } from "./_protocol.js"
import { checkQueryKey, checkScan, checkSelect } from "./_read-checks.js"
import type { OwnOperation } from "./_router.js"
import { returnValuesOnConditionCheckFailure } from "./_transaction-rules.js"

type Attributes = Record<string, unknown>
type Custom = NonNullable<ValidationRules["custom"]>

/** Whether any attribute value in `value` (nested too) is an empty string or binary. */
export function holdsEmptyValue(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false
  if (Array.isArray(value)) return value.some(holdsEmptyValue)
  const record = value as Attributes
  if (record.S === "" || record.B === "") return true
  return Object.values(record).some((child) => typeof child === "object" && holdsEmptyValue(child))
}

/** The engine's PutItem, UpdateItem, DeleteItem, BatchWriteItem, Query and Scan. */
export function createItemOperations(backend: DynamoBackend): Record<string, OwnOperation> {
  const { items } = backend
  const rulesOf = (operation: string) => {
    const rules = backend.rulesOf(operation)
    if (!rules) throw new Error(`dynalite has no rules for ${operation}`)
    return rules as { types: Attributes; custom?: Custom }
  }
  /** dynalite's rules, with ReturnValuesOnConditionCheckFailure and an extra check after its own. */
  const writeRules = (operation: string, extra?: (data: Attributes) => string | undefined) => {
    const { types, custom } = rulesOf(operation)
    return {
      types: { ...types, ReturnValuesOnConditionCheckFailure: returnValuesOnConditionCheckFailure },
      custom: (data: Attributes, store: unknown) => custom?.(data, store) ?? extra?.(data),
    }
  }
  const table = async (name: unknown) => backend.getTable(name as string)

  /** Runs a write; with ALL_OLD, alone, so the item on a condition failure is the one it failed on. */
  const write = async (
    operation: string,
    checked: Attributes,
    exclusive: <T>(work: () => Promise<T>) => Promise<T>,
  ): Promise<ApiResponse> => {
    if (checked.ReturnValuesOnConditionCheckFailure !== "ALL_OLD") {
      return { status: 200, body: await items.act(operation, checked) }
    }
    return exclusive(async () => {
      try {
        return { status: 200, body: await items.act(operation, checked) }
      } catch (error) {
        const { body } = error as { body?: Attributes }
        if (!String(body?.__type).endsWith("#ConditionalCheckFailedException")) throw error
        const key = operation === "PutItem" ? keyOfItem(checked) : checked.Key
        const found = await items.act("GetItem", { TableName: checked.TableName, Key: await key })
        return { status: 400, body: found.Item ? { ...body, Item: found.Item } : { ...body } }
      }
    })
  }
  const keyOfItem = async (checked: Attributes) => {
    const found = await table(checked.TableName)
    const item = checked.Item as Attributes
    return Object.fromEntries(
      (found?.KeySchema ?? []).map(({ AttributeName }) => [AttributeName, item[AttributeName]]),
    )
  }

  return {
    PutItem: {
      rules: writeRules("PutItem"),
      async run(checked, { exclusive }) {
        if (holdsEmptyValue(checked.Item)) {
          const found = await table(checked.TableName)
          const invalid = found && emptyIndexKeyInItem(found, checked.Item as Attributes)
          if (invalid) throw invalid
        }
        return write("PutItem", checked, exclusive)
      },
    },
    UpdateItem: {
      rules: writeRules("UpdateItem"),
      async run(checked, { exclusive }) {
        if (
          holdsEmptyValue(checked.ExpressionAttributeValues) ||
          holdsEmptyValue(checked.AttributeUpdates)
        ) {
          const found = await table(checked.TableName)
          const invalid = found && emptyIndexKeyInUpdate(found, checked)
          if (invalid) throw invalid
        }
        const response = await write("UpdateItem", checked, exclusive)
        const attributes = response.body.Attributes as Attributes | undefined
        // AWS answers without Attributes when none of the updated paths is there (a REMOVE).
        if (attributes && Object.keys(attributes).length === 0) delete response.body.Attributes
        return response
      },
    },
    DeleteItem: {
      rules: writeRules("DeleteItem", (data) =>
        data.ReturnValues && data.ReturnValues !== "ALL_OLD" && data.ReturnValues !== "NONE"
          ? "ReturnValues can only be ALL_OLD or NONE"
          : undefined,
      ),
      run: (checked, { exclusive }) => write("DeleteItem", checked, exclusive),
    },
    BatchWriteItem: {
      rules: rulesOf("BatchWriteItem"),
      async run(checked) {
        const requests = checked.RequestItems as Record<
          string,
          { PutRequest?: { Item: Attributes } }[]
        >
        for (const [name, writes] of Object.entries(requests)) {
          const puts = writes.flatMap((w) => (w.PutRequest ? [w.PutRequest.Item] : []))
          if (!puts.some(holdsEmptyValue)) continue
          const found = await table(name)
          for (const item of puts) {
            const invalid = found && emptyIndexKeyInItem(found, item)
            if (invalid) throw invalid
          }
        }
        return { status: 200, body: await items.act("BatchWriteItem", checked) }
      },
    },
    Query: {
      rules: rulesOf("Query"),
      async run(checked) {
        const problem = checkSelect(checked, "Querying") ?? (await checkQueryKey(checked, table))
        if (problem) return problem
        return { status: 200, body: await items.act("Query", checked) }
      },
    },
    Scan: {
      rules: rulesOf("Scan"),
      async run(checked) {
        const problem = checkSelect(checked, "Scanning") ?? checkScan(checked)
        if (problem) return problem
        return { status: 200, body: await items.act("Scan", checked) }
      },
    },
  }
}
