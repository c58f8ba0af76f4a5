/**
 * The contract every store adapter satisfies. An adapter is a plain object; it never prints,
 * never reads process.env, never exits. It gets everything through `StoreContext` and returns
 * data or throws typed errors (src/core/errors.ts).
 */
import type { z } from 'zod';
import type { AabInfo, ApkInfo, IpaInfo, Undigested } from '../artifacts/types.js';
import type { Clock } from '../core/clock.js';
import type { HttpClient } from '../http/client.js';

export type { Clock } from '../core/clock.js';

export const STORE_IDS = ['xiaomi', 'oppo', 'vivo', 'honor', 'yyb', 'huawei', 'apple'] as const;
export type StoreId = (typeof STORE_IDS)[number];

/**
 * A package no account has: verify() without a package (doctor) reads it with a signed call, which
 * proves the credentials (the store checks the signature before it looks the package up) without
 * touching a real app.
 */
export const CREDENTIAL_PROBE_PACKAGE = 'dev.appstores.credential.check';

export interface Capabilities {
  /** Which kind of file the store takes. */
  artifact: 'apk' | 'ipa';
  /** Also takes an Android App Bundle (.aab) in place of the APK (Huawei). */
  aab?: boolean;
  /** Accepts a 32-bit + 64-bit pair of APKs as one release. */
  splitApk: boolean;
  /** Can publish at a given time after review. */
  schedule: boolean;
  /** Staged rollout through the API. */
  phasedRelease: boolean;
  /** Can hold an approved version until the developer releases it (`--manual-release`, Apple). */
  manualRelease?: boolean;
  /** `appstores release` puts an approved, waiting version on sale (held for a manual release, or scheduled). */
  releaseNow?: boolean;
  /** `appstores rollout` operations the store's API has (absent or empty: no rollout control). */
  phasedOperations?: readonly RolloutOperation[];
  /** Release notes per language. */
  notesPerLanguage: boolean;
  /** Where the review state comes from: a real API, or inferred from versions. */
  reviewStatus: 'api' | 'inferred';
  /** Can cancel a submission still in review through the API (`appstores withdraw`). */
  withdraw?: boolean;
  /**
   * How often `status --watch` may ask for the review state (ms): the store's documented limit,
   * or a modest default where none is documented (each adapter says which, with its source).
   */
  statusIntervalMs?: number;
}

/** The review state, normalised across stores (design.md `info`). */
export type ReviewState =
  | 'live'
  | 'reviewing'
  | 'rejected'
  | 'approved'
  | 'scheduled'
  | 'draft'
  | 'withdrawn'
  | 'unknown';

export interface VersionRef {
  /** null when the store does not tell it (YYB shows version names only). */
  versionCode: number | null;
  versionName: string;
}

/** `appstores info` output for one store. */
export interface AppInfo {
  store: StoreId;
  package: string;
  appId: string | null;
  appName: string | null;
  live: VersionRef | null;
  pending: VersionRef | null;
  review: { state: ReviewState; reason: string | null; storeState: string | null };
  /** The store's own response, shown with --raw. */
  raw?: unknown;
}

/** One release of one app, as the orchestrator hands it to a store. */
export interface Release {
  package: string;
  versionCode: number;
  versionName: string;
  /** One APK, or a 32/64-bit pair (ABIs differ; same package and versionCode). */
  apks: ApkInfo[];
  /** For a 32/64-bit pair: which APK is which, classified once by core/release.ts. */
  split?: { apk32: ApkInfo; apk64: ApkInfo };
  /** An App Bundle instead of the APKs (then `apks` is empty), for a store whose capabilities say `aab`. */
  aab?: AabInfo;
  ipa?: IpaInfo;
  /** Release notes (may be empty: each store checks its own limits in plan()). */
  notes: string;
  /** `--notes-dir`: the notes per locale (the directory's names, e.g. zh-CN, en-US), for stores with notesPerLanguage. */
  notesByLocale?: Record<string, string>;
  /** Publish at this time after review; absent means as soon as approved. */
  schedule?: Date;
  /** `--phased [percent]` (null: the store's default) and `--phased-end`, for stores with phasedRelease. */
  phased?: { percent: number | null; end?: Date };
  /** `--manual-release`: hold the approved version until it is released by hand (stores with manualRelease). */
  manualRelease?: boolean;
  /** `--wait <duration>`: how long to wait for the store's own processing of the upload (Apple builds). */
  waitMs?: number;
}

/**
 * The release as plan() sees it: the files parsed, their digests still being computed (publishAll
 * awaits them before any publish()). A Release is one too, so helpers that plan() and publish()
 * share take this type; only publish() can read md5 / sha256.
 */
export interface PlanRelease extends Omit<Release, 'apks' | 'split' | 'aab' | 'ipa'> {
  apks: Undigested<ApkInfo>[];
  split?: { apk32: Undigested<ApkInfo>; apk64: Undigested<ApkInfo> };
  aab?: Undigested<AabInfo>;
  ipa?: Undigested<IpaInfo>;
}

export type Phase = 'verify' | 'plan' | 'upload' | 'submit' | 'wait' | 'done';

export interface ProgressEvent {
  phase: Phase;
  /** What is happening, e.g. "uploading app-arm64.apk". */
  detail?: string;
  bytes?: number;
  total?: number;
}
export type ProgressFn = (event: ProgressEvent) => void;

export interface Plan<S = unknown> {
  /** `skip` when the store already has this version (live or in review). */
  action: 'submit' | 'skip';
  /** One line: what would happen, or why it is skipped. */
  summary: string;
  /**
   * What plan() learnt from the store (the app's id and state, a resolved icon...), private to the
   * adapter: publishAll hands it back to publish() unread, so the app is read once per publish.
   */
  state?: S;
}

export interface PublishOutcome {
  status: 'submitted' | 'skipped';
  message: string;
  /** The store's handle on the submission (task id, release id...), when it gives one. */
  reference: string | null;
}

/** What `appstores rollout` asks of a phased release. */
export type RolloutOperation = 'pause' | 'resume' | 'complete' | 'percent';
export type RolloutAction = { op: 'pause' | 'resume' | 'complete' } | { op: 'percent'; percent: number };

/** Which app (and, from files, which version) a lifecycle command (`release`, `rollout`) acts on. */
export interface LifecycleTarget {
  package: string;
  /** From the given files; absent with --pkg (then the store's newest version it applies to). */
  versionName?: string;
}

/** `done`: the store took the change; `noop`: nothing to do here (the message says why). */
export interface LifecycleOutcome {
  status: 'done' | 'noop';
  message: string;
  /** Said beside the result: e.g. the call follows an UNCONFIRMED reading of the store's API. */
  warning?: string;
}

/** `S`: what the adapter's plan() hands its publish() (Plan.state). */
export interface StoreSession<S = unknown> {
  /**
   * A read-only call that proves the credentials work. Throws a typed error if not. With `pkg`
   * (publishAll: the release's package) the call reads that app, and plan() takes the answer
   * (kit firstRead), so a publish reads the app once; without it (doctor) it reads
   * CREDENTIAL_PROBE_PACKAGE, so no real app is needed.
   */
  verify(pkg?: string): Promise<void>;
  info(pkg: string): Promise<AppInfo>;
  /** Read-only checks against the store's live state, before any upload (the files may still be hashing). */
  plan(release: PlanRelease): Promise<Plan<S>>;
  /**
   * `planned`: the state plan() returned for this release, when it ran just before (publishAll);
   * without it (a direct call) publish() reads what it needs itself.
   */
  publish(release: Release, progress: ProgressFn, planned?: S): Promise<PublishOutcome>;
  /** Cancels the package's submission in review (stores whose capabilities say `withdraw`). */
  withdraw?(pkg: string): Promise<WithdrawOutcome>;
  /** Releases an approved version held for a manual release (stores with `manualRelease`). */
  release?(target: LifecycleTarget): Promise<LifecycleOutcome>;
  /** Controls a phased release (stores with `phasedOperations`). */
  rollout?(target: LifecycleTarget, action: RolloutAction): Promise<LifecycleOutcome>;
}

export interface WithdrawOutcome {
  /** `withdrawn`: the store confirmed the cancel; `nothing`: no submission was in review. */
  status: 'withdrawn' | 'nothing';
  message: string;
  /** The store's handle on the cancelled submission. */
  reference: string | null;
  /** Said beside the result: e.g. the call follows an UNCONFIRMED reading of the store's API. */
  warning?: string;
}

/**
 * Which token a cached token is: the same client id through another endpoint (a sandbox, a
 * proxy, another region) is another token, never reused across them.
 */
export interface TokenKey {
  store: StoreId;
  /** The token endpoint's origin and path, e.g. `https://oop-openapi-cn.heytapmobi.com/developer/v1/token`. */
  endpoint: string;
  clientId: string;
}

export interface CachedTokenEntry {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Held while a token is fetched; `lost` turns true if another process took the lock meanwhile. */
export interface TokenLease {
  readonly lost: boolean;
}

/**
 * The token store port adapters need (src/stores/kit/token.ts uses it); core/token-cache.ts
 * implements it on disk, shared by every process on the machine.
 */
export interface TokenStore {
  get(key: TokenKey): Promise<CachedTokenEntry | null>;
  set(key: TokenKey, entry: CachedTokenEntry): Promise<void>;
  delete(key: TokenKey): Promise<void>;
  /** Runs `fn` holding the key's cross-process lock. */
  withLock<T>(key: TokenKey, fn: (lease: TokenLease) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/** Which app at which store endpoint and account a submit journal entry is about. */
export interface JournalKey {
  store: StoreId;
  endpoint: string;
  /** The store account (Xiaomi: the login email). */
  account: string;
  package: string;
}

export interface SubmitRecord {
  versionCode: number;
  versionName: string;
  /** Epoch ms of the submit. */
  at: number;
}

/**
 * What this tool submitted, kept next to the token cache: a store that hides which version is in
 * review (Xiaomi) is told apart from "another version in review" by it.
 */
export interface SubmitJournal {
  last(key: JournalKey): Promise<SubmitRecord | null>;
  record(key: JournalKey, entry: SubmitRecord): Promise<void>;
}

export interface StoreContext<C> {
  config: C;
  /** `config.baseUrl` when set, else the adapter's defaultBaseUrl: the one way a base URL is defaulted. */
  baseUrl: string;
  http: HttpClient;
  clock: Clock;
  signal: AbortSignal;
  cache: TokenStore;
  journal: SubmitJournal;
  /** Register a value (token, signature, pre-signed URL) so that it is redacted from all output. */
  addSecret(value: string): void;
}

export interface ConfigField {
  name: string;
  description: string;
  required: boolean;
  secret: boolean;
  /** A file path: resolved relative to the config file's directory. */
  path?: boolean;
}

/** Release-notes length in characters (code points), as the store's reference gives it. */
export interface NotesLength {
  min: number;
  /** Absent when no maximum is known. */
  max?: number;
}

export interface StoreAdapter<S extends z.ZodType = z.ZodType> {
  id: StoreId;
  title: string;
  capabilities: Capabilities;
  /** Checked locally (src/core/notes.ts) before any request to the store. */
  notesLength?: NotesLength;
  /** The store's rule on the notes' characters (e.g. no emoji), checked locally per locale: the problem, or null. */
  notesCharacterProblem?(notes: string): string | null;
  /** zod schema of `stores.<id>` in the config file (after secrets are resolved). */
  configSchema: S;
  /** Config fields, for `appstores stores` and the environment overlay. */
  fields: ConfigField[];
  defaultBaseUrl: string;
  connect(ctx: StoreContext<z.output<S>>): StoreSession;
}
