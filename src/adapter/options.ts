/** Names of the table, its keys and its GSI. Custom names replace attribute names only: value
 * prefixes (`USER#`, `SESSION#`, …) stay the same. */
export interface DynamoDBAdapterOptions {
  /** @default "next-auth" */
  tableName?: string
  /** @default "pk" */
  partitionKey?: string
  /** @default "sk" */
  sortKey?: string
  /** @default "GSI1" */
  indexName?: string
  /** @default "GSI1PK" */
  indexPartitionKey?: string
  /** @default "GSI1SK" */
  indexSortKey?: string
}

/** {@link DynamoDBAdapterOptions} with every default filled in. */
export type TableKeys = Required<DynamoDBAdapterOptions>

/** The defaults shared by the official adapter and authtable. */
export const defaultTableKeys: Readonly<TableKeys> = Object.freeze({
  tableName: "next-auth",
  partitionKey: "pk",
  sortKey: "sk",
  indexName: "GSI1",
  indexPartitionKey: "GSI1PK",
  indexSortKey: "GSI1SK",
})

const keyOptionNames = Object.keys(defaultTableKeys) as (keyof TableKeys)[]

/**
 * Fills in defaults and validates key options up front.
 * @throws TypeError for a non-string or empty name, or two key attributes with one name.
 */
export function resolveTableKeys(options: DynamoDBAdapterOptions = {}): TableKeys {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("[authtable] Could not read the options: expected an object.")
  }
  const keys = { ...defaultTableKeys }
  for (const name of keyOptionNames) {
    const value = options[name]
    if (value === undefined) continue
    if (typeof value !== "string" || value.length === 0) {
      throw new TypeError(
        `[authtable] Could not read the options: "${name}" must be a non-empty string, got ${JSON.stringify(value)}.`,
      )
    }
    keys[name] = value
  }
  const attributes = [keys.partitionKey, keys.sortKey, keys.indexPartitionKey, keys.indexSortKey]
  if (new Set(attributes).size !== attributes.length) {
    throw new TypeError(
      `[authtable] Could not read the options: partitionKey, sortKey, indexPartitionKey and indexSortKey must be four different names, got ${attributes.join(", ")}.`,
    )
  }
  return keys
}
