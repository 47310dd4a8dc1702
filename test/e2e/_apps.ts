import { Auth, type AuthConfig } from "@auth/core"
import Discord from "@auth/core/providers/discord"
import GitHub from "@auth/core/providers/github"
import Google from "@auth/core/providers/google"
import Resend from "@auth/core/providers/resend"
import type { AuthOptions } from "next-auth"
import type { Adapter as NextAuthV4Adapter } from "next-auth/adapters"
import discordV4Module from "next-auth/providers/discord"
import githubV4Module from "next-auth/providers/github"
import googleV4Module from "next-auth/providers/google"
import type { AuthTableAdapter } from "../../src/adapter/index.js"
import type { Inbox } from "../../src/msw/index.js"
import type { AppTarget } from "./_browser.js"
import { cjsDefault, startNextAuthV4Server } from "./_next-auth-v4-server.js"

/** The two generations under test: Auth.js (@auth/core, next-auth v5's engine) and next-auth 4. */
export type Generation = "authjs" | "next-auth-v4"
export const generations: readonly Generation[] = ["authjs", "next-auth-v4"]

export const secret = "authtable-e2e-secret-0123456789abcdef"
export const oauthClient = {
  clientId: "authtable-e2e-client",
  clientSecret: "authtable-e2e-secret",
}
const basePath = "/api/auth"

/** What the app is built from; read on every request, so a test may swap the adapter. */
export interface AppConfig {
  adapter: AuthTableAdapter
  inbox: Inbox
  /** Errors the library logged, in order, as `{ code?, error }`. */
  errors: LoggedError[]
  /** Lifetime of magic links. @default one day */
  emailMaxAgeSeconds?: number
}

export interface LoggedError {
  /** next-auth v4's error code; Auth.js puts the type on the error itself. */
  code?: string
  error: unknown
}

export interface AuthApp extends AppTarget {
  readonly generation: Generation
  /** The name of the database session cookie. */
  readonly sessionCookie: string
  /** The id of the email provider: Auth.js uses Resend through msw, v4 an inbox provider. */
  readonly emailProvider: string
  /** Origins the msw server must let through (the v4 app's own HTTP server). */
  readonly allowedOrigins: readonly string[]
  close(): Promise<void>
}

/** Starts an app of one generation with GitHub, Google, Discord and email sign-in on `config().adapter`. */
export async function startApp(generation: Generation, config: () => AppConfig): Promise<AuthApp> {
  return generation === "authjs" ? startAuthJs(config) : startNextAuthV4(config)
}

function startAuthJs(config: () => AppConfig): AuthApp {
  const authConfig = (): AuthConfig => {
    const { adapter, errors, emailMaxAgeSeconds } = config()
    return {
      basePath,
      secret,
      trustHost: true,
      adapter,
      providers: [
        GitHub(oauthClient),
        Google(oauthClient),
        Discord(oauthClient),
        Resend({
          apiKey: "re_e2e_key",
          from: "Sign-in <auth@example.com>",
          maxAge: emailMaxAgeSeconds,
        }),
      ],
      logger: {
        error: (error) => errors.push({ error }),
        warn: () => {},
        debug: () => {},
      },
    }
  }
  return {
    generation: "authjs",
    origin: "http://localhost:3000",
    basePath,
    sessionCookie: "authjs.session-token",
    emailProvider: "resend",
    allowedOrigins: [],
    dispatch: (request) => Auth(request, authConfig()),
    close: async () => {},
  }
}

async function startNextAuthV4(config: () => AppConfig): Promise<AuthApp> {
  const [GitHubV4, GoogleV4, DiscordV4] = [
    cjsDefault(githubV4Module),
    cjsDefault(googleV4Module),
    cjsDefault(discordV4Module),
  ]
  const options = (): AuthOptions => {
    const { adapter, inbox, errors, emailMaxAgeSeconds = 24 * 60 * 60 } = config()
    return {
      secret,
      adapter: adapter as unknown as NextAuthV4Adapter,
      providers: [
        GitHubV4(oauthClient),
        GoogleV4(oauthClient),
        DiscordV4(oauthClient),
        // next-auth/providers/email needs nodemailer; its provider object is this, minus SMTP.
        {
          id: "email",
          type: "email",
          name: "Email",
          server: {},
          from: "Sign-in <auth@example.com>",
          maxAge: emailMaxAgeSeconds,
          sendVerificationRequest: inbox.sendVerificationRequest,
          options: {},
        },
      ],
      logger: {
        error: (code, metadata) => errors.push({ code, error: metadata }),
        warn: () => {},
        debug: () => {},
      },
    }
  }
  const server = await startNextAuthV4Server(basePath, options)
  return {
    generation: "next-auth-v4",
    origin: server.origin,
    basePath,
    sessionCookie: "next-auth.session-token",
    emailProvider: "email",
    allowedOrigins: [server.origin],
    dispatch: (request) => fetch(request),
    close: () => server.close(),
  }
}
