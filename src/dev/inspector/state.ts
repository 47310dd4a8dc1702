import type { Item } from "../../adapter/index.js"
import type { StoredMessage } from "../mailbox.js"
import type { SweepRecord } from "../sweep-log.js"
import type { KeyRefs } from "./key-ref.js"
import { maskItem, maskUrl } from "./mask.js"
import type { InspectorSnapshot, UserView } from "./snapshot.js"

/** How many users a page of the console lists. */
export const usersPageSize = 25

/** What the page asks `api/state` for. */
export interface StateQuery {
  /** Finds users by email, name or id (substring, any case) and by a session token's prefix. */
  q: string
  /** 1-based. */
  page: number
  /** Send tokens as stored instead of masked. */
  tokens: boolean
}

/** Reads `q`, `page` and `tokens` (`1`) from the query string of `api/state`. */
export function parseStateQuery(params: URLSearchParams): StateQuery {
  const page = Number(params.get("page") ?? "1")
  return {
    q: (params.get("q") ?? "").trim(),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    tokens: params.get("tokens") === "1",
  }
}

/**
 * The console's view of the snapshot: the page of users that matches the search, tokens masked
 * unless asked, and handles (`ref`) in place of item keys, which can hold tokens.
 */
export function consoleState(
  snapshot: InspectorSnapshot,
  query: StateQuery,
  extra: {
    refs: KeyRefs
    mailbox: readonly StoredMessage[]
    sweeps: readonly SweepRecord[]
    tables: readonly string[]
  },
) {
  const { refs, tokens } = { refs: extra.refs, tokens: query.tokens }
  const table = snapshot.tableName
  const out = (entry: Item): Item => {
    const { $key, ...object } = entry
    const ref = refs.seal({ table, key: $key as Item })
    return { ...(tokens ? object : maskItem(object)), ref }
  }
  const matches = matcher(query.q)
  const found = snapshot.users.filter(matches)
  const pages = Math.max(1, Math.ceil(found.length / usersPageSize))
  const page = Math.min(query.page, pages)
  const list = found.slice((page - 1) * usersPageSize, page * usersPageSize).map((view) => ({
    user: out(view.user),
    accounts: view.accounts.map(out),
    sessions: view.sessions.map(out),
    authenticators: view.authenticators.map(out),
  }))
  return {
    now: snapshot.now,
    tableName: table,
    tables: extra.tables,
    counts: { ...snapshot.counts, mailbox: extra.mailbox.length },
    itemCount: snapshot.itemCount,
    truncated: snapshot.truncated,
    seed: snapshot.seed,
    users: { q: query.q, total: found.length, page, pages, pageSize: usersPageSize, list },
    verificationTokens: snapshot.verificationTokens.map(out),
    stray: snapshot.stray.map(({ reason, item, $key }) => ({
      reason,
      item: tokens ? item : maskItem(item),
      ref: refs.seal({ table, key: $key }),
    })),
    mailbox: extra.mailbox.map(({ url, ...message }) => ({
      ...message,
      url: tokens ? url : maskUrl(url),
      link: `mailbox/${message.id}`,
    })),
    sweeps: extra.sweeps,
  }
}

function matcher(q: string): (view: UserView) => boolean {
  if (q === "") return () => true
  const needle = q.toLowerCase()
  return (view) => {
    const { user } = view
    const fields = [user.email, user.name, user.id]
    if (fields.some((field) => typeof field === "string" && field.toLowerCase().includes(needle))) {
      return true
    }
    return view.sessions.some(
      (session) => typeof session.sessionToken === "string" && session.sessionToken.startsWith(q),
    )
  }
}

/** What `api/state` answers. */
export type ConsoleState = ReturnType<typeof consoleState>
