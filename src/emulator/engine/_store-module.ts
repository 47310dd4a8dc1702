/**
 * dynalite's store module (db/index.js), loaded with three changes that keep what it does:
 *
 * - Every item and index entry lives under an MD5 of its key (hashPrefix): a new hash object per
 *   key, several keys per write, a tenth of a write's time. The same keys come again and again
 *   (a session is written, read, updated, deleted), so hashPrefix is memoised: the same six hex
 *   digits for the same key, without MD5.
 * - It requires `level` (LevelDB on disk, a native addon) at the top, for every store; here it
 *   is required when a store on disk is opened, so an in-memory emulator (a test worker) skips
 *   loading it.
 * - An in-memory store is the engine's MemoryStore (store/memory-store.ts) instead of
 *   memory-level: the same abstract-level database on a B+ tree of strings.
 *
 * It must be the module's first load, so that dynalite's actions get it too; when something
 * loaded dynalite before, the module is left as it is (only slower). A change whose text is not
 * found (another dynalite) is left out.
 */
import { readFileSync } from "node:fs"
import Module from "node:module"
import { dirname } from "node:path"
import { MemoryStore } from "./store/memory-store.js"

const hashPrefixHeader = "function hashPrefix (hashKey, hashType, rangeKey, rangeType) {"

/** Keys remembered before the memo starts again (a test suite uses a few thousand). */
const maxKeys = 20_000

/** db/index.js with hashPrefix memoised, when its text is the one known. */
export function withHashPrefixMemo(source: string): string {
  if (source.split(hashPrefixHeader).length !== 2) return source
  // The key spells the type and length of the partition key value, so no two keys collide.
  const memo = `var hashPrefixMemo = new Map()
${hashPrefixHeader}
  var key = hashType + String(hashKey).length + ':' + hashKey + (rangeKey ? rangeType + rangeKey : '')
  var prefix = hashPrefixMemo.get(key)
  if (prefix === undefined) {
    if (hashPrefixMemo.size >= ${maxKeys}) hashPrefixMemo.clear()
    prefix = hashPrefixOfKey(hashKey, hashType, rangeKey, rangeType)
    hashPrefixMemo.set(key, prefix)
  }
  return prefix
}

function hashPrefixOfKey (hashKey, hashType, rangeKey, rangeType) {`
  return source.replace(hashPrefixHeader, memo)
}

const levelImport = "  { Level } = require('level'),\n"
const levelUse = "new Level(options.path, "

/** db/index.js requiring `level` where a store on disk is opened, when its text is the one known. */
export function withLazyLevel(source: string): string {
  if (source.split(levelImport).length !== 2 || source.split(levelUse).length !== 2) return source
  return source
    .replace(levelImport, "")
    .replace(levelUse, "new (require('level').Level)(options.path, ")
}

const memoryLevelImport = "  { MemoryLevel } = require('memory-level'),\n"
const memoryLevelUse = "new MemoryLevel({ valueEncoding: 'json' })"

/**
 * db/index.js keeping an in-memory store in the engine's {@link MemoryStore} (which the loader
 * puts on the module as `memoryStore`) instead of memory-level, when its text is the one known.
 */
export function withMemoryStore(source: string): string {
  if (source.split(memoryLevelImport).length !== 2 || source.split(memoryLevelUse).length !== 2) {
    return source
  }
  return source
    .replace(memoryLevelImport, "  MemoryStore = module.memoryStore,\n")
    .replace(memoryLevelUse, "new MemoryStore({ valueEncoding: 'json' })")
}

interface CompilableModule extends Module {
  _compile(source: string, filename: string): void
}

/** Loads dynalite's db module with its changes, unless it is loaded already. */
export function loadStoreModule(dynaliteRequire: NodeJS.Require): void {
  const path = dynaliteRequire.resolve("dynalite/db")
  if (dynaliteRequire.cache[path]) return
  const source = withMemoryStore(withLazyLevel(withHashPrefixMemo(readFileSync(path, "utf8"))))
  const module = new Module(path) as CompilableModule & { memoryStore: typeof MemoryStore }
  module.memoryStore = MemoryStore
  module.filename = path
  module.paths = (
    Module as unknown as { _nodeModulePaths(dir: string): string[] }
  )._nodeModulePaths(dirname(path))
  dynaliteRequire.cache[path] = module
  try {
    module._compile(source, path)
    module.loaded = true
  } catch (error) {
    delete dynaliteRequire.cache[path]
    throw error
  }
}
