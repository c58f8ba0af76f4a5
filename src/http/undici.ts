/**
 * The three pieces of undici the CLI uses (Agent, EnvHttpProxyAgent, request), loaded from their
 * own modules instead of undici's index, which loads every dispatcher, fetch, WebSocket, the cache
 * and the mocks: on Node 20 that is ~190 ms of CPU and ~20 MB of RSS before the first request
 * (issue 12: start-up; these three alone: ~90 ms, ~12 MB). undici has no `exports` map, so these
 * paths are public files of the package; the tests run every request through them, so a renamed
 * file in an undici update fails the suite at once.
 */
import { createRequire } from 'node:module';
import type * as Undici from 'undici';

const load = createRequire(import.meta.url);

export type { Dispatcher } from 'undici';

export const Agent = load('undici/lib/dispatcher/agent.js') as typeof Undici.Agent;

/** Loaded only when a proxy is configured. */
export function envHttpProxyAgent(options: Undici.EnvHttpProxyAgent.Options): Undici.EnvHttpProxyAgent {
  const EnvHttpProxyAgent = load('undici/lib/dispatcher/env-http-proxy-agent.js') as typeof Undici.EnvHttpProxyAgent;
  return new EnvHttpProxyAgent(options);
}

type ApiRequest = (this: Undici.Dispatcher, options: Record<string, unknown>) => ReturnType<typeof Undici.request>;
const apiRequest = load('undici/lib/api/api-request.js') as ApiRequest;
const { parseURL } = load('undici/lib/core/util.js') as { parseURL: (url: string | URL) => URL };
const { getGlobalDispatcher } = load('undici/lib/global.js') as { getGlobalDispatcher: () => Undici.Dispatcher };

/**
 * undici's `request(url, options)` as its index builds it (index.js `makeDispatcher`), for the calls
 * this project makes: an absolute URL and options without `path`.
 */
export function request(
  url: string | URL,
  options: Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> &
    Partial<Pick<Undici.Dispatcher.RequestOptions, 'method'>> & { dispatcher?: Undici.Dispatcher },
): ReturnType<typeof Undici.request> {
  const target = parseURL(url);
  const { dispatcher = getGlobalDispatcher() } = options;
  return apiRequest.call(dispatcher, {
    ...options,
    origin: target.origin,
    path: target.search ? `${target.pathname}${target.search}` : target.pathname,
    method: options.method || (options.body ? 'PUT' : 'GET'),
  });
}
