import { workerChecks } from "./_worker-checks.js"

workerChecks("a")
