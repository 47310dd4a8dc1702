import { readFileSync } from "node:fs"
import { expect, test } from "vitest"
import { codeBlock, doc, section } from "../_readme.js"

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8")

test("the README's vitest example is readme-example.test.ts, which the suite runs", () => {
  const example = read("./readme-example.test.ts")
    .replace(/^\/\/.*\n/, "")
    .replace('from "../../src/vitest/index.js"', 'from "authtable/vitest"')
  expect(codeBlock(section("Testing with vitest", doc("testing")), "ts")).toBe(example)
})
