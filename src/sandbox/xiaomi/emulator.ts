/**
 * The emulated Xiaomi devupload API (stores/xiaomi.md). Its base URL stands in for
 * `https://api.developer.xiaomi.com/devupload`; the store answers POST only, with JSON
 * `{result, message, ...}` where a non-zero result is a failure.
 */
import { type Emulator, type EmulatorRequest, type EmulatorResponse, ReviewControlError } from '../types.js';
import { SANDBOX_XIAOMI_CERT_PEM, SANDBOX_XIAOMI_RSA_PRIVATE_KEY_PEM } from '../xiaomi-keys.js';
import { CHANNEL_FILE_FIELDS, pushChannelApk } from './channel.js';
import { PUSH_FILE_FIELDS, pushRelease } from './push.js';
import { listCategories, queryApp } from './query.js';
import { XiaomiRejection } from './rejection.js';
import { loadStoreKey } from './sig.js';
import { readSignedRequest } from './signed-request.js';
import {
  approvePending,
  createXiaomiState,
  rejectPending,
  type XiaomiState,
  type XiaomiStateOptions,
} from './state.js';

export interface XiaomiEmulatorOptions extends XiaomiStateOptions {
  /** Holds every /dev/push answer this long after the work is done: the real server is slow [src: XZ commit 786f18f]. */
  pushDelayMs?: number;
}

export interface XiaomiEmulator extends Emulator {
  state: XiaomiState;
  /** Ends the review of `packageName` successfully: the pending version goes live. */
  approve(packageName: string): boolean;
  /** Ends the review unsuccessfully (or withdraws it): the live version stays. */
  reject(packageName: string): boolean;
}

export function createXiaomiEmulator(options: XiaomiEmulatorOptions = {}): XiaomiEmulator {
  const state = createXiaomiState(options);
  const storeKey = loadStoreKey(SANDBOX_XIAOMI_RSA_PRIVATE_KEY_PEM);

  async function route(req: EmulatorRequest, now: number): Promise<Record<string, unknown>> {
    switch (req.path) {
      case '/dev/category':
        return listCategories();
      case '/dev/query': {
        const request = readSignedRequest(req, state, storeKey, { form: 'urlencoded', fileFields: /^$/ });
        return queryApp(state, request);
      }
      case '/dev/push': {
        requireContentLength(req);
        const request = readSignedRequest(req, state, storeKey, { form: 'multipart', fileFields: PUSH_FILE_FIELDS });
        const submission = await pushRelease(state, request, now);
        return { result: 0, message: `提交成功，应用 ${submission.packageName} 已进入审核` };
      }
      case '/dev/pushChannelApk': {
        requireContentLength(req);
        const request = readSignedRequest(req, state, storeKey, { form: 'multipart', fileFields: CHANNEL_FILE_FIELDS });
        await pushChannelApk(state, request);
        return { result: 0, message: '渠道包上传成功' };
      }
      default:
        throw new XiaomiRejection(-10000, `没有接口 ${req.path}`, 404);
    }
  }

  async function handle(req: EmulatorRequest, ctx: { now(): number }): Promise<EmulatorResponse> {
    let answer: EmulatorResponse;
    try {
      // "HTTP/1.1, POST only" [src: pId=1134 excerpt]. UNCONFIRMED: what the store sends for GET.
      if (req.method !== 'POST') throw new XiaomiRejection(-10000, '只支持 POST 请求', 405);
      answer = { body: await route(req, ctx.now()) };
    } catch (error) {
      if (!(error instanceof XiaomiRejection)) throw error;
      state.refusals.push({ path: req.path, result: error.result, message: error.message });
      answer = { status: error.status, body: { result: error.result, message: error.message } };
    }
    if (req.path === '/dev/push' && options.pushDelayMs) {
      await new Promise((resolve) => setTimeout(resolve, options.pushDelayMs));
    }
    return answer;
  }

  return {
    id: 'xiaomi',
    secretParams: ['SIG'],
    // Uploads are only parsed by read-upload.ts's readers (the APK in apk.ts; icons and screenshots are no zip, so written whole), never kept or served back: sparse spool.
    sparseUploads: true,
    state,
    handle,
    config: (baseUrl) => ({
      account: state.account,
      publicKey: SANDBOX_XIAOMI_CERT_PEM,
      privateKey: state.password,
      baseUrl,
    }),
    approve: (packageName) => approvePending(state, packageName),
    reject: (packageName) => rejectPending(state, packageName),
    // Xiaomi has no approved-but-held state: a passed review goes live.
    review(change) {
      const done =
        change.to === 'rejected' ? rejectPending(state, change.package) : approvePending(state, change.package);
      if (!done) throw new ReviewControlError(`xiaomi: ${change.package} has no version in review`);
    },
  };
}

/**
 * The push body is large and the sandbox takes it only with a Content-Length: some upload
 * endpoints reject chunked bodies [src: APKGO-HTTPX]. UNCONFIRMED for Xiaomi; this is the safe reading.
 */
function requireContentLength(req: EmulatorRequest): void {
  const encoding = String(req.headers['transfer-encoding'] ?? '').toLowerCase();
  if (encoding.includes('chunked') || req.headers['content-length'] === undefined) {
    throw new XiaomiRejection(-10000, '上传请求必须带 Content-Length，不接受 chunked 分块传输', 411);
  }
}
