import { join } from "node:path"
import type { NextConfig } from "next"

const nextConfig: NextConfig = {
  // authtable is linked from the repository root (file:../..), and lib/auth.ts shares the dev
  // mailbox with ../next-app; outside this repository, install authtable from npm, copy the
  // mailbox and drop both settings.
  turbopack: { root: join(__dirname, "..", "..") },
  serverExternalPackages: ["authtable"],
}

export default nextConfig
