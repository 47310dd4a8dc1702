/**
 * Secondary-index key values AWS refuses and dynalite stores: an empty string (or binary) as an
 * index key attribute. On AWS the write fails with a ValidationException; locally it used to
 * succeed, so code copying an optional field into an index key only failed in production.
 */
import type { ApiError } from "./_dynalite.js"
import { asThrown, validationError } from "./_protocol.js"
import type { DynaliteTable } from "./store/types.js"

type Attributes = Record<string, unknown>

/** Each index key attribute with its index and declared type. */
function indexKeys(table: DynaliteTable) {
  const types = new Map(table.AttributeDefinitions.map((d) => [d.AttributeName, d.AttributeType]))
  return [...(table.GlobalSecondaryIndexes ?? []), ...(table.LocalSecondaryIndexes ?? [])].flatMap(
    (index) =>
      index.KeySchema.map(({ AttributeName }) => ({
        indexName: index.IndexName,
        attribute: AttributeName,
        type: types.get(AttributeName) ?? "S",
      })),
  )
}

const emptyValueError = (indexName: string, attribute: string, type: string): ApiError & Error => {
  const message = `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${type === "B" ? "binary" : "string"} value. IndexName: ${indexName}, IndexKey: ${attribute}`
  return asThrown(validationError(message))
}

const isEmpty = (value: unknown, type: string) =>
  typeof value === "object" &&
  value !== null &&
  (type === "S" || type === "B") &&
  (value as Attributes)[type] === ""

/** An item (PutItem, BatchWriteItem, a transaction's Put) with an empty index key value. */
export function emptyIndexKeyInItem(
  table: DynaliteTable,
  item: Attributes,
): (ApiError & Error) | undefined {
  for (const { indexName, attribute, type } of indexKeys(table)) {
    if (isEmpty(item[attribute], type)) return emptyValueError(indexName, attribute, type)
  }
  return undefined
}

/**
 * An update (checked by dynalite: `_updates` parsed, or legacy `AttributeUpdates`) that sets an
 * index key attribute to an empty value, directly or as `if_not_exists`'s fallback.
 */
export function emptyIndexKeyInUpdate(
  table: DynaliteTable,
  checked: Attributes,
): (ApiError & Error) | undefined {
  const values = new Map<string, unknown[]>()
  const add = (attribute: string, value: unknown) =>
    values.set(attribute, [...(values.get(attribute) ?? []), value])
  const updates = checked._updates as
    | { sections: { type: string; path: unknown[]; val?: unknown }[] }
    | undefined
  for (const section of updates?.sections ?? []) {
    if (section.type !== "set" || section.path.length !== 1) continue
    const attribute = String(section.path[0])
    const value = section.val as { type?: string; name?: string; args?: unknown[] } | undefined
    if (value?.type === "function" && value.name === "if_not_exists")
      add(attribute, value.args?.[1])
    else add(attribute, value)
  }
  const legacy = (checked.AttributeUpdates ?? {}) as Record<
    string,
    { Action?: string; Value?: unknown }
  >
  for (const [attribute, update] of Object.entries(legacy)) {
    if ((update.Action ?? "PUT") === "PUT") add(attribute, update.Value)
  }
  for (const { indexName, attribute, type } of indexKeys(table)) {
    if ((values.get(attribute) ?? []).some((value) => isEmpty(value, type))) {
      return emptyValueError(indexName, attribute, type)
    }
  }
  return undefined
}
