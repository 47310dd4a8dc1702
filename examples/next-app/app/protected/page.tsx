import { redirect } from "next/navigation"
import { auth, signOut } from "../../auth"

export default async function Protected() {
  const session = await auth()
  if (!session?.user) redirect("/api/auth/signin?callbackUrl=%2Fprotected")

  return (
    <main>
      <h1>Protected</h1>
      <p>
        Signed in as <strong data-testid="user-email">{session.user.email}</strong>
      </p>
      <dl>
        <dt>User id</dt>
        <dd data-testid="user-id">{session.user.id}</dd>
        <dt>Session expires</dt>
        <dd>{session.expires}</dd>
      </dl>
      <form
        action={async () => {
          "use server"
          await signOut({ redirectTo: "/" })
        }}
      >
        <button type="submit">Sign out</button>
      </form>
    </main>
  )
}
