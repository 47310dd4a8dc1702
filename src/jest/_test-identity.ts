import { createHash } from "node:crypto"
import { relative, sep } from "node:path"

/** Ids and names for one seeded user, the same on every run of the same test. */
export interface TestIdentity {
  id: string
  email: string
  name: string
  sessionToken: string
}

/** What Jest's `expect.getState()` tells about the running test (jest-circus sets both). */
interface JestTestState {
  testPath?: string
  currentTestName?: string
}

const calls = new Map<string, number>()

/**
 * The next identity for the running test: a hash of the test file (relative to the working
 * directory, which Jest sets to rootDir), the test's full name and how many identities this
 * test has asked for. Tests that share one emulator across workers therefore never collide,
 * and a rerun writes the same ids. Outside a Jest test, only the count varies.
 */
export function nextTestIdentity(): TestIdentity {
  const state = jestTestState()
  const file = state.testPath ? relative(process.cwd(), state.testPath).split(sep).join("/") : ""
  const test = `${file}\0${state.currentTestName ?? ""}`
  const count = (calls.get(test) ?? 0) + 1
  calls.set(test, count)
  const hash = createHash("sha256").update(`${test}\0${count}`).digest("hex")
  const short = hash.slice(0, 10)
  return {
    id: uuidOf(hash.slice(0, 32)),
    email: `user-${short}@example.com`,
    name: `Test User ${short}`,
    sessionToken: uuidOf(hash.slice(32, 64)),
  }
}

function jestTestState(): JestTestState {
  const expect = (globalThis as { expect?: { getState?: () => JestTestState } }).expect
  return typeof expect?.getState === "function" ? expect.getState() : {}
}

/** 32 hex digits laid out as a version-4 UUID, the shape of the ids Auth.js generates. */
function uuidOf(hex: string): string {
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
