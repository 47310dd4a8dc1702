/** Stable codes carried by every {@link AuthTableError}. */
export type AuthTableErrorCode =
  | "INVALID_OPTIONS"
  | "TABLE_NOT_FOUND"
  | "TABLE_NOT_READY"
  | "INDEX_NOT_FOUND"
  | "NOT_FOUND"
  | "THROTTLED"
  | "PORT_IN_USE"
  | "DATA_DIR"
  | "START_FAILED"
  | "STOPPED"
  | "NOT_SET_UP"
  | "UNREACHABLE"

/**
 * The one error class authtable throws for failures a user can act on. The message follows
 * `[authtable] Could not <action>: <reason>. <what to do>`; `code` is stable across releases.
 *
 * @example
 * try { await adapter.updateAuthenticatorCounter("nope", 1) }
 * catch (error) { if (error instanceof AuthTableError && error.code === "NOT_FOUND") … }
 */
export class AuthTableError extends Error {
  override readonly name = "AuthTableError"
  readonly code: AuthTableErrorCode

  constructor(code: AuthTableErrorCode, message: string, options?: { cause?: unknown }) {
    super(message.startsWith("[authtable]") ? message : `[authtable] ${message}`, options)
    this.code = code
  }
}
