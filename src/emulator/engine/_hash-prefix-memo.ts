/**
 * dynalite places every item and index entry under an MD5 of its key (db/index.js, hashPrefix):
 * a new hash object per key, several keys per write, a tenth of a write's time. The same keys
 * come again and again (a session is written, read, updated, deleted), so this loads dynalite's
 * store module with hashPrefix memoised: the same six hex digits for the same key, without MD5.
 * It must be the module's first load, so that dynalite's actions get it too; when something
 * loaded dynalite before, the module is left as it is (only slower).
 */
import { readFileSync } from "node:fs"
import Module from "node:module"
import { dirname } from "node:path"

const header = "function hashPrefix (hashKey, hashType, rangeKey, rangeType) {"

/** Keys remembered before the memo starts again (a test suite uses a few thousand). */
const maxKeys = 20_000

/** dynalite's db/index.js with hashPrefix memoised; `undefined` when its shape is not known. */
export function withHashPrefixMemo(source: string): string | undefined {
  if (source.split(header).length !== 2) return undefined
  // The key spells the type and length of the partition key value, so no two keys collide.
  const memo = `var hashPrefixMemo = new Map()
${header}
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
  return source.replace(header, memo)
}

interface CompilableModule extends Module {
  _compile(source: string, filename: string): void
}

/** Loads dynalite's db module with {@link withHashPrefixMemo}, unless it is loaded already. */
export function installHashPrefixMemo(dynaliteRequire: NodeJS.Require): void {
  const path = dynaliteRequire.resolve("dynalite/db")
  if (dynaliteRequire.cache[path]) return
  const source = withHashPrefixMemo(readFileSync(path, "utf8"))
  if (source === undefined) return
  const module = new Module(path) as CompilableModule
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
