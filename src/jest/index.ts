// The part of authtable/jest that runs inside Jest's test runtime, built as CommonJS too.
// The emulator's globalSetup and globalTeardown are separate ES modules (global-setup.ts,
// global-teardown.ts): Jest loads those outside the runtime, where import works.
export type {
  SeedAdapter,
  SeededSignedInUser,
  SeedSignedInUserOptions,
} from "./seed-signed-in-user.js"
export { seedSignedInUser } from "./seed-signed-in-user.js"
