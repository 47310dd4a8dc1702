import { AuthTableError } from "../adapter/index.js"

/** One sign-in email an app tried to send. */
export interface CapturedEmail {
  /** The recipient, as the email provider got it (Auth.js normalizes it first). */
  identifier: string
  /** The magic link: `…/callback/<provider>?callbackUrl=…&token=…&email=…`. */
  url: string
  /** How it was captured: `"sendVerificationRequest"` or the HTTP API's name (`"resend"`, …). */
  via: string
  /** The raw token, when the library handed it over (sendVerificationRequest). */
  token?: string
  /** When the link stops working, when the library said so. */
  expires?: Date
  subject?: string
  from?: string
}

/** What Auth.js and next-auth v4 pass to an email provider's `sendVerificationRequest`. */
export interface VerificationRequestParams {
  identifier: string
  url: string
  token?: string
  expires?: Date
  provider?: { id?: string; from?: string }
}

/** Sign-in emails captured in memory; see {@link createInbox}. */
export interface Inbox {
  /** Every captured email, oldest first. */
  readonly messages: readonly CapturedEmail[]
  /**
   * A `sendVerificationRequest` for any email provider (Auth.js or next-auth v4) that records
   * the link instead of mailing it. Safe to pass detached: it does not use `this`.
   */
  readonly sendVerificationRequest: (params: VerificationRequestParams) => Promise<void>
  /** Records an email captured elsewhere (the HTTP email API mocks do). */
  record(email: CapturedEmail): void
  /** Emails to one address (compared case-insensitively), oldest first. */
  messagesFor(email: string): CapturedEmail[]
  /**
   * The newest link mailed to `email`.
   * @throws AuthTableError (`NOT_FOUND`) when nothing was mailed there.
   */
  lastLinkFor(email: string): string
  /** Forgets every email. */
  clear(): void
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/**
 * An in-memory inbox for magic links. Give `inbox.sendVerificationRequest` to an email
 * provider, or `mockResend(inbox)` (and friends) to msw, then read the link a user would click.
 *
 * @example
 * const inbox = createInbox()
 * const config = { providers: [Nodemailer({ server: {}, sendVerificationRequest: inbox.sendVerificationRequest })] }
 * // … POST /api/auth/signin/nodemailer …
 * const link = inbox.lastLinkFor("ada@example.com")
 */
export function createInbox(): Inbox {
  const messages: CapturedEmail[] = []
  const messagesFor = (email: string) =>
    messages.filter((message) => sameAddress(message.identifier, email))

  return {
    messages,
    sendVerificationRequest: async ({ identifier, url, token, expires, provider }) => {
      messages.push({
        identifier,
        url,
        via: "sendVerificationRequest",
        ...(token === undefined ? {} : { token }),
        ...(expires === undefined ? {} : { expires }),
        ...(provider?.from === undefined ? {} : { from: provider.from }),
      })
    },
    record(email) {
      messages.push(email)
    },
    messagesFor,
    lastLinkFor(email) {
      const last = messagesFor(email).at(-1)
      if (last) return last.url
      const known = [...new Set(messages.map((message) => message.identifier))]
      throw new AuthTableError(
        "NOT_FOUND",
        `Could not find a sign-in link for "${email}": ${known.length ? `the inbox holds links for ${known.join(", ")}` : "the inbox is empty"}. Check that the sign-in request succeeded and that the provider sends through this inbox (sendVerificationRequest or an email API mock).`,
      )
    },
    clear() {
      messages.length = 0
    },
  }
}
