/**
 * What the emulated vivo store remembers: developer accounts, their apps, uploaded APKs and the
 * update submissions. Tests read (and may tweak) this through `createVivoEmulator().state`.
 */

/** Sandbox-only credentials (notes/common.md); never real ones. */
export const SANDBOX_ACCESS_KEY = 'sandbox-vivo-access-key';
export const SANDBOX_ACCESS_SECRET = 'sandbox-vivo-access-secret';
/** A second developer account, owner of OTHER_DEVELOPER_PACKAGE, so ownership checks can be exercised. */
export const OTHER_ACCESS_KEY = 'sandbox-vivo-other-access-key';
export const OTHER_ACCESS_SECRET = 'sandbox-vivo-other-access-secret';
export const OTHER_DEVELOPER_PACKAGE = 'com.other.app';

/**
 * SHA-256 of the certificate of the fixture `release` key (fixtures/keys/release.pem): the signer
 * sha256 of app-universal.apk in fixtures/expected.json, as `apksigner verify --print-certs` reports it.
 * The seeded app's history is signed with it, so app-other-signer.apk must be refused with 15042.
 */
export const FIXTURE_RELEASE_SIGNER_SHA256 = '63989f9caa37561c712d76daabe2077855e1e743eabb6723b75a6bd4d64e9465';

/** app.query.details `status`: 1 草稿, 2 待审核/审核中, 3 审核通过, 4 审核不通过, 5 撤销审核 [src: APKGO-VV mapVivoAuditState]. */
export type VivoAuditStatus = 1 | 2 | 3 | 4 | 5;
/** `saleStatus`: 0 待上架, 1 已上架, 2 已下架 [src: Dart VivoManager 33202532499]. */
export type VivoSaleStatus = 0 | 1 | 2;

export interface VivoVersion {
  versionCode: number;
  versionName: string;
}

export interface VivoApp {
  packageName: string;
  cnName: string;
  /** access_key of the developer account that owns the app. */
  owner: string;
  /** SHA-256 (lowercase hex) of the signing certificate of the versions already on the store. */
  signerSha256: string;
  /** The version users can download, or null before the first approval. */
  live: VivoVersion | null;
  /** The latest version submitted; app.query.details shows this one. */
  latest: VivoVersion;
  status: VivoAuditStatus;
  saleStatus: VivoSaleStatus;
  onlineType: 1 | 2;
  /** `yyyy-MM-dd HH:mm:ss` Beijing time, or "" when not scheduled. */
  scheOnlineTime: string;
  /** 1 phone, 2 phone+pad, 3 pad. */
  compatibleDevice: number;
  /** Only shown by app.query.details while status is 4 (审核不通过). */
  unPassReason: string;
  apkSize: number;
  listing: {
    mainTitle: string;
    subTitle: string;
    simpleDesc: string;
    detailDesc: string;
    updateDesc: string;
    icon: string;
    screenshot: string;
    classify: number;
    subClassify: number;
    copyrightList: string;
    privateSelfCheck: string;
    icpNumber: string;
    customerService: string;
    remark: string;
    appType: number;
    testType: number;
    networkCultureLicense: string;
  };
}

/** Which upload method received an APK: the single one or a half of a 32/64-bit split pair. */
export type VivoUploadKind = 'single' | '32' | '64';

export interface VivoUpload {
  serialnumber: string;
  kind: VivoUploadKind;
  /** access_key that uploaded it. */
  uploader: string;
  packageName: string;
  versionCode: number;
  versionName: string;
  fileMd5: string;
  size: number;
  abis: string[];
  signerSha256: string | null;
  /** Set once a sync call has consumed it; a serialnumber is good for one submission. */
  used: boolean;
}

export interface VivoSubmission {
  method: 'app.sync.update.app' | 'app.sync.update.subpackage.app';
  packageName: string;
  versionCode: number;
  versionName: string;
  /** The serialnumbers it consumed: `apk`, or `apk32` + `apk64`. */
  serialnumbers: Record<string, string>;
  onlineType: 1 | 2;
  scheOnlineTime: string;
  updateDesc: string;
  /** Exactly as received, so a test can tell an echoed "1" from a hard-coded "2". */
  compatibleDevice: string;
  /** Every business param as received (common params and `sign` left out). */
  params: Record<string, string>;
  time: number;
}

export interface VivoState {
  /** access_key → access_secret. */
  credentials: Map<string, string>;
  apps: Map<string, VivoApp>;
  uploads: Map<string, VivoUpload>;
  submissions: VivoSubmission[];
  /** When true, the next sync call answers subCode 11010 (应用处理中) and clears this flag. */
  processingOnce: boolean;
}

export interface VivoStateOptions {
  accessKey?: string;
  accessSecret?: string;
  processingOnce?: boolean;
}

export function createVivoState(options: VivoStateOptions = {}): VivoState {
  const accessKey = options.accessKey ?? SANDBOX_ACCESS_KEY;
  const credentials = new Map([
    [accessKey, options.accessSecret ?? SANDBOX_ACCESS_SECRET],
    [OTHER_ACCESS_KEY, OTHER_ACCESS_SECRET],
  ]);
  const apps = new Map<string, VivoApp>([
    ['com.foo.bar', seededApp('com.foo.bar', '测试应用', accessKey)],
    [OTHER_DEVELOPER_PACKAGE, seededApp(OTHER_DEVELOPER_PACKAGE, '其他应用', OTHER_ACCESS_KEY)],
  ]);
  return {
    credentials,
    apps,
    uploads: new Map(),
    submissions: [],
    processingOnce: options.processingOnce ?? false,
  };
}

/** Every emulator seeds its app live at 6091000 / "6.9.1" (notes/common.md). */
function seededApp(packageName: string, cnName: string, owner: string): VivoApp {
  const live = { versionCode: 6091000, versionName: '6.9.1' };
  return {
    packageName,
    cnName,
    owner,
    signerSha256: FIXTURE_RELEASE_SIGNER_SHA256,
    live,
    latest: { ...live },
    status: 3,
    saleStatus: 1,
    onlineType: 1,
    scheOnlineTime: '',
    // 1 (phone only) on purpose: an adapter that always sends apkgo's "2" instead of echoing this is caught.
    compatibleDevice: 1,
    unPassReason: '',
    apkSize: 2_345_678,
    listing: {
      mainTitle: cnName,
      subTitle: '沙箱里的示例应用',
      simpleDesc: '用于测试发布流程的示例应用',
      detailDesc:
        '这是 appstores 沙箱中的示例应用，用于在没有真实账号的情况下演练完整的发布流程：查询应用信息、上传安装包、提交审核以及查看审核状态。',
      updateDesc: '修复已知问题，提升稳定性。',
      icon: `https://sandbox.invalid/vivo/icon/${packageName}.png`,
      screenshot: [1, 2, 3].map((n) => `https://sandbox.invalid/vivo/screenshot/${packageName}-${n}.png`).join(','),
      classify: 13,
      subClassify: 5,
      copyrightList: '',
      privateSelfCheck: '',
      icpNumber: '',
      customerService: '',
      remark: '',
      appType: 1,
      testType: 0,
      networkCultureLicense: '',
    },
  };
}
