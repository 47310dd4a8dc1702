// The project's own test setup. The authtable/vitest integration (one emulator per worker,
// reset before each test) is wired in here once it exists; see src/vitest.
export {}
