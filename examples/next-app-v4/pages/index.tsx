import type { GetServerSideProps } from "next"
import { getServerSession } from "next-auth"
import { authOptions } from "../lib/auth"

interface Props {
  email: string | null
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res }) => {
  const session = await getServerSession(req, res, authOptions)
  return { props: { email: session?.user?.email ?? null } }
}

export default function Home({ email }: Props) {
  return (
    <main>
      <h1>authtable + next-auth v4</h1>
      <p>
        {email ? `Signed in as ${email}.` : "Not signed in."}{" "}
        <a href="/protected">Open the protected page</a>
      </p>
    </main>
  )
}
