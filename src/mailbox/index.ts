export type { MailboxMessage } from "./message.js"
export { mailboxApiPath } from "./message.js"
export type { DevMailboxOptions, VerificationRequestParams } from "./send-to-dev-mailbox.js"
export { createDevMailbox, sendToDevMailbox } from "./send-to-dev-mailbox.js"
