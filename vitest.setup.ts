// The project's own test setup: authtable's vitest integration, lazily. A test file that calls
// `await getAuthTable()` (from src/vitest) gets this worker's emulator, emptied before each of
// its tests and stopped after the file; files that never ask (most start their own emulator
// with startAuthTable()) start nothing and are never reset.
import { setupAuthTable } from "./src/vitest/index.js"

setupAuthTable({ lazy: true })
