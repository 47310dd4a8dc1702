import { describe, expect, test } from "vitest"
import { maskItem, maskSecret, maskUrl } from "../../src/dev/inspector/mask.js"

describe("the console's token masking", () => {
  test("keeps four characters of a long secret and its length, nothing of a short one", () => {
    expect(maskSecret("0f3c5e0e-2b7a-4e59-9a3c-3f6f1c1f8d2a")).toBe("0f3c•••• (36 chars)")
    expect(maskSecret("abc")).toBe("•••• (3 chars)")
  })

  test("masks token attributes and key values that embed a session token or a token hash", () => {
    const hash = "a".repeat(64)
    expect(
      maskItem({
        pk: "VT#ada@example.com",
        sk: `VT#${hash}`,
        GSI1PK: "SESSION#0f3c5e0e-2b7a-4e59-9a3c-3f6f1c1f8d2a",
        token: hash,
        refresh_token: "r",
        nested: { id_token: "eyJhbGciOi.payload.sig" },
        email: "ada@example.com",
        expires: 1_900_000_000,
      }),
    ).toEqual({
      pk: "VT#ada@example.com",
      sk: "VT#aaaa•••• (64 chars)",
      GSI1PK: "SESSION#0f3c•••• (36 chars)",
      token: "aaaa•••• (64 chars)",
      refresh_token: "•••• (1 chars)",
      nested: { id_token: "eyJh•••• (22 chars)" },
      email: "ada@example.com",
      expires: 1_900_000_000,
    })
  })

  test("masks the token of a magic link and keeps the rest readable", () => {
    const masked = maskUrl(
      "http://localhost:3000/api/auth/callback/resend?callbackUrl=%2F&token=4b1f0f8d9c2e7a6b&email=a%40example.com",
    )
    expect(masked).not.toContain("4b1f0f8d9c2e7a6b")
    expect(new URL(masked).searchParams.get("token")).toBe("4b1f•••• (16 chars)")
    expect(new URL(masked).searchParams.get("email")).toBe("a@example.com")
  })
})
