import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { type AuthTableAdapter, AuthTableError, type Layout } from "../../adapter/index.js"
import { describeSweep, type SweepSummary } from "../sweep-log.js"
import { type InspectorSnapshot, readSnapshot } from "./snapshot.js"

/** What the inspector page can read and do; each action resolves to a message for the page. */
export interface InspectorActions {
  snapshot(): Promise<InspectorSnapshot>
  /** Sets the session's `expires` to one second ago; the next sweep deletes it. */
  expireSession(sessionToken: string): Promise<string>
  /** Deletes the user with its accounts, sessions and authenticators (the adapter's deleteUser). */
  deleteUser(userId: string): Promise<string>
  sweep(): Promise<string>
  seedMore(users: number): Promise<string>
}

/**
 * The inspector's actions over `client`, a DynamoDBDocument on the endpoint the app uses, and
 * `adapter` on that client: the inspector changes the table exactly as an app would.
 */
export function createInspectorActions(options: {
  client: DynamoDBDocument
  adapter: AuthTableAdapter
  layout: Layout
  now: () => number
  sweep: () => Promise<SweepSummary>
  seedMore: (users: number) => Promise<number>
}): InspectorActions {
  const { adapter, layout, now } = options
  return {
    snapshot: () => readSnapshot(options.client, layout, now()),
    async expireSession(sessionToken) {
      const session = await adapter.updateSession({
        sessionToken,
        expires: new Date(now() - 1000),
      })
      if (!session) {
        throw new AuthTableError(
          "NOT_FOUND",
          "Could not expire the session: it is no longer in the table. Reload the page.",
        )
      }
      return "Session expired; the next sweep deletes it."
    },
    async deleteUser(userId) {
      const user = await adapter.deleteUser(userId)
      if (!user) {
        throw new AuthTableError(
          "NOT_FOUND",
          `Could not delete user "${userId}": it is no longer in the table. Reload the page.`,
        )
      }
      return `Deleted ${user.email || user.id} with its accounts, sessions and authenticators.`
    },
    async sweep() {
      const summary = await options.sweep()
      return summary.deleted === 0
        ? "Swept: nothing had expired."
        : `Swept: ${describeSweep(summary)}.`
    },
    async seedMore(users) {
      const seeded = await options.seedMore(users)
      return `Seeded ${seeded} more demo users.`
    },
  }
}
