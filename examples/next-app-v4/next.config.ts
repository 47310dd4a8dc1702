import { join } from "node:path"
import type { NextConfig } from "next"

const nextConfig: NextConfig = {
  // authtable is linked from the repository root (file:../..); outside this repository,
  // install it from npm and drop both settings.
  turbopack: { root: join(__dirname, "..", "..") },
  serverExternalPackages: ["authtable"],
}

export default nextConfig
