/**
 * `mkdir -p` with a bounded loop. Node 20's `mkdir(path, { recursive: true })` spins forever when
 * the kernel answers ENOENT for a child of a directory that exists (APPSTORES_CACHE_DIR=/proc/cache
 * hung at ~86% CPU, deaf to signals: issue 7 item 2). Here each missing component is created once,
 * so the loop runs at most once per path component, and every failure is an error.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export async function makeDir(path: string, mode: number): Promise<void> {
  const missing: string[] = [];
  // Walk up to the first component that exists (bounded by the path's depth).
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`${dir} is not a directory`), { code: 'ENOTDIR' });
      break;
    }
    missing.push(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing.reverse()) {
    await mkdir(dir, { mode }).catch((error: NodeJS.ErrnoException) => {
      // Another process made it in the meantime.
      if (error.code !== 'EEXIST') throw error;
    });
  }
}
