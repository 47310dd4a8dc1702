/**
 * CreateTable, UpdateTable and DeleteTable with what apps' scripts rely on and dynalite lacks:
 * `DeletionProtectionEnabled` (settable by CreateTable and UpdateTable, honoured by DeleteTable),
 * `StreamSpecification` kept in the table's description (no stream is readable), and
 * UpdateTable creating or deleting a global secondary index on any table, on-demand included:
 * the index is backfilled from the table's items while no request is in flight, and is ACTIVE
 * (queryable) when the call returns, where AWS takes a while in CREATING.
 */
import type { DynamoBackend } from "./_dynalite.js"
import { type ApiResponse, apiError, asThrown, validationError } from "./_protocol.js"
import type { OperationContext, OwnOperation } from "./_router.js"
import type { DynaliteIndex, DynaliteTable } from "./store/types.js"
import type { TimeToLiveApi } from "./ttl-api.js"

type Attributes = Record<string, unknown>
type Types = Record<string, unknown>

const streamSpecification = {
  type: "FieldStruct<StreamSpecification>",
  children: {
    StreamEnabled: { type: "Boolean", notNull: true },
    StreamViewType: {
      type: "String",
      enum: ["NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"],
    },
  },
}
const tableExtras = {
  DeletionProtectionEnabled: "Boolean",
  StreamSpecification: streamSpecification,
}

interface StoredTable extends DynaliteTable {
  TableArn?: string
  BillingModeSummary?: { BillingMode?: string }
  DeletionProtectionEnabled?: boolean
  StreamSpecification?: { StreamEnabled: boolean; StreamViewType?: string }
  LatestStreamLabel?: string
  LatestStreamArn?: string
}

interface IndexUpdate {
  Create?: DynaliteIndex & { ProvisionedThroughput?: Attributes }
  Delete?: { IndexName: string }
  Update?: unknown
}

/** A rule without its `notNull` (dynalite checks the key's presence, not its value). */
function optional(rule: unknown): object {
  const { notNull: _, ...rest } = rule as { notNull?: boolean }
  return rest
}

/** Sets the stream fields AWS shows for a StreamSpecification. */
function applyStream(table: StoredTable, spec: StoredTable["StreamSpecification"]) {
  if (!spec) return
  if (!spec.StreamEnabled) {
    table.StreamSpecification = { StreamEnabled: false }
    return
  }
  table.StreamSpecification = spec
  table.LatestStreamLabel = new Date().toISOString().replace(/Z$/, "")
  table.LatestStreamArn = `${table.TableArn}/stream/${table.LatestStreamLabel}`
}

export function createTableOperations(
  backend: DynamoBackend,
  ttl: TimeToLiveApi,
): Record<string, OwnOperation> {
  const rules = (operation: string) => {
    const found = backend.rulesOf(operation) as {
      types: Types
      custom?: (...args: never[]) => unknown
    }
    return found as {
      types: Types
      custom?: (data: Attributes, store: unknown) => string | undefined
    }
  }
  const create = rules("CreateTable")
  const update = rules("UpdateTable")
  const updateTypes = update.types as {
    GlobalSecondaryIndexUpdates: { children: { children: Types } }
  }
  const indexUpdateChildren = updateTypes.GlobalSecondaryIndexUpdates.children.children
  const createChildren = (indexUpdateChildren.Create as { children: Types }).children
  const notFound = (name: string) =>
    asThrown(
      apiError(
        "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
        `Requested resource not found: Table: ${name} not found`,
      ),
    )
  const tableOf = async (name: unknown): Promise<StoredTable> => {
    const table = await backend.getTable(name as string)
    if (!table) throw notFound(name as string)
    return table as StoredTable
  }

  /** Checks and applies index creations and deletions; the new indexes are then backfilled. */
  async function changeIndexes(checked: Attributes, updates: IndexUpdate[]): Promise<string[]> {
    const name = checked.TableName as string
    const table = await tableOf(name)
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

  async function updateTable(
    checked: Attributes,
    { exclusive }: OperationContext,
  ): Promise<ApiResponse> {
    const updates = (checked.GlobalSecondaryIndexUpdates ?? []) as IndexUpdate[]
    const indexChanges = updates.filter((u) => u.Create || u.Delete)
    const forDynalite = { ...checked }
    delete forDynalite.DeletionProtectionEnabled
    delete forDynalite.StreamSpecification
    delete forDynalite.AttributeDefinitions
    const throughputUpdates = updates.filter((u) => u.Update)
    if (throughputUpdates.length > 0) forDynalite.GlobalSecondaryIndexUpdates = throughputUpdates
    else delete forDynalite.GlobalSecondaryIndexUpdates
    const dynaliteHasWork =
      forDynalite.ProvisionedThroughput !== undefined ||
      forDynalite.BillingMode !== undefined ||
      throughputUpdates.length > 0
    return exclusive(async () => {
      // The engine's changes go first: dynalite's later write of the table keeps them.
      await tableOf(checked.TableName)
      if (indexChanges.length > 0) {
        const created = await changeIndexes(checked, indexChanges)
        const table = await tableOf(checked.TableName)
        for (const indexName of created) await backend.tables.backfillIndex(table, indexName)
      }
      if (checked.DeletionProtectionEnabled !== undefined || checked.StreamSpecification) {
        await backend.tables.changeTable(checked.TableName as string, (table) => {
          const stored = table as StoredTable
          if (checked.DeletionProtectionEnabled !== undefined) {
            stored.DeletionProtectionEnabled = checked.DeletionProtectionEnabled as boolean
          }
          applyStream(stored, checked.StreamSpecification as StoredTable["StreamSpecification"])
        })
      }
      if (dynaliteHasWork)
        return { status: 200, body: await backend.items.act("UpdateTable", forDynalite) }
      return { status: 200, body: { TableDescription: await tableOf(checked.TableName) } }
    })
  }

  return {
    CreateTable: {
      rules: { types: { ...create.types, ...tableExtras }, custom: create.custom },
      async run(checked) {
        checked.DeletionProtectionEnabled ??= false
        const body = await backend.items.act("CreateTable", checked)
        const spec = checked.StreamSpecification as StoredTable["StreamSpecification"]
        if (spec) {
          // dynalite stores this request object (with the ARN it made) now and again once the
          // table is ACTIVE: the stream fields go on it, and on the stored copy in case that
          // second write has already happened.
          const table = checked as unknown as StoredTable
          applyStream(table, spec)
          await backend.tables.changeTable(table.TableName, (stored) =>
            Object.assign(stored, {
              StreamSpecification: table.StreamSpecification,
              LatestStreamLabel: table.LatestStreamLabel,
              LatestStreamArn: table.LatestStreamArn,
            }),
          )
        }
        return { status: 200, body }
      },
    },
    UpdateTable: {
      rules: {
        types: {
          ...update.types,
          ...tableExtras,
          AttributeDefinitions: optional(create.types.AttributeDefinitions),
          GlobalSecondaryIndexUpdates: {
            ...(update.types.GlobalSecondaryIndexUpdates as object),
            children: {
              type: "ValueStruct<GlobalSecondaryIndexUpdate>",
              children: {
                ...indexUpdateChildren,
                Create: {
                  ...(indexUpdateChildren.Create as object),
                  // Optional here: an on-demand table's new index has no throughput.
                  children: {
                    ...createChildren,
                    ProvisionedThroughput: optional(createChildren.ProvisionedThroughput),
                  },
                },
              },
            },
          },
        },
        custom: (data, store) =>
          data.DeletionProtectionEnabled !== undefined || data.StreamSpecification !== undefined
            ? undefined
            : update.custom?.(data, store),
      },
      run: updateTable,
    },
    DeleteTable: {
      rules: rules("DeleteTable"),
      run: (checked, { exclusive }) =>
        exclusive(async () => {
          const table = await tableOf(checked.TableName)
          if (table.DeletionProtectionEnabled) {
            return validationError(
              "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.",
            )
          }
          const body = await backend.items.act("DeleteTable", checked)
          // A table created later under this name starts without TTL.
          await ttl.forget(checked.TableName as string)
          return { status: 200, body }
        }),
    },
  }
}
