import type { DepositContext } from '../context.js';
import type { LocalizedText, Severity } from '../diagnostics/diagnostic.js';
import type { Limits } from '../limits.js';

/**
 * The content of a `chorus-precheck.config.json` file, as its published JSON Schema
 * (`@chorus-precheck/core/schema/config.schema.json`) describes it.
 */
export interface ChorusPrecheckConfig {
  $schema?: string;
  /** The default deposit context; command-line options override it field by field. */
  context?: DepositContext;
  lang?: 'fr' | 'en';
  /** Severity overrides by rule id; `off` turns a rule off. */
  severity?: Record<string, Severity | 'off'>;
  /** A catalogue overlay, inline or as a path relative to the configuration file. */
  catalogue?: string | Record<string, unknown>;
  limits?: Partial<Limits>;
  /** Every XML schema finding an error (the `structure/*` rules), for full conformance. */
  strict?: boolean;
}

/** A configuration once loaded: the catalogue overlay read when it was given as a path. */
export interface LoadedConfig {
  /** Absolute path of the file it was read from. */
  file: string;
  context: DepositContext;
  lang?: 'fr' | 'en';
  severity: Record<string, Severity | 'off'>;
  catalogue: Record<string, unknown> | null;
  limits: Partial<Limits>;
  /** `strict: true` as given (absent otherwise). */
  strict?: boolean;
}

/** The error thrown for a configuration file that cannot be read or does not follow its schema. */
export class ConfigError extends Error {
  /** Stable code: `CONFIG_UNREADABLE`, `CONFIG_NOT_JSON` or `CONFIG_INVALID`. */
  readonly code: 'CONFIG_UNREADABLE' | 'CONFIG_NOT_JSON' | 'CONFIG_INVALID';

  /** The message in French and in English (`message` is the English one). */
  readonly messages: LocalizedText;

  /** `message` is the English text, or both texts; an English-only text is used for French too. */
  constructor(code: ConfigError['code'], message: string | LocalizedText) {
    const messages = typeof message === 'string' ? { fr: message, en: message } : message;
    super(messages.en);
    this.name = 'ConfigError';
    this.code = code;
    this.messages = messages;
  }
}
