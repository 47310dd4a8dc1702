import { sharedChecks } from "./_shared-checks.js"

sharedChecks("a")
