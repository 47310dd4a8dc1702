import { readFileSync } from "node:fs"
import { join } from "node:path"
import { repoRoot } from "./_apps.js"

/** The README's Next.js walkthrough, as a newcomer reads it: its files and its commands. */
export interface Walkthrough {
  /** The code blocks labelled with a file name (`// auth.ts` on their first line), by path. */
  files: Map<string, string>
  /** Every line of its `sh` blocks, comments and blank lines left out. */
  commands: string[]
  /** The one command line that starts with `prefix`; throws when there is none or several. */
  command(prefix: string): string
}

/** The heading of the README section a newcomer follows to a signed-in app. */
export const walkthroughHeading = "Next.js and Auth.js, step by step"

/** Reads the walkthrough out of README.md (up to its first `### ` subsection, the v4 variant). */
export function readWalkthrough(readme = readFileSync(join(repoRoot, "README.md"), "utf8")) {
  const start = readme.indexOf(`\n## ${walkthroughHeading}\n`)
  if (start === -1) throw new Error(`README.md has no "## ${walkthroughHeading}" section`)
  const ends = [readme.indexOf("\n## ", start + 1), readme.indexOf("\n### ", start + 1)]
  const end = Math.min(...ends.map((index) => (index === -1 ? readme.length : index)))
  const text = readme.slice(start, end)

  const files = new Map<string, string>()
  const commands: string[] = []
  for (const [, language, body = ""] of text.matchAll(/```(\w+)\n([\s\S]*?)```/g)) {
    const label = /^\/\/ ([\w./[\]-]+\.[a-z]+)\n/.exec(body)
    if (label?.[1] && (language === "ts" || language === "tsx")) {
      files.set(label[1], body.slice(label[0].length))
    } else if (language === "sh") {
      commands.push(...body.split("\n").filter((line) => line.trim() && !line.startsWith("#")))
    }
  }
  const walkthrough: Walkthrough = {
    files,
    commands,
    command(prefix) {
      const found = commands.filter((line) => line.startsWith(prefix))
      if (found.length !== 1) {
        throw new Error(`the walkthrough has ${found.length} commands starting "${prefix}"`)
      }
      return found[0] as string
    },
  }
  return walkthrough
}
