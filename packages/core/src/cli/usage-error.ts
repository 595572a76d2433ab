/** An error in how the CLI was called (exit code 2): bad option, no input, invalid configuration. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The exit codes of the CLI. */
export const EXIT = {
  /** No error found (warnings within --max-warnings). */
  ok: 0,
  /** Errors found, unreadable input included, or more warnings than --max-warnings. */
  problems: 1,
  /** The command line or the configuration is wrong. */
  usage: 2,
  /** A bug: an unexpected exception (sysexits EX_SOFTWARE). */
  internal: 70,
} as const;
