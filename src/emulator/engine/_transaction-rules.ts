/**
 * TransactWriteItems' and TransactGetItems' request rules in dynalite's format, built from
 * dynalite's own rules of PutItem, UpdateItem, DeleteItem and GetItem, so that each action gets
 * the texts the single operation gets (AWS's constraints; paths like
 * `transactItems.1.member.put.tableName`).
 */
import type { DynamoBackend, ValidationRules } from "./_dynalite.js"

type Types = Record<string, unknown>

/** AWS's limit on a transaction's actions. */
export const maxTransactionActions = 100

/** The values ReturnValuesOnConditionCheckFailure takes, as AWS lists them. */
export const returnValuesOnConditionCheckFailure = {
  type: "String",
  enum: ["ALL_OLD", "NONE"],
}

const consumedCapacity = { type: "String", enum: ["INDEXES", "TOTAL", "NONE"] }

const pick = (types: Types, names: string[], extra: Types = {}): Types => {
  const picked: Types = {}
  for (const name of names) if (types[name]) picked[name] = types[name]
  return { ...picked, ...extra }
}

const list = (children: Types, itemType: string) => ({
  type: "List",
  notNull: true,
  lengthGreaterThanOrEqual: 1,
  lengthLessThanOrEqual: maxTransactionActions,
  children: { type: `ValueStruct<${itemType}>`, children },
})

const expressionFields = [
  "ConditionExpression",
  "ExpressionAttributeNames",
  "ExpressionAttributeValues",
]

/** The four kinds of write action, with the rules each is checked by. */
export type WriteKind = "Put" | "Update" | "Delete" | "ConditionCheck"

export interface TransactionRules {
  write: ValidationRules
  get: ValidationRules
  /** Rules of one write action (custom checks included), by kind. */
  action: Record<WriteKind, ValidationRules>
  /** Rules of one Get. */
  getAction: ValidationRules
}

export function transactionRules(backend: DynamoBackend): TransactionRules {
  const rules = (operation: string) => {
    const found = backend.rulesOf(operation)
    if (!found) throw new Error(`dynalite has no rules for ${operation}`)
    return found as { types: Types; custom?: ValidationRules["custom"] }
  }
  const put = rules("PutItem")
  const update = rules("UpdateItem")
  const del = rules("DeleteItem")
  const get = rules("GetItem")
  const onFailure = { ReturnValuesOnConditionCheckFailure: returnValuesOnConditionCheckFailure }
  const actionTypes: Record<WriteKind, Types> = {
    Put: pick(put.types, ["TableName", "Item", ...expressionFields], onFailure),
    Update: pick(
      update.types,
      ["TableName", "Key", "UpdateExpression", ...expressionFields],
      onFailure,
    ),
    Delete: pick(del.types, ["TableName", "Key", ...expressionFields], onFailure),
    ConditionCheck: pick(del.types, ["TableName", "Key", ...expressionFields], onFailure),
  }
  const required = (types: Types, name: string) => ({
    ...types,
    [name]: { ...(types[name] as object), required: true },
  })
  const getTypes = pick(get.types, [
    "TableName",
    "Key",
    "ProjectionExpression",
    "ExpressionAttributeNames",
  ])
  return {
    write: {
      types: {
        ReturnConsumedCapacity: consumedCapacity,
        ReturnItemCollectionMetrics: { type: "String", enum: ["SIZE", "NONE"] },
        ClientRequestToken: {
          type: "String",
          lengthGreaterThanOrEqual: 1,
          lengthLessThanOrEqual: 36,
        },
        TransactItems: list(
          {
            Put: { type: "FieldStruct<Put>", children: actionTypes.Put },
            Update: { type: "FieldStruct<Update>", children: actionTypes.Update },
            Delete: { type: "FieldStruct<Delete>", children: actionTypes.Delete },
            ConditionCheck: {
              type: "FieldStruct<ConditionCheck>",
              children: actionTypes.ConditionCheck,
            },
          },
          "TransactWriteItem",
        ),
      },
    },
    get: {
      types: {
        ReturnConsumedCapacity: consumedCapacity,
        TransactItems: list(
          { Get: { type: "FieldStruct<Get>", notNull: true, children: getTypes } },
          "TransactGetItem",
        ),
      },
    },
    action: {
      Put: { types: actionTypes.Put, custom: put.custom },
      Update: { types: required(actionTypes.Update, "UpdateExpression"), custom: update.custom },
      Delete: { types: actionTypes.Delete, custom: del.custom },
      ConditionCheck: {
        types: required(actionTypes.ConditionCheck, "ConditionExpression"),
        custom: del.custom,
      },
    },
    getAction: { types: getTypes, custom: get.custom },
  }
}
