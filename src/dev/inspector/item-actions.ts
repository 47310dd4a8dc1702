import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { AuthTableError, type Item } from "../../adapter/index.js"
import { listTables } from "../../emulator/index.js"
import type { KeyRefs } from "./key-ref.js"
import { maskItem } from "./mask.js"
import { jsonSafe } from "./snapshot.js"
import { describeTable, isPlainJson, keyOf, readItems, type TableInfo } from "./tables.js"

/** An item as the console shows it: masked unless asked, with a handle for acting on it. */
export interface ItemView {
  ref: string
  item: Item
  /** False when JSON would lose something (sets, binaries, big numbers): edit it with the SDK. */
  editable: boolean
}

/** The generic view of any table on the endpoint: browse, read, write and delete items. */
export interface ItemActions {
  tableNames(): Promise<string[]>
  tables(): Promise<TableInfo[]>
  items(request: {
    table: string
    index?: string | undefined
    partitionValue?: string | undefined
    start?: string | undefined
    tokens: boolean
  }): Promise<{ table: TableInfo; items: ItemView[]; next: string | undefined }>
  item(ref: string, tokens: boolean): Promise<{ table: string; item: ItemView }>
  /**
   * Writes `item` to `table` with PutItem, so the emulator validates it as DynamoDB would. With
   * `ref`, it replaces that item (deleting the old one when the key changed); without, it
   * creates one and refuses to overwrite.
   */
  put(request: { table: string; item: Item; ref?: string | undefined }): Promise<string>
  delete(ref: string): Promise<string>
}

export function createItemActions(options: {
  client: DynamoDBDocument
  refs: KeyRefs
}): ItemActions {
  const { client, refs } = options
  const view = (info: TableInfo, item: Item, tokens: boolean): ItemView => ({
    ref: refs.seal({ table: info.name, key: keyOf(info, item) }),
    item: tokens ? jsonSafe(item) : maskItem(jsonSafe(item)),
    editable: isPlainJson(item),
  })
  const describe = async (name: string) => {
    if (!(await listTables(client)).includes(name)) {
      throw new AuthTableError("NOT_FOUND", `Could not find table "${name}" on this endpoint.`)
    }
    return describeTable(client, name)
  }
  return {
    tableNames: () => listTables(client),
    async tables() {
      return Promise.all((await listTables(client)).map((name) => describeTable(client, name)))
    },
    async items(request) {
      const info = await describe(request.table)
      const start = request.start ? refs.open(request.start) : undefined
      const page = await readItems(client, info, {
        index: request.index,
        partitionValue: request.partitionValue,
        start: start?.key,
      })
      return {
        table: info,
        items: page.items.map((item) => view(info, item, request.tokens)),
        next: page.next && refs.seal({ table: info.name, key: page.next }),
      }
    },
    async item(ref, tokens) {
      const { table, key } = refs.open(ref)
      const info = await describe(table)
      const { Item } = await client.get({ TableName: table, Key: key, ConsistentRead: true })
      if (!Item)
        throw new AuthTableError(
          "NOT_FOUND",
          "Could not read the item: it is no longer in the table.",
        )
      return { table, item: view(info, Item, tokens) }
    },
    async put({ table, item, ref }) {
      const info = await describe(table)
      const old = ref ? refs.open(ref) : undefined
      if (old && old.table !== table) throw new TypeError("The item belongs to another table.")
      const key = keyOf(info, item)
      const sameKey =
        old !== undefined && JSON.stringify(keyOf(info, old.key)) === JSON.stringify(key)
      await client.put({
        TableName: table,
        Item: item,
        // A new key must not overwrite an item that is already there.
        ...(sameKey
          ? {}
          : {
              ConditionExpression: "attribute_not_exists(#pk)",
              ExpressionAttributeNames: { "#pk": info.partitionKey.name },
            }),
      })
      if (old && !sameKey) await client.delete({ TableName: table, Key: old.key })
      return old
        ? sameKey
          ? "Saved the item."
          : "Saved the item under its new key."
        : "Created the item."
    },
    async delete(ref) {
      const { table, key } = refs.open(ref)
      await client.delete({ TableName: table, Key: key })
      return "Deleted the item."
    },
  }
}
