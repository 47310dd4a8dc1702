import { randomUUID } from "node:crypto"
import type {
  Adapter,
  AdapterAccount,
  AdapterAuthenticator,
  AdapterSession,
  AdapterUser,
  VerificationToken,
} from "@auth/core/adapters"
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { createTableAccess } from "./_table.js"
import { batchWriteAll } from "./batch-write.js"
import { AuthTableError } from "./errors.js"
import { createLayout, type Item, prefixes, toAttributes } from "./layout.js"
import { type DynamoDBAdapterOptions, resolveTableKeys } from "./options.js"
import { setExpression } from "./update-expression.js"

/** The adapter authtable returns: every method of @auth/core's `Adapter`, none optional. */
export type AuthTableAdapter = Required<Adapter>

const clientMethods = ["get", "put", "update", "delete", "query", "batchWrite"] as const

/**
 * A DynamoDB adapter for Auth.js (next-auth v5, @auth/core) and next-auth v4: a drop-in for
 * `@auth/dynamodb-adapter` with the same options and item layout.
 *
 * @param client a `DynamoDBDocument` (from `@aws-sdk/lib-dynamodb`).
 * @param options table, key and index names; see {@link DynamoDBAdapterOptions}.
 * @example
 * const client = DynamoDBDocument.from(new DynamoDB({}), {
 *   marshallOptions: { removeUndefinedValues: true },
 * })
 * export const { handlers, auth } = NextAuth({ adapter: DynamoDBAdapter(client) })
 */
export function DynamoDBAdapter(
  client: DynamoDBDocument,
  options?: DynamoDBAdapterOptions,
): AuthTableAdapter {
  assertDocumentClient(client)
  const keys = resolveTableKeys(options)
  const layout = createLayout(keys)
  const table = createTableAccess(client, keys)
  const TableName = keys.tableName
  const mustExist = {
    ConditionExpression: "attribute_exists(#key)",
    ExpressionAttributeNames: { "#key": keys.partitionKey },
  }

  const put = (Item: Item) => table.run(() => client.put({ TableName, Item }))
  const getUser = async (id: string) => {
    const { Item } = await table.run(() => client.get({ TableName, Key: layout.userKey(id) }))
    return Item ? layout.fromItem<AdapterUser>(Item) : null
  }
  /** UPDATE … SET (and REMOVE) on an existing item; `undefined` when the item does not exist. */
  const updateExisting = async (
    Key: Item,
    attributes: Item,
    remove: readonly string[] = [],
  ): Promise<Item | undefined> => {
    const set = setExpression(attributes, remove)
    if (!set) {
      const { Item } = await table.run(() => client.get({ TableName, Key, ConsistentRead: true }))
      return Item
    }
    try {
      const result = await table.run(() =>
        client.update({
          TableName,
          Key,
          ...set,
          ConditionExpression: mustExist.ConditionExpression,
          ExpressionAttributeNames: {
            ...set.ExpressionAttributeNames,
            ...mustExist.ExpressionAttributeNames,
          },
          ReturnValues: "ALL_NEW",
        }),
      )
      return result.Attributes
    } catch (error) {
      if (isConditionFailure(error)) return undefined
      throw error
    }
  }
  /** Drops attributes a caller must not overwrite: the keys and the entity marker. */
  const writable = (object: object): Item => {
    const attributes = toAttributes(object)
    for (const name of [
      keys.partitionKey,
      keys.sortKey,
      keys.indexPartitionKey,
      keys.indexSortKey,
      "type",
    ]) {
      delete attributes[name]
    }
    return attributes
  }
  const findSession = (sessionToken: string) =>
    table.findByIndex(prefixes.session + sessionToken, prefixes.session + sessionToken)
  const findAccount = (provider: string, providerAccountId: string) =>
    table.findByIndex(prefixes.account + provider, prefixes.account + providerAccountId)
  const findAuthenticator = (credentialID: string) =>
    table.findByIndex(prefixes.authenticator + credentialID, prefixes.authenticator + credentialID)

  return {
    async createUser(user) {
      // next-auth v4 passes no id; Auth.js v5 passes one and expects it kept.
      const created = { ...user, id: user.id ?? randomUUID() }
      await put(layout.userItem(created))
      return created
    },
    getUser,
    async getUserByEmail(email) {
      const item = await table.findByIndex(prefixes.user + email, prefixes.user + email)
      return item ? layout.fromItem<AdapterUser>(item) : null
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const account = await findAccount(provider, providerAccountId)
      return account ? getUser(String(account.userId)) : null
    },
    async updateUser({ id, ...fields }) {
      const attributes = writable(fields)
      // The email index follows the email: moved with it, dropped when it is cleared.
      const index = "email" in attributes ? layout.userIndex(attributes.email) : undefined
      if (index) Object.assign(attributes, index)
      const remove =
        "email" in attributes && !index ? [keys.indexPartitionKey, keys.indexSortKey] : []
      const item = await updateExisting(layout.userKey(id), attributes, remove)
      if (!item) {
        throw new AuthTableError(
          "NOT_FOUND",
          `Could not update user "${id}": no such user in table "${TableName}". Create it with createUser first.`,
        )
      }
      return layout.fromItem<AdapterUser>(item)
    },
    async deleteUser(userId) {
      const items = await table.queryPartition(prefixes.user + userId)
      const userItem = items.find((item) => layout.kindOf(item) === "user")
      await table.run(() =>
        batchWriteAll(
          client,
          TableName,
          items.map((item) => ({ DeleteRequest: { Key: layout.primaryKey(item) } })),
        ),
      )
      return userItem ? layout.fromItem<AdapterUser>(userItem) : null
    },
    async linkAccount(account) {
      await put(layout.accountItem(account))
      return account
    },
    async unlinkAccount({ provider, providerAccountId }) {
      const item = await findAccount(provider, providerAccountId)
      if (!item) return undefined
      await table.run(() => client.delete({ TableName, Key: layout.primaryKey(item) }))
      return layout.fromItem<AdapterAccount>(item)
    },
    async getAccount(providerAccountId, provider) {
      const item = await findAccount(provider, providerAccountId)
      return item ? layout.fromItem<AdapterAccount>(item) : null
    },
    async createSession(session) {
      await put(layout.sessionItem(session))
      return session
    },
    async getSessionAndUser(sessionToken) {
      const item = await findSession(sessionToken)
      if (!item) return null
      const session = layout.fromItem<AdapterSession>(item)
      const user = await getUser(session.userId)
      return user ? { session, user } : null
    },
    async updateSession({ sessionToken, ...fields }) {
      const item = await findSession(sessionToken)
      if (!item) return null
      const { userId: _userId, ...rest } = fields
      const updated = await updateExisting(layout.primaryKey(item), writable(rest))
      return updated ? layout.fromItem<AdapterSession>(updated) : null
    },
    async deleteSession(sessionToken) {
      const item = await findSession(sessionToken)
      if (!item) return null
      const { Attributes } = await table.run(() =>
        client.delete({ TableName, Key: layout.primaryKey(item), ReturnValues: "ALL_OLD" }),
      )
      return Attributes ? layout.fromItem<AdapterSession>(Attributes) : null
    },
    async createVerificationToken(token) {
      await put(layout.verificationTokenItem(token))
      return token
    },
    async useVerificationToken(params) {
      // One conditional delete: only the caller whose delete removed the item gets it back, on
      // any engine (an unconditional delete can hand the old item to two racing callers).
      try {
        const { Attributes } = await table.run(() =>
          client.delete({
            TableName,
            Key: layout.verificationTokenKey(params),
            ...mustExist,
            ReturnValues: "ALL_OLD",
          }),
        )
        return Attributes ? layout.fromItem<VerificationToken>(Attributes) : null
      } catch (error) {
        if (isConditionFailure(error)) return null
        throw error
      }
    },
    async createAuthenticator(authenticator) {
      await put(layout.authenticatorItem(authenticator))
      return authenticator
    },
    async getAuthenticator(credentialID) {
      const item = await findAuthenticator(credentialID)
      return item ? layout.fromItem<AdapterAuthenticator>(item) : null
    },
    async listAuthenticatorsByUserId(userId) {
      const items = await table.queryPartition(prefixes.user + userId, prefixes.authenticator)
      return items.map((item) => layout.fromItem<AdapterAuthenticator>(item))
    },
    async updateAuthenticatorCounter(credentialID, counter) {
      const item = await findAuthenticator(credentialID)
      const updated = item && (await updateExisting(layout.primaryKey(item), { counter }))
      if (!updated) {
        throw new AuthTableError(
          "NOT_FOUND",
          `Could not update the counter of authenticator "${credentialID}": no such credential in table "${TableName}". Register it with createAuthenticator first.`,
        )
      }
      return layout.fromItem<AdapterAuthenticator>(updated)
    },
  }
}

/** DynamoDB refused a write because its condition did not hold. */
const isConditionFailure = (error: unknown) =>
  error instanceof Error && error.name === "ConditionalCheckFailedException"

function assertDocumentClient(client: unknown): asserts client is DynamoDBDocument {
  const candidate = client as Record<string, unknown> | null | undefined
  const missing = clientMethods.filter((method) => typeof candidate?.[method] !== "function")
  if (missing.length === 0) return
  const hint =
    typeof candidate?.send === "function"
      ? "It looks like a DynamoDBClient or DynamoDBDocumentClient: wrap the DynamoDBClient with DynamoDBDocument.from(client) from @aws-sdk/lib-dynamodb."
      : "Pass DynamoDBDocument.from(new DynamoDBClient({ … })) from @aws-sdk/lib-dynamodb."
  throw new TypeError(
    `[authtable] Could not create the adapter: the client is not a DynamoDBDocument (missing ${missing.join(", ")}). ${hint}`,
  )
}
