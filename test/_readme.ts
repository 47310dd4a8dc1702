import { readFileSync } from "node:fs"
import { expect } from "vitest"

/** The repository's README, which several tests hold to the code. */
export const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")

/** The text of the README's `## heading` section, up to the next `## ` heading. */
export function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`)
  expect(start, `README has a "## ${heading}" section`).toBeGreaterThanOrEqual(0)
  const end = readme.indexOf("\n## ", start + 1)
  return readme.slice(start, end === -1 ? undefined : end)
}

/** The first code block in `language` of `text` (a section). */
export function codeBlock(text: string, language: string): string {
  const match = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(text)
  expect(match, `a \`\`\`${language} block`).not.toBeNull()
  return match![1]!
}
