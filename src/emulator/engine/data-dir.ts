import { constants } from "node:fs"
import { access, mkdir, readdir, stat, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { AuthTableError } from "../../adapter/index.js"

/**
 * Checks `dataDir` before the store opens it, so a wrong path fails with a message that names
 * the fix instead of a LevelDB error. The rule: the path is created when missing (with a
 * `.gitignore` of `*`, so the store never shows up in `git status`, as tools' caches do); an existing
 * path must be a writable directory that is either empty (dotfiles aside) or a LevelDB store
 * (it has a `CURRENT` file). Anything else is refused rather than written into.
 * @returns the absolute path.
 */
export async function prepareDataDir(dataDir: string): Promise<string> {
  const path = resolve(dataDir)
  const fail = (reason: string, fix: string, cause?: unknown) =>
    new AuthTableError("DATA_DIR", `Could not use dataDir "${path}": ${reason}. ${fix}`, { cause })
  const elsewhere = "Pass a new or empty directory, or the dataDir of an earlier authtable store."

  const found = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return undefined
    throw fail(`it cannot be read (${error.code})`, elsewhere, error)
  })
  if (!found) {
    await mkdir(path, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw fail(`it cannot be created (${error.code})`, "Pass a path you can write to.", error)
    })
    await writeFile(join(path, ".gitignore"), "# authtable's local DynamoDB store\n*\n")
    return path
  }
  if (!found.isDirectory()) throw fail("it is a file, not a directory", elsewhere)
  await access(path, constants.W_OK).catch((error: NodeJS.ErrnoException) => {
    throw fail(
      `it is not writable (${error.code})`,
      "Make it writable, or pass another dataDir.",
      error,
    )
  })
  const entries = (await readdir(path)).filter((name) => !name.startsWith("."))
  if (entries.length > 0 && !entries.includes("CURRENT")) {
    throw fail(
      `it holds other files (${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", …" : ""}) and no LevelDB store (no CURRENT file)`,
      elsewhere,
    )
  }
  return path
}

/** Turns the store's open failure into an error that names the fix. */
export function dataDirOpenError(path: string, error: unknown): AuthTableError {
  const cause = (error as { cause?: { code?: string } }).cause
  if (cause?.code === "LEVEL_LOCKED") {
    return new AuthTableError(
      "DATA_DIR",
      `Could not use dataDir "${path}": another process holds its lock (an authtable emulator or \`npm run dev:ddb\` on the same directory). Stop it, or pass another dataDir.`,
      { cause: error },
    )
  }
  return new AuthTableError(
    "DATA_DIR",
    `Could not use dataDir "${path}": the store does not open (${(error as Error).message}${cause?.code ? `, ${cause.code}` : ""}). Pass a new or empty directory, or the dataDir of an earlier authtable store.`,
    { cause: error },
  )
}
