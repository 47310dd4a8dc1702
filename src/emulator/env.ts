/** The variables an app needs to reach a local endpoint, under every name the docs use. */
export interface AuthTableEnv {
  AWS_ENDPOINT_URL_DYNAMODB: string
  AWS_REGION: string
  AWS_ACCESS_KEY_ID: string
  AWS_SECRET_ACCESS_KEY: string
  /** next-auth v4's DynamoDB docs. */
  NEXT_AUTH_AWS_ACCESS_KEY: string
  NEXT_AUTH_AWS_SECRET_KEY: string
  NEXT_AUTH_AWS_REGION: string
  /** Auth.js's DynamoDB docs. */
  AUTH_DYNAMODB_ID: string
  AUTH_DYNAMODB_SECRET: string
  AUTH_DYNAMODB_REGION: string
  [name: string]: string
}

/** Dummy credentials: dynalite checks that a signature is there, not what it signs. */
export const localCredentials = Object.freeze({
  region: "us-east-1",
  accessKeyId: "authtable",
  secretAccessKey: "authtable",
})

/** The env block for an endpoint, in the order the dev server prints it. */
export function endpointEnv(endpoint: string): AuthTableEnv {
  const { region, accessKeyId, secretAccessKey } = localCredentials
  return {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    NEXT_AUTH_AWS_ACCESS_KEY: accessKeyId,
    NEXT_AUTH_AWS_SECRET_KEY: secretAccessKey,
    NEXT_AUTH_AWS_REGION: region,
    AUTH_DYNAMODB_ID: accessKeyId,
    AUTH_DYNAMODB_SECRET: secretAccessKey,
    AUTH_DYNAMODB_REGION: region,
  }
}
