import { existsSync, readFileSync } from "node:fs"
import { expect, test } from "vitest"
import { endpointEnv } from "../src/emulator/env.js"
import { codeBlock, readme, section } from "./_readme.js"

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8")

test("the README's tests in 20 lines are readme-quick-start.test.ts, which the suite runs", () => {
  const example = read("./readme-quick-start.test.ts")
    .replace(/^\/\/.*\n/, "")
    .replace('from "../src/index.js"', 'from "authtable"')
  expect(codeBlock(section("Tests in 20 lines"), "ts")).toBe(example)
})

test("the README gives the two commands and the app's command", () => {
  expect(readme).toContain("npm install && npm run dev:ddb")
  expect(readme).toContain("npm test")
  expect(codeBlock(section("Next.js and Auth.js, step by step"), "sh")).toContain(
    "npm install -D authtable",
  )
  expect(readme).toContain("```sh\nnpx authtable dev --write-env .env.local\n```")
})

test("the walkthrough's env lines are the first lines the banner prints for port 8000", () => {
  const walkthrough = section("Next.js and Auth.js, step by step")
  const block = walkthrough.match(/```sh\n(AWS_ENDPOINT_URL_DYNAMODB=[^`]+)```/)?.[1]
  const lines = Object.entries(endpointEnv("http://127.0.0.1:8000")).map(([k, v]) => `${k}=${v}`)
  expect(block?.trim().split("\n")).toEqual(lines.slice(0, 4))
})

test("the README stays a newcomer's page and every page it links exists", () => {
  expect(readme.split("\n").length).toBeLessThan(320)
  const links = [...readme.matchAll(/\]\(((?:docs|examples)\/[^)#]+)/g)].map((m) => m[1] as string)
  expect(links.length).toBeGreaterThanOrEqual(7)
  for (const link of new Set(links)) {
    expect(existsSync(new URL(`../${link}`, import.meta.url)), link).toBe(true)
  }
})
