import type { GetServerSideProps } from "next"
import type { Session } from "next-auth"
import { getServerSession } from "next-auth"
import { signOut } from "next-auth/react"
import { useEffect, useState } from "react"
import { authOptions } from "../lib/auth"

interface Props {
  user: { id: string; email: string | null }
  expires: string
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res }) => {
  // lib/auth.ts's session callback adds the user's id.
  const session: (Session & { user?: { id?: string } }) | null = await getServerSession(
    req,
    res,
    authOptions,
  )
  if (!session?.user) {
    return {
      redirect: { destination: "/api/auth/signin?callbackUrl=%2Fprotected", permanent: false },
    }
  }
  const { id = "", email = null } = session.user
  return { props: { user: { id, email }, expires: session.expires } }
}

export default function Protected({ user, expires }: Props) {
  // next-auth/react's signOut() runs in the browser: keep the button off until hydrated.
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return (
    <main>
      <h1>Protected</h1>
      <p>
        Signed in as <strong data-testid="user-email">{user.email}</strong>
      </p>
      <dl>
        <dt>User id</dt>
        <dd data-testid="user-id">{user.id}</dd>
        <dt>Session expires</dt>
        <dd>{expires}</dd>
      </dl>
      <button type="button" disabled={!hydrated} onClick={() => signOut({ callbackUrl: "/" })}>
        Sign out
      </button>
    </main>
  )
}
