// The SDK floor of the bench's suite (bench/suite.ts): the same tests on table.client's config
// with no emulator, every answer from memory (recorded from the emulator by the bench, in the
// file BENCH_SUITE_RECORDINGS names). What is left is vitest's and the AWS SDK's own work,
// cold in each fresh worker. It loads authtable's client module alone (bundled apart by the
// bench), none of the emulator.
import { CannedHandler, loadRecordings } from "../../_canned-handler.js"
import type { Sender } from "../_sign-in.js"
import { createLocalClient } from "./node_modules/authtable/bench/local-client.js"

let client: Sender | undefined

/** table.client's config (a lean local client) answering from the bench's recordings. */
export async function cannedClient(): Promise<Sender> {
  const file = process.env.BENCH_SUITE_RECORDINGS
  if (!file) throw new Error("bench: BENCH_SUITE_RECORDINGS is not set (bench/suite.ts sets it)")
  client ??= createLocalClient("http://127.0.0.1:1", {
    requestHandler: new CannedHandler(loadRecordings(file)),
    lean: true,
  }) as unknown as Sender
  return client
}
