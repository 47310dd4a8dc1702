import { describe, expect, it } from "vitest"
import { AuthTableError } from "../../src/adapter/index.js"
import { createInbox } from "../../src/msw/index.js"

const link = (n: number) =>
  `http://localhost:3000/api/auth/callback/email?token=t${n}&email=a%40b.c`

describe("createInbox", () => {
  it("records what sendVerificationRequest is given, detached from the inbox", async () => {
    const inbox = createInbox()
    const { sendVerificationRequest } = inbox
    const expires = new Date("2026-01-02T00:00:00Z")
    await sendVerificationRequest({ identifier: "a@b.c", url: link(1), token: "t1", expires })
    expect(inbox.messages).toEqual([
      { identifier: "a@b.c", url: link(1), via: "sendVerificationRequest", token: "t1", expires },
    ])
  })

  it("returns the newest link for an address, whatever its case", async () => {
    const inbox = createInbox()
    await inbox.sendVerificationRequest({ identifier: "a@b.c", url: link(1) })
    await inbox.sendVerificationRequest({ identifier: "x@y.z", url: link(2) })
    await inbox.sendVerificationRequest({ identifier: "a@b.c", url: link(3) })
    expect(inbox.lastLinkFor(" A@B.C ")).toBe(link(3))
    expect(inbox.messagesFor("a@b.c").map((message) => message.url)).toEqual([link(1), link(3)])
  })

  it("throws NOT_FOUND naming the addresses it has when none matches", async () => {
    const inbox = createInbox()
    await inbox.sendVerificationRequest({ identifier: "x@y.z", url: link(1) })
    let error: unknown
    try {
      inbox.lastLinkFor("a@b.c")
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(AuthTableError)
    expect(error).toMatchObject({ code: "NOT_FOUND" })
    expect((error as Error).message).toMatch(/"a@b\.c".*x@y\.z/)
  })

  it("forgets everything on clear()", async () => {
    const inbox = createInbox()
    await inbox.sendVerificationRequest({ identifier: "a@b.c", url: link(1) })
    inbox.clear()
    expect(inbox.messages).toEqual([])
  })
})
