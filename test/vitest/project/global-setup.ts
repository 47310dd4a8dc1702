import { authTableGlobalSetup } from "../../../src/vitest/global-setup.js"

export default authTableGlobalSetup({ tableName: "shared" })
