import Postmark from "@auth/core/providers/postmark"
import Resend from "@auth/core/providers/resend"
import SendGrid from "@auth/core/providers/sendgrid"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import {
  createInbox,
  extractSignInLink,
  mockPostmark,
  mockResend,
  mockSendGrid,
} from "../../src/msw/index.js"

const inbox = createInbox()
const server = setupServer(mockResend(inbox), mockSendGrid(inbox), mockPostmark(inbox))
const url = "http://localhost:3000/api/auth/callback/resend?callbackUrl=%2F&token=abc&email=a%40b.c"

beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => inbox.clear())
afterAll(() => server.close())

type EmailConfig = { sendVerificationRequest: (params: never) => Promise<void> }

/** Calls a real Auth.js email provider the way Auth.js does, with `provider` merged from options. */
async function send(config: EmailConfig & Record<string, unknown>, identifier: string) {
  const options = (config.options ?? {}) as Record<string, unknown>
  const provider = { ...config, ...options }
  const params = { identifier, url, provider, theme: {}, token: "abc", expires: new Date() }
  await config.sendVerificationRequest(params as never)
}

describe("email API mocks", () => {
  it("capture the link Auth.js's Resend provider sends", async () => {
    await send(Resend({ apiKey: "re_test", from: "auth@example.com" }) as never, "a@b.c")
    expect(inbox.messages).toEqual([
      expect.objectContaining({
        identifier: "a@b.c",
        url,
        via: "resend",
        from: "auth@example.com",
      }),
    ])
  })

  it("capture the link Auth.js's SendGrid and Postmark providers send", async () => {
    await send(SendGrid({ apiKey: "SG.test", from: "auth@example.com" }) as never, "s@b.c")
    await send(Postmark({ apiKey: "pm-test", from: "auth@example.com" }) as never, "p@b.c")
    expect(inbox.lastLinkFor("s@b.c")).toBe(url)
    expect(inbox.messagesFor("p@b.c")).toEqual([expect.objectContaining({ url, via: "postmark" })])
  })

  it("answer 401 without an API key, so the provider throws", async () => {
    const provider = Resend({ apiKey: "", from: "auth@example.com" }) as never
    await expect(send(provider, "a@b.c")).rejects.toThrow(/Resend error/)
    expect(inbox.messages).toEqual([])
  })

  it("read the link from the text part first, then from the HTML", () => {
    const html = `<a href="http://h/api/auth/callback/x?a=1&amp;b=2">Sign in</a>`
    expect(extractSignInLink({ text: "Sign in to h\nhttp://h/api/auth/callback/x?a=1\n" })).toBe(
      "http://h/api/auth/callback/x?a=1",
    )
    expect(extractSignInLink({ html })).toBe("http://h/api/auth/callback/x?a=1&b=2")
    expect(extractSignInLink({ text: "no link" })).toBeUndefined()
  })
})
