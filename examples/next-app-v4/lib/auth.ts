import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { DynamoDBAdapter } from "authtable/adapter"
import { sendToDevMailbox } from "authtable/mailbox"
import type { NextAuthOptions } from "next-auth"
import type { EmailConfig } from "next-auth/providers/email"

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

// A magic-link provider that sends nothing: sendToDevMailbox prints each link in this terminal
// and delivers it to the Mailbox of the running `authtable dev` (its dev console).
// (next-auth/providers/email would import nodemailer; this app has no SMTP server to talk to.)
const devEmail: EmailConfig = {
  id: "email",
  type: "email",
  name: "Email",
  server: "",
  from: "dev@localhost",
  maxAge: 24 * 60 * 60,
  options: {},
  sendVerificationRequest: sendToDevMailbox,
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
