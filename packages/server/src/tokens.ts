import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What {@link TokenIssuer.verify} found in a bearer token. */
export type TokenCheck = 'valid' | 'expired' | 'invalid';

/**
 * Short-lived bearer tokens, as PISTE's OAuth2 client-credentials flow hands them out. A token
 * carries its own expiry and an HMAC of it: any instance that shares the secret accepts it, so
 * no token store is needed behind a load balancer.
 */
export class TokenIssuer {
  private readonly secret: Buffer;
  /** Seconds a token stays valid. */
  readonly ttlSeconds: number;

  constructor(secret: string | null, ttlSeconds: number) {
    this.secret = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
    this.ttlSeconds = ttlSeconds;
  }

  /** Issues a token valid `ttlSeconds` from `now` (ms). */
  issue(now = Date.now()): string {
    const payload = `${Math.floor(now / 1000) + this.ttlSeconds}.${randomBytes(9).toString('base64url')}`;
    return `${payload}.${this.sign(payload)}`;
  }

  /** Checks a token's signature, then its expiry. */
  verify(token: string, now = Date.now()): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return 'invalid';
    const payload = `${parts[0]}.${parts[1]}`;
    const given = Buffer.from(parts[2]!, 'base64url');
    const expected = Buffer.from(this.sign(payload), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return Number(parts[0]) * 1000 > now ? 'valid' : 'expired';
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
