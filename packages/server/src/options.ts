import { DEFAULT_LIMITS, listReleases, type DepositContext, type Limits, type LoadedConfig } from '@chorus-precheck/core/node';

/** Options of {@link createServer}. */
export interface ServerOptions {
  /** The Chorus Pro release checked against when a request names none (default: the latest encoded). */
  release?: string;
  /** A loaded `chorus-precheck.config.json`: default context, severity overrides, catalogue overlay, limits, language. */
  config?: LoadedConfig | null;
  /** The language of the emulated Chorus Pro API's messages (default: the configuration's, else French). */
  lang?: 'fr' | 'en';
  /** The most deposits kept in memory (default 10 000). */
  maxDeposits?: number;
  /** How long a deposit's report is kept, in seconds (default 3 600). */
  depositTtlSeconds?: number;
  /** How long a bearer token is valid, in seconds (default 3 600, as PISTE's). */
  tokenTtlSeconds?: number;
  /** The secret that signs tokens; instances sharing it accept each other's tokens (default: random per process). */
  tokenSecret?: string | null;
  /** The longest a check may take, in ms (default 30 000). */
  checkTimeoutMs?: number;
  /** Fastify's logger (default: off). */
  logger?: boolean;
}

/**
 * The server's default input size: an HTTP body is held in memory, so the core's 1 GB bound on
 * one input (Chorus Pro's bound on an E1 flow) is lowered to 30 MB, the compressed size an API
 * flow may have (Chorus Pro's external specifications, annex on the API services, as cited by
 * third-party clients: [third-party]). A configuration's `limits.maxInputBytes` overrides it.
 */
export const SERVER_MAX_INPUT_BYTES = 30 * 1024 * 1024;

/** The options once defaults are applied. */
export interface Settings {
  release: string;
  releases: string[];
  context: DepositContext;
  lang: 'fr' | 'en';
  limits: Limits;
  /** The HTTP body limit: a base64 file of `maxInputBytes` in a JSON body, with room for the other fields. */
  bodyLimit: number;
  overrides: { catalogue: Record<string, unknown> | null; severity: Record<string, 'error' | 'warning' | 'info' | 'off'> };
  maxDeposits: number;
  depositTtlMs: number;
  tokenTtlSeconds: number;
  tokenSecret: string | null;
  checkTimeoutMs: number;
}

/** Thrown for options the server cannot start with (an unknown release, a bad number). */
export class ServerOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerOptionsError';
  }
}

/** Applies the defaults and checks the options. */
export function resolveSettings(options: ServerOptions): Settings {
  const releases = listReleases().map((r) => r.id);
  const config = options.config ?? null;
  const release = options.release ?? config?.context.release ?? releases.at(-1)!;
  if (!releases.includes(release)) throw new ServerOptionsError(`unknown Chorus Pro release "${release}"; known: ${releases.join(', ')}`);
  const limits: Limits = { ...DEFAULT_LIMITS, maxInputBytes: SERVER_MAX_INPUT_BYTES, ...config?.limits };
  const positive = (name: string, value: number | undefined, fallback: number): number => {
    const v = value ?? fallback;
    if (!Number.isFinite(v) || v <= 0) throw new ServerOptionsError(`${name} must be a positive number; got ${String(value)}`);
    return v;
  };
  return {
    release,
    releases,
    context: { ...config?.context, release },
    lang: options.lang ?? config?.lang ?? 'fr',
    limits,
    bodyLimit: Math.ceil(limits.maxInputBytes / 3) * 4 + 64 * 1024,
    overrides: { catalogue: config?.catalogue ?? null, severity: config?.severity ?? {} },
    maxDeposits: positive('maxDeposits', options.maxDeposits, 10_000),
    depositTtlMs: positive('depositTtlSeconds', options.depositTtlSeconds, 3_600) * 1000,
    tokenTtlSeconds: positive('tokenTtlSeconds', options.tokenTtlSeconds, 3_600),
    tokenSecret: options.tokenSecret ?? null,
    checkTimeoutMs: positive('checkTimeoutMs', options.checkTimeoutMs, 30_000),
  };
}
