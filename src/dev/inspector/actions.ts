import { randomUUID } from "node:crypto"
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { type AuthTableAdapter, AuthTableError, type Layout } from "../../adapter/index.js"
import { count } from "../banner.js"
import { describeSweep, type SweepHistory, type SweepSummary } from "../sweep-log.js"
import type { KeyRefs } from "./key-ref.js"
import { type InspectorSnapshot, readSnapshot } from "./snapshot.js"

/** How long a session made by "Sign in as" lasts: Auth.js's default `maxAge`. */
export const signInAsMaxAgeMs = 30 * 24 * 60 * 60 * 1000

/** What the console can read and do on the auth table; actions resolve to a message for the page. */
export interface InspectorActions {
  snapshot(): Promise<InspectorSnapshot>
  /** Sets the session's `expires` to one second ago; the next sweep deletes it. */
  expireSession(ref: string): Promise<string>
  /** Deletes the user with its accounts, sessions and authenticators (the adapter's deleteUser). */
  deleteUser(userId: string): Promise<string>
  /** Makes a database session for the user, as an app's sign-in would. */
  signInAs(userId: string): Promise<{ sessionToken: string; expires: Date; label: string }>
  sweep(): Promise<string>
  seedMore(users: number): Promise<string>
}

/**
 * The console's actions over `client`, a DynamoDBDocument on the endpoint the app uses, and
 * `adapter` on that client: the console changes the table exactly as an app would.
 */
export function createInspectorActions(options: {
  client: DynamoDBDocument
  adapter: AuthTableAdapter
  layout: Layout
  refs: KeyRefs
  now: () => number
  sweep: () => Promise<SweepSummary>
  sweeps: SweepHistory
  seedMore: (users: number) => Promise<number>
}): InspectorActions {
  const { adapter, layout, now, refs, client } = options
  const gone = (what: string) =>
    new AuthTableError(
      "NOT_FOUND",
      `Could not ${what}: it is no longer in the table. Reload the page.`,
    )
  return {
    snapshot: () => readSnapshot(client, layout, now()),
    async expireSession(ref) {
      const { table, key } = refs.open(ref)
      const { Item } = await client.get({ TableName: table, Key: key, ConsistentRead: true })
      const sessionToken = Item?.sessionToken
      if (typeof sessionToken !== "string") throw gone("expire the session")
      const session = await adapter.updateSession({ sessionToken, expires: new Date(now() - 1000) })
      if (!session) throw gone("expire the session")
      return "Session expired; the next sweep deletes it."
    },
    async deleteUser(userId) {
      const user = await adapter.deleteUser(userId)
      if (!user) throw gone(`delete user "${userId}"`)
      return `Deleted ${user.email || user.id} with its accounts, sessions and authenticators.`
    },
    async signInAs(userId) {
      const user = await adapter.getUser(userId)
      if (!user) throw gone(`sign in as "${userId}"`)
      const sessionToken = randomUUID()
      const expires = new Date(now() + signInAsMaxAgeMs)
      await adapter.createSession({ sessionToken, userId, expires })
      return { sessionToken, expires, label: user.email || user.id }
    },
    async sweep() {
      const summary = await options.sweep()
      if (summary.deleted > 0) return `Swept: ${describeSweep(summary)}.`
      // "Expire now" then "Sweep now": the background sweeper often gets there first.
      const recent = options.sweeps.list().find((r) => r.background && r.deleted > 0)
      if (recent && now() - recent.at < 60_000) {
        const ago = Math.max(1, Math.round((now() - recent.at) / 1000))
        return `Swept: nothing left to delete. The background sweep ${ago}s ago ${recent.text}.`
      }
      return "Swept: nothing had expired."
    },
    async seedMore(users) {
      const seeded = await options.seedMore(users)
      return `Seeded ${count(seeded, "more demo user")}.`
    },
  }
}
