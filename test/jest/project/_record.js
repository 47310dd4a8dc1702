const { writeFileSync } = require("node:fs")
const { join } = require("node:path")

/** Leaves `value` for the parent test (test/jest/jest.test.ts) in AUTHTABLE_CHECK_DIR. */
function record(name, value) {
  writeFileSync(join(process.env.AUTHTABLE_CHECK_DIR, `${name}.json`), JSON.stringify(value))
}

module.exports = { record }
