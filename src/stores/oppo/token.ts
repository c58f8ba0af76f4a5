/**
 * OPPO access tokens. A token lives 48 h and asking for a new one kills the previous one within
 * 5 minutes [src: stores/oppo.md §2.3; yimenapp 10823], so one token is shared by every process on
 * the machine: the kit's CachedToken, keyed by store + token endpoint + client id, refreshed 10
 * minutes before it expires [src: U6].
 */
import { CachedToken, parseAnswer, readJson } from '../kit/index.js';
import type { CachedTokenEntry, StoreContext } from '../types.js';
import type { OppoConfig } from './config.js';
import { storeMessage, tokenError } from './errors.js';
import { envelopeSchema, tokenDataSchema } from './schemas.js';

/** Below this, expire_in cannot be an absolute time (it would be before 2001): read it as a duration. */
const ABSOLUTE_TIME_FLOOR_S = 1_000_000_000;
const SOURCE = { store: 'oppo', what: 'token', secret: true } as const;

export function oppoTokens(ctx: StoreContext<OppoConfig>): CachedToken {
  const endpoint = `${ctx.baseUrl}/developer/v1/token`;
  return new CachedToken({
    key: { store: 'oppo', endpoint, clientId: ctx.config.clientId },
    cache: ctx.cache,
    clock: ctx.clock,
    signal: ctx.signal,
    addSecret: ctx.addSecret,
    fetch: () => fetchToken(ctx, endpoint),
  });
}

/** GET /developer/v1/token?client_id&client_secret [src: stores/oppo.md §2.3]. */
async function fetchToken(ctx: StoreContext<OppoConfig>, endpoint: string): Promise<CachedTokenEntry> {
  const { http, config, clock, signal } = ctx;
  const response = await http.send(
    () => {
      const url = new URL(endpoint);
      url.searchParams.set('client_id', config.clientId);
      url.searchParams.set('client_secret', config.clientSecret);
      return { method: 'GET', url };
    },
    { idempotent: true, headersTimeoutMs: 60_000, signal, what: 'token' },
  );
  // The body is a credential: never quoted (kit answer.ts), also not when it is not JSON.
  const envelope = parseAnswer(envelopeSchema, readJson(response, SOURCE), SOURCE);
  if (envelope.errno !== 0) throw tokenError(envelope.errno, storeMessage(envelope));
  const { access_token: token, expire_in: expireIn } = parseAnswer(tokenDataSchema, envelope.data, SOURCE);
  ctx.addSecret(token);
  // expire_in is an ABSOLUTE Unix time in seconds [src: APKGO-OP-TR; U5].
  const expiresAt = expireIn >= ABSOLUTE_TIME_FLOOR_S ? expireIn * 1000 : clock.now() + expireIn * 1000;
  return { token, expiresAt };
}
