/** Builds the StoreContext an adapter's connect() receives. */
import type { Dispatcher } from 'undici';
import { HttpClient } from '../http/client.js';
import { redactor } from '../http/redact.js';
import { STORE_NAME } from '../stores/kit/names.js';
import type { Clock, StoreAdapter, StoreContext, StoreId } from '../stores/types.js';
import { FileSubmitJournal } from './submit-journal.js';
import { TokenCache } from './token-cache.js';

export interface ContextOptions {
  dispatcher: Dispatcher;
  clock: Clock;
  cacheDir: string;
  signal: AbortSignal;
  log?: (line: string) => void;
  /** Human progress lines, e.g. "retrying OPPO token (connection refused), attempt 2 of 4". */
  notice?: (store: StoreId, line: string) => void;
}

export function createStoreContext<C>(adapter: StoreAdapter, config: C, options: ContextOptions): StoreContext<C> {
  const configured = (config as { baseUrl?: unknown } | null)?.baseUrl;
  return {
    config,
    baseUrl: typeof configured === 'string' && configured !== '' ? configured : adapter.defaultBaseUrl,
    http: new HttpClient({
      store: adapter.id,
      name: STORE_NAME[adapter.id],
      dispatcher: options.dispatcher,
      clock: options.clock,
      log: options.log,
      notice: options.notice && ((line) => options.notice!(adapter.id, line)),
    }),
    clock: options.clock,
    signal: options.signal,
    cache: new TokenCache(options.cacheDir, options.clock, options.log),
    journal: new FileSubmitJournal(options.cacheDir),
    addSecret: (value) => redactor.add(value),
  };
}
