import { repoRoot } from "./_apps.js"
import { type Started, start } from "./_processes.js"

/** A running `npm run dev:ddb`, with what its ready banner printed. */
export interface DevDdb {
  process: Started
  /** The env block of the banner: AWS_ENDPOINT_URL_DYNAMODB and friends. */
  env: Record<string, string>
  endpoint: string
  inspectorUrl: string
}

/** `npm run dev:ddb -- --memory --port 0`: in memory, on a free port of 127.0.0.1. */
export async function startDevDdb(): Promise<DevDdb> {
  const server = start(
    "dev:ddb",
    "npm",
    ["run", "--silent", "dev:ddb", "--", "--memory", "--port", "0"],
    {
      cwd: repoRoot,
    },
  )
  try {
    const [, inspectorUrl = ""] = await server.waitFor(/^\s*Inspector\s+(\S+)/m, 30_000)
    // The env block ends at the first blank line after it starts.
    const [block = ""] = await server.waitFor(/^AWS_ENDPOINT_URL_DYNAMODB=[\s\S]*?\n\s*\n/m, 5_000)
    const env = Object.fromEntries(
      block
        .trim()
        .split("\n")
        .map((line) => line.split(/=(.*)/s, 2) as [string, string]),
    )
    const endpoint = env.AWS_ENDPOINT_URL_DYNAMODB
    if (!endpoint) throw new Error(`dev:ddb printed no endpoint:\n${server.output()}`)
    return { process: server, env, endpoint, inspectorUrl }
  } catch (error) {
    await server.stop()
    throw error
  }
}
