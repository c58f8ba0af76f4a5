/** The store adapters, one line each. A store missing here is listed by `appstores stores` as planned. */
import { appleAdapter } from './apple/index.js';
import { honorAdapter } from './honor/index.js';
import { huaweiAdapter } from './huawei/index.js';
import { oppoAdapter } from './oppo/index.js';
import { vivoAdapter } from './vivo/index.js';
import { xiaomiAdapter } from './xiaomi/index.js';
import { yybAdapter } from './yyb/index.js';
import type { StoreAdapter, StoreId } from './types.js';

export const ADAPTERS: Partial<Record<StoreId, StoreAdapter>> = {
  xiaomi: xiaomiAdapter,
  oppo: oppoAdapter,
  vivo: vivoAdapter,
  honor: honorAdapter,
  yyb: yybAdapter,
  huawei: huaweiAdapter,
  apple: appleAdapter,
};
