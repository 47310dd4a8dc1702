import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { DynamoDBAdapter } from "authtable/adapter"
import type { NextAuthOptions } from "next-auth"
import type { EmailConfig } from "next-auth/providers/email"
import { deliver } from "../../next-app/lib/dev-mailbox"

// Endpoint, region and credentials come from the environment: `npm run dev:ddb` prints them
// (.env.development holds its defaults); in production leave AWS_ENDPOINT_URL_DYNAMODB unset.
const client = DynamoDBDocument.from(
  new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }),
  {
    marshallOptions: {
      convertEmptyValues: true,
      removeUndefinedValues: true,
      convertClassInstanceToMap: true,
    },
  },
)

// A magic-link provider that sends nothing: links go to the server console and /dev/mailbox.
// (next-auth/providers/email would import nodemailer; this app has no SMTP server to talk to.)
const devEmail: EmailConfig = {
  id: "email",
  type: "email",
  name: "Email",
  server: "",
  from: "dev@localhost",
  maxAge: 24 * 60 * 60,
  options: {},
  sendVerificationRequest: ({ identifier, url }) => deliver(identifier, url),
}

/** The same adapter and provider as ../next-app, in next-auth v4's options. */
export const authOptions: NextAuthOptions = {
  adapter: DynamoDBAdapter(client),
  session: { strategy: "database" },
  providers: [devEmail],
  callbacks: {
    // next-auth v4 puts only name, email and image in the session; Auth.js adds the whole user.
    session: ({ session, user }) => ({ ...session, user: { ...session.user, id: user.id } }),
  },
}
