import { readFile, stat, writeFile } from "node:fs/promises"
import { dirname, resolve } from "node:path"
import { AuthTableError } from "../adapter/index.js"

/** What {@link writeEnvFile} did. */
export interface EnvFileChange {
  created: boolean
  /** Keys whose line was rewritten in place. */
  updated: string[]
  /** Keys appended at the end of the file. */
  added: string[]
}

const assignment = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\s*=)/

/**
 * Writes `env` into a dotenv file such as `.env.local`: a line that sets one of its keys is
 * rewritten in place (keeping an `export ` prefix), missing keys are appended under a comment,
 * and every other line (comments, blank lines, other keys) stays byte for byte. Creates the file
 * when it is missing; its folder must exist ({@link checkEnvFileFolder}).
 */
export async function writeEnvFile(
  path: string,
  env: Readonly<Record<string, string>>,
): Promise<EnvFileChange> {
  let text: string
  let created = false
  try {
    text = await readFile(path, "utf8")
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error
    text = ""
    created = true
  }
  const eol = text.includes("\r\n") ? "\r\n" : "\n"
  const lines = text.length === 0 ? [] : text.split(/\r?\n/)
  // A file that ends with a newline splits into a last empty string; keep it last.
  const trailing = lines.at(-1) === "" ? lines.pop() : undefined

  const updated = new Set<string>()
  const rewritten = lines.map((line) => {
    const match = assignment.exec(line)
    const key = match?.[2]
    if (!match || key === undefined || !Object.hasOwn(env, key)) return line
    updated.add(key)
    return `${match[1]}${key}${match[3]}${env[key]}`
  })
  const added = Object.keys(env).filter((key) => !updated.has(key))
  if (added.length > 0) {
    if (rewritten.length > 0 && rewritten.at(-1)?.trim() !== "") rewritten.push("")
    rewritten.push("# Local DynamoDB for next-auth / Auth.js (authtable dev)")
    for (const key of added) rewritten.push(`${key}=${env[key]}`)
  }
  const next = rewritten.join(eol) + (trailing !== undefined || added.length > 0 ? eol : "")
  if (next !== text) await writeFile(path, next)
  return { created, updated: [...updated], added }
}

/**
 * `--write-env` creates the file but never a folder: a typo in the folder (`apps/wbe/.env.local`)
 * fails here, before the server starts, instead of writing where no app reads it.
 * @throws AuthTableError `INVALID_OPTIONS` naming the folder.
 */
export async function checkEnvFileFolder(path: string): Promise<void> {
  const folder = dirname(resolve(path))
  const found = await stat(folder).catch(() => undefined)
  if (found?.isDirectory()) return
  throw new AuthTableError(
    "INVALID_OPTIONS",
    `Could not write the env block to ${path}: the folder ${folder} ${found ? "is a file" : "does not exist"}. Check the path, or create the folder first; --write-env creates the file, never folders.`,
  )
}
