import { readFileSync } from "node:fs"
import { expect, test } from "vitest"
import { codeBlock, readme, section } from "./_readme.js"

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8")

test("the README's quick start for tests is readme-quick-start.test.ts, which the suite runs", () => {
  const example = read("./readme-quick-start.test.ts")
    .replace(/^\/\/.*\n/, "")
    .replace('from "../src/index.js"', 'from "authtable"')
  expect(codeBlock(section("Quick start"), "ts")).toBe(example)
})

test("the README gives the two commands", () => {
  expect(readme).toContain("npm install && npm run dev:ddb")
  expect(readme).toContain("npm test")
})
