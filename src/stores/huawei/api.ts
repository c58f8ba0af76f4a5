/**
 * The Publishing API v2 calls (stores/huawei.md 2.5), each one request: JSON in, the `ret`
 * envelope checked (HTTP 200 with a non-zero `ret.code` is a refusal), then the fields we use
 * validated leniently. 401 is a refused token (renewed once by the credentials), 403 — with an
 * empty body, as Huawei sends it — a client without scope for the app.
 */
import { z } from 'zod';
import { StoreError } from '../../core/errors.js';
import type { HttpClient, HttpResponse, SendOptions } from '../../http/client.js';
import {
  allowedUploadUrl,
  fileBody,
  looseInt,
  looseText,
  parseAnswer,
  quoteSafely,
  readAnswer,
  refusal,
  WRONG_STATE,
  type AnswerSource,
  type RefusalTable,
  type SentFn,
} from '../kit/index.js';
import type { Credentials } from './auth.js';
import { HUAWEI_REFUSALS, isStillProcessing, SCOPE_HINT, STILL_PROCESSING } from './errors.js';

const PUBLISH = '/publish/v2';
/** The withdraw call is a v1 one (go-agc); UNCONFIRMED, one place to change. */
export const WITHDRAW_ROOT = '/publish/v1';

/** 1 = full network, 3 = phased release; the same on every call of one submission [src: shipup-hw]. */
export type ReleaseType = 1 | 3;

const ret = z
  .object({ ret: z.object({ code: looseInt, msg: z.string().nullish(), message: z.string().nullish() }).loose() })
  .loose();

/** Huawei sends numbers, numeric strings or "" for "none". */
const optionalInt = z
  .union([looseInt, z.literal(''), z.null()])
  .optional()
  .transform((v) => (typeof v === 'number' ? v : null));

const appIdsSchema = z
  .object({ appids: z.array(z.object({ key: z.string(), value: looseText }).loose()).nullish() })
  .loose();

export const appInfoSchema = z
  .object({
    appInfo: z
      .object({
        releaseState: optionalInt,
        versionNumber: looseText,
        versionCode: optionalInt,
        onShelfVersionNumber: looseText,
        onShelfVersionCode: optionalInt,
        defaultLang: looseText,
      })
      .loose(),
    auditInfo: z.object({ auditOpinion: looseText }).loose().nullish(),
    languages: z.array(z.object({ lang: z.string(), appName: looseText }).loose()).nullish(),
  })
  .loose();
export type AppInfoAnswer = z.output<typeof appInfoSchema>;

const urlInfoSchema = z
  .object({
    urlInfo: z
      .object({
        objectId: z.string().min(1),
        url: z.string().min(1),
        method: z.string().optional(),
        headers: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)),
      })
      .loose(),
  })
  .loose();
export type UrlInfo = z.output<typeof urlInfoSchema>['urlInfo'];

const bindSchema = z.object({ pkgVersion: z.array(looseText).min(1) }).loose();

const compileSchema = z
  .object({
    pkgStateList: z.array(
      z.object({ pkgId: looseText, successStatus: looseInt, failReason: looseText.optional() }).loose(),
    ),
  })
  .loose();
export type PackageState = z.output<typeof compileSchema>['pkgStateList'][number];

const legacyCompileSchema = z
  .object({
    pkgStateList: z.array(
      z.object({ pkgId: looseText, aabCompileStatus: looseInt, failReason: looseText.optional() }).loose(),
    ),
  })
  .loose();

export interface PhasedFields {
  phasedReleaseStartTime: string;
  phasedReleaseEndTime: string;
  phasedReleasePercent: string;
  phasedReleaseDescription: string;
}

export class HuaweiApi {
  /** Set once package/compile/status answered 404: this gateway only has the legacy path. */
  private legacyCompile = false;

  constructor(
    private readonly http: HttpClient,
    private readonly credentials: Credentials,
    readonly baseUrl: string,
    private readonly signal: AbortSignal,
    /** ctx.addSecret: pre-signed URLs and their signed Authorization are credentials too. */
    private readonly addSecret: (value: string) => void,
  ) {}

  async appIds(packageName: string): Promise<Array<{ key: string; value: string | null }>> {
    const answer = await this.json('appid-list', 'GET', 'appid-list', { packageName }, undefined, appIdsSchema);
    return answer.parsed.appids ?? [];
  }

  async appInfo(appId: string, releaseType: ReleaseType = 1): Promise<{ parsed: AppInfoAnswer; raw: unknown }> {
    return this.json(
      'app-info',
      'GET',
      'app-info',
      { appId, releaseType: String(releaseType) },
      undefined,
      appInfoSchema,
    );
  }

  async uploadUrl(
    appId: string,
    fileName: string,
    size: number,
    sha256: string,
    releaseType: ReleaseType,
    chineseMainland?: boolean,
  ): Promise<UrlInfo> {
    const query: Record<string, string> = {
      appId,
      fileName,
      contentLength: String(size),
      sha256,
      releaseType: String(releaseType),
    };
    if (chineseMainland !== undefined) query.chineseMainlandFlag = chineseMainland ? '1' : '0';
    const { parsed } = await this.json(
      'upload-url/for-obs',
      'GET',
      'upload-url/for-obs',
      query,
      undefined,
      urlInfoSchema,
      true,
    );
    // The URL's signature and the signed Authorization are credentials; the rest of the URL helps --verbose.
    const url = URL.canParse(parsed.urlInfo.url) ? new URL(parsed.urlInfo.url) : null;
    if (!url) this.addSecret(parsed.urlInfo.url);
    for (const [name, value] of url?.searchParams ?? [])
      if (/signature|token|credential/i.test(name)) this.addSecret(value);
    for (const [name, value] of Object.entries(parsed.urlInfo.headers))
      if (/^authorization$/i.test(name)) this.addSecret(value);
    allowedUploadUrl('huawei', 'Huawei', parsed.urlInfo.url);
    return parsed.urlInfo;
  }

  /**
   * The raw file to the pre-signed URL, with exactly the headers it was signed with and an exact
   * Content-Length; sent once (a failure is retried by the caller with a fresh URL, not here).
   */
  async putFile(urlInfo: UrlInfo, path: string, size: number, onProgress: SentFn): Promise<void> {
    const response = await this.http.send(
      () => ({
        method: 'PUT',
        url: urlInfo.url,
        headers: { ...urlInfo.headers },
        body: fileBody(path, { length: size }),
      }),
      {
        idempotent: false,
        onUploadProgress: onProgress,
        signal: this.signal,
        headersTimeoutMs: 10 * 60_000,
        bodyTimeoutMs: 10 * 60_000,
      },
    );
    if (response.status >= 200 && response.status < 300) return;
    throw uploadRefused(response);
  }

  async bindFile(
    appId: string,
    releaseType: ReleaseType,
    fileName: string,
    objectId: string,
    size: number,
  ): Promise<string> {
    const body = { fileType: 5, files: [{ fileName, fileDestUrl: objectId, size }] };
    const { parsed } = await this.json(
      'app-file-info',
      'PUT',
      'app-file-info',
      { appId, releaseType: String(releaseType) },
      body,
      bindSchema,
      false,
      {
        idempotent: false,
      },
    );
    const pkgId = parsed.pkgVersion[0];
    if (!pkgId)
      throw new StoreError('Huawei app-file-info: unexpected answer (pkgVersion is empty)', {
        code: 'BAD_RESPONSE',
        store: 'huawei',
      });
    return pkgId;
  }

  /**
   * successStatus 0 ready, 1 processing, 2 failed. Where package/compile/status is unknown (404),
   * the legacy `aab/complile/status` (misspelled by Huawei) answers aabCompileStatus 1 compiling,
   * 2 done, other failed [src: stores/huawei.md 2.5 (5); fl-hw].
   */
  async compileStatus(appId: string, pkgId: string): Promise<PackageState | undefined> {
    const query = { appId, pkgIds: pkgId };
    if (!this.legacyCompile) {
      try {
        const { parsed } = await this.json(
          'package/compile/status',
          'GET',
          'package/compile/status',
          query,
          undefined,
          compileSchema,
        );
        return parsed.pkgStateList.find((s) => s.pkgId === pkgId) ?? parsed.pkgStateList[0];
      } catch (error) {
        if (!(error instanceof StoreError) || error.storeCode !== 404) throw error;
        this.legacyCompile = true;
      }
    }
    const { parsed } = await this.json(
      'aab/complile/status',
      'GET',
      'aab/complile/status',
      query,
      undefined,
      legacyCompileSchema,
    );
    const state = parsed.pkgStateList.find((s) => s.pkgId === pkgId) ?? parsed.pkgStateList[0];
    if (!state) return undefined;
    const successStatus = state.aabCompileStatus === 1 ? 1 : state.aabCompileStatus === 2 ? 0 : 2;
    return { ...state, successStatus };
  }

  /** Only the fields being changed: lang + newFeatures [src: cianru, xz]. */
  async updateNotes(appId: string, releaseType: ReleaseType, lang: string, newFeatures: string): Promise<void> {
    await this.json(
      'app-language-info',
      'PUT',
      'app-language-info',
      { appId, releaseType: String(releaseType) },
      { lang, newFeatures },
      ret,
      false,
      {
        idempotent: true,
      },
    );
  }

  /** The submit: parameters in the query [src: cianru, fl-hw, apkgo, xz, go-agc, iraz], never retried. */
  async submit(
    appId: string,
    releaseType: ReleaseType,
    releaseTime: string | null,
    phased: PhasedFields | null,
  ): Promise<void> {
    const query: Record<string, string> = { appId, releaseType: String(releaseType) };
    // URLSearchParams percent-encodes the `+` of +0800 [src: fl-hw commit a0aea73].
    if (releaseTime) query.releaseTime = releaseTime;
    await this.json('app-submit', 'POST', 'app-submit', query, phased ?? {}, ret, false, { idempotent: false });
  }

  /**
   * Changes the running phased release: `state` RELEASE (runs) or SUSPEND (paused), with its plan
   * (stores/huawei.md 2.5 (8)); setting the same values again does no harm.
   */
  async updatePhased(appId: string, body: Record<string, string>): Promise<void> {
    await this.json('phased-release', 'PUT', 'phased-release', { appId, releaseType: '3' }, body, ret, false, {
      idempotent: true,
      // "update phased info failed": no phased release in a state that takes the change.
      meanings: { 204144715: WRONG_STATE },
    });
  }

  /**
   * Withdraws the version in review: `POST /publish/v1/app-info/withdraw?appId=`, no body.
   * UNCONFIRMED: known from one Go client only (go-agc, stores/huawei.md 2.5 (8)); note the v1.
   * Not resent: a withdraw whose answer was lost is seen by the next app-info read.
   */
  async withdraw(appId: string): Promise<void> {
    await this.json('withdraw', 'POST', 'app-info/withdraw', { appId }, undefined, ret, false, {
      idempotent: false,
      root: WITHDRAW_ROOT,
      meanings: { 204144647: WRONG_STATE },
    });
  }

  /** A version waiting for its release time goes on sale now: on-shelf-time changeType 1 (stores/huawei.md 2.5 (8)). */
  async releaseNow(appId: string): Promise<void> {
    await this.json('on-shelf-time', 'PUT', 'on-shelf-time', { appId }, { changeType: 1, releaseType: 1 }, ret, false, {
      idempotent: false,
      // "update service failed": the version is no longer waiting for its release time.
      meanings: { 204144647: WRONG_STATE },
    });
  }

  private async json<S extends z.ZodType>(
    what: string,
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    query: Record<string, string>,
    body: unknown,
    schema: S,
    secret = false,
    { meanings, root = PUBLISH, ...options }: Partial<SendOptions> & { meanings?: RefusalTable; root?: string } = {},
  ): Promise<{ parsed: z.output<S>; raw: unknown }> {
    const source: AnswerSource = { store: 'huawei', what, secret };
    const url = `${this.baseUrl}${root}/${path}?${new URLSearchParams(query)}`;
    return this.credentials.use(async (auth) => {
      const response = await this.http.send(
        () => ({
          method,
          url,
          headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
        { idempotent: method === 'GET', signal: this.signal, ...options },
      );
      const raw = this.envelope(response, source, meanings);
      return { parsed: parseAnswer(schema, raw, source), raw };
    });
  }

  /** HTTP status and `ret` checked; the parsed JSON otherwise. */
  private envelope(response: HttpResponse, source: AnswerSource, meanings: RefusalTable = {}): unknown {
    const { status, json } = readAnswer(response, source);
    const code = json ? ret.safeParse(json) : null;
    if (status === 401) {
      throw new StoreError(
        `Huawei ${source.what}: the store refused the access token (HTTP 401${code?.success ? `, ${code.data.ret.msg ?? ''}` : ''})`,
        {
          code: 'TOKEN_INVALID',
          store: 'huawei',
          storeCode: code?.success ? code.data.ret.code : 401,
          hint: 'check stores.huawei credentials with `appstores doctor --store huawei`',
        },
      );
    }
    if (status === 403) {
      throw new StoreError(
        `Huawei ${source.what}: HTTP 403${json === undefined ? ' with an empty body' : ''}: the API client has no rights on this app`,
        {
          code: 'NO_API_PERMISSION',
          store: 'huawei',
          storeCode: 403,
          hint: SCOPE_HINT,
        },
      );
    }
    if (status < 200 || status >= 300 || json === undefined) {
      throw new StoreError(
        `Huawei ${source.what}: unexpected HTTP ${status}${json === undefined ? ' with an empty body' : ''}`,
        {
          code: 'BAD_RESPONSE',
          store: 'huawei',
          storeCode: status,
          hint: 'check stores.huawei.baseUrl / region; run again with --verbose',
        },
      );
    }
    if (!code?.success) return parseAnswer(ret, json, source);
    if (code.data.ret.code !== 0) {
      const text = code.data.ret.msg ?? code.data.ret.message ?? '';
      // 204144660 is any submit failure; only its "being processed" texts mean "not yet".
      const meaning = isStillProcessing(code.data.ret.code, text) ? STILL_PROCESSING : meanings[code.data.ret.code];
      throw refusal('huawei', source.what, code.data.ret.code, text, HUAWEI_REFUSALS, { meaning });
    }
    return json;
  }
}

/** OBS answers plain HTTP with an XML body; an expired or changed signature is a 403. */
function uploadRefused(response: HttpResponse): StoreError {
  const reason = /<Code>([^<]+)<\/Code>/.exec(response.text)?.[1] ?? quoteSafely(response.text);
  const expired = /expired/i.test(response.text);
  return new StoreError(
    `Huawei upload: the storage answered HTTP ${response.status} (${reason}${expired ? ', the upload URL expired' : ''})`,
    {
      code:
        response.status >= 500 ? 'STORE_UNAVAILABLE' : response.status === 400 ? 'UPLOAD_CORRUPTED' : 'FILE_REJECTED',
      category: response.status === 403 || response.status >= 500 || response.status === 400 ? 'transient' : 'rejected',
      store: 'huawei',
      storeCode: response.status,
      hint: 'run again: each attempt asks for a fresh upload URL',
    },
  );
}
