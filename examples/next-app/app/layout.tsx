import type { Metadata } from "next"
import type { ReactNode } from "react"

export const metadata: Metadata = { title: "authtable example" }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: "2rem" }}>
        <nav style={{ display: "flex", gap: "1rem", marginBottom: "2rem" }}>
          <a href="/">Home</a>
          <a href="/protected">Protected</a>
        </nav>
        {children}
      </body>
    </html>
  )
}
