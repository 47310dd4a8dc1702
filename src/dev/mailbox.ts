import { randomUUID } from "node:crypto"
import type { MailboxMessage } from "../mailbox/index.js"

/** A message the dev server keeps, with when it arrived. */
export interface StoredMessage extends MailboxMessage {
  id: string
  /** Epoch ms. */
  receivedAt: number
}

/** The dev server's in-memory mailbox: the newest {@link mailboxCapacity} messages. */
export interface DevMailbox {
  /** Validates and keeps a message posted by `sendToDevMailbox`. */
  receive(body: Record<string, unknown>): StoredMessage
  /** Newest first. */
  messages(): readonly StoredMessage[]
  get(id: string): StoredMessage | undefined
}

/** How many messages the dev server keeps; older ones are dropped. */
export const mailboxCapacity = 100

export function createDevMailbox(now: () => number = Date.now): DevMailbox {
  let kept: StoredMessage[] = []
  return {
    receive(body) {
      const to = field(body, "to", true)
      const url = field(body, "url", true)
      if (!/^https?:\/\//i.test(url)) throw new TypeError('Send "url" as an http(s) URL.')
      const message: StoredMessage = {
        id: randomUUID(),
        to,
        url,
        expires: field(body, "expires", false),
        provider: field(body, "provider", false),
        from: field(body, "from", false),
        receivedAt: now(),
      }
      kept = [message, ...kept].slice(0, mailboxCapacity)
      return message
    },
    messages: () => kept,
    get: (id) => kept.find((message) => message.id === id),
  }
}

function field(body: Record<string, unknown>, name: string, required: true): string
function field(body: Record<string, unknown>, name: string, required: false): string | undefined
function field(body: Record<string, unknown>, name: string, required: boolean) {
  const value = body[name]
  if (value === undefined && !required) return undefined
  if (typeof value !== "string" || value === "" || value.length > 4096) {
    throw new TypeError(`Send "${name}" as a string of up to 4096 characters.`)
  }
  return value
}
