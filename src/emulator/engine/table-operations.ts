/**
 * CreateTable, UpdateTable and DeleteTable with what apps' scripts rely on and dynalite lacks:
 * `DeletionProtectionEnabled` (settable by CreateTable and UpdateTable, honoured by DeleteTable),
 * `StreamSpecification` kept in the table's description (no stream is readable), and
 * UpdateTable creating or deleting a global secondary index on any table, on-demand included:
 * the index is backfilled from the table's items while no request is in flight, and is ACTIVE
 * (queryable) when the call returns, where AWS takes a while in CREATING. UpdateTable on a table
 * still CREATING is refused as AWS refuses it (dynalite would change it, then its own write of
 * ACTIVE a moment later would put the old definition back).
 */
import type { DynamoBackend } from "./_dynalite.js"
import { changeIndexes, type IndexUpdate, type StoredTable } from "./_index-changes.js"
import { type ApiResponse, apiError, asThrown, validationError } from "./_protocol.js"
import type { OperationContext, OwnOperation } from "./_router.js"
import { realDeadline, realSleep } from "./real-timers.js"
import type { TimeToLiveApi } from "./ttl-api.js"

type Attributes = Record<string, unknown>
type Types = Record<string, unknown>

/** How long DeleteTable waits for dynalite to drop the table's definition. */
const deletionWaitMs = 200

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
  /**
   * dynalite answers DeleteTable before it drops the table's definition, on a timer of
   * `deleteTableMs` (0): a CreateTable of the same name sent at once, in process, could still find
   * it DELETING. This waits for the drop, on real timers and for at most {@link deletionWaitMs}
   * (a test's fake timers hold dynalite's timer until the test moves time).
   */
  const definitionDropped = async (name: string) => {
    const deadline = realDeadline(deletionWaitMs)
    try {
      while (!deadline.passed() && (await backend.getTable(name))) await realSleep(1)
    } finally {
      deadline.clear()
    }
  }
  const tableOf = async (name: unknown): Promise<StoredTable> => {
    const table = await backend.getTable(name as string)
    if (!table) throw notFound(name as string)
    return table as StoredTable
  }
  /** AWS's answer (and dynalite's DeleteTable's) to a change of a table being created. */
  const beingCreated = (name: string) =>
    asThrown(
      apiError(
        "com.amazonaws.dynamodb.v20120810#ResourceInUseException",
        `Attempt to change a resource which is still in use: Table is being created: ${name}`,
      ),
    )

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
      const current = await tableOf(checked.TableName)
      if (current.TableStatus === "CREATING") throw beingCreated(checked.TableName as string)
      if (indexChanges.length > 0) {
        const created = await changeIndexes(backend, current, checked, indexChanges)
        const changed = await tableOf(checked.TableName)
        for (const indexName of created) await backend.tables.backfillIndex(changed, indexName)
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
          await definitionDropped(checked.TableName as string)
          return { status: 200, body }
        }),
    },
  }
}
