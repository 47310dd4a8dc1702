/**
 * abstract-level's own compliance suite (the tests every abstract-level store runs, memory-level
 * included) run by tape against the engine's MemoryStore. Run in a child process by
 * memory-store.test.ts: `node --import tsx _abstract-level-suite.ts`; exits 1 on a failure.
 */
import { createRequire } from "node:module"
import { MemoryStore } from "../../../../src/emulator/engine/store/memory-store.js"

const require = createRequire(import.meta.url)
const test = require("tape")
const suite = require("abstract-level/test")

suite({ test, factory: (options?: Record<string, unknown>) => new MemoryStore(options) })
