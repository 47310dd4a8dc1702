import { readdir, writeFile } from "node:fs/promises"
import { join } from "node:path"

/**
 * Records `value` for `phase` under this file's id, then waits until both files of the run
 * have recorded theirs: proof that the two files run at the same time.
 */
export async function rendezvous(phase: string, id: string, value: string): Promise<void> {
  const dir = process.env.AUTHTABLE_CHECK_DIR
  if (!dir)
    throw new Error("AUTHTABLE_CHECK_DIR is not set: run this through test/vitest/*.test.ts")
  await writeFile(join(dir, `${phase}.${id}`), value)
  const deadline = Date.now() + 20_000
  while ((await readdir(dir)).filter((name) => name.startsWith(`${phase}.`)).length < 2) {
    if (Date.now() > deadline) throw new Error(`the other file never reached "${phase}"`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
