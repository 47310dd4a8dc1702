import type { Adapter } from "@auth/core/adapters"
import { DynamoDBAdapter as OfficialDynamoDBAdapter } from "@auth/dynamodb-adapter"
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import type { DynamoDBAdapterOptions } from "../../src/adapter/index.js"

/** The methods @auth/dynamodb-adapter 2.11.3 implements (it has no WebAuthn ones). */
export type OfficialAdapter = Required<
  Omit<
    Adapter,
    | "getAccount"
    | "createAuthenticator"
    | "getAuthenticator"
    | "listAuthenticatorsByUserId"
    | "updateAuthenticatorCounter"
  >
>

/** The official adapter on the same client and options, to show its defects beside ours. */
export function officialAdapter(
  client: DynamoDBDocument,
  options?: DynamoDBAdapterOptions,
): OfficialAdapter {
  return OfficialDynamoDBAdapter(client, options) as OfficialAdapter
}
