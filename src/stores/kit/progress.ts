/**
 * Upload progress, the same in every store: one `total` per file (the file's size, not the size of
 * a multipart body around it), bytes that only grow (a retried upload or part does not make the
 * count jump back), and parts of one file uploaded in parallel (Apple's upload operations) summed.
 */
import type { ProgressFn } from '../types.js';

export type SentFn = (sent: number, total: number) => void;

export interface FileProgress {
  /** For a body that carries the whole file (possibly inside multipart framing): scaled to the file. */
  whole(): SentFn;
  /** For a body that is bytes [offset, offset + length) of the file. */
  part(offset: number, length: number): SentFn;
}

export function fileProgress(progress: ProgressFn, detail: string, size: number): FileProgress {
  const parts = new Map<string, number>();
  let reported = -1;
  const report = () => {
    let sum = 0;
    for (const bytes of parts.values()) sum += bytes;
    const bytes = Math.min(size, sum);
    if (bytes <= reported) return;
    reported = bytes;
    progress({ phase: 'upload', detail, bytes, total: size });
  };
  report();
  const track =
    (key: string, length: number): SentFn =>
    (sent, total) => {
      const share = total > 0 ? Math.floor((Math.min(sent, total) / total) * length) : length;
      // A retried attempt starts again at 0: keep the part's best so the sum never goes back.
      parts.set(key, Math.max(parts.get(key) ?? 0, share));
      report();
    };
  return {
    whole: () => track('whole', size),
    part: (offset, length) => track(`${offset}+${length}`, length),
  };
}
