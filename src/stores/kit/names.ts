/** How messages name a store: the short brand users know (the catalog has the long titles). */
import type { StoreId } from '../types.js';

export const STORE_NAME: Record<StoreId, string> = {
  xiaomi: 'Xiaomi',
  oppo: 'OPPO',
  vivo: 'vivo',
  honor: 'Honor',
  yyb: 'YYB',
  huawei: 'Huawei',
  apple: 'Apple',
};
