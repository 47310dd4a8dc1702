// Run by test/jest/jest.test.ts in a child Jest, as a Next.js app's CommonJS Jest setup would
// be: one emulator for the run, its endpoint in process.env for every worker.
/** @type {import("jest").Config} */
module.exports = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/*.test.js"],
  globalSetup: "authtable/jest/global-setup",
  globalTeardown: "authtable/jest/global-teardown",
  maxWorkers: 2,
}
