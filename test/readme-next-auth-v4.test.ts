import { execFile } from "node:child_process"
import { rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { promisify } from "node:util"
import { expect, test } from "vitest"
import { readme } from "./_readme.js"

const root = join(import.meta.dirname, "..")

// The README's next-auth v4 route, compiled as Next.js compiles an app (bundler resolution)
// against next-auth 4.24, with its imports pointed at src/.
test("the README's next-auth v4 route type-checks against next-auth 4", async () => {
  const start = readme.indexOf("\n### next-auth v4\n")
  expect(start).toBeGreaterThan(0)
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start))?.[1] ?? ""
  expect(block).toMatch(/^\/\/ pages\/api\/auth\/\[\.\.\.nextauth\]\.ts\n/)
  const file = join(root, "test", `_readme-next-auth-v4-${process.pid}.ts`)
  await writeFile(
    file,
    block
      .replace('"authtable/adapter"', '"../src/adapter/index.js"')
      .replace('"authtable/mailbox"', '"../src/mailbox/index.js"'),
  )
  try {
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc")
    const options = "--noEmit --skipLibCheck --strict --module esnext --moduleResolution bundler"
    const result = await promisify(execFile)(
      process.execPath,
      [tsc, ...options.split(" "), "--target", "es2022", "--types", "node", file],
      { cwd: root },
    ).catch((error: { stdout: string }) => error)
    expect(result.stdout).toBe("")
  } finally {
    await rm(file, { force: true })
  }
}, 90_000)
