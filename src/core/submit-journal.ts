/**
 * The submit journal (stores/types.ts SubmitJournal): one small file per store + endpoint +
 * account + package, `journal-<store>-<hash>.json`, mode 0600 beside the cached tokens, holding
 * `{"versionCode", "versionName", "at"}` of the last submit this machine made. No secret; `cache
 * clear` leaves it (it is not a token).
 */
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalKey, SubmitJournal, SubmitRecord } from '../stores/types.js';
import { InputError } from './errors.js';
import { makeDir } from './make-dir.js';

export class FileSubmitJournal implements SubmitJournal {
  constructor(private readonly dir: string) {}

  private file(key: JournalKey): string {
    const hash = createHash('sha256')
      .update([key.store, key.endpoint, key.account, key.package].join('\0'))
      .digest('hex')
      .slice(0, 24);
    return join(this.dir, `journal-${key.store}-${hash}.json`);
  }

  async last(key: JournalKey): Promise<SubmitRecord | null> {
    try {
      const entry = JSON.parse(await readFile(this.file(key), 'utf8')) as Partial<SubmitRecord>;
      if (typeof entry.versionCode !== 'number' || typeof entry.at !== 'number') return null;
      return { versionCode: entry.versionCode, versionName: String(entry.versionName ?? ''), at: entry.at };
    } catch {
      return null;
    }
  }

  async record(key: JournalKey, entry: SubmitRecord): Promise<void> {
    const target = this.file(key);
    const temp = `${target}.${process.pid}.tmp`;
    try {
      await makeDir(this.dir, 0o700);
      await writeFile(
        temp,
        JSON.stringify({ versionCode: entry.versionCode, versionName: entry.versionName, at: entry.at }),
        { mode: 0o600 },
      );
      await rename(temp, target);
    } catch (error) {
      throw new InputError(
        `cannot write the submit journal in ${this.dir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        {
          code: 'CACHE_DIR_UNWRITABLE',
          hint: 'set APPSTORES_CACHE_DIR to a writable directory',
          cause: error,
        },
      );
    }
  }
}
