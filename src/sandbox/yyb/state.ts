/**
 * What the emulated YYB (应用宝) store remembers: developers, their apps, upload slots with the
 * bytes that arrived, every update_app and the daily quotas. Tests read (and may tweak) it as
 * `emulator.state`.
 */
import type { UploadedApk } from '../uploaded-apk.js';

/** Sandbox-only credentials; never real ones. */
export const SANDBOX_USER_ID = '10000001';
export const SANDBOX_ACCESS_SECRET = 'sandbox-yyb-access-secret';
export const OTHER_USER_ID = '10000002';
export const OTHER_ACCESS_SECRET = 'sandbox-yyb-other-secret';

export const FOO_BAR_APP_ID = '1101234567';
export const UNPUBLISHED_APP_ID = '1101234568';
export const OTHER_APP_ID = '1109999999';
export const OTHER_DEVELOPER_PACKAGE = 'com.other.app';

/**
 * `query_app_update_status` audit_status: 0 no submission (UNCONFIRMED), 1 审核中, 2 驳回,
 * 3 通过, 8 developer withdrew [src: stores/yyb.md 1.5 (5)].
 */
export type AuditStatus = 0 | 1 | 2 | 3 | 8;

export interface YybVersion {
  versionCode: number;
  versionName: string;
}

export interface YybApp {
  appId: string;
  pkgName: string;
  owner: string;
  appName: string;
  category: number;
  /** The release notes of the latest submission. */
  feature: string;
  /** The version on the store, or null before the first release (no first release via API). */
  live: YybVersion | null;
  /** The version of the latest submission, while it is in review or after. */
  submitted: YybVersion | null;
  auditStatus: AuditStatus;
  auditReason: string;
}

export interface YybUpload {
  serialNumber: string;
  userId: string;
  appId: string;
  fileType: string;
  fileName: string;
  /** The COS object key the pre-signed URL is for. */
  objectKey: string;
  /** The pre-signed URL handed out (its query is a credential: tests check it is never printed). */
  preSignUrl: string;
  /** Milliseconds; the pre-signed URL is refused from then on. */
  expiresAt: number;
  received: { size: number; md5: string; apk: UploadedApk | { error: string } | null } | null;
  /** Set once an update_app consumed it. */
  used: boolean;
}

export interface YybSubmission {
  time: number;
  /** Business params as received (common params and sign left out). */
  params: Record<string, string>;
  ret: number;
  msg: string;
}

export interface YybState {
  /** user_id → access_secret */
  users: Map<string, string>;
  apps: Map<string, YybApp>;
  uploads: Map<string, YybUpload>;
  /** Every update_app call that passed the signature check, accepted or not. */
  submissions: YybSubmission[];
  /** Calls per user and day (`${userId}@${yyyy-mm-dd}`), for the quotas. */
  quota: Map<string, { uploadSlots: number; updates: number }>;
  nextSerial: number;
}

export function createYybState(): YybState {
  const live = { versionCode: 6_091_000, versionName: '6.9.1' };
  const app = (appId: string, pkgName: string, appName: string, owner = SANDBOX_USER_ID): YybApp => ({
    appId,
    pkgName,
    owner,
    appName,
    category: 122,
    feature: '修复已知问题',
    live: { ...live },
    submitted: null,
    auditStatus: 3,
    auditReason: '',
  });
  const apps = [
    // Every emulator seeds its app live at 6091000 / "6.9.1".
    app(FOO_BAR_APP_ID, 'com.foo.bar', '测试应用'),
    // Created on the console but never released: the API cannot make a first release (1000011).
    { ...app(UNPUBLISHED_APP_ID, 'com.foo.unpublished', '未发布应用'), live: null, auditStatus: 0 as const },
    app(OTHER_APP_ID, OTHER_DEVELOPER_PACKAGE, '其他应用', OTHER_USER_ID),
  ];
  return {
    users: new Map([
      [SANDBOX_USER_ID, SANDBOX_ACCESS_SECRET],
      [OTHER_USER_ID, OTHER_ACCESS_SECRET],
    ]),
    apps: new Map(apps.map((a) => [a.appId, a])),
    uploads: new Map(),
    submissions: [],
    quota: new Map(),
    nextSerial: 1,
  };
}
