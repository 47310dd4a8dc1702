import type { AppProps } from "next/app"

export default function App({ Component, pageProps }: AppProps) {
  return (
    <div style={{ fontFamily: "system-ui, sans-serif", margin: "2rem" }}>
      <nav style={{ display: "flex", gap: "1rem", marginBottom: "2rem" }}>
        <a href="/">Home</a>
        <a href="/protected">Protected</a>
      </nav>
      <Component {...pageProps} />
    </div>
  )
}
