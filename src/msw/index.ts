export { mockDiscord } from "./discord.js"
export type {
  DynamoDBFault,
  DynamoDBFaultError,
  DynamoDBFaultOptions,
  DynamoDBOperation,
} from "./dynamodb-fault.js"
export { dynamoDBFault } from "./dynamodb-fault.js"
export { extractSignInLink, mockPostmark, mockResend, mockSendGrid } from "./email-apis.js"
export type { CapturedEmail, Inbox, VerificationRequestParams } from "./email-inbox.js"
export { createInbox } from "./email-inbox.js"
export type { StrictUnhandledRequestsOptions } from "./emulator-requests.js"
export {
  dynamoDBOperation,
  emulatorPassthrough,
  isEmulatorRequest,
  strictUnhandledRequests,
} from "./emulator-requests.js"
export type { GitHubMockOptions } from "./github.js"
export { mockGitHub } from "./github.js"
export { googleEndpoints, mockGoogle } from "./google.js"
export type { OidcEndpoints, OidcMockOptions, OidcProfile } from "./oidc.js"
export { mockOidcProvider } from "./oidc.js"
export type {
  Authorization,
  FailureOptions,
  ProviderEndpoint,
  ProviderMock,
  ProviderMockOptions,
} from "./provider-mock.js"
