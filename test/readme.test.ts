import { readFileSync } from "node:fs"
import { expect, test } from "vitest"

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8")

test("the README's quick start for tests is readme-quick-start.test.ts, which the suite runs", () => {
  const readme = read("../README.md")
  const start = readme.indexOf("\n## Quick start\n")
  expect(start, 'README has a "## Quick start" section').toBeGreaterThanOrEqual(0)
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start))?.[1]
  const example = read("./readme-quick-start.test.ts")
    .replace(/^\/\/.*\n/, "")
    .replace('from "../src/index.js"', 'from "authtable"')
  expect(block).toBe(example)
})

test("the README gives the two commands", () => {
  const readme = read("../README.md")
  expect(readme).toContain("npm install && npm run dev:ddb")
  expect(readme).toContain("npm test")
})
