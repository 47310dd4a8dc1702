import { readFileSync } from "node:fs"
import { expect, test } from "vitest"

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8")

test("the README's vitest example is readme-example.test.ts, which the suite runs", () => {
  const readme = read("../../README.md")
  const start = readme.indexOf("\n## Testing with vitest\n")
  expect(start, 'README has a "## Testing with vitest" section').toBeGreaterThanOrEqual(0)
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start))?.[1]
  const example = read("./readme-example.test.ts")
    .replace(/^\/\/.*\n/, "")
    .replace('from "../../src/vitest/index.js"', 'from "authtable/vitest"')
  expect(block).toBe(example)
})
