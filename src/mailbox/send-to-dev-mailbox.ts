import { type MailboxMessage, mailboxApiPath } from "./message.js"

/**
 * What Auth.js (v5) and next-auth v4 pass to an email provider's `sendVerificationRequest`
 * (Resend, Nodemailer, the generic email provider): only `identifier` and `url` are read here.
 */
export interface VerificationRequestParams {
  identifier: string
  url: string
  expires?: Date | undefined
  token?: string | undefined
  provider?: { id?: string | undefined; from?: string | undefined } | undefined
  theme?: unknown
  request?: unknown
}

/** Options of {@link createDevMailbox}. */
export interface DevMailboxOptions {
  /**
   * The running `authtable dev`, e.g. `http://127.0.0.1:8000`.
   * @default process.env.AWS_ENDPOINT_URL_DYNAMODB (what its env block sets), else `http://127.0.0.1:8000`
   */
  endpoint?: string | undefined
  /** Where the link is printed. @default console */
  log?: Pick<Console, "log" | "warn"> | undefined
  /** Give up on the dev server after this long; the link is printed either way. @default 2000 */
  timeoutMs?: number | undefined
}

const defaultEndpoint = "http://127.0.0.1:8000"
const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|[^.]+\.localhost)$/i

/**
 * Makes a `sendVerificationRequest` that prints the magic link in the app's terminal and
 * delivers it to the Mailbox of a running `authtable dev` (its dev console, `/_authtable/`).
 * It only ever talks to a loopback endpoint: pointed at anything else (a real AWS endpoint) it
 * throws, so a deployed app that kept it fails to send instead of logging sign-in links.
 */
export function createDevMailbox(
  options: DevMailboxOptions = {},
): (params: VerificationRequestParams) => Promise<void> {
  const { log = console, timeoutMs = 2000 } = options
  return async (params) => {
    const endpoint = resolveEndpoint(options.endpoint)
    log.log(`[authtable] Sign-in link for ${params.identifier}: ${params.url}`)
    const message: MailboxMessage = {
      to: params.identifier,
      url: params.url,
      expires: params.expires?.toISOString(),
      provider: params.provider?.id,
      from: params.provider?.from,
    }
    try {
      const response = await fetch(new URL(mailboxApiPath, endpoint), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(timeoutMs),
      })
      if (!response.ok) throw new Error(`HTTP ${response.status} ${await response.text()}`)
    } catch (error) {
      log.warn(
        `[authtable] Could not deliver it to the dev console at ${endpoint}: ${reason(error)}. Start it with \`npx authtable dev\` and put its env block (AWS_ENDPOINT_URL_DYNAMODB) in the app's environment to see sign-in emails in its Mailbox; the link above works either way.`,
      )
    }
  }
}

/**
 * A `sendVerificationRequest` for Auth.js and next-auth v4 email providers in development: it
 * prints the link and delivers it to the running `authtable dev`'s Mailbox. See
 * {@link createDevMailbox} for the options.
 *
 * @example
 * import Resend from "next-auth/providers/resend"
 * import { sendToDevMailbox } from "authtable/mailbox"
 *
 * Resend({ from: "auth@example.com", sendVerificationRequest: sendToDevMailbox })
 */
export const sendToDevMailbox: (params: VerificationRequestParams) => Promise<void> =
  createDevMailbox()

function resolveEndpoint(given: string | undefined): string {
  const configured = given ?? process.env.AWS_ENDPOINT_URL_DYNAMODB
  if (configured === undefined || configured === "") {
    if (process.env.NODE_ENV === "production") {
      throw new Error(
        "[authtable] Could not send the sign-in email: sendToDevMailbox is for development and AWS_ENDPOINT_URL_DYNAMODB is unset in production. Use the email provider's own sendVerificationRequest in production.",
      )
    }
    return defaultEndpoint
  }
  let url: URL
  try {
    url = new URL(configured)
  } catch {
    throw new TypeError(
      `[authtable] Could not send the sign-in email: "${configured}" is not a URL. Set AWS_ENDPOINT_URL_DYNAMODB to the endpoint \`authtable dev\` prints, e.g. ${defaultEndpoint}.`,
    )
  }
  if (!loopback.test(url.hostname)) {
    throw new Error(
      `[authtable] Could not send the sign-in email: sendToDevMailbox only delivers to a local \`authtable dev\`, and the endpoint is ${url.origin}. Use the email provider's own sendVerificationRequest outside development.`,
    )
  }
  return url.origin
}

function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause
  if (cause?.code) return cause.code
  return (error as Error).message
}
