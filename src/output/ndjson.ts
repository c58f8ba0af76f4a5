/**
 * `--progress ndjson`: one JSON object per line on stderr, so wrappers and dashboards can follow a
 * publish without parsing human text. The shape is versioned: every event has `"v": 1`; fields are
 * only ever added within a version. Events, in order:
 *
 *   start   { stores: [ids], artifacts: [inspect JSON], dryRun }
 *   phase   { store, phase: verify|plan|upload|submit|wait, detail }      when a store's step changes
 *   bytes   { store, bytes, total, detail }      during uploads, at most every 250 ms per store, and at 100%
 *   result  { store, status, category, code, message, reference, durationMs, storeCode?, hint? }
 *   done    { ok, exitCode, dryRun, stoppedAtChecks }
 *   error   { code, category, message, store, storeCode, hint }     when the run stops before or outside a store
 *
 * Every event also has `event` (its name) and `time` (ISO-8601). A store's last event is its result.
 */
import type { ArtifactJson } from '../artifacts/types.js';
import type { PublishReport, StoreResult } from '../core/publish.js';
import type { ProgressEvent, StoreId } from '../stores/types.js';

export const NDJSON_VERSION = 1;
/** Bytes events per store are at least this far apart (the last one, at 100%, always goes out). */
export const BYTES_INTERVAL_MS = 250;

export interface NdjsonWriter {
  start(info: { stores: StoreId[]; artifacts: ArtifactJson[]; dryRun: boolean }): void;
  update(store: StoreId, event: ProgressEvent): void;
  result(result: StoreResult): void;
  done(report: PublishReport, exitCode: number): void;
}

export function ndjsonEvent(event: string, fields: Record<string, unknown>, now: () => number = Date.now): string {
  return `${JSON.stringify({ v: NDJSON_VERSION, event, time: new Date(now()).toISOString(), ...fields })}\n`;
}

export function ndjsonProgress(write: (text: string) => void, now: () => number = Date.now): NdjsonWriter {
  const emit = (event: string, fields: Record<string, unknown>) => write(ndjsonEvent(event, fields, now));
  const step = new Map<StoreId, string>();
  const lastBytes = new Map<StoreId, number>();
  return {
    start: (info) => emit('start', info),
    update(store, event) {
      // `done` is said by the result event, which carries the outcome.
      if (event.phase === 'done') return;
      const key = `${event.phase}|${event.detail ?? ''}`;
      if (step.get(store) !== key) {
        step.set(store, key);
        lastBytes.delete(store);
        emit('phase', { store, phase: event.phase, detail: event.detail ?? null });
      }
      if (event.bytes === undefined || event.total === undefined) return;
      const at = now();
      const last = lastBytes.get(store);
      if (last !== undefined && at - last < BYTES_INTERVAL_MS && event.bytes < event.total) return;
      lastBytes.set(store, at);
      emit('bytes', { store, bytes: event.bytes, total: event.total, detail: event.detail ?? null });
    },
    result: (result) => emit('result', { ...result }),
    done: (report, exitCode) =>
      emit('done', { ok: report.ok, exitCode, dryRun: report.dryRun, stoppedAtChecks: report.stoppedAtChecks }),
  };
}
