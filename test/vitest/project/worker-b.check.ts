import { workerChecks } from "./_worker-checks.js"

workerChecks("b")
