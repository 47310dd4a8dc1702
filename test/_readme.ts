import { readFileSync } from "node:fs"
import { expect } from "vitest"

/** The repository's README, which several tests hold to the code. */
export const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")

/** A page of `docs/` (`doc("dev-server")` is docs/dev-server.md), held to the code like the README. */
export function doc(name: string): string {
  return readFileSync(new URL(`../docs/${name}.md`, import.meta.url), "utf8")
}

/** The text of the `## heading` section of `text` (the README by default), up to the next `## `. */
export function section(heading: string, text: string = readme): string {
  const start = text.indexOf(`\n## ${heading}\n`)
  expect(start, `a "## ${heading}" section`).toBeGreaterThanOrEqual(0)
  const end = text.indexOf("\n## ", start + 1)
  return text.slice(start, end === -1 ? undefined : end)
}

/** The first code block in `language` of `text` (a section). */
export function codeBlock(text: string, language: string): string {
  const match = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(text)
  expect(match, `a \`\`\`${language} block`).not.toBeNull()
  return match![1]!
}
