import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { DynamoDBAdapter } from "authtable/adapter"
import { sendToDevMailbox } from "authtable/mailbox"
import NextAuth from "next-auth"
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
// and delivers it to the Mailbox of the running `authtable dev` (its dev console). In production,
// use Resend or Nodemailer with their own sendVerificationRequest.
const devEmail: EmailConfig = {
  id: "email",
  type: "email",
  name: "Email",
  maxAge: 24 * 60 * 60,
  sendVerificationRequest: sendToDevMailbox,
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: DynamoDBAdapter(client),
  session: { strategy: "database" },
  providers: [devEmail],
})
