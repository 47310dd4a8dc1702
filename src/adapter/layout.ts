import { randomUUID } from "node:crypto"
import type {
  AdapterAccount,
  AdapterAuthenticator,
  AdapterSession,
  AdapterUser,
  VerificationToken,
} from "@auth/core/adapters"
import { isIsoDate } from "./_iso-date.js"
import type { TableKeys } from "./options.js"

/** A DynamoDB item as the document client reads and writes it. */
export type Item = Record<string, unknown>

/** Value prefixes of the single-table layout, shared with the official adapter. */
export const prefixes = Object.freeze({
  user: "USER#",
  account: "ACCOUNT#",
  session: "SESSION#",
  verificationToken: "VT#",
  authenticator: "AUTHENTICATOR#",
})

/** `type` values that mark the entity rather than belong to it (an account keeps its own type). */
const entityTypes = new Set(["USER", "SESSION", "VT", "AUTHENTICATOR"])

/** What an item of the table is, read from its sort key. */
export type ItemKind = "user" | "account" | "session" | "verificationToken" | "authenticator"

/**
 * Turns a domain object into attributes: dates become ISO strings except `expires`, which becomes
 * epoch seconds (a Number, so DynamoDB TTL can act on it); `undefined` values are dropped.
 */
export function toAttributes(object: object): Item {
  const attributes: Item = {}
  const source = object as Record<string, unknown>
  for (const name of Object.keys(source)) {
    const value = source[name]
    if (value === undefined) continue
    if (value instanceof Date) {
      attributes[name] = name === "expires" ? value.getTime() / 1000 : value.toISOString()
    } else {
      attributes[name] = value
    }
  }
  return attributes
}

/**
 * A fresh {@link toAttributes} object to add the key attributes to in place, without the copy a
 * spread into a literal with them would make (seeding builds thousands of items).
 */
function attributesOf(object: object): Item {
  const item = toAttributes(object)
  // An own "__proto__" attribute set the prototype of `item`; a spread would have dropped it.
  return Object.getPrototypeOf(item) === Object.prototype ? item : { ...item }
}

/**
 * The single-table layout for one set of key names: key builders, item builders and the mapping
 * back to Auth.js objects. Everything that writes the layout (the adapter, the fixtures' seeding)
 * goes through here, so it is written once.
 */
export interface Layout {
  readonly keys: TableKeys
  userKey(id: string): Item
  userItem(user: AdapterUser): Item
  /** The index attributes that find a user by email; `undefined` when there is no email. */
  userIndex(email: unknown): Item | undefined
  accountKey(account: Pick<AdapterAccount, "userId" | "provider" | "providerAccountId">): Item
  accountItem(account: AdapterAccount & { id?: string }): Item
  sessionItem(session: AdapterSession): Item
  verificationTokenKey(token: Pick<VerificationToken, "identifier" | "token">): Item
  verificationTokenItem(token: VerificationToken): Item
  authenticatorItem(authenticator: AdapterAuthenticator): Item
  /** The primary key (partition and sort key attributes) of any item. */
  primaryKey(item: Item): Item
  /** Strips key and index attributes and the entity marker, and revives dates. */
  fromItem<T>(item: Item): T
  /** What kind of entity an item holds, or `undefined` for an item outside the layout. */
  kindOf(item: Item): ItemKind | undefined
}

/** Builds the {@link Layout} for the given (resolved) key names. */
export function createLayout(keys: TableKeys): Layout {
  const { partitionKey: pk, sortKey: sk, indexPartitionKey: gpk, indexSortKey: gsk } = keys
  const hidden = new Set([pk, sk, gpk, gsk])

  const userKey = (id: string): Item => ({ [pk]: prefixes.user + id, [sk]: prefixes.user + id })
  const accountKey: Layout["accountKey"] = ({ userId, provider, providerAccountId }) => ({
    [pk]: prefixes.user + userId,
    [sk]: `${prefixes.account}${provider}#${providerAccountId}`,
  })
  const verificationTokenKey: Layout["verificationTokenKey"] = ({ identifier, token }) => ({
    [pk]: prefixes.verificationToken + identifier,
    [sk]: prefixes.verificationToken + token,
  })
  const userIndex = (email: unknown): Item | undefined =>
    typeof email === "string" && email !== ""
      ? { [gpk]: prefixes.user + email, [gsk]: prefixes.user + email }
      : undefined

  /**
   * Keys `item` in its user's partition under `key`, which is also its GSI1 key: how sessions
   * (by token) and authenticators (by credential ID) are found.
   */
  const underUser = (item: Item, userId: string, key: string, type: string): Item => {
    item[pk] = prefixes.user + userId
    item[sk] = key
    item[gpk] = key
    item[gsk] = key
    item.type = type
    return item
  }

  // Item builders add the keys in place to a fresh attributes object (attributesOf): the same
  // attributes in the same order as a spread of it with them, without copying it.
  return {
    keys,
    userKey,
    userIndex,
    userItem(user) {
      // A user without an email (some OAuth providers give none) is kept out of the email index,
      // rather than filed under "USER#undefined" with every other such user.
      const item = Object.assign(attributesOf(user), userKey(user.id), userIndex(user.email))
      item.type = "USER"
      return item
    },
    accountKey,
    accountItem(account) {
      const item = attributesOf(account)
      item.id = account.id ?? randomUUID()
      Object.assign(item, accountKey(account))
      item[gpk] = prefixes.account + account.provider
      item[gsk] = prefixes.account + account.providerAccountId
      return item
    },
    sessionItem(session) {
      const token = prefixes.session + session.sessionToken
      return underUser(attributesOf(session), session.userId, token, "SESSION")
    },
    verificationTokenKey,
    verificationTokenItem(token) {
      const item = Object.assign(attributesOf(token), verificationTokenKey(token))
      item.type = "VT"
      return item
    },
    authenticatorItem(authenticator) {
      const credential = prefixes.authenticator + authenticator.credentialID
      return underUser(
        attributesOf(authenticator),
        authenticator.userId,
        credential,
        "AUTHENTICATOR",
      )
    },
    primaryKey(item) {
      return { [pk]: item[pk], [sk]: item[sk] }
    },
    fromItem<T>(item: Item): T {
      const object: Item = {}
      for (const [name, value] of Object.entries(item)) {
        if (hidden.has(name)) continue
        if (name === "type" && typeof value === "string" && entityTypes.has(value)) continue
        if (name === "expires" && typeof value === "number") object[name] = new Date(value * 1000)
        else if (isIsoDate(value)) object[name] = new Date(value)
        else object[name] = value
      }
      return object as T
    },
    kindOf(item) {
      const sortKey = item[sk]
      if (typeof sortKey !== "string") return undefined
      if (sortKey.startsWith(prefixes.user)) return "user"
      if (sortKey.startsWith(prefixes.account)) return "account"
      if (sortKey.startsWith(prefixes.session)) return "session"
      if (sortKey.startsWith(prefixes.verificationToken)) return "verificationToken"
      if (sortKey.startsWith(prefixes.authenticator)) return "authenticator"
      return undefined
    },
  }
}
