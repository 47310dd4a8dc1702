import { randomUUID } from "node:crypto"
import { type HttpHandler, HttpResponse, http } from "msw"
import type { Inbox } from "./email-inbox.js"

/**
 * The sign-in link in an email: the first URL of the text part that points at an auth callback
 * (`/callback/`), else its first URL, else the first `href` of the HTML part.
 */
export function extractSignInLink(parts: { text?: unknown; html?: unknown }): string | undefined {
  const text = typeof parts.text === "string" ? parts.text : ""
  const urls = text.match(/https?:\/\/[^\s"'<>]+/g) ?? []
  const fromText = urls.find((url) => url.includes("/callback/")) ?? urls[0]
  if (fromText) return fromText
  const html = typeof parts.html === "string" ? parts.html : ""
  const href = /href="(https?:\/\/[^"]+)"/.exec(html)?.[1]
  return href?.replace(/&amp;/g, "&")
}

const bearer = (request: Request) =>
  /^bearer\s+\S+/i.test(request.headers.get("authorization") ?? "")
const firstOf = (value: unknown): string =>
  String(Array.isArray(value) ? value[0] : (value ?? "")).trim()

/**
 * Resend's `POST https://api.resend.com/emails`, as Auth.js's Resend provider calls it: the
 * link is read from the body into `inbox`, the answer is Resend's `{ id }`. A request without
 * `Authorization: Bearer <key>` gets Resend's 401.
 */
export function mockResend(inbox: Inbox): HttpHandler {
  return http.post("https://api.resend.com/emails", async ({ request }) => {
    if (!bearer(request)) {
      return HttpResponse.json(
        {
          statusCode: 401,
          name: "missing_api_key",
          message: "Missing API key in the authorization header",
        },
        { status: 401 },
      )
    }
    const body = (await request.json()) as Record<string, unknown>
    const url = extractSignInLink(body)
    if (!url) return HttpResponse.json({ id: randomUUID() })
    inbox.record({
      identifier: firstOf(body.to),
      url,
      via: "resend",
      subject: String(body.subject ?? ""),
      from: String(body.from ?? ""),
    })
    return HttpResponse.json({ id: randomUUID() })
  })
}

/** SendGrid's `POST https://api.sendgrid.com/v3/mail/send` (Auth.js's SendGrid provider); 202. */
export function mockSendGrid(inbox: Inbox): HttpHandler {
  return http.post("https://api.sendgrid.com/v3/mail/send", async ({ request }) => {
    if (!bearer(request)) {
      return HttpResponse.json(
        { errors: [{ message: "The provided authorization grant is invalid.", field: null }] },
        { status: 401 },
      )
    }
    const body = (await request.json()) as {
      personalizations?: { to?: { email?: string }[] }[]
      from?: { email?: string }
      subject?: string
      content?: { type?: string; value?: string }[]
    }
    const part = (type: string) => body.content?.find((entry) => entry.type === type)?.value
    const url = extractSignInLink({ text: part("text/plain"), html: part("text/html") })
    if (url) {
      inbox.record({
        identifier: body.personalizations?.[0]?.to?.[0]?.email ?? "",
        url,
        via: "sendgrid",
        subject: body.subject ?? "",
        from: body.from?.email ?? "",
      })
    }
    return new HttpResponse(null, { status: 202 })
  })
}

/** Postmark's `POST https://api.postmarkapp.com/email` (Auth.js's Postmark provider). */
export function mockPostmark(inbox: Inbox): HttpHandler {
  return http.post("https://api.postmarkapp.com/email", async ({ request }) => {
    if (!request.headers.get("x-postmark-server-token")) {
      return HttpResponse.json(
        { ErrorCode: 10, Message: "No Account or Server API tokens were supplied." },
        { status: 401 },
      )
    }
    const body = (await request.json()) as Record<string, unknown>
    const to = firstOf(body.To)
    const url = extractSignInLink({ text: body.TextBody, html: body.HtmlBody })
    if (url) {
      inbox.record({
        identifier: to,
        url,
        via: "postmark",
        subject: String(body.Subject ?? ""),
        from: String(body.From ?? ""),
      })
    }
    return HttpResponse.json({
      To: to,
      SubmittedAt: new Date().toISOString(),
      MessageID: randomUUID(),
      ErrorCode: 0,
      Message: "OK",
    })
  })
}
