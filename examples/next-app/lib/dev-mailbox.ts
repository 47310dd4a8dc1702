/** One magic-link email the app would have sent. */
export interface MailboxMessage {
  to: string
  url: string
  sentAt: string
}

/**
 * The dev mailbox is on under `next dev`, and under `next start` only with DEV_MAILBOX=1
 * (the end-to-end test sets it). A production deployment never shows sign-in links.
 */
export function devMailboxEnabled(): boolean {
  return process.env.NODE_ENV !== "production" || process.env.DEV_MAILBOX === "1"
}

// Next.js bundles route handlers and pages separately, so a module-level array would exist
// twice; one array on globalThis is shared by the whole server process.
const store = globalThis as typeof globalThis & { __devMailbox?: MailboxMessage[] }
const capacity = 50

/** Prints a magic link to the server console and, when enabled, keeps it for /dev/mailbox. */
export function deliver(to: string, url: string): void {
  console.log(`[dev-mailbox] Sign-in link for ${to}: ${url}`)
  if (!devMailboxEnabled()) return
  const kept = [{ to, url, sentAt: new Date().toISOString() }, ...messages()]
  store.__devMailbox = kept.slice(0, capacity)
}

/** The kept messages, newest first. */
export function messages(): readonly MailboxMessage[] {
  return store.__devMailbox ?? []
}
