/** Where the dev console takes messages: `POST <endpoint>/_authtable/api/mailbox`. */
export const mailboxApiPath = "/_authtable/api/mailbox"

/** One sign-in email, as `sendToDevMailbox` posts it to the dev console. */
export interface MailboxMessage {
  /** The recipient (Auth.js's `identifier`). */
  to: string
  /** The magic link. */
  url: string
  /** When the link stops working, ISO 8601, when the library said so. */
  expires?: string | undefined
  /** The email provider's id (`"resend"`, `"nodemailer"`, `"email"`). */
  provider?: string | undefined
  /** The provider's `from` address, when it has one. */
  from?: string | undefined
}
