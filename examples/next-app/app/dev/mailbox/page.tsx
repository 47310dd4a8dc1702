import { notFound } from "next/navigation"
import { devMailboxEnabled, messages } from "../../../lib/dev-mailbox"

// Read the mailbox on every request, never at build time.
export const dynamic = "force-dynamic"

export default function DevMailbox() {
  if (!devMailboxEnabled()) notFound()
  const inbox = messages()
  return (
    <main>
      <h1>Dev mailbox</h1>
      <p>Magic links this server would have emailed, newest first (also printed to its console).</p>
      {inbox.length === 0 ? (
        <p>No messages yet.</p>
      ) : (
        <ul>
          {inbox.map((message) => (
            <li key={message.url}>
              <a href={message.url} data-to={message.to}>
                Sign in as {message.to}
              </a>{" "}
              <small>{message.sentAt}</small>
            </li>
          ))}
        </ul>
      )}
    </main>
  )
}
