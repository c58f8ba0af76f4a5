/** What the OPPO emulator remembers; exposed as `emulator.state` so tests can look inside. */
import { seedApps, SANDBOX_DEV_ID, type Detail } from './seed.js';

export const SANDBOX_CLIENT_ID = '1000000000000000001';
export const SANDBOX_CLIENT_SECRET = 'sandbox-oppo-client-secret';

export interface OppoApp {
  devId: string;
  /** Every version's DetailBody, oldest first; /app/info without version_code answers the last. */
  versions: Detail[];
}

export interface TokenRecord {
  clientId: string;
  devId: string;
  issuedAt: number;
  /** Milliseconds; the token is refused from then on (48 h after issue). */
  expiresAt: number;
  /** Set when a newer token was issued: refused from then on (5 min later by default). */
  retiresAt: number | null;
}

export interface UploadedFile {
  id: string;
  url: string;
  uriPath: string;
  type: string;
  md5: string;
  size: number;
  extension: string;
  /** For `type=apk`: what the APK says about itself, or the parse error. */
  apk: { package: string; versionCode: number; versionName: string; abis: string[] } | { error: string } | null;
}

export interface Task {
  pkg: string;
  versionCode: string;
  /** "1" pending, "2" success, "3" failed [src: APKGO-OP-OLD taskBody]. */
  state: '1' | '2' | '3';
  errMsg: string;
  createdAt: number;
  polls: number;
  /** The version to add to the app when the task succeeds. */
  pendingDetail: Detail;
}

export interface Submission {
  time: number;
  path: string;
  /** Query and form fields together, with access_token and api_sign hidden. */
  fields: Record<string, string>;
  /** What the emulator answered. */
  errno: number;
  message: string;
}

export interface OppoState {
  /** client_id → { secret, devId } */
  clients: Map<string, { secret: string; devId: string }>;
  apps: Map<string, OppoApp>;
  tokens: Map<string, TokenRecord>;
  /** One-time upload signs from get-upload-url. */
  uploadSigns: Map<string, { issuedAt: number; used: boolean }>;
  /** Uploaded files by the url handed back. */
  uploads: Map<string, UploadedFile>;
  /** Keyed by `${pkg}@${versionCode}`. */
  tasks: Map<string, Task>;
  /** Every /app/upd call, accepted or not. */
  submissions: Submission[];
  /** When set, the next accepted /app/upd task ends in state "3" with this err_msg. */
  failNextTask: string | null;
}

export function createOppoState(): OppoState {
  const apps = new Map<string, OppoApp>();
  for (const detail of seedApps()) {
    apps.set(String(detail.pkg_name), { devId: String(detail.dev_id), versions: [detail] });
  }
  return {
    clients: new Map([[SANDBOX_CLIENT_ID, { secret: SANDBOX_CLIENT_SECRET, devId: SANDBOX_DEV_ID }]]),
    apps,
    tokens: new Map(),
    uploadSigns: new Map(),
    uploads: new Map(),
    tasks: new Map(),
    submissions: [],
    failNextTask: null,
  };
}

export function latestVersion(app: OppoApp): Detail {
  return app.versions[app.versions.length - 1]!;
}

export function taskKey(pkg: string, versionCode: string): string {
  return `${pkg}@${versionCode}`;
}
