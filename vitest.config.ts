import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { defineConfig } from "vitest/config"

// The AWS SDK warns once per process when it runs on a Node version it is about to drop, and
// this suite runs dozens of processes (a worker per file, child vitest, Jest and dev servers).
// Let it warn once, here in vitest's main process (creating a client is what makes the SDK check
// the version), then turn the repeats off with the SDK's own switch (aws-sdk-js-v3 issue 7983),
// which the workers and their children inherit. Only this repo's test run is affected: users
// see the SDK's warning as usual.
if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
  new DynamoDBClient({ region: "us-east-1" }).destroy()
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true"
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["./vitest.setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
})
