import { auth } from "../auth"

export default async function Home() {
  const session = await auth()
  return (
    <main>
      <h1>authtable + Auth.js</h1>
      <p>
        {session?.user ? `Signed in as ${session.user.email}.` : "Not signed in."}{" "}
        <a href="/protected">Open the protected page</a>
      </p>
    </main>
  )
}
