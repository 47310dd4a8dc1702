/**
 * UpdateTable's GlobalSecondaryIndexUpdates Create and Delete, which dynalite validates but does
 * not apply: checked as AWS checks them (keys defined, throughput by billing mode, the index
 * new or existing), then written to the table's description; the caller backfills.
 */
import type { DynamoBackend } from "./_dynalite.js"
import { apiError, asThrown, validationError } from "./_protocol.js"
import type { DynaliteIndex, DynaliteTable } from "./store/types.js"

type Attributes = Record<string, unknown>

/** A table's description as stored, with the fields the engine's table operations use. */
export interface StoredTable extends DynaliteTable {
  TableArn?: string
  BillingModeSummary?: { BillingMode?: string }
  DeletionProtectionEnabled?: boolean
  StreamSpecification?: { StreamEnabled: boolean; StreamViewType?: string }
  LatestStreamLabel?: string
  LatestStreamArn?: string
}

export interface IndexUpdate {
  Create?: DynaliteIndex & { ProvisionedThroughput?: Attributes }
  Delete?: { IndexName: string }
  Update?: unknown
}

/** Checks and applies index creations and deletions; the new indexes are then backfilled. */
export async function changeIndexes(
  backend: DynamoBackend,
  table: StoredTable,
  checked: Attributes,
  updates: IndexUpdate[],
): Promise<string[]> {
  const name = table.TableName
  const onDemand = table.BillingModeSummary?.BillingMode === "PAY_PER_REQUEST"
  const definitions = [
    ...table.AttributeDefinitions,
    ...((checked.AttributeDefinitions ?? []) as DynaliteTable["AttributeDefinitions"]),
  ].filter((d, i, all) => all.findIndex((o) => o.AttributeName === d.AttributeName) === i)
  const existing = new Set((table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName))
  for (const { Create, Delete } of updates) {
    if (Create) {
      if (existing.has(Create.IndexName)) {
        throw asThrown(
          validationError(
            `One or more parameter values were invalid: Index already exists: ${Create.IndexName}`,
          ),
        )
      }
      const keys = Create.KeySchema.map((key) => key.AttributeName)
      const defined = definitions.map((d) => d.AttributeName)
      if (keys.some((key) => !defined.includes(key))) {
        throw asThrown(
          validationError(
            `One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [${keys.join(", ")}], AttributeDefinitions: [${defined.join(", ")}]`,
          ),
        )
      }
      if (onDemand && Create.ProvisionedThroughput) {
        throw asThrown(
          validationError(
            "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST",
          ),
        )
      }
      if (!onDemand && !Create.ProvisionedThroughput) {
        throw asThrown(
          validationError(
            `One or more parameter values were invalid: ProvisionedThroughput must be specified for index: ${Create.IndexName}`,
          ),
        )
      }
    }
    if (Delete && !existing.has(Delete.IndexName)) {
      throw asThrown(
        apiError(
          "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
          `Requested resource not found: Index: ${Delete.IndexName} not found`,
        ),
      )
    }
  }
  await backend.tables.changeTable(name, (stored) => {
    const target = stored as StoredTable
    target.AttributeDefinitions = definitions
    let indexes = target.GlobalSecondaryIndexes ?? []
    for (const { Create, Delete } of updates) {
      if (Delete) indexes = indexes.filter((index) => index.IndexName !== Delete.IndexName)
      if (Create) {
        indexes.push({
          IndexName: Create.IndexName,
          KeySchema: Create.KeySchema,
          Projection: Create.Projection,
          IndexStatus: "ACTIVE",
          ProvisionedThroughput: {
            ReadCapacityUnits: 0,
            WriteCapacityUnits: 0,
            ...Create.ProvisionedThroughput,
            NumberOfDecreasesToday: 0,
          },
          IndexSizeBytes: 0,
          ItemCount: 0,
          IndexArn: `${target.TableArn}/index/${Create.IndexName}`,
        } as DynaliteIndex)
      }
    }
    if (indexes.length > 0) target.GlobalSecondaryIndexes = indexes
    else delete target.GlobalSecondaryIndexes
  })
  for (const { Delete } of updates) {
    if (Delete) await backend.tables.dropIndexEntries(name, Delete.IndexName)
  }
  return updates.flatMap(({ Create }) => (Create ? [Create.IndexName] : []))
}
