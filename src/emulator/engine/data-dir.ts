import { constants } from "node:fs"
import { access, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises"
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

/** The store's read failure (a damaged table file), as an error that names the dir and the fix. */
export function dataDirReadError(path: string, error: unknown): AuthTableError {
  return new AuthTableError(
    "DATA_DIR",
    `Could not read the store in dataDir "${path}": it is damaged (${(error as Error).message}). Stop every process using it, move the directory aside (or delete it if the data does not matter) and start again: a new store is created.`,
    { cause: error },
  )
}

const blockSize = 32 * 1024
const headerSize = 7

/**
 * LevelDB replays its write-ahead log on open and silently drops a record torn by a crash or a
 * kill during a write: the writes in it are lost. This reads the log files' record headers
 * (LevelDB's log format: 32 KB blocks of records, each `crc32c(4) length(2) type(1)` + data) and
 * says when the last record is incomplete, before the store opens and discards it.
 * @returns a warning for the developer, or `undefined`.
 */
export async function tornLogWarning(path: string): Promise<string | undefined> {
  const logs = (await readdir(path).catch(() => [])).filter((name) => name.endsWith(".log"))
  for (const name of logs) {
    const bytes = await readFile(resolve(path, name)).catch(() => undefined)
    if (!bytes || !isTorn(bytes)) continue
    return `The store in dataDir "${path}" was not closed cleanly and its write-ahead log (${name}) ends in a torn record: LevelDB drops it on open, so the last write(s) before the stop are lost. Everything written before them is kept. Stop authtable dev with Ctrl-C (it then closes the store) to avoid this.`
  }
  return undefined
}

/** Whether a LevelDB log ends inside a record (or inside a fragmented write). */
export function isTorn(bytes: Buffer): boolean {
  let position = 0
  let inFragment = false
  while (position < bytes.length) {
    const left = blockSize - (position % blockSize)
    if (left < headerSize) {
      position += left
      continue
    }
    if (position + headerSize > bytes.length) return bytes.subarray(position).some((b) => b !== 0)
    const length = bytes.readUInt16LE(position + 4)
    const type = bytes[position + 6]
    if (type === 0 && length === 0) {
      // Zeroes: preallocated space at the end of the file, never a record.
      return inFragment
    }
    if (position + headerSize + length > bytes.length) return true
    if (type === 2) inFragment = true
    else if (type === 4 || type === 1) inFragment = false
    position += headerSize + length
  }
  return inFragment
}
