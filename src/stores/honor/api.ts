/**
 * One method per Honor endpoint [src: stores/honor.md 4.3–4.8]: a cached OAuth token, JSON calls
 * with `Authorization: Bearer`, the envelope read on every HTTP status below 500 (HTTP 200 may
 * carry code != 0), and a token the gateway refuses (10001/10002/10003, a bare 401: TOKEN_INVALID)
 * renewed once by the kit's CachedToken.use.
 */
import { basename } from 'node:path';
import type { ApkInfo } from '../../artifacts/types.js';
import { StoreError } from '../../core/errors.js';
import { formBody, type HttpResponse, type RequestSpec } from '../../http/client.js';
import { multipartBody } from '../../http/multipart.js';
import {
  allowedUploadUrl,
  badResponse,
  CachedToken,
  parseAnswer,
  readAnswer,
  refusal,
  WRONG_STATE,
  type AnswerSource,
  type RefusalTable,
} from '../kit/index.js';
import type { StoreContext } from '../types.js';
import type { HonorConfig } from './config.js';
import { HONOR_REFUSALS } from './refusals.js';
import {
  appDetailSchema,
  appIdListSchema,
  auditResultSchema,
  currentReleaseSchema,
  envelopeSchema,
  oauthErrorSchema,
  releaseIdSchema,
  tokenSchema,
  uploadUrlSchema,
  type AppDetail,
  type CurrentRelease,
} from './schemas.js';

const STORE = 'honor';
/** fileType of an APK [src: stores/honor.md 4.6]. */
export const APK_FILE_TYPE = 100;
const READ_TIMEOUT_MS = 120_000;
/** apkgo's multipart timeout is 30 min [src: APKGO-HTTPX]. */
const UPLOAD_TIMEOUT_MS = 1_800_000;
const SUBMIT_TIMEOUT_MS = 300_000;

type Query = Record<string, string>;

/**
 * The code update-phased-release-info answers when the phased release does not take the operation
 * (none running, paused already...). UNCONFIRMED: the reference lists none for it; 20010 (a field
 * refused) is the emulator's and the likeliest reading. One place to change.
 */
export const PHASED_STATE_REFUSAL = 20010;

interface CallSpec {
  what: string;
  method: 'GET' | 'POST';
  endpoint: string;
  query?: Query;
  body?: unknown;
  idempotent: boolean;
  timeoutMs?: number;
  /** What a store code means at this call, over HONOR_REFUSALS. */
  meanings?: RefusalTable;
}

export class HonorApi {
  private readonly token: CachedToken;
  private readonly audits = new Map<string, ReturnType<HonorApi['fetchAuditResult']>>();

  constructor(
    private readonly ctx: StoreContext<HonorConfig>,
    private readonly baseUrl: string,
    private readonly authUrl: string,
  ) {
    this.token = new CachedToken({
      key: { store: STORE, endpoint: authUrl, clientId: ctx.config.clientId },
      cache: ctx.cache,
      clock: ctx.clock,
      signal: ctx.signal,
      addSecret: ctx.addSecret,
      fetch: () => this.fetchToken(),
    });
  }

  /** GET get-app-id?pkgName=: the app's id, or null when this account has no such app. */
  async appIdOf(pkg: string): Promise<string | null> {
    const data = await this.call({
      what: `app id of ${pkg}`,
      method: 'GET',
      endpoint: 'get-app-id',
      query: { pkgName: pkg },
      idempotent: true,
    });
    const list = parseAnswer(appIdListSchema, data, this.source('app id'));
    const found = list?.find((entry) => entry.packageName === pkg);
    return found ? String(found.appId) : null;
  }

  async appDetail(appId: string): Promise<{ detail: AppDetail; raw: unknown }> {
    const raw = await this.call({
      what: 'app detail',
      method: 'GET',
      endpoint: 'get-app-detail',
      query: { appId },
      idempotent: true,
    });
    return { detail: parseAnswer(appDetailSchema, raw, this.source('app detail')), raw };
  }

  /** GET get-app-current-release: the latest release; appId-scoped, may be stale [src: apkgo #33]. */
  async currentRelease(appId: string): Promise<{ release: CurrentRelease | null; raw: unknown }> {
    const raw = await this.call({
      what: 'current release',
      method: 'GET',
      endpoint: 'get-app-current-release',
      query: { appId },
      idempotent: true,
    });
    return { release: parseAnswer(currentReleaseSchema, raw, this.source('current release')) ?? null, raw };
  }

  /**
   * POST get-audit-result for one releaseId. Honor recommends polling it at most once per 3 h
   * [src: U8; U9], so a session asks once per releaseId (plan and publish share the answer).
   */
  auditResult(appId: string, releaseId: string) {
    const key = `${appId}/${releaseId}`;
    let answer = this.audits.get(key);
    if (!answer) {
      answer = this.fetchAuditResult(appId, releaseId);
      this.audits.set(key, answer);
      answer.catch(() => this.audits.delete(key));
    }
    return answer;
  }

  private async fetchAuditResult(appId: string, releaseId: string) {
    const data = await this.call({
      what: 'audit result',
      method: 'POST',
      endpoint: 'get-audit-result',
      body: { appId: [{ appId: Number(appId), releaseId }] },
      idempotent: true,
    });
    return (
      parseAnswer(auditResultSchema, data, this.source('audit result')).find((r) => r.releaseId === releaseId) ?? null
    );
  }

  /** POST get-file-upload-url: one APK, declared by name (.apk), size and lowercase hex SHA-256. */
  async uploadUrl(appId: string, apk: ApkInfo): Promise<{ url: URL; objectId: number }> {
    const data = await this.call({
      what: 'upload URL',
      method: 'POST',
      endpoint: 'get-file-upload-url',
      query: { appId },
      body: [{ fileName: apkFileName(apk), fileType: APK_FILE_TYPE, fileSize: apk.size, fileSha256: apk.sha256 }],
      idempotent: true,
    });
    const [slot] = parseAnswer(uploadUrlSchema, data, this.source('upload URL'));
    const url = allowedUploadUrl(STORE, 'Honor', slot!.uploadUrl, 'the APK (and the token)');
    return { url, objectId: slot!.objectId };
  }

  /**
   * The multipart `file` POST to uploadUrl, Bearer included [src: stores/honor.md 4.3]. Safe to
   * repeat (the same objectId is overwritten), so a reset mid-upload is retried by the client.
   */
  async uploadFile(url: URL, apk: ApkInfo, onProgress: (sent: number, total: number) => void): Promise<void> {
    await this.token.use(async (token) => {
      const response = await this.ctx.http.send(
        (): RequestSpec => ({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${token}` },
          body: multipartBody([
            {
              name: 'file',
              file: {
                path: apk.path,
                size: apk.size,
                filename: apkFileName(apk),
                contentType: 'application/vnd.android.package-archive',
              },
            },
          ]),
        }),
        {
          idempotent: true,
          headersTimeoutMs: UPLOAD_TIMEOUT_MS,
          onUploadProgress: onProgress,
          signal: this.ctx.signal,
        },
      );
      return this.unwrap(response, this.source(`upload of ${basename(apk.path)}`));
    });
  }

  /** POST update-file-info: binds the upload to the draft version; an unbound upload does nothing. */
  async bind(appId: string, objectId: number): Promise<void> {
    await this.call({
      what: 'binding the APK (update-file-info)',
      method: 'POST',
      endpoint: 'update-file-info',
      query: { appId },
      body: { bindingFileList: [{ objectId }] },
      idempotent: true,
    });
  }

  /**
   * POST update-language-info, several languages in one call, with setAll 0: the default 1 deletes
   * every language not listed [src: U8].
   */
  async updateLanguages(
    appId: string,
    entries: Array<{
      languageId: string;
      appName: string;
      intro: string;
      briefIntro: string | null;
      newFeature: string;
    }>,
  ): Promise<void> {
    const languageInfoList = entries.map((entry) => {
      const info: Record<string, string> = {
        languageId: entry.languageId,
        appName: entry.appName,
        intro: entry.intro,
        newFeature: entry.newFeature,
      };
      if (entry.briefIntro) info.briefIntro = entry.briefIntro;
      return info;
    });
    await this.call({
      what: 'release notes (update-language-info)',
      method: 'POST',
      endpoint: 'update-language-info',
      query: { appId },
      body: { languageInfoList, setAll: 0 },
      idempotent: true,
    });
  }

  /** POST update-phased-release-info with one operationType [src: stores/honor.md 4.8]; setting a state again does no harm. */
  async updatePhased(appId: string, operationType: number): Promise<void> {
    await this.call({
      what: 'phased release (update-phased-release-info)',
      method: 'POST',
      endpoint: 'update-phased-release-info',
      query: { appId },
      body: { operationType },
      idempotent: true,
      meanings: { [PHASED_STATE_REFUSAL]: WRONG_STATE },
    });
  }

  /** POST submit-audit: the submission. Never retried by the client; answers the releaseId. */
  async submitAudit(appId: string, body: { releaseType: 1 | 2; releaseTime?: string }): Promise<string> {
    const data = await this.call({
      what: 'submit-audit',
      method: 'POST',
      endpoint: 'submit-audit',
      query: { appId },
      body,
      idempotent: false,
      timeoutMs: SUBMIT_TIMEOUT_MS,
    });
    return parseAnswer(releaseIdSchema, data, this.source('submit-audit'));
  }

  /** POST <authUrl>, form-encoded client_credentials: the only place the secret is sent. */
  private async fetchToken() {
    const source: AnswerSource = { store: STORE, what: 'token', secret: true };
    const response = await this.ctx.http.send(
      (): RequestSpec => {
        const { body, headers } = formBody({
          grant_type: 'client_credentials',
          client_id: this.ctx.config.clientId,
          client_secret: this.ctx.config.clientSecret,
        });
        return { method: 'POST', url: this.authUrl, body, headers };
      },
      { idempotent: true, headersTimeoutMs: READ_TIMEOUT_MS, signal: this.ctx.signal },
    );
    const { status, json } = readAnswer(response, source);
    // OAuth2 errors come as 4xx JSON [src: APKGO commit 1d87726]: the store's words, as an auth error.
    const oauth = oauthErrorSchema.safeParse(json);
    if (oauth.success || status >= 400) {
      const error = oauth.success ? oauth.data.error : `HTTP ${status}`;
      const description = oauth.success && oauth.data.error_description ? `: ${oauth.data.error_description}` : '';
      throw new StoreError(`Honor token: the credentials were refused (${error}${description})`, {
        code: 'AUTH_FAILED',
        store: STORE,
        storeCode: error,
        hint: 'check stores.honor.clientId and clientSecret (管理中心 → 凭证); `appstores doctor --store honor` tests them',
      });
    }
    const token = parseAnswer(tokenSchema, json, source);
    this.ctx.addSecret(token.access_token);
    // expires_in ≈ 3600 s [src: U8; U9]; the kit refreshes a margin before.
    return { token: token.access_token, expiresAt: this.ctx.clock.now() + (token.expires_in ?? 3600) * 1000 };
  }

  private call(spec: CallSpec): Promise<unknown> {
    return this.token.use((token) => this.once(spec, token));
  }

  private async once(spec: CallSpec, token: string): Promise<unknown> {
    const url = new URL(`${this.baseUrl}/${spec.endpoint}`);
    for (const [key, value] of Object.entries(spec.query ?? {})) url.searchParams.set(key, value);
    const response = await this.ctx.http.send(
      (): RequestSpec => {
        const headers: Record<string, string> = { authorization: `Bearer ${token}` };
        if (spec.body === undefined) return { method: spec.method, url, headers };
        headers['content-type'] = 'application/json';
        return { method: spec.method, url, headers, body: JSON.stringify(spec.body) };
      },
      { idempotent: spec.idempotent, headersTimeoutMs: spec.timeoutMs ?? READ_TIMEOUT_MS, signal: this.ctx.signal },
    );
    return this.unwrap(response, this.source(spec.what), spec.meanings);
  }

  /** `data` of a zero code; otherwise the store's code through the refusal table. */
  private unwrap(response: HttpResponse, source: AnswerSource, meanings: RefusalTable = {}): unknown {
    const { status, json } = readAnswer(response, source);
    const envelope = parseAnswer(envelopeSchema, json ?? {}, source);
    // UNCONFIRMED alternative shape `{ret: {code, msg}}` [src: U10]: read it when `code` is absent.
    const code = envelope.code ?? envelope.ret?.code;
    const text = envelope.msg ?? envelope.message ?? envelope.ret?.msg ?? null;
    if (code === undefined) {
      // A bare 401 is taken as a refused token (renewed once, like 10001–10003); 403 as refused rights.
      if (status === 401)
        throw refusal(STORE, source.what, `HTTP ${status}`, text, {}, { meaning: HONOR_REFUSALS[10003] });
      if (status === 403)
        throw refusal(STORE, source.what, `HTTP ${status}`, text, {}, { meaning: HONOR_REFUSALS[10004] });
      throw badResponse(source, `HTTP ${status} without a code`);
    }
    if (code !== 0) throw refusal(STORE, source.what, code, text, { ...HONOR_REFUSALS, ...meanings });
    return envelope.data;
  }

  private source(what: string): AnswerSource {
    return { store: STORE, what };
  }
}

/** The extension is validated against fileType [src: APKGO-HN-LT]: always `.apk`. */
function apkFileName(apk: ApkInfo): string {
  const name = basename(apk.path);
  return /\.apk$/i.test(name) ? name : `${name}.apk`;
}
