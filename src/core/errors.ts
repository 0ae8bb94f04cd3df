/**
 * A mistake the user can fix (bad flag, invalid catalog, missing secret):
 * printed as a clean message, exit 1 (or 2 for usage). Anything else is a bug
 * and keeps its stack trace.
 */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}
