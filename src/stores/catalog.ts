/**
 * What `appstores stores` tells about each of the seven stores: where in the store's console the
 * credentials are (from ../shared/seeds/000_*.txt), and, for stores whose adapter has not landed
 * yet, the config fields design.md gives them. Implemented stores take their fields from the adapter.
 */
import type { ConfigField, StoreId } from './types.js';

export interface CatalogEntry {
  id: StoreId;
  title: string;
  console: string;
  /** Steps in the store's console to get the credentials. Use the main account, not a sub-account. */
  steps: string[];
  /** Fields for a store without an adapter yet (design.md). */
  plannedFields: ConfigField[];
}

export const CATALOG: Record<StoreId, CatalogEntry> = {
  xiaomi: {
    id: 'xiaomi',
    title: 'Xiaomi GetApps (小米应用商店)',
    console: 'https://dev.mi.com/xiaomihyperos',
    steps: [
      'Open 管理中心 (management center), then 自动发布接口 (automatic publishing API).',
      'publicKey: download the public key file and copy its text (or point to it with { "file": ... }).',
      'privateKey: click 获取私钥 (get private key); resetting it invalidates the old one.',
      'account: the email of the Xiaomi account you log in with.',
    ],
    plannedFields: [],
  },
  oppo: {
    id: 'oppo',
    title: 'OPPO App Market (OPPO 软件商店)',
    console: 'https://open.oppomobile.com',
    steps: [
      'Open 管理中心, then 产品 (products) > 我的API (my APIs).',
      'Under API服务, choose 新建应用 (new client, a server-side app).',
      'Copy client_id (clientId, 19 digits) and client_secret (clientSecret). One pair serves every app of the account.',
    ],
    plannedFields: [],
  },
  vivo: {
    id: 'vivo',
    title: 'vivo App Store (vivo 应用商店)',
    console: 'https://dev.vivo.com.cn',
    steps: [
      'Open 账号 (account) > 账号管理 (account management) > API管理 (API management).',
      'Click 立即开通 (enable); copy access_key (accessKey) and access_secret (accessSecret).',
      "vivo's sandbox gateway has its own pair; set sandbox: true to use it.",
    ],
    plannedFields: [],
  },
  honor: {
    id: 'honor',
    title: 'HONOR App Market (荣耀应用市场)',
    console: 'https://developer.honor.com/cn',
    steps: [
      'Log in with the main account (a sub-account may lack the menu or the rights), open 管理中心 (management center).',
      'Click 凭证 (credentials), then 申请凭证 (apply for a credential) for the AppMarket publish API.',
      'Copy client_id (clientId) and the secret (clientSecret).',
      "appId (optional): the app's id on its console page; without it the app is found by package name.",
    ],
    plannedFields: [],
  },
  yyb: {
    id: 'yyb',
    title: 'Tencent MyApp (应用宝)',
    console: 'https://app.open.qq.com/p/home',
    steps: [
      'Log in with the main account, open 账号 (account) > 账号管理 (account management) > API发布接口 (publishing API).',
      'Click 申请开通 (apply); once enabled, copy access_secret (accessSecret).',
      'userId: the UserID shown on the same account page.',
      "appIds: for each app, its app_id from the app's Android page, keyed by package name (YYB has no lookup).",
    ],
    plannedFields: [],
  },
  huawei: {
    id: 'huawei',
    title: 'Huawei AppGallery Connect',
    console: 'https://developer.huawei.com/consumer/cn/service/josp/agc/index.html',
    steps: [
      'Open 用户与访问 (Users and permissions) > API密钥 (API key) > Connect API, click 创建 (create).',
      'Keep project "N/A" (a team-level client: a project-level one gets HTTP 403 for every app), choose the role APP管理员 (App administrator), confirm.',
      'Copy client_id (clientId) and the key (clientSecret). Use the main account, not a sub-account.',
      'Or, instead: create a Service Account key there and download its JSON file (serviceAccount: { "file": "agc-apiclient.json" }).',
      "region: the project's data-processing location, cn (default), eu, sg or ru.",
    ],
    plannedFields: [],
  },
  apple: {
    id: 'apple',
    title: 'Apple App Store Connect',
    console: 'https://appstoreconnect.apple.com/access/integrations/api',
    steps: [
      'Open Users and Access > Integrations > App Store Connect API (Team Keys); copy the Issuer ID (issuerId).',
      'Click + (Generate API Key), give it a name and the App Manager role (or Admin).',
      'Copy its Key ID (keyId) and download AuthKey_<KeyID>.p8 (possible only once): privateKey: { "file": "./AuthKey_<KeyID>.p8" }.',
      'No Mac, Xcode or app-specific password is needed: the IPA goes up through the Build Upload API over HTTPS.',
    ],
    plannedFields: [],
  },
};
