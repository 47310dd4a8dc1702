import type { GetServerSideProps } from "next"
import { devMailboxEnabled, type MailboxMessage, messages } from "../../../next-app/lib/dev-mailbox"

interface Props {
  inbox: MailboxMessage[]
}

export const getServerSideProps: GetServerSideProps<Props> = async () => {
  if (!devMailboxEnabled()) return { notFound: true }
  return { props: { inbox: [...messages()] } }
}

export default function DevMailbox({ inbox }: Props) {
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
