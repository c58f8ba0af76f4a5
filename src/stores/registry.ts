/**
 * The store adapters, one loader each, so a command imports only the adapters it uses (issue 12:
 * `info --store oppo` must not load the other six and their schemas). A store missing here is
 * listed by `appstores stores` as planned.
 *
 * Access:
 * - `hasAdapter(id)`: whether a store has an adapter (synchronous, loads nothing).
 * - `await loadAdapter(id)`: one adapter (undefined for a planned store).
 * - `await loadAdapters(ids)`: an `ADAPTERS`-like record of the given stores (all by default), for
 *   commands that need every adapter's fields or schema (stores, schema, gen).
 */
import type { StoreAdapter, StoreId } from './types.js';

export const ADAPTER_LOADERS: Partial<Record<StoreId, () => Promise<StoreAdapter>>> = {
  xiaomi: async () => (await import('./xiaomi/index.js')).xiaomiAdapter,
  oppo: async () => (await import('./oppo/index.js')).oppoAdapter,
  vivo: async () => (await import('./vivo/index.js')).vivoAdapter,
  honor: async () => (await import('./honor/index.js')).honorAdapter,
  yyb: async () => (await import('./yyb/index.js')).yybAdapter,
  huawei: async () => (await import('./huawei/index.js')).huaweiAdapter,
  apple: async () => (await import('./apple/index.js')).appleAdapter,
};

export type Adapters = Partial<Record<StoreId, StoreAdapter>>;

export function hasAdapter(id: StoreId): boolean {
  return ADAPTER_LOADERS[id] !== undefined;
}

export async function loadAdapter(id: StoreId): Promise<StoreAdapter | undefined> {
  return ADAPTER_LOADERS[id]?.();
}

export async function loadAdapters(
  ids: readonly StoreId[] = Object.keys(ADAPTER_LOADERS) as StoreId[],
): Promise<Adapters> {
  const entries = await Promise.all(ids.map(async (id) => [id, await loadAdapter(id)] as const));
  return Object.fromEntries(entries.filter(([, adapter]) => adapter)) as Adapters;
}
