// authTableGlobalSetup lives in "authtable/vitest/global-setup": a globalSetup runs where this
// module's `test` (built with test.extend at import) cannot be created.
export type { AuthTableTestOptions } from "./fixture.js"
export { createAuthTableTest, it, test } from "./fixture.js"
export type { SharedAuthTable } from "./global-setup.js"
export type { InjectedAuthTable } from "./inject-auth-table.js"
export { injectAuthTable } from "./inject-auth-table.js"
export type { SetupAuthTableOptions } from "./setup-auth-table.js"
export { getAuthTable, setupAuthTable } from "./setup-auth-table.js"
