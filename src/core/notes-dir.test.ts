import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoreAdapter } from '../stores/types.js';
import { canonicalLocale, checkStoreNotes, notesFor, notesForStore, readNotesDir } from './notes-dir.js';

function layout(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'notes-dir-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const store = (id: 'apple' | 'oppo', perLanguage: boolean, max: number) =>
  ({
    id,
    title: id,
    capabilities: { notesPerLanguage: perLanguage },
    notesLength: { min: 1, max },
  }) as unknown as StoreAdapter;

describe('--notes-dir', () => {
  it('picks <versionCode>.<store>.txt, <store>.txt, <versionCode>.txt, default.txt in that order', async () => {
    const dir = await readNotesDir(
      layout({
        'zh-CN/changelogs/default.txt': '修复问题\r\n',
        'zh-CN/changelogs/oppo.txt': 'OPPO 专用',
        'en-US/changelogs/6100000.txt': 'Fixes',
        'en-US/changelogs/6100000.apple.txt': 'Fixes for iOS',
        'ja/changelogs/default.txt': '修正',
        'de-DE/images/icon.png': 'not notes',
      }),
    );
    expect([...dir.keys()]).toEqual(['en-US', 'ja', 'zh-CN']);
    expect(notesFor(dir, 'zh-CN', 'vivo', 6100000)).toBe('修复问题');
    expect(notesFor(dir, 'zh-CN', 'oppo', 6100000)).toBe('OPPO 专用');
    expect(notesFor(dir, 'en-US', 'apple', 6100000)).toBe('Fixes for iOS');
    expect(notesFor(dir, 'en-US', 'huawei', 6100000)).toBe('Fixes');
    expect(notesFor(dir, 'en-US', 'huawei', 7)).toBeNull();
    // Apple's zh-Hans is the directory's zh-CN.
    expect(notesFor(dir, 'zh-Hans', 'apple', 1)).toBe('修复问题');
    expect(canonicalLocale('en_US')).toBe('en-US');
    expect(notesForStore(dir, store('oppo', false, 100), 6100000, 'zh-CN')).toEqual({ notes: 'OPPO 专用' });
    expect(notesForStore(dir, store('apple', true, 100), 6100000, 'zh-CN')).toEqual({
      notes: '修复问题',
      notesByLocale: { 'en-US': 'Fixes for iOS', ja: '修正', 'zh-CN': '修复问题' },
    });
  });

  it('checks every store per locale and reports every problem at once', async () => {
    const dir = await readNotesDir(
      layout({ 'zh-CN/changelogs/default.txt': 'x'.repeat(20), 'en-US/changelogs/default.txt': 'y'.repeat(30) }),
    );
    const apple = store('apple', true, 25);
    const oppo = store('oppo', false, 10);
    const problem = checkStoreNotes([
      { adapter: apple, notes: notesForStore(dir, apple, 1, 'zh-CN') },
      { adapter: oppo, notes: notesForStore(dir, oppo, 1, 'zh-CN') },
    ]);
    expect(problem?.code).toBe('NOTES_INVALID');
    expect(problem?.message).toMatch(
      /^2 release-notes problems: apple en-US: .*30 characters.*; oppo default locale: .*20/,
    );
  });

  it('refuses a control character or bad UTF-8 with the file named, and an empty directory', async () => {
    await expect(
      readNotesDir(
        layout({ 'zh-CN/changelogs/default.txt': 'a\u0007b', 'en-US/changelogs/1.txt': Buffer.from([0xff]) as never }),
      ),
    ).rejects.toThrow(/2 release-notes problems: .*en-US.*1\.txt is not valid UTF-8; .*U\+0007/);
    await expect(readNotesDir(layout({ 'zh-CN/other.txt': 'x' }))).rejects.toThrow(/has no <locale>\/changelogs/);
  });
});
