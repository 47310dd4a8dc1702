import { afterAll, beforeAll, describe, expect, test, vi } from "vitest"
import { type DevServer, startDevServer } from "../../src/dev/server.js"
import { createDevMailbox, sendToDevMailbox } from "../../src/mailbox/index.js"

let server: DevServer
beforeAll(async () => {
  server = await startDevServer({ port: 0, dataDir: false, sweepIntervalMs: false })
})
afterAll(() => server?.stop())

const link =
  "http://localhost:3000/api/auth/callback/resend?token=abcdef0123456789&email=a%40example.com"

function recorder() {
  const lines: string[] = []
  return {
    lines,
    log: { log: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) },
  }
}

async function mailbox(): Promise<{ to: string; url: string; link: string; provider?: string }[]> {
  const res = await fetch(new URL("/_authtable/api/state", server.endpoint))
  return (await res.json()).mailbox
}

describe("sendToDevMailbox", () => {
  test("prints the link and delivers the message to the dev console's Mailbox", async () => {
    const { lines, log } = recorder()
    const send = createDevMailbox({ endpoint: server.endpoint, log })
    await send({
      identifier: "a@example.com",
      url: link,
      expires: new Date("2030-01-01T00:00:00Z"),
      provider: { id: "resend", from: "auth@example.com" },
      token: "abcdef0123456789",
      theme: {},
      request: new Request("http://localhost:3000/api/auth/signin/resend"),
    })
    expect(lines).toEqual([`[authtable] Sign-in link for a@example.com: ${link}`])
    const [message] = await mailbox()
    expect(message).toMatchObject({ to: "a@example.com", provider: "resend" })
    expect(message?.url).not.toContain("abcdef0123456789")

    const opened = await fetch(new URL(`/_authtable/${message?.link}`, server.endpoint), {
      redirect: "manual",
    })
    expect(opened.status).toBe(302)
    expect(opened.headers.get("location")).toBe(link)
  })

  test("finds the dev server through AWS_ENDPOINT_URL_DYNAMODB, as the env block sets it", async () => {
    vi.stubEnv("AWS_ENDPOINT_URL_DYNAMODB", server.endpoint)
    const spy = vi.spyOn(console, "log").mockImplementation(() => {})
    try {
      await sendToDevMailbox({ identifier: "env@example.com", url: link })
      expect((await mailbox())[0]?.to).toBe("env@example.com")
      expect(spy).toHaveBeenCalledWith(`[authtable] Sign-in link for env@example.com: ${link}`)
    } finally {
      spy.mockRestore()
      vi.unstubAllEnvs()
    }
  })

  test("still prints the link, and says how to start the dev server, when none is running", async () => {
    const { lines, log } = recorder()
    const send = createDevMailbox({ endpoint: "http://127.0.0.1:9", log })
    await send({ identifier: "b@example.com", url: link })
    expect(lines[0]).toBe(`[authtable] Sign-in link for b@example.com: ${link}`)
    expect(lines[1]).toMatch(
      /Could not deliver it to the dev console at http:\/\/127\.0\.0\.1:9: .*npx authtable dev/,
    )
  })

  test("refuses to send anywhere but a loopback endpoint, so a deployed app does not log links", async () => {
    const send = createDevMailbox({
      endpoint: "https://dynamodb.us-east-1.amazonaws.com",
      log: recorder().log,
    })
    await expect(send({ identifier: "c@example.com", url: link })).rejects.toThrow(
      /only delivers to a local `authtable dev`/,
    )
  })

  test("keeps the newest 100 messages", async () => {
    const send = createDevMailbox({ endpoint: server.endpoint, log: recorder().log })
    for (let i = 0; i < 105; i += 1) await send({ identifier: `m${i}@example.com`, url: link })
    const messages = await mailbox()
    expect(messages).toHaveLength(100)
    expect(messages[0]?.to).toBe("m104@example.com")
  })

  test("the dev server refuses a message posted from a web page", async () => {
    const res = await fetch(new URL("/_authtable/api/mailbox", server.endpoint), {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      body: JSON.stringify({ to: "x@example.com", url: link }),
    })
    expect(res.status).toBe(403)
  })
})
