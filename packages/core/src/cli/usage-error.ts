import type { LocalizedText } from '../diagnostics/diagnostic.js';

/**
 * An error in how the CLI was called (exit code 2): bad option, no input, invalid configuration.
 * It carries its text in both languages; `message` is the English one.
 */
export class UsageError extends Error {
  /** The message in French and in English: the CLI prints the one of the run's language. */
  readonly messages: LocalizedText;

  constructor(messages: LocalizedText) {
    super(messages.en);
    this.name = 'UsageError';
    this.messages = messages;
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
