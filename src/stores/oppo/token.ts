/**
 * OPPO access tokens. A token lives 48 h and asking for a new one kills the previous one within
 * 5 minutes [src: stores/oppo.md §2.3; yimenapp 10823], so one token is shared by every process
 * on the machine through ctx.cache (on disk, per client id), fetched under the cache's lock with
 * the cache read again once the lock is held, and refreshed 10 minutes before it expires [src: U6].
 */
import { parseStoreJson } from '../../http/json.js';
import { CachedToken } from '../kit/token.js';
import type { CachedTokenEntry, StoreContext } from '../types.js';
import type { OppoConfig } from './config.js';
import { badAnswer, storeMessage, tokenError } from './errors.js';
import { envelopeSchema, tokenDataSchema } from './schemas.js';

const STORE = 'oppo';
export const TOKEN_REFRESH_MARGIN_MS = 10 * 60_000;
/** Below this, expire_in cannot be an absolute time (it would be before 2001): read it as a duration. */
const ABSOLUTE_TIME_FLOOR_S = 1_000_000_000;

/** OPPO's token, cached per store + endpoint + client id (src/stores/kit/token.ts). */
export class OppoTokens {
  private readonly cached: CachedToken;

  constructor(
    private readonly ctx: StoreContext<OppoConfig>,
    private readonly baseUrl: string,
  ) {
    this.cached = new CachedToken({
      key: { store: STORE, endpoint: `${baseUrl}/developer/v1/token`, clientId: ctx.config.clientId },
      cache: ctx.cache,
      clock: ctx.clock,
      signal: ctx.signal,
      addSecret: ctx.addSecret,
      fetch: () => this.fetch(),
      refreshMarginMs: TOKEN_REFRESH_MARGIN_MS,
    });
  }

  get(): Promise<string> {
    return this.cached.get();
  }

  renew(rejected: string): Promise<string> {
    return this.cached.renew(rejected);
  }

  /** GET /developer/v1/token?client_id&client_secret [src: stores/oppo.md §2.3]. */
  private async fetch(): Promise<CachedTokenEntry> {
    const { http, config, clock, signal } = this.ctx;
    const response = await http.send(
      () => {
        const url = new URL(`${this.baseUrl}/developer/v1/token`);
        url.searchParams.set('client_id', config.clientId);
        url.searchParams.set('client_secret', config.clientSecret);
        return { method: 'GET', url };
      },
      { idempotent: true, headersTimeoutMs: 60_000, signal },
    );
    const envelope = envelopeSchema.safeParse(parseStoreJson(response, STORE, 'OPPO token'));
    if (!envelope.success) throw badAnswer('token', 'no errno in the answer');
    if (envelope.data.errno !== 0) throw tokenError(envelope.data.errno, storeMessage(envelope.data));
    const data = tokenDataSchema.safeParse(envelope.data.data);
    if (!data.success) throw badAnswer('token', 'no access_token / expire_in in data');
    const { access_token: token, expire_in: expireIn } = data.data;
    this.ctx.addSecret(token);
    // expire_in is an ABSOLUTE Unix time in seconds [src: APKGO-OP-TR; U5].
    const expiresAt = expireIn >= ABSOLUTE_TIME_FLOOR_S ? expireIn * 1000 : clock.now() + expireIn * 1000;
    return { token, expiresAt };
  }
}
