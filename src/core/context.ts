/** Builds the StoreContext an adapter's connect() receives. */
import type { Dispatcher } from 'undici';
import { HttpClient } from '../http/client.js';
import { redactor } from '../http/redact.js';
import type { Clock, StoreAdapter, StoreContext } from '../stores/types.js';
import { TokenCache } from './token-cache.js';

export interface ContextOptions {
  dispatcher: Dispatcher;
  clock: Clock;
  cacheDir: string;
  signal: AbortSignal;
  log?: (line: string) => void;
}

export function createStoreContext<C>(adapter: StoreAdapter, config: C, options: ContextOptions): StoreContext<C> {
  const configured = (config as { baseUrl?: unknown } | null)?.baseUrl;
  return {
    config,
    baseUrl: typeof configured === 'string' && configured !== '' ? configured : adapter.defaultBaseUrl,
    http: new HttpClient({ store: adapter.id, dispatcher: options.dispatcher, clock: options.clock, log: options.log }),
    clock: options.clock,
    signal: options.signal,
    cache: new TokenCache(options.cacheDir, options.clock, options.log),
    addSecret: (value) => redactor.add(value),
  };
}
